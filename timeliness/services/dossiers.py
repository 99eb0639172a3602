"""Ingest dossiers (`ho-so/1` rows from a CSV file or the API): validate, classify, upsert.

A row is a mapping of the `ho-so/1` column names to text. Besides the documented columns the importer
reads two optional event columns: `ngay_bo_sung` (the dossier was returned for completion and completed
then: the catalog's clock restarts from it) and `han_hen_lai` (the new date of a reschedule / apology
letter, allowed once, later than the due date; it never changes the outcome). Other unknown columns are
reported as warnings and ignored.

Times are ISO 8601; a bare date means that day in Asia/Ho_Chi_Minh: at 00:00 for receipt, completion and
resolution, at office closing for a due date (as the catalog's deadlines are).

Writes are all-or-nothing per file or batch (one transaction) unless `skip_invalid`; the upsert key is
(source system, `ma_ho_so`): re-importing updates, never duplicates; within one file the last row wins. A
re-imported dossier whose values did not change is left as stored (`imported_at` is the last import that
changed it), so a one-stop system re-sending what it sent before costs look-ups only.
PostgreSQL gets the rows by COPY into a temporary table and one INSERT ... ON CONFLICT per chunk, merged in
a background thread on the same connection while the next chunk is parsed (see `_CopyWriter`); other
databases by batched `bulk_create(update_conflicts=True)`. Memory stays bounded by the chunk size whatever
the file size: the CSV is read record by record, and at most two chunks of rows are held.

A stored `outcome` is final for a resolved dossier (computed as of its resolution when that is after the
import time, within the tolerated hour); for an open one it is the outcome as of the import, and reports
re-classify open dossiers as of any date (`timeliness.classification.report_column`).
"""

from __future__ import annotations

import csv
import datetime as dt
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from catalog.calendar import closing_time
from catalog.choices import AgencyGroup, AgencyLevel, Channel
from catalog.models import Agency
from timeliness.choices import DossierStatus, Outcome
from timeliness.classification import RESOLVED_STATUSES, dossier_outcome
from timeliness.models import Dossier, SourceSystem
from timeliness.services.deadlines import CatalogDueDates
from timeliness.services.sources import source_system_agency_ids

REQUIRED_COLUMNS = ("ma_ho_so", "ma_co_quan", "ten_co_quan", "ngay_tiep_nhan")
OPTIONAL_COLUMNS = ("ma_thu_tuc", "kenh_nop", "han_xu_ly", "ngay_tra_ket_qua", "trang_thai")
EVENT_COLUMNS = ("ngay_bo_sung", "han_hen_lai")
INPUT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS + EVENT_COLUMNS  # the order `_Parser.parse` reads
KNOWN_COLUMNS = frozenset(INPUT_COLUMNS)
DEFAULT_CSV_SOURCE = "tep-csv"
MAX_CODE_LENGTH = 100
MAX_AGENCY_CODE_LENGTH = 64
MAX_PROCEDURE_CODE_LENGTH = 64
CHUNK_SIZE = 50_000
PROGRESS_EVERY = 1_000
_CHANNELS = frozenset(Channel.values)
_STATUSES = frozenset(DossierStatus.values)
_CLOSED = frozenset(str(status) for status in RESOLVED_STATUSES)
_RESOLVED = str(DossierStatus.RESOLVED)
_PENDING = str(DossierStatus.PENDING)
# Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975; a fixed offset is exact for every
# accepted date (≥ 2000) and far cheaper than zoneinfo conversions on millions of rows.
VN_TZ = dt.timezone(dt.timedelta(hours=7))
_EARLIEST = dt.datetime(2000, 1, 1, tzinfo=VN_TZ)
_FUTURE_TOLERANCE = dt.timedelta(hours=1)

# Column order of a validated row (see `_Parser.parse`); the writers add source_id and imported_at.
ROW_FIELDS = (
    "code",
    "agency_id",
    "procedure_code",
    "channel",
    "received_at",
    "completed_at",
    "due_at_source",
    "due_at_catalog",
    "due_at",
    "rescheduled_due_at",
    "resolved_at",
    "status",
    "outcome",
    "statutory_outcome",
    "deadline_mismatch",
    "deadline_ambiguous",
)
UPDATE_FIELDS = (*ROW_FIELDS[1:], "imported_at")


@dataclass(frozen=True)
class RowError:
    """One reason a row was refused: line (CSV) or index (API), column, message (Vietnamese)."""

    column: str
    message: str
    line: int | None = None
    index: int | None = None

    def __str__(self) -> str:
        return f"Dòng {self.line}, cột {self.column}: {self.message}"


@dataclass
class ImportResult:
    """What an import did: rows read, written, created (new keys), errors and warnings."""

    source: str
    rows: int = 0
    written: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    agencies_created: list[str] = field(default_factory=list)

    @property
    def invalid_rows(self) -> int:
        return len({(error.line, error.index) for error in self.errors})

    @property
    def updated(self) -> int:
        return self.written - self.created


class DossierImportError(Exception):
    """The file or batch was refused as a whole; nothing of it was written. `result.errors` says why."""

    def __init__(self, result: ImportResult):
        super().__init__(f"{len(result.errors)} lỗi; không ghi dữ liệu nào.")
        self.result = result


def _parse_moment(text: str, *, bare_time: dt.time) -> dt.datetime:
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), bare_time, tzinfo=VN_TZ)
    value = dt.datetime.fromisoformat(text)
    if text.endswith("+07:00"):
        return value  # already local time: dates and comparisons are right without a conversion
    if value.tzinfo is None:
        return value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ)


def _nothing() -> None:
    return None


def row_values(row: Mapping) -> list[str]:
    """A mapping row (API item, CSV dict) as the list of INPUT_COLUMNS values the parser reads."""
    return [row.get(column) or "" for column in INPUT_COLUMNS]


class _Parser:
    """Validates rows against the `ho-so/1` rules; holds the lookups of one import run.

    `parse` is the per-row hot path of a million-row import: it reads a plain list of texts (INPUT_COLUMNS
    order), keeps the checks in one function, and gets the catalog's due date from a per-day memo.
    """

    def __init__(
        self,
        *,
        create_agencies: bool,
        now: dt.datetime,
        result: ImportResult,
        before_query: Callable[[], None] | None = None,
        allowed_agency_ids: frozenset[int] | None = None,
    ):
        self.create_agencies = create_agencies
        self.allowed_agency_ids = allowed_agency_ids  # None: the source may write for every agency
        self.before_query = before_query or _nothing
        self.now = now
        self.result = result
        self.agencies = dict(Agency.objects.values_list("code", "pk"))
        self.catalog = CatalogDueDates(before_query=self.before_query)
        self.closing = closing_time()
        self.midnight = dt.time(0, 0)
        self.latest = (now + _FUTURE_TOLERANCE).astimezone(VN_TZ)

    def _moment(self, text: str, column: str, errors: list, *, due: bool = False) -> dt.datetime | None:
        try:
            value = _parse_moment(text, bare_time=self.closing if due else self.midnight)
        except ValueError:
            errors.append((column, f"“{text}” không phải ngày giờ ISO 8601 (ví dụ 2019-03-05T09:30:00+07:00)."))
            return None
        if value < _EARLIEST:
            errors.append((column, f"“{text}” trước năm 2000."))
            return None
        if not due and value > self.latest:
            errors.append((column, f"“{text}” ở tương lai."))
            return None
        return value

    def _agency(self, code: str, name: str, errors: list) -> int | None:
        agency_id = self.agencies.get(code)
        if agency_id is not None:
            return agency_id
        if not self.create_agencies:
            errors.append(("ma_co_quan", self._unknown_agency(code)))
            return None
        if not name:
            return None
        self.before_query()
        agency = Agency(code=code, name=name, level=AgencyLevel.OTHER, group=AgencyGroup.OTHER)
        agency.full_clean()
        agency.save()
        self.agencies[code] = agency.pk
        self.result.agencies_created.append(code)
        return agency.pk

    @staticmethod
    def _unknown_agency(agency_code: str) -> str:
        return f"Không có cơ quan mã “{agency_code}” trong danh mục cơ quan."

    def _not_registered(self, agency_code: str) -> str:
        return (
            f"Hệ thống nguồn “{self.result.source}” không được đăng ký gửi hồ sơ của cơ quan mã “{agency_code}”; "
            "hồ sơ bị từ chối."
        )

    def parse(self, values: Sequence[str]) -> tuple[tuple | None, list[tuple[str, str]]]:
        """A validated row (in ROW_FIELDS order), or the (column, message) errors; `values` in INPUT_COLUMNS order."""
        (
            code,
            agency_code,
            agency_name,
            received_text,
            procedure_code,
            channel,
            due_text,
            resolved_text,
            status,
            completed_text,
            rescheduled_text,
        ) = [value.strip() for value in values]
        errors: list[tuple[str, str]] = []
        if not code:
            errors.append(("ma_ho_so", "Bắt buộc, đang trống."))
        if not agency_code:
            errors.append(("ma_co_quan", "Bắt buộc, đang trống."))
        if not agency_name:
            errors.append(("ten_co_quan", "Bắt buộc, đang trống."))
        if len(code) > MAX_CODE_LENGTH:
            errors.append(("ma_ho_so", f"Dài quá {MAX_CODE_LENGTH} ký tự."))
        if len(agency_code) > MAX_AGENCY_CODE_LENGTH:
            errors.append(("ma_co_quan", f"Dài quá {MAX_AGENCY_CODE_LENGTH} ký tự."))
        if channel and channel not in _CHANNELS:
            errors.append(("kenh_nop", f"“{channel}” không hợp lệ; chọn một trong: {', '.join(Channel.values)}."))
        if received_text:
            received_at = self._moment(received_text, "ngay_tiep_nhan", errors)
        else:
            received_at = None
            errors.append(("ngay_tiep_nhan", "Bắt buộc, đang trống."))
        due_at_source = self._moment(due_text, "han_xu_ly", errors, due=True) if due_text else None
        resolved_at = self._moment(resolved_text, "ngay_tra_ket_qua", errors) if resolved_text else None
        completed_at = self._moment(completed_text, "ngay_bo_sung", errors) if completed_text else None
        rescheduled_at = self._moment(rescheduled_text, "han_hen_lai", errors, due=True) if rescheduled_text else None
        if not status:
            status = _RESOLVED if resolved_at else _PENDING
        elif status not in _STATUSES:
            errors.append(
                ("trang_thai", f"“{status}” không hợp lệ; chọn một trong: {', '.join(DossierStatus.values)}.")
            )
        elif status in _CLOSED and resolved_at is None and not resolved_text:
            errors.append(("ngay_tra_ket_qua", f"Bắt buộc khi trạng thái là “{status}”."))
        elif status == _PENDING and resolved_at is not None:
            errors.append(("trang_thai", "Hồ sơ đang giải quyết không thể có ngày trả kết quả."))
        if received_at is not None:
            if due_at_source is not None and due_at_source < received_at:
                errors.append(("han_xu_ly", "Hạn xử lý trước ngày tiếp nhận."))
            if resolved_at is not None and resolved_at < received_at:
                errors.append(("ngay_tra_ket_qua", "Ngày trả kết quả trước ngày tiếp nhận."))
            if completed_at is not None and completed_at < received_at:
                errors.append(("ngay_bo_sung", "Ngày bổ sung trước ngày tiếp nhận."))
        if len(procedure_code) > MAX_PROCEDURE_CODE_LENGTH:
            errors.append(("ma_thu_tuc", f"Dài quá {MAX_PROCEDURE_CODE_LENGTH} ký tự."))
        if errors:
            return None, errors
        agency_id = self.agencies.get(agency_code)
        if agency_id is None and self.allowed_agency_ids is not None:
            return None, [("ma_co_quan", self._unknown_agency(agency_code))]  # a bound source never creates one
        if agency_id is None:
            agency_id = self._agency(agency_code, agency_name, errors)
            if errors:
                return None, errors
        if self.allowed_agency_ids is not None and agency_id not in self.allowed_agency_ids:
            return None, [("ma_co_quan", self._not_registered(agency_code))]

        catalog = self.catalog.due(
            code=procedure_code, channel=channel, received_at=received_at, completed_at=completed_at
        )
        due_at = due_at_source or catalog.due_at
        if due_at is None:
            column = "han_xu_ly" if procedure_code else "ma_thu_tuc"
            return None, [(column, f"Trống và không tính được hạn từ danh mục: {catalog.error}.")]
        if rescheduled_at is not None and rescheduled_at <= due_at:
            return None, [("han_hen_lai", "Ngày hẹn lại phải sau hạn xử lý.")]
        # A one-stop due date on another day than the statutory limit gives, earlier or later, is a mismatch.
        mismatch = bool(
            due_at_source and catalog.due_at and due_at_source.date() != catalog.due_at.astimezone(VN_TZ).date()
        )
        # The stored outcome: final for a resolved dossier (whatever the import time), as of now otherwise.
        as_of = self.now if resolved_at is None or resolved_at <= self.now else resolved_at
        outcome = dossier_outcome(status=status, due_at=due_at, resolved_at=resolved_at, as_of=as_of, tz=VN_TZ)
        statutory = ""
        if catalog.due_at is not None:
            statutory = dossier_outcome(
                status=status, due_at=catalog.due_at, resolved_at=resolved_at, as_of=as_of, tz=VN_TZ
            )
            # Finished after the statutory limit: on time against the one-stop date at best, never "trước hạn".
            if outcome == Outcome.EARLY and statutory == Outcome.LATE:
                outcome = Outcome.ON_TIME
        return (
            code,
            agency_id,
            procedure_code,
            channel,
            received_at,
            completed_at,
            due_at_source,
            catalog.due_at,
            due_at,
            rescheduled_at,
            resolved_at,
            str(status),
            str(outcome),
            str(statutory),
            mismatch,
            catalog.ambiguous,
        ), []


class _BulkWriter:
    """Portable writer: batched bulk_create with update_conflicts on (source, code)."""

    def __init__(self, *, source_id: int, now: dt.datetime):
        self.source_id = source_id
        self.now = now
        self.chunk: dict[str, tuple] = {}
        self.written = 0

    def add(self, row: tuple, line: int = 0) -> None:
        self.chunk[row[0]] = row  # last row of a code wins
        self.written += 1
        if len(self.chunk) >= CHUNK_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.chunk:
            return
        chunk, self.chunk = self.chunk, {}
        stored = {}
        codes = list(chunk)
        for start in range(0, len(codes), 500):
            for code, *values in Dossier.objects.filter(
                source_id=self.source_id, code__in=codes[start : start + 500]
            ).values_list(*ROW_FIELDS):
                stored[code] = tuple(values)
        objects = [
            Dossier(source_id=self.source_id, imported_at=self.now, **dict(zip(ROW_FIELDS, row, strict=True)))
            for code, row in chunk.items()
            if stored.get(code) != row[1:]  # an unchanged dossier is not rewritten (imported_at kept)
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


NULL = "\\N"  # COPY text format
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]")


def _copy_text(value: str) -> str:
    """A text value escaped for COPY's text format (only backslash and the control characters need it)."""
    return value.translate(_COPY_ESCAPES) if _NEEDS_ESCAPE.search(value) else value


class _CopyWriter:
    """PostgreSQL writer: rows become COPY text lines (no per-row driver adaptation), sent per chunk into a
    temporary staging table, then merged by one INSERT ... ON CONFLICT DO UPDATE per chunk.

    The database work of a chunk runs in a background thread on the same connection (so in the same
    transaction) while the caller parses the next chunk: parsing (Python) and merging (PostgreSQL, with its
    index and foreign-key work) overlap. The caller must `wait()` before any other query of its own; at most
    two chunks of text are in memory. The dossier foreign keys are checked per merge (SET CONSTRAINTS ...
    IMMEDIATE) instead of all at commit, so that work overlaps too.

    A chunk with a repeated code keeps its last row (DISTINCT ON over the line number); chunks without
    repeats skip that sort. Later chunks overwrite earlier ones by the upsert.
    """

    table = "timeliness_dossier_stage"

    def __init__(self, *, source_id: int, now: dt.datetime):
        self.source_id = source_id
        self.now = now
        self.columns = [Dossier._meta.get_field(name).column for name in ROW_FIELDS]
        self.lines: list[str] = []
        self.codes: set[str] = set()
        self.repeated = False
        self.written = 0
        self.due_texts: dict[dt.datetime, str] = {}
        self.pending: Future | None = None
        self.executor: ThreadPoolExecutor | None = None
        db_table = Dossier._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.table} ON COMMIT DROP AS "
                f"SELECT 0::bigint AS line, {', '.join(self.columns)} FROM {db_table} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {self.table}")
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' AND condeferred",
                [db_table],
            )
            deferred = [name for (name,) in cursor.fetchall()]
            if deferred:
                cursor.execute(f"SET CONSTRAINTS {', '.join(connection.ops.quote_name(n) for n in deferred)} IMMEDIATE")
        self.raw = connection.connection  # the psycopg connection of this transaction, for the worker thread
        target = ", ".join(["source_id", "imported_at", *self.columns])
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in [*self.columns[1:], "imported_at"])
        code = self.columns[0]
        insert = f"INSERT INTO {db_table} ({target}) SELECT %s, %s, {', '.join(self.columns)} FROM "
        stored = ", ".join(f"{db_table}.{column}" for column in self.columns[1:])
        incoming = ", ".join(f"EXCLUDED.{column}" for column in self.columns[1:])
        # An unchanged dossier is not rewritten (no new row version, no index work, imported_at kept).
        conflict = (
            f" ON CONFLICT (source_id, {code}) DO UPDATE SET {updates} WHERE ({stored}) IS DISTINCT FROM ({incoming})"
        )
        self.merge_sql = f"{insert}{self.table}{conflict}"
        self.merge_last_sql = (
            f"{insert}(SELECT DISTINCT ON ({code}) * FROM {self.table} ORDER BY {code}, line DESC) AS latest{conflict}"
        )
        self.copy_sql = f"COPY {self.table} (line, {', '.join(self.columns)}) FROM STDIN"

    def add(self, row: tuple, line: int = 0) -> None:
        (
            code,
            agency_id,
            procedure_code,
            channel,
            received_at,
            completed_at,
            due_at_source,
            due_at_catalog,
            due_at,
            rescheduled_due_at,
            resolved_at,
            status,
            outcome,
            statutory,
            mismatch,
            ambiguous,
        ) = row
        if code in self.codes:
            self.repeated = True
        else:
            self.codes.add(code)
        if not (code.isprintable() and procedure_code.isprintable()) or "\\" in code or "\\" in procedure_code:
            code, procedure_code = _copy_text(code), _copy_text(procedure_code)
        self.lines.append(
            f"{line}\t{code}\t{agency_id}\t{procedure_code}\t{channel}\t{received_at.isoformat()}\t"
            f"{NULL if completed_at is None else completed_at.isoformat()}\t"
            f"{NULL if due_at_source is None else self._due_text(due_at_source)}\t"
            f"{NULL if due_at_catalog is None else self._due_text(due_at_catalog)}\t{self._due_text(due_at)}\t"
            f"{NULL if rescheduled_due_at is None else rescheduled_due_at.isoformat()}\t"
            f"{NULL if resolved_at is None else resolved_at.isoformat()}\t{status}\t{outcome}\t{statutory}\t"
            f"{'t' if mismatch else 'f'}\t{'t' if ambiguous else 'f'}\n"
        )
        self.written += 1
        if len(self.lines) >= CHUNK_SIZE:
            self.flush()

    def _due_text(self, value: dt.datetime) -> str:
        """isoformat() of a due date, memoised: due dates repeat (office closing of a few hundred days)."""
        text = self.due_texts.get(value)
        if text is None:
            if len(self.due_texts) >= 100_000:
                self.due_texts.clear()
            text = self.due_texts[value] = value.isoformat()
        return text

    def flush(self) -> None:
        """Hand the chunk to the worker thread (after the previous one is merged: one staging table)."""
        if not self.lines:
            return
        text = "".join(self.lines)
        sql = self.merge_last_sql if self.repeated else self.merge_sql
        self.lines, self.codes, self.repeated = [], set(), False
        self.wait()
        if self.executor is None:
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dossier-merge")
        self.pending = self.executor.submit(self._merge, text, sql)

    def _merge(self, text: str, sql: str) -> None:
        with self.raw.cursor() as cursor:
            with cursor.copy(self.copy_sql) as copy:
                copy.write(text)
            cursor.execute(sql, [self.source_id, self.now])
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
            if self.executor is not None:
                self.executor.shutdown(wait=True)
                self.executor = None

    def abandon(self) -> None:
        """Stop after an error elsewhere: let the running merge finish (its outcome no longer matters)."""
        self.lines = []
        try:
            self.wait()
        except Exception:  # the transaction is rolled back anyway; the first error is the one reported
            pass
        finally:
            if self.executor is not None:
                self.executor.shutdown(wait=True)
                self.executor = None


def _writer(*, source_id: int, now: dt.datetime):
    if connection.vendor == "postgresql":
        return _CopyWriter(source_id=source_id, now=now)
    return _BulkWriter(source_id=source_id, now=now)


def source_system_for_import(*, name: str) -> SourceSystem:
    """The source system a file import writes to. A new one is created without an API token and open to every
    agency (the operator running the import vouches for the file); an existing one keeps its registration,
    so a file under a one-stop system's name is held to that system's agencies."""
    source, _ = SourceSystem.objects.get_or_create(
        name=name, defaults={"all_agencies": True, "description": "Nhập từ tệp CSV"}
    )
    return source


def dossiers_ingest(
    *,
    rows: Iterable[tuple[int, Mapping]],
    source: SourceSystem,
    skip_invalid: bool = False,
    create_agencies: bool = False,
    by_index: bool = False,
    progress: Callable[[int], None] | None = None,
    result: ImportResult | None = None,
) -> ImportResult:
    """Validate and upsert (position, row) pairs in one transaction; raise DossierImportError on any bad row
    unless `skip_invalid` (then the good rows are stored and the errors returned).

    `by_index` reports positions as API indexes instead of CSV line numbers.
    """
    return _ingest_values(
        rows=((position, row_values(row)) for position, row in rows),
        source=source,
        skip_invalid=skip_invalid,
        create_agencies=create_agencies,
        by_index=by_index,
        progress=progress,
        result=result,
    )


def _ingest_values(
    *,
    rows: Iterable[tuple[int, Sequence[str]]],
    source: SourceSystem,
    skip_invalid: bool,
    create_agencies: bool,
    by_index: bool = False,
    progress: Callable[[int], None] | None = None,
    result: ImportResult | None = None,
) -> ImportResult:
    """`dossiers_ingest` over rows already in INPUT_COLUMNS order (the CSV reader's fast path)."""
    now = timezone.now()
    result = result or ImportResult(source=source.name)
    with transaction.atomic():
        before = Dossier.objects.filter(source=source).count()
        writer = _writer(source_id=source.pk, now=now)
        try:
            parser = _Parser(
                create_agencies=create_agencies,
                now=now,
                result=result,
                before_query=writer.wait,
                allowed_agency_ids=source_system_agency_ids(source=source),
            )
            parse, add, errors_found = parser.parse, writer.add, result.errors
            position_key = "index" if by_index else "line"
            count = 0
            for position, values in rows:
                count += 1
                row, errors = parse(values)
                if errors:
                    errors_found.extend(
                        RowError(column=column, message=message, **{position_key: position})
                        for column, message in errors
                    )
                elif skip_invalid or not errors_found:
                    add(row, position)
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(PROGRESS_EVERY)
            result.rows += count
            if progress is not None and count % PROGRESS_EVERY:
                progress(count % PROGRESS_EVERY)
            if result.errors and not skip_invalid:
                raise DossierImportError(result)
            writer.close()
        except BaseException:
            writer.abandon()
            raise
        result.written += writer.written
        result.created = Dossier.objects.filter(source=source).count() - before
        if writer.written:
            transaction.on_commit(_demand_refresh_enqueue)
    return result


def _demand_refresh_enqueue() -> None:
    """Recount the procedures' demand (search's popularity prior) once the imported dossiers are stored."""
    from timeliness.tasks import procedure_demand_refresh_task

    procedure_demand_refresh_task.enqueue()


def _csv_rows(reader, header: list[str], result: ImportResult) -> Iterator[tuple[int, list[str]]]:
    """(line number, values in INPUT_COLUMNS order) per record; blank lines skipped, long records refused."""
    unknown = [column for column in header if column not in KNOWN_COLUMNS]
    if unknown:
        result.warnings.append(f"Bỏ qua các cột không thuộc định dạng ho-so/1: {', '.join(unknown)}.")
    positions = {column: index for index, column in enumerate(header)}  # a repeated column: the last one wins
    width = len(header)
    # An absent column reads the empty cell appended at position `width` of every record.
    pick = operator.itemgetter(*(positions.get(column, width) for column in INPUT_COLUMNS))
    for record in reader:
        size = len(record)
        if size == width:
            record.append("")
        elif size == 0:
            continue  # a blank line (csv.DictReader skips them too)
        elif size > width:
            result.errors.append(
                RowError(line=reader.line_num, column="*", message="Dòng có nhiều cột hơn dòng tiêu đề.")
            )
            continue
        else:
            record.extend([""] * (width - size + 1))  # short records: the missing cells are empty
        yield reader.line_num, pick(record)


def dossiers_import_csv(
    *,
    path: Path,
    source_name: str = DEFAULT_CSV_SOURCE,
    skip_invalid: bool = False,
    create_agencies: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import a `ho-so/1` CSV file, streaming (constant memory); see the module docstring for the rules."""
    with transaction.atomic():
        source = source_system_for_import(name=source_name)
        result = ImportResult(source=source.name)
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            missing = [column for column in REQUIRED_COLUMNS if column not in header]
            if missing:
                result.errors.extend(
                    RowError(line=1, column=column, message="Thiếu cột bắt buộc trong dòng tiêu đề.")
                    for column in missing
                )
                raise DossierImportError(result)
            _ingest_values(
                rows=_csv_rows(reader, header, result),
                source=source,
                skip_invalid=skip_invalid,
                create_agencies=create_agencies,
                progress=progress,
                result=result,
            )
        if result.errors and not skip_invalid:
            raise DossierImportError(result)
    return result
