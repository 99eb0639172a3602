"""Accent-insensitive matching in the database: "ho tich" finds "Hộ tịch", "dang ky" finds "Đăng ký".

One rule everywhere: :func:`fold` (Python) lowercases and strips Vietnamese diacritics (đ → d); the SQL
function ``catalog_fold(text)`` does the same in the database — on PostgreSQL an IMMUTABLE function built
from the same character table by migration ``catalog.0005``, on SQLite a Python function registered on
each connection (``catalog.apps``). :func:`folded_search` narrows a queryset to rows where every word of
the query appears, folded, in one of the given fields.
"""

import unicodedata

from django.db.models import Func, Q, QuerySet, TextField

from catalog.text import fold_diacritics

FUNCTION_NAME = "catalog_fold"
# Letters whose folded form is one ASCII letter: the Latin blocks that hold every Vietnamese letter.
_LATIN_BLOCKS = (range(0x00C0, 0x0250), range(0x1E00, 0x1F00))
_COMBINING_MARKS = "".join(chr(code) for code in range(0x0300, 0x0370))


def fold(text: str | None) -> str:
    """The folded form of ``text``: no diacritics, lower case ("Hộ tịch" → "ho tich")."""
    return fold_diacritics(unicodedata.normalize("NFC", text or "")).lower()


def fold_table() -> tuple[str, str]:
    """(from, to) for SQL ``translate()``: each accented letter and its plain lowercase letter.

    Combining marks (text stored decomposed) come last in ``from`` with nothing in ``to``: they are dropped.
    """
    sources, targets = [], []
    for block in _LATIN_BLOCKS:
        for code in block:
            char = chr(code)
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
                sources.append(char)
                targets.append(folded)
    return "".join(sources) + _COMBINING_MARKS, "".join(targets)


def postgres_function_sql() -> str:
    sources, targets = fold_table()
    return (
        f"CREATE OR REPLACE FUNCTION {FUNCTION_NAME}(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        f"AS $$ SELECT lower(translate($1, '{sources}', '{targets}')) $$"
    )


def sqlite_fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


class Folded(Func):
    """``catalog_fold(expression)``: the folded text of a column, for accent-insensitive filters."""

    function = FUNCTION_NAME
    output_field = TextField()


def folded_search(queryset: QuerySet, *, fields: list[str] | tuple[str, ...], query: str) -> QuerySet:
    """Rows of ``queryset`` where each word of ``query`` appears (folded) in at least one of ``fields``."""
    words = fold(query).split()
    if not words or not fields:
        return queryset
    aliases = {f"_folded_{index}": Folded(name) for index, name in enumerate(fields)}
    queryset = queryset.alias(**aliases)
    for word in words:
        matches = Q()
        for alias in aliases:
            matches |= Q(**{f"{alias}__contains": word})
        queryset = queryset.filter(matches)
    return queryset
