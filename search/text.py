"""Vietnamese text handling shared by every search backend.

Both the indexed text and the query go through the same functions, so backends without Vietnamese
analysis (SQLite FTS5, PostgreSQL's `simple` configuration, Elasticsearch without plugins) compare like with
like. Two forms are kept: the *original* form (NFC + casefold, diacritics kept) ranks exact matches first;
the *folded* form (no diacritics, đ → d, ky/ki spelling unified) lets "dang ki khai sinh" find "Đăng ký".
"""

import re
import unicodedata

from catalog.text import fold_diacritics
from catalog.validators import PROCEDURE_CODE_PATTERN

_TOKEN_RE = re.compile(r"\d+(?:[./-]\d+)*|[^\W_]+")
_CODE_RE = re.compile(rf"^\s*({PROCEDURE_CODE_PATTERN})\s*$", re.IGNORECASE)
# Syllables spelled with either i or y after an initial consonant (ký/kí, lý/lí, mỹ/mĩ); "quy", "uy", "y" keep y.
_I_Y_RE = re.compile(r"^(b|c|ch|d|g|gh|h|k|kh|l|m|n|nh|p|ph|r|s|t|th|tr|v|x)y$")


def normalize(text: str) -> str:
    """NFC + full Unicode case folding ("ĐĂNG KÝ" → "đăng ký"); SQL LIKE/LOWER only fold ASCII."""
    return unicodedata.normalize("NFC", text or "").casefold()


def tokens(text: str) -> list[str]:
    """Syllables (and codes like 1.001193) of `text` in original casefolded form."""
    return _TOKEN_RE.findall(normalize(text))


def fold_token(token: str) -> str:
    folded = fold_diacritics(token)
    return _I_Y_RE.sub(lambda m: m.group(1) + "i", folded)


def folded_tokens(text: str) -> list[str]:
    """Syllables without diacritics, spelling variants unified: "Đăng ký" → ["dang", "ki"]."""
    return [fold_token(token) for token in tokens(text)]


def original_text(text: str) -> str:
    """The indexed original form: tokens joined by single spaces (diacritics kept)."""
    return " ".join(tokens(text))


def folded_text(text: str) -> str:
    """The indexed folded form: folded tokens joined by single spaces."""
    return " ".join(folded_tokens(text))


def national_code(query: str) -> str | None:
    """The national procedure code the query consists of ("1.001193", "1.012753.H19"), or None; a suffix
    typed in lower case reads as the upper-case code the national database issues."""
    match = _CODE_RE.match(query or "")
    return match.group(1).upper() if match else None


def contains_phrase(haystack: list[str], needle: list[str]) -> bool:
    """Whether `needle` occurs in `haystack` as consecutive tokens."""
    if not needle or len(needle) > len(haystack):
        return False
    first = needle[0]
    width = len(needle)
    return any(haystack[i] == first and haystack[i : i + width] == needle for i in range(len(haystack) - width + 1))


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    i = j = 0
    skipped = False
    while i < len(a) and j < len(b):
        if a[i] != b[j]:
            if skipped:
                return False
            skipped = True
            j += 1
            continue
        i += 1
        j += 1
    return True


def fuzzy_variants(token: str, known: dict[str, object] | set[str], *, limit: int = 6) -> list[str]:
    """Known syllables one edit away from a syllable the catalog does not use (typo tolerance), or []."""
    if token in known or len(token) < 3 or not token.isalpha():
        return []
    size = len(token)
    found = [word for word in known if abs(len(word) - size) <= 1 and within_one_edit(token, word)]
    return sorted(found)[:limit]
