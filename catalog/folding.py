"""Accent-insensitive matching in the database: "ho tich" finds "Hộ tịch", "dang ky" finds "Đăng ký".

One rule everywhere: :func:`fold` (Python) lowercases and strips Vietnamese diacritics (đ → d); the SQL
function ``catalog_fold(text)`` does the same in the database — on PostgreSQL an IMMUTABLE wrapper of the
``unaccent`` extension (its dictionary maps every Vietnamese letter, đ included, and drops combining marks;
migration ``catalog.0005``, which also indexes procedure names for it), on SQLite this module's Python
function registered on each connection (``catalog.apps``). :func:`folded_search` narrows a queryset to rows
where every word of the query appears, folded, in one of the given fields.
"""

import functools
import unicodedata

from django.db import connections
from django.db.models import F, Func, Q, QuerySet, TextField
from django.db.models.expressions import Expression

from catalog.text import fold_diacritics

FUNCTION_NAME = "catalog_fold"


def fold(text: str | None) -> str:
    """The folded form of ``text``: no diacritics, lower case ("Hộ tịch" → "ho tich")."""
    return fold_diacritics(unicodedata.normalize("NFC", text or "")).lower()


def postgres_function_sql() -> str:
    """``catalog_fold(text)`` on PostgreSQL: lower(unaccent(text)), IMMUTABLE so indexes can use it (the
    dictionary is named, so the result does not depend on the search path)."""
    return (
        f"CREATE OR REPLACE FUNCTION {FUNCTION_NAME}(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$"
    )


@functools.lru_cache(maxsize=65536)
def _cached_fold(text: str) -> str:
    return fold(text)


def sqlite_fold(text: str | None) -> str | None:
    """The SQLite function: called per row and per searched column on every search, so the folded texts
    (names, codes) are remembered rather than normalised again on each keystroke."""
    return None if text is None else _cached_fold(text)


class Folded(Func):
    """``catalog_fold(expression)``: the folded text of a column, for accent-insensitive filters."""

    function = FUNCTION_NAME
    output_field = TextField()


def folded_expression(field: str, *, model: type, vendor: str) -> Expression:
    """The folded text of ``field``. A model may name where its folded form already is (``stored_folded``:
    a column written whenever the text changes, e.g. ``{"name": "name_folded"}``, or an SQL expression
    equal to it): SQLite reads that, where ``catalog_fold`` is a Python call per row and per word;
    PostgreSQL keeps ``catalog_fold``, which its trigram indexes serve."""
    stored = getattr(model, "stored_folded", {}).get(field)
    if stored is not None and vendor != "postgresql":
        return F(stored) if isinstance(stored, str) else stored
    return Folded(field)


def folded_search(queryset: QuerySet, *, fields: list[str] | tuple[str, ...], query: str) -> QuerySet:
    """Rows of ``queryset`` where each word of ``query`` appears (folded) in at least one of ``fields``."""
    words = fold(query).split()
    if not words or not fields:
        return queryset
    vendor = connections[queryset.db].vendor
    aliases = {
        f"_folded_{index}": folded_expression(name, model=queryset.model, vendor=vendor)
        for index, name in enumerate(fields)
    }
    queryset = queryset.alias(**aliases)
    for word in words:
        matches = Q()
        for alias in aliases:
            matches |= Q(**{f"{alias}__contains": word})
        queryset = queryset.filter(matches)
    return queryset
