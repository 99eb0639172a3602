"""Ingest dossiers (`ho-so/1` records from a CSV file or the API): read and validate, plan, write.

The stages: the CSV reader (`_csv_rows`) or the API hands records over as texts in the order of
`timeliness.dossier_format.COLUMN_NAMES`; `timeliness.services.dossier_rows.RowParser` validates each and
plans its stored row (a `DossierRow`: agency, due dates, outcomes); `timeliness.services.dossier_writers`
writes the rows. `_ingest_values` runs the three in one transaction.

Besides the documented columns the importer reads two optional event columns: `ngay_bo_sung` (the dossier
was returned for completion and completed then: the catalog's clock restarts from it) and `han_hen_lai`
(the new date of a reschedule / apology letter, allowed once, later than the due date; it never changes the
outcome). Other unknown columns are reported as warnings and ignored.

Writes are all-or-nothing per file or batch (one transaction) unless `skip_invalid`; the upsert key is
(source system, `ma_ho_so`): re-importing updates, never duplicates; within one file the last row wins. A
re-imported dossier whose values did not change is left as stored (`imported_at` is the last import that
changed it), so a one-stop system re-sending what it sent before costs look-ups only. Memory stays bounded
by the chunk size whatever the file size: the CSV is read record by record, and at most two chunks of rows
are held.

A stored `outcome` is final for a resolved dossier (computed as of its resolution when that is after the
import time, within the tolerated hour); for an open one it is the outcome as of the import, and reports
re-classify open dossiers as of any date (`timeliness.classification.report_column`).
"""

from __future__ import annotations

import csv
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from timeliness.dossier_format import COLUMN_NAMES, KNOWN_COLUMNS, REQUIRED_COLUMNS, record_values
from timeliness.models import Dossier, SourceSystem
from timeliness.services.dossier_rows import RowParser
from timeliness.services.dossier_writers import BulkWriter, CopyWriter, dossier_writer
from timeliness.services.sources import source_system_agency_ids

DEFAULT_CSV_SOURCE = "tep-csv"
PROGRESS_EVERY = 1_000


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
        rows=((position, record_values(row)) for position, row in rows),
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
    """`dossiers_ingest` over records already in COLUMN_NAMES order (the CSV reader's fast path)."""
    now = timezone.now()
    result = result or ImportResult(source=source.name)
    with transaction.atomic():
        before = Dossier.objects.filter(source=source).count()
        writer = dossier_writer(source_id=source.pk, now=now)
        try:
            parser = RowParser(
                source_name=source.name,
                create_agencies=create_agencies,
                now=now,
                before_query=writer.wait,
                allowed_agency_ids=source_system_agency_ids(source=source),
            )
            _parse_into(writer, parser, rows, result, skip_invalid=skip_invalid, by_index=by_index, progress=progress)
            result.agencies_created.extend(parser.agencies_created)
            if result.errors and not skip_invalid:
                raise DossierImportError(result)
            writer.close()
        except BaseException:
            writer.abandon()
            raise
        result.written += writer.written
        result.created = Dossier.objects.filter(source=source).count() - before
        # Written: work that follows a successful write goes here.
        if writer.written:
            transaction.on_commit(_demand_refresh_enqueue)
    return result


def _demand_refresh_enqueue() -> None:
    """Recount the procedures' demand (search's popularity prior) once the imported dossiers are stored."""
    from timeliness.tasks import procedure_demand_refresh_task

    procedure_demand_refresh_task.enqueue()


def _parse_into(
    writer: BulkWriter | CopyWriter,
    parser: RowParser,
    rows: Iterable[tuple[int, Sequence[str]]],
    result: ImportResult,
    *,
    skip_invalid: bool,
    by_index: bool,
    progress: Callable[[int], None] | None,
) -> None:
    """Parse every record; hand the good rows to the writer (after the first bad one: only if `skip_invalid`),
    collect the problems of the bad ones as RowErrors."""
    parse, add, errors_found = parser.parse, writer.add, result.errors
    position_key = "index" if by_index else "line"
    count = 0
    for position, values in rows:
        count += 1
        row, problems = parse(values)
        if problems:
            errors_found.extend(
                RowError(column=column, message=message, **{position_key: position}) for column, message in problems
            )
        elif skip_invalid or not errors_found:
            add(row)
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
    result.rows += count
    if progress is not None and count % PROGRESS_EVERY:
        progress(count % PROGRESS_EVERY)


def _csv_rows(reader, header: list[str], result: ImportResult) -> Iterator[tuple[int, list[str]]]:
    """(line number, values in COLUMN_NAMES order) per record; blank lines skipped, long records refused."""
    unknown = [column for column in header if column not in KNOWN_COLUMNS]
    if unknown:
        result.warnings.append(f"Bỏ qua các cột không thuộc định dạng ho-so/1: {', '.join(unknown)}.")
    positions = {column: index for index, column in enumerate(header)}  # a repeated column: the last one wins
    width = len(header)
    # An absent column reads the empty cell appended at position `width` of every record.
    pick = operator.itemgetter(*(positions.get(column, width) for column in COLUMN_NAMES))
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
