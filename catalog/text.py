"""Vietnamese text helpers shared by the whole project (search, slugs, matching)."""

import re
import unicodedata

from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics, including đ/Đ → d/D ("Đăng ký" → "Dang ky")."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def vn_slugify(text: str, max_length: int = 200) -> str:
    """ASCII slug of a Vietnamese text: "Sở Tư pháp" → "so-tu-phap"."""
    slug = slugify(fold_diacritics(text))
    return slug[:max_length].strip("-")


# What a source's list left before a name: ". Thủ tục…", "1.\tCông nhận…", "- Cấp…", "a) Đăng ký…".
_LIST_MARKER = re.compile(r"^\s*(?:[.,;:\-–—•·*]+|\d{1,3}[.)]|[a-zđ]\))\s+(?=\w|\()")


def procedure_name_clean(name: str) -> str:
    """A procedure's name without the list marker or stray punctuation a source left before it."""
    return _LIST_MARKER.sub("", name, count=1).strip()


def normalize_name(text: str) -> str:
    """A key to match names written slightly differently (case, spacing, diacritic composition)."""
    return re.sub(r"\s+", " ", nfc(text)).strip().casefold()


def normalize_text(text: str | None) -> str | None:
    """A published text as stored: NFC, one line-ending convention (\\n), no trailing spaces on a line, no
    blank lines at either end. Browsers send textareas with \\r\\n; without this an unchanged text saved
    through the admin would read as changed in version differences."""
    if text is None:
        return None
    lines = [line.rstrip() for line in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n").strip()
