"""Write planned dossier rows (`DossierRow`): upsert by (source system, `ma_ho_so`), chunk by chunk.

PostgreSQL gets the rows by COPY into a temporary table and one INSERT ... ON CONFLICT per chunk, merged in
a background thread on the same connection while the next chunk is parsed (`CopyWriter`); other databases by
batched `bulk_create(update_conflicts=True)` (`BulkWriter`). Both keep the last row of a code repeated within
a chunk (later chunks overwrite earlier ones by the upsert), and neither rewrites a dossier whose values did
not change (its `imported_at` stays the last import that changed it). At most two chunks are held.

A writer is used as: `add(row)` per row, then `close()` once every row is added (writes what is left), or
`abandon()` after an error elsewhere; `wait()` before any other query of the caller's own.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection

from timeliness.models import Dossier
from timeliness.services.dossier_rows import ROW_FIELDS, DossierRow

CHUNK_SIZE = 50_000
UPDATE_FIELDS = (*ROW_FIELDS[1:], "imported_at")


class _ChunkWriter:
    """Collects rows into chunks of CHUNK_SIZE codes (the last row of a code wins) and flushes each."""

    def __init__(self, *, source_id: int, now: dt.datetime):
        self.source_id = source_id
        self.now = now
        self.chunk: dict[str, DossierRow] = {}
        self.written = 0

    def add(self, row: DossierRow) -> None:
        self.chunk[row.code] = row
        self.written += 1
        if len(self.chunk) >= CHUNK_SIZE:
            self.flush()

    def flush(self) -> None:
        raise NotImplementedError


class BulkWriter(_ChunkWriter):
    """Portable writer: batched bulk_create with update_conflicts on (source, code)."""

    def flush(self) -> None:
        if not self.chunk:
            return
        chunk, self.chunk = self.chunk, {}
        stored = {}
        codes = list(chunk)
        for start in range(0, len(codes), 500):
            for values in Dossier.objects.filter(
                source_id=self.source_id, code__in=codes[start : start + 500]
            ).values_list(*ROW_FIELDS):
                stored[values[0]] = values
        objects = [
            Dossier(source_id=self.source_id, imported_at=self.now, **row._asdict())
            for code, row in chunk.items()
            if stored.get(code) != row  # an unchanged dossier is not rewritten (imported_at kept)
        ]
        Dossier.objects.bulk_create(
            objects,
            batch_size=2_000,
            update_conflicts=True,
            unique_fields=["source", "code"],
            update_fields=list(UPDATE_FIELDS),
        )

    def wait(self) -> None:
        """Nothing runs in the background in this writer."""

    def close(self) -> None:
        self.flush()

    def abandon(self) -> None:
        self.chunk = {}


class CopyWriter(_ChunkWriter):
    """PostgreSQL writer: each chunk of rows goes by binary COPY (psycopg's `write_row`, typed by the staging
    table's columns: no text formatting or escaping) into a temporary staging table, then is merged by one
    INSERT ... ON CONFLICT DO UPDATE.

    The database work of a chunk runs in a background thread on the same connection (so in the same
    transaction) while the caller parses the next chunk: parsing (Python) and merging (PostgreSQL, with its
    index and foreign-key work) overlap. The caller must `wait()` before any other query of its own. The
    dossier foreign keys are checked per merge (SET CONSTRAINTS ... IMMEDIATE) instead of all at commit, so
    that work overlaps too.
    """

    table = "timeliness_dossier_stage"

    def __init__(self, *, source_id: int, now: dt.datetime):
        super().__init__(source_id=source_id, now=now)
        self.pending: Future | None = None
        self.executor: ThreadPoolExecutor | None = None
        columns = [Dossier._meta.get_field(name).column for name in ROW_FIELDS]
        db_table = Dossier._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.table} ON COMMIT DROP AS "
                f"SELECT {', '.join(columns)} FROM {db_table} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {self.table}")
            cursor.execute(
                "SELECT atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
                "ORDER BY attnum",
                [self.table],
            )
            self.types = [oid for (oid,) in cursor.fetchall()]  # the staging columns' types, for binary COPY
            _foreign_keys_immediate(cursor, db_table)
        self.raw = connection.connection  # the psycopg connection of this transaction, for the worker thread
        self.copy_sql = f"COPY {self.table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        self.merge_sql = _merge_sql(db_table=db_table, stage=self.table, columns=columns)

    def flush(self) -> None:
        """Hand the chunk to the worker thread (after the previous one is merged: one staging table)."""
        if not self.chunk:
            return
        rows = list(self.chunk.values())
        self.chunk = {}
        self.wait()
        if self.executor is None:
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dossier-merge")
        self.pending = self.executor.submit(self._merge, rows)

    def _merge(self, rows: list[DossierRow]) -> None:
        with self.raw.cursor() as cursor:
            with cursor.copy(self.copy_sql) as copy:
                copy.set_types(self.types)
                for row in rows:
                    copy.write_row(row)
            cursor.execute(self.merge_sql, [self.source_id, self.now])
            cursor.execute(f"TRUNCATE {self.table}")

    def wait(self) -> None:
        """Block until the chunk being merged is written; re-raise its error if it failed."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        """Write what is left and stop the worker; also the clean-up after an error (then nothing raises)."""
        try:
            self.flush()
            self.wait()
        finally:
            self._stop()

    def abandon(self) -> None:
        """Stop after an error elsewhere: let the running merge finish (its outcome no longer matters)."""
        self.chunk = {}
        try:
            self.wait()
        except Exception:  # the transaction is rolled back anyway; the first error is the one reported
            pass
        finally:
            self._stop()

    def _stop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None


def _foreign_keys_immediate(cursor, db_table: str) -> None:
    """Check the table's deferred foreign keys at each statement of this transaction, not all at commit."""
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' AND condeferred",
        [db_table],
    )
    deferred = [name for (name,) in cursor.fetchall()]
    if deferred:
        cursor.execute(f"SET CONSTRAINTS {', '.join(connection.ops.quote_name(n) for n in deferred)} IMMEDIATE")


def _merge_sql(*, db_table: str, stage: str, columns: list[str]) -> str:
    """INSERT the staged rows (parameters: source id, import time); a changed dossier is updated, an
    unchanged one is not rewritten (no new row version, no index work, imported_at kept)."""
    code, values = columns[0], columns[1:]
    target = ", ".join(["source_id", "imported_at", *columns])
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in [*values, "imported_at"])
    stored = ", ".join(f"{db_table}.{column}" for column in values)
    incoming = ", ".join(f"EXCLUDED.{column}" for column in values)
    return (
        f"INSERT INTO {db_table} ({target}) SELECT %s, %s, {', '.join(columns)} FROM {stage}"
        f" ON CONFLICT (source_id, {code}) DO UPDATE SET {updates} WHERE ({stored}) IS DISTINCT FROM ({incoming})"
    )


def dossier_writer(*, source_id: int, now: dt.datetime) -> BulkWriter | CopyWriter:
    """The writer for this database: COPY on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        return CopyWriter(source_id=source_id, now=now)
    return BulkWriter(source_id=source_id, now=now)
