"""Vietnamese text handling shared by every search backend.

Both the indexed text and the query go through the same functions, so backends without Vietnamese
analysis (SQLite FTS5, PostgreSQL's `simple` configuration, Elasticsearch without plugins) compare like with
like. Two forms are kept: the *original* form (NFC + casefold, diacritics kept) ranks exact matches first;
the *folded* form (no diacritics, đ → d, ky/ki spelling unified) lets "dang ki khai sinh" find "Đăng ký".
"""

import functools
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


@functools.lru_cache(maxsize=65536)  # pure, over a vocabulary of a few thousand syllables; re-ranking folds names
def fold_token(token: str) -> str:
    """A syllable without diacritics, i/y spellings unified ("ký" → "ki"); numbers without leading zeros
    ("02" → "2", so "mức 2" finds "mức độ 02")."""
    if token.isdigit():
        return token.lstrip("0") or "0"
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


# --- Vietnamese syllables, tones and keyboard leftovers --------------------------------------------------------

# A folded Vietnamese syllable: optional initial consonant, a vowel nucleus, optional final (no diacritics).
_SYLLABLE_RE = re.compile(
    r"^(?:b|c|ch|d|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)?"
    r"(?:a|e|i|o|u|y|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ya|ye|uye|uya|oai|oay|oao|oeo|ieu|uoi|uou|uay|yeu)"
    r"(?:c|ch|m|n|ng|nh|p|t|i|o|u|y)?$"
)
# Combining tone marks (NFD) and the Telex key that types each: sắc, huyền, hỏi, ngã, nặng.
_TONE_KEYS = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_TELEX_LETTERS = (
    ("uow", "ươ"),
    ("dd", "đ"),
    ("aa", "â"),
    ("aw", "ă"),
    ("ee", "ê"),
    ("oo", "ô"),
    ("ow", "ơ"),
    ("uw", "ư"),
)
_VNI_TONES = {"1": "s", "2": "f", "3": "r", "4": "x", "5": "j"}
_VNI_MARKS = {"6": {"a": "â", "e": "ê", "o": "ô"}, "7": {"o": "ơ", "u": "ư"}, "8": {"a": "ă"}, "9": {"d": "đ"}}
_VOWELS = set("aăâeêioôơuưy")


def is_syllable(folded: str) -> bool:
    """Whether a folded token has the shape of a Vietnamese syllable ("nghiep" yes, "cccd" or "vneid" no)."""
    return bool(_SYLLABLE_RE.match(folded))


def tone_signature(spelling: str) -> tuple[str, str]:
    """A spelling split into its letters without the tone mark and its tone (as the Telex key):
    "nghiệp" → ("nghiêp", "j"), "đăng" → ("đăng", "")."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", spelling):
        if ch in _TONE_KEYS:
            tone = _TONE_KEYS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def keyboard_decode(token: str) -> tuple[str, str] | None:
    """Undo Telex or VNI keystrokes left in a typed syllable, as (letters, tone key), or None when there are none.

    Telex: "caaps" → ("câp", "s"), "bawngf" → ("băng", "f"), "đôngj" → ("đông", "j"); VNI: "ky1" → ("ky", "s").
    The caller checks the result against the catalog's syllables (a leftover-looking word may be a real one).
    """
    if any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token):
        return _vni_decode(token)
    if not token.isalpha():
        return None
    letters, tone = token, ""
    if len(letters) > 1 and letters[-1] in "sfrxj" and any(ch in _VOWELS for ch in fold_diacritics(letters[:-1])):
        letters, tone = letters[:-1], letters[-1]
    for keys, letter in _TELEX_LETTERS:
        letters = letters.replace(keys, letter)
    if "w" in letters:
        letters = letters.replace("w", "ư")
    if letters == token:
        return None
    return letters, tone


def _vni_decode(token: str) -> tuple[str, str] | None:
    letters: list[str] = []
    tone = ""
    for ch in token:
        if ch in _VNI_TONES:
            tone = _VNI_TONES[ch]
        elif ch in _VNI_MARKS:
            marks = _VNI_MARKS[ch]
            for i in range(len(letters) - 1, -1, -1):
                if letters[i] in marks:
                    letters[i] = marks[letters[i]]
                    if ch == "7" and letters[i] == "ơ" and i and letters[i - 1] == "u":
                        letters[i - 1] = "ư"  # "uo7" is "ươ"
                    break
            else:
                return None
        elif ch.isalpha():
            letters.append(ch)
        else:
            return None
    return ("".join(letters), tone) if letters else None


# Regional and sound-alike spellings (folded), as general rules: Southern Sino-Vietnamese readings
# (sanh/sinh, tánh/tính, chánh/chính, bịnh/bệnh, nhứt/nhất, thiệt/thật, phước/phúc) and the finals and
# initials that several dialects merge in speech and so in spelling (n/ng, t/c, s/x, ch/tr, d/gi/v/r, l/n).
_RHYME_RULES = (
    ("anh", "inh"),
    ("inh", "anh"),
    ("inh", "enh"),
    ("enh", "inh"),
    ("ut", "at"),
    ("iet", "at"),
    ("uoc", "uc"),
)
_FINAL_RULES = (("ng", "n"), ("n", "ng"), ("c", "t"), ("t", "c"), ("nh", "n"))
_INITIAL_RULES = (
    ("s", "x"), ("x", "s"), ("ch", "tr"), ("tr", "ch"), ("d", "gi"), ("gi", "d"), ("d", "v"), ("v", "d"),
    ("r", "d"), ("r", "g"), ("l", "n"), ("n", "l"),
)  # fmt: skip


def regional_variants(folded: str) -> list[str]:
    """Spellings of a folded syllable under the regional and sound-alike rules ("sanh" → "sinh", ...)."""
    out: list[str] = []
    for old, new in _RHYME_RULES + _FINAL_RULES:
        if folded.endswith(old) and len(folded) > len(old):
            out.append(folded[: -len(old)] + new)
    for old, new in _INITIAL_RULES:
        if folded.startswith(old) and len(folded) > len(old) and not (old == "n" and folded.startswith(("ng", "nh"))):
            if old == "g" and folded.startswith("gi"):
                continue
            out.append(new + folded[len(old) :])
    return [variant for variant in dict.fromkeys(out) if variant != folded]


def deletions(word: str) -> set[str]:
    """Every string one deletion away from `word` (the index of a typo look-up)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# Where the core of a procedure name ends: its action and object come first ("Cấp giấy phép xây dựng mới"),
# then qualifiers (punctuation, "đối với ...", "cho ...", "tại ...", "(thực hiện tại cấp ...)").
_HEAD_END_RE = re.compile(
    r"[();:/\[\]–-]|\s(?:đối với|cho|của|tại|trong|theo|thuộc|do|ở|và|hoặc|kết hợp|đồng thời|từ|khi|mà|với)\s",
    re.IGNORECASE,
)
_NAME_PREFIX = ("thu", "tuc")


_PARENTHESES_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def name_parts(name: str) -> tuple[str, str]:
    """A procedure name split into its main text and its remarks in parentheses ("(thực hiện tại cấp tỉnh)",
    "(khai sinh; giám hộ; ...)"): a query matching only the remarks matches the procedure less."""
    remarks = " ".join(match.group(0)[1:-1] for match in _PARENTHESES_RE.finditer(name or ""))
    main = _PARENTHESES_RE.sub(" ", name or "")
    return (main if main.strip() else name or ""), remarks


def name_head(name: str) -> list[str]:
    """The folded syllables of a procedure name's core (before its qualifiers), without a leading "Thủ tục"."""
    text = normalize(name_parts(name)[0])
    words = folded_tokens(text)
    if tuple(words[:2]) == _NAME_PREFIX:
        text = re.sub(r"^\W*thủ tục\W*", "", text)
    match = _HEAD_END_RE.search(text, 1)
    head = folded_tokens(text[: match.start()] if match else text)
    return head or folded_tokens(text)
