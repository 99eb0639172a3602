"""Ingest dossiers (`ho-so/1` rows from a CSV file or the API): validate, classify, upsert.

A row is a mapping of the `ho-so/1` column names to text. Besides the documented columns the importer
reads two optional event columns: `ngay_bo_sung` (the dossier was returned for completion and completed
then: the catalog's clock restarts from it) and `han_hen_lai` (the new date of a reschedule / apology
letter, allowed once, later than the due date; it never changes the outcome). Other unknown columns are
reported as warnings and ignored.

Times are ISO 8601; a bare date means that day in Asia/Ho_Chi_Minh: at 00:00 for receipt, completion and
resolution, at office closing for a due date (as the catalog's deadlines are).

Writes are all-or-nothing per file or batch (one transaction) unless `skip_invalid`; the upsert key is
(source system, `ma_ho_so`): re-importing updates, never duplicates; within one file the last row wins.
PostgreSQL gets the rows by COPY into a temporary table and one INSERT ... ON CONFLICT per chunk; other
databases by batched `bulk_create(update_conflicts=True)`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from catalog.calendar import closing_time
from catalog.choices import AgencyGroup, AgencyLevel, Channel
from catalog.models import Agency
from timeliness.choices import DossierStatus
from timeliness.classification import RESOLVED_STATUSES, dossier_outcome
from timeliness.models import Dossier, SourceSystem
from timeliness.services.deadlines import CatalogDueDates

REQUIRED_COLUMNS = ("ma_ho_so", "ma_co_quan", "ten_co_quan", "ngay_tiep_nhan")
OPTIONAL_COLUMNS = ("ma_thu_tuc", "kenh_nop", "han_xu_ly", "ngay_tra_ket_qua", "trang_thai")
EVENT_COLUMNS = ("ngay_bo_sung", "han_hen_lai")
KNOWN_COLUMNS = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS + EVENT_COLUMNS)
DEFAULT_CSV_SOURCE = "tep-csv"
MAX_CODE_LENGTH = 100
MAX_AGENCY_CODE_LENGTH = 64
CHUNK_SIZE = 20_000
_CHANNELS = frozenset(Channel.values)
_STATUSES = frozenset(DossierStatus.values)
_CLOSED = frozenset(str(status) for status in RESOLVED_STATUSES)
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
    "deadline_mismatch",
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
    if value.tzinfo is None:
        return value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ)


class _Parser:
    """Validates rows against the `ho-so/1` rules; holds the lookups of one import run."""

    def __init__(self, *, create_agencies: bool, now: dt.datetime, result: ImportResult):
        self.create_agencies = create_agencies
        self.now = now
        self.result = result
        self.agencies = dict(Agency.objects.values_list("code", "pk"))
        self.catalog = CatalogDueDates()
        self.closing = closing_time()
        self.midnight = dt.time(0, 0)
        self.latest = (now + _FUTURE_TOLERANCE).astimezone(VN_TZ)

    def _moment(self, row: Mapping, column: str, errors: list, *, due: bool = False) -> dt.datetime | None:
        text = (row.get(column) or "").strip()
        if not text:
            return None
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
            errors.append(("ma_co_quan", f"Không có cơ quan mã “{code}” (dùng --create-agencies để tạo)."))
            return None
        if not name:
            return None
        agency = Agency(code=code, name=name, level=AgencyLevel.OTHER, group=AgencyGroup.OTHER)
        agency.full_clean()
        agency.save()
        self.agencies[code] = agency.pk
        self.result.agencies_created.append(code)
        return agency.pk

    def parse(self, row: Mapping) -> tuple[tuple | None, list[tuple[str, str]]]:
        """A validated row (in ROW_FIELDS order), or the (column, message) errors."""
        errors: list[tuple[str, str]] = []
        code = (row.get("ma_ho_so") or "").strip()
        agency_code = (row.get("ma_co_quan") or "").strip()
        agency_name = (row.get("ten_co_quan") or "").strip()
        for column, value in (("ma_ho_so", code), ("ma_co_quan", agency_code), ("ten_co_quan", agency_name)):
            if not value:
                errors.append((column, "Bắt buộc, đang trống."))
        if len(code) > MAX_CODE_LENGTH:
            errors.append(("ma_ho_so", f"Dài quá {MAX_CODE_LENGTH} ký tự."))
        if len(agency_code) > MAX_AGENCY_CODE_LENGTH:
            errors.append(("ma_co_quan", f"Dài quá {MAX_AGENCY_CODE_LENGTH} ký tự."))
        channel = (row.get("kenh_nop") or "").strip()
        if channel and channel not in _CHANNELS:
            errors.append(("kenh_nop", f"“{channel}” không hợp lệ; chọn một trong: {', '.join(Channel.values)}."))
        received_at = self._moment(row, "ngay_tiep_nhan", errors)
        if received_at is None and (row.get("ngay_tiep_nhan") or "").strip() == "":
            errors.append(("ngay_tiep_nhan", "Bắt buộc, đang trống."))
        due_at_source = self._moment(row, "han_xu_ly", errors, due=True)
        resolved_at = self._moment(row, "ngay_tra_ket_qua", errors)
        completed_at = self._moment(row, "ngay_bo_sung", errors)
        rescheduled_at = self._moment(row, "han_hen_lai", errors, due=True)
        status = (row.get("trang_thai") or "").strip()
        if not status:
            status = DossierStatus.RESOLVED if resolved_at else DossierStatus.PENDING
        elif status not in _STATUSES:
            errors.append(
                ("trang_thai", f"“{status}” không hợp lệ; chọn một trong: {', '.join(DossierStatus.values)}.")
            )
        elif status in _CLOSED and resolved_at is None and not (row.get("ngay_tra_ket_qua") or "").strip():
            errors.append(("ngay_tra_ket_qua", f"Bắt buộc khi trạng thái là “{status}”."))
        elif status == DossierStatus.PENDING and resolved_at is not None:
            errors.append(("trang_thai", "Hồ sơ đang giải quyết không thể có ngày trả kết quả."))
        if received_at is not None:
            for column, value, label in (
                ("han_xu_ly", due_at_source, "hạn xử lý"),
                ("ngay_tra_ket_qua", resolved_at, "ngày trả kết quả"),
                ("ngay_bo_sung", completed_at, "ngày bổ sung"),
            ):
                if value is not None and value < received_at:
                    errors.append((column, f"{label.capitalize()} trước ngày tiếp nhận."))
        procedure_code = (row.get("ma_thu_tuc") or "").strip()
        if len(procedure_code) > 64:
            errors.append(("ma_thu_tuc", "Dài quá 64 ký tự."))
        agency_id = self._agency(agency_code, agency_name, errors) if agency_code and not errors else None
        if errors:
            return None, errors

        catalog = self.catalog.due(
            code=procedure_code, channel=channel, received_at=received_at, completed_at=completed_at
        )
        due_at = due_at_source or catalog.due_at
        if due_at is None:
            column = "han_xu_ly" if procedure_code else "ma_thu_tuc"
            return None, [(column, f"Trống và không tính được hạn từ danh mục: {catalog.error}.")]
        if rescheduled_at is not None and rescheduled_at <= due_at:
            return None, [("han_hen_lai", "Ngày hẹn lại phải sau hạn xử lý.")]
        mismatch = bool(
            due_at_source and catalog.due_at and due_at_source.date() > catalog.due_at.astimezone(VN_TZ).date()
        )
        outcome = dossier_outcome(status=status, due_at=due_at, resolved_at=resolved_at, as_of=self.now, tz=VN_TZ)
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
            mismatch,
        ), []


class _BulkWriter:
    """Portable writer: batched bulk_create with update_conflicts on (source, code)."""

    def __init__(self, *, source_id: int, now: dt.datetime):
        self.source_id = source_id
        self.now = now

    def write(self, rows: list[tuple]) -> None:
        latest = {row[0]: row for row in rows}  # last row of a code wins within the chunk
        objects = [
            Dossier(source_id=self.source_id, imported_at=self.now, **dict(zip(ROW_FIELDS, row, strict=True)))
            for row in latest.values()
        ]
        Dossier.objects.bulk_create(
            objects,
            batch_size=2_000,
            update_conflicts=True,
            unique_fields=["source", "code"],
            update_fields=list(UPDATE_FIELDS),
        )


class _CopyWriter:
    """PostgreSQL writer: COPY each chunk into a temporary table, then one INSERT ... ON CONFLICT."""

    table = "timeliness_dossier_stage"

    def __init__(self, *, source_id: int, now: dt.datetime):
        self.source_id = source_id
        self.now = now
        self.columns = [Dossier._meta.get_field(name).column for name in ROW_FIELDS]
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.table} ON COMMIT DROP AS "
                f"SELECT {', '.join(self.columns)} FROM {Dossier._meta.db_table} WITH NO DATA"
            )

    def write(self, rows: list[tuple]) -> None:
        latest = {row[0]: row for row in rows}  # last row of a code wins within the chunk
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {self.table}")
            with cursor.cursor.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN") as copy:
                for row in latest.values():
                    copy.write_row(row)
            target = ", ".join(["source_id", "imported_at", *self.columns])
            updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in [*self.columns[1:], "imported_at"])
            code = self.columns[0]
            cursor.execute(
                f"INSERT INTO {Dossier._meta.db_table} ({target}) "
                f"SELECT %s, %s, {', '.join(self.columns)} FROM {self.table} "
                f"ON CONFLICT (source_id, {code}) DO UPDATE SET {updates}",
                [self.source_id, self.now],
            )


def _writer(*, source_id: int, now: dt.datetime):
    if connection.vendor == "postgresql":
        return _CopyWriter(source_id=source_id, now=now)
    return _BulkWriter(source_id=source_id, now=now)


def source_system_for_import(*, name: str) -> SourceSystem:
    """The source system a file import writes to; created (without an API token) when new."""
    source, _ = SourceSystem.objects.get_or_create(name=name)
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
    now = timezone.now()
    result = result or ImportResult(source=source.name)
    with transaction.atomic():
        before = Dossier.objects.filter(source=source).count()
        parser = _Parser(create_agencies=create_agencies, now=now, result=result)
        writer = _writer(source_id=source.pk, now=now)
        chunk: list[tuple] = []
        for position, row in rows:
            result.rows += 1
            values, errors = parser.parse(row)
            if errors:
                key = {"index": position} if by_index else {"line": position}
                result.errors.extend(RowError(column=column, message=message, **key) for column, message in errors)
            elif skip_invalid or not result.errors:
                chunk.append(values)
                if len(chunk) >= CHUNK_SIZE:
                    writer.write(chunk)
                    result.written += len(chunk)
                    chunk = []
            if progress is not None:
                progress(1)
        if result.errors and not skip_invalid:
            transaction.set_rollback(True)
            raise DossierImportError(result)
        if chunk:
            writer.write(chunk)
            result.written += len(chunk)
        result.created = Dossier.objects.filter(source=source).count() - before
    return result


def _csv_rows(reader: csv.DictReader, result: ImportResult) -> Iterator[tuple[int, dict]]:
    header = reader.fieldnames or []
    unknown = [column for column in header if column not in KNOWN_COLUMNS]
    if unknown:
        result.warnings.append(f"Bỏ qua các cột không thuộc định dạng ho-so/1: {', '.join(unknown)}.")
    for row in reader:
        if None in row:
            result.errors.append(
                RowError(line=reader.line_num, column="*", message="Dòng có nhiều cột hơn dòng tiêu đề.")
            )
            continue
        yield reader.line_num, row


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
            reader = csv.DictReader(handle)
            missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
            if missing:
                result.errors.extend(
                    RowError(line=1, column=column, message="Thiếu cột bắt buộc trong dòng tiêu đề.")
                    for column in missing
                )
                raise DossierImportError(result)
            dossiers_ingest(
                rows=_csv_rows(reader, result),
                source=source,
                skip_invalid=skip_invalid,
                create_agencies=create_agencies,
                progress=progress,
                result=result,
            )
        if result.errors and not skip_invalid:
            raise DossierImportError(result)
    return result
