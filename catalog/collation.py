"""Vietnamese alphabetical order, the same in Python, SQLite and PostgreSQL.

Dictionary order: letters a ă â b c d đ e ê … o ô ơ … u ư …, then tones (none, huyền, hỏi, ngã, sắc, nặng),
then case; punctuation and spaces do not count, and leading punctuation or numbering ("1. ", "(") is
ignored. PostgreSQL orders with the ICU collation ``vietnamese`` (``vi-u-ka-shifted``, created by
migration ``catalog.0004``); SQLite with a collation of the same name registered on each connection that
compares :func:`vietnamese_sort_key`. In Python, sort with ``key=vietnamese_sort_key``.
"""

import functools
import re
import unicodedata

from django.db import connections
from django.db.models import F, Func, QuerySet, Value
from django.db.models.expressions import Expression, OrderBy
from django.db.models.functions import Collate

COLLATION_NAME = "vietnamese"
ICU_LOCALE = "vi-u-ka-shifted"

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Letter modifiers that make a distinct Vietnamese letter (ă, â, ê, ô, ơ, ư) after NFD.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_LETTER_WITH = {("a", _BREVE): "ă", ("a", _CIRCUMFLEX): "â", ("e", _CIRCUMFLEX): "ê", ("o", _CIRCUMFLEX): "ô"}
_LETTER_WITH |= {("o", _HORN): "ơ", ("u", _HORN): "ư"}
# Tone marks in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_PRIMARY = {letter: chr(0x41 + i) for i, letter in enumerate(_LETTERS)}
_LEADING_NON_LETTERS = re.compile(r"^[\W\d_]+", re.UNICODE)
# PostgreSQL spelling of the same rule (used inside the ORDER BY expression).
_SQL_LEADING_NON_LETTERS = "^[^[:alpha:]]+"
# PostgreSQL collation comparing bytes, for stored sort keys (UTF-8 byte order is code point order).
BYTE_ORDER = "C"
# Characters of a stored sort key that PostgreSQL indexes (a model's ``stored_sort_prefixes``): at most 4 bytes
# each, well under a btree entry's limit (about 2.7 kB), which the full key of a 1,200-character name exceeds.
SORT_PREFIX_LENGTH = 100


def strip_leading_numbering(text: str) -> str:
    """ "1. Đăng ký" → "Đăng ký", "(Cấp xã) …" → "Cấp xã) …": what precedes the first letter does not sort."""
    return _LEADING_NON_LETTERS.sub("", text)


def vietnamese_sort_key(text: str | None) -> str:
    """A string whose plain (code point) order is Vietnamese dictionary order of ``text``.

    Levels are joined by U+0001 so a shorter word sorts first; the original text breaks ties.
    """
    text = strip_leading_numbering(unicodedata.normalize("NFD", text or ""))
    primary, secondary, tertiary = [], [], []
    chars = list(text)
    i = 0
    while i < len(chars):
        char = chars[i]
        i += 1
        lower = char.lower()
        if unicodedata.combining(char) or not char.isalnum():
            continue  # punctuation and spaces are ignorable (ICU "shifted")
        letter, tone = lower, "0"
        while i < len(chars) and unicodedata.combining(chars[i]):
            mark = chars[i]
            letter = _LETTER_WITH.get((letter, mark), letter)
            tone = _TONES.get(mark, tone)
            i += 1
        if letter.isdigit():
            primary.append(str(unicodedata.digit(letter, 0)))
        else:
            primary.append(_PRIMARY.get(letter, chr(0x100 + ord(letter))))
        secondary.append(tone)
        tertiary.append("1" if char != lower else "0")
    original = unicodedata.normalize("NFC", text)
    return "\x01".join(("".join(primary), "".join(secondary), "".join(tertiary), original))


@functools.lru_cache(maxsize=65536)
def vietnamese_sort_key_cached(text: str) -> str:
    """`vietnamese_sort_key`, remembered: for texts sorted again and again (labels, names)."""
    return vietnamese_sort_key(text)


def sqlite_collation(left: str, right: str) -> int:
    """The SQLite collation function: compares the two texts' Vietnamese sort keys (cached: a sort of n
    rows compares each text about log n times)."""
    a, b = vietnamese_sort_key_cached(left), vietnamese_sort_key_cached(right)
    return (a > b) - (a < b)


def vietnamese_order_keys(field: str | Expression, vendor: str, *, model: type | None = None) -> list[Expression]:
    """ORDER BY expressions sorting ``field`` in Vietnamese order on the given database vendor.

    A model may keep the sort key of a column in another, indexed column (``stored_sort_keys``, e.g.
    ``{"name": "name_sort_key"}``, written whenever the text changes). Both databases then order by that
    column, compared as bytes (UTF-8 byte order is the key's code point order): SQLite's collation is a
    Python call per comparison (about 110,000 for a page of 20,000 names), PostgreSQL's ICU collation costs
    a comparison in ICU and a regexp per row, where the stored key is a plain byte comparison. A PostgreSQL
    btree entry cannot hold a long name's full key, so its index is on a bounded prefix of the key
    (``stored_sort_prefixes``, SORT_PREFIX_LENGTH characters): the order is (prefix, key), the index gives
    the prefix's order and ties are sorted by the full key — the same order as the key alone.
    """
    stored = getattr(model, "stored_sort_keys", {}).get(field) if isinstance(field, str) else None
    if stored and vendor != "postgresql":
        return [F(stored)]
    if stored:
        prefix = getattr(model, "stored_sort_prefixes", {}).get(field)
        key = Collate(F(stored), BYTE_ORDER)
        return [Collate(F(prefix), BYTE_ORDER), key] if prefix else [key]
    expression = F(field) if isinstance(field, str) else field
    if vendor == "postgresql":
        expression = Func(expression, Value(_SQL_LEADING_NON_LETTERS), Value(""), function="regexp_replace")
    return [Collate(expression, COLLATION_NAME)]


def order_by_vietnamese(queryset: QuerySet, *fields: str) -> QuerySet:
    """``queryset`` ordered by ``fields`` in Vietnamese order, then by primary key (a stable order)."""
    vendor = connections[queryset.db].vendor
    keys = [key for name in fields for key in vietnamese_order_keys(name, vendor, model=queryset.model)]
    return queryset.order_by(*keys, "pk")


def _prefix_ordered(queryset: QuerySet) -> tuple[str, bool] | None:
    """(prefix column, descending) when ``queryset`` is ordered by one field's (prefix, key) pair of
    vietnamese_order_keys then by primary key, ascending or descending alike; otherwise None."""
    terms = queryset.query.order_by
    if len(terms) != 3 or terms[2] != "pk":
        return None
    unwrapped = [term.expression if isinstance(term, OrderBy) else term for term in terms[:2]]
    descending = {isinstance(term, OrderBy) and term.descending for term in terms[:2]}
    if len(descending) != 1:
        return None
    vendor = connections[queryset.db].vendor
    for field, prefix in getattr(queryset.model, "stored_sort_prefixes", {}).items():
        if unwrapped == vietnamese_order_keys(field, vendor, model=queryset.model):
            return prefix, descending.pop()
    return None


def vietnamese_order_slice(queryset: QuerySet, start: int, stop: int) -> list | None:
    """``list(queryset[start:stop])`` for a queryset ordered by order_by_vietnamese on a field with an
    indexed sort-key prefix (PostgreSQL), read without sorting the table: None for any other queryset.

    A deep page (OFFSET 15,000) of the plain query sorts every matching row by its full key, or walks the
    heap along an index. Here the rows come in four small queries: (1) positions ``start:stop`` in the
    index's own order (prefix, pk), an index-only scan; both orders sort by the prefix first, so the groups
    of equal prefix sit at the same positions in both, and only within a group may the rows differ;
    (2) how many rows of the first group come before the window in index order; (3) the exact order, by the
    full key, of the rows from the window's first group to its last, from that count on; (4) those rows.
    """
    ordered = _prefix_ordered(queryset)
    if ordered is None or stop <= start:
        return None
    prefix, descending = ordered
    alias = "_vietnamese_prefix"
    ranked = queryset.annotate(**{alias: Collate(F(prefix), BYTE_ORDER)})
    index_order = [OrderBy(F(alias), descending=descending), OrderBy(F("pk"), descending=descending)]
    window = list(ranked.order_by(*index_order).values_list(alias, "pk")[start:stop])
    if not window:
        return []
    (first, first_pk), last = window[0], window[-1][0]
    before = ranked.filter(**{alias: first, "pk__gt" if descending else "pk__lt": first_pk}).count()
    between = (
        {f"{alias}__lte": first, f"{alias}__gte": last}
        if descending
        else {f"{alias}__gte": first, f"{alias}__lte": last}
    )
    ids = list(ranked.filter(**between).values_list("pk", flat=True)[before : before + len(window)])
    rows = queryset.order_by().in_bulk(ids)
    return [rows[pk] for pk in ids]
