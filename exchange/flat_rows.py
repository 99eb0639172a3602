"""Plain rows of catalog tables for a set of procedures, read with one SQL statement per table.

The export's hot path: no querysets, no model instances, no per-value field converters. Only the values
that the database driver does not already give in their Python type are converted here (JSON text, and
SQLite's decimals); table and column names come from the models' metadata.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import orjson
from django.db import connection
from django.db.models import Model


def json_value(text: str | bytes | None) -> Any:
    """A JSON column's value (the drivers hand it over as text)."""
    if text is None:
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # integers beyond 64 bits, which the json module keeps
        return json.loads(text)
    except TypeError:  # a driver that already decoded it
        return text


def decimal_value(value: Any) -> Decimal | None:
    """A decimal column's value (SQLite hands over int or float, PostgreSQL a Decimal)."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def column(model: type[Model], name: str) -> str:
    """The quoted `table.column` of a model field."""
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"


def columns(model: type[Model], *names: str) -> str:
    """A comma-separated list of quoted `table.column`s, for SELECT and ORDER BY."""
    return ", ".join(column(model, name) for name in names)


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def id_filter(qualified_column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """`column IN ids` as SQL and parameters: one array parameter on PostgreSQL (given as its text,
    which the driver quotes far faster than it adapts a list), one per id elsewhere."""
    if connection.vendor == "postgresql":
        return f"{qualified_column} = ANY(%s::bigint[])", ["{" + ",".join(str(int(pk)) for pk in ids) + "}"]
    return f"{qualified_column} IN ({', '.join(['%s'] * len(ids))})", [int(pk) for pk in ids]


def rows(sql: str, params: list[Any]) -> list[tuple]:
    """All rows of one statement."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
