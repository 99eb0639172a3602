"""Bulk insert of plain rows (no model instances) for the import's child tables.

`Model.objects.bulk_create` builds a model instance per row and compiles each batch of rows through the
ORM; for the tens of child rows of each imported procedure that dominated the import. Here rows are
dicts keyed by attribute name; columns the row does not name get the field's default. On PostgreSQL the
rows go through COPY, elsewhere through one `executemany`. Like `bulk_create`, no signals are sent and
`save()` is not called; values are prepared by the fields themselves (JSON, decimals).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models

_PREPARED = (models.JSONField, models.DecimalField)


def _columns(model: type[models.Model]) -> list[tuple[str, str, Callable[[Any], Any], models.Field]]:
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.generated:  # the database computes a generated column
            continue
        if isinstance(field, _PREPARED):

            def prepare(value, field=field):
                return field.get_db_prep_save(value, connection)

        else:

            def prepare(value):
                return value

        columns.append((field.attname, field.column, prepare, field))
    return columns


def rows_insert(*, model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert the rows into the model's table; returns how many. Call inside the caller's transaction."""
    columns = _columns(model)
    missing = object()
    values = []
    for row in rows:
        line = []
        for attname, _column, prepare, field in columns:
            value = row.get(attname, missing)
            if value is missing:
                value = field.get_default()
            line.append(None if value is None else prepare(value))
        values.append(line)
    if not values:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for _a, column, _p, _f in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for line in values:
                    copy.write_row(line)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)
    return len(values)


def instance_rows(objs: list[models.Model]) -> list[dict[str, Any]]:
    """Rows of unsaved instances for `rows_insert`, each field's `pre_save` applied (auto_now and the like)."""
    fields = (
        [field for field in objs[0]._meta.concrete_fields if not (field.primary_key or field.generated)] if objs else []
    )
    return [{field.attname: field.pre_save(obj, True) for field in fields} for obj in objs]
