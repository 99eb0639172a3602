"""Import of `tthc-exchange/1` documents into the catalog, in stages:

1. load (`import_load`): the file read and decompressed into a parsed document;
2. validate (`import_validate`): the header, then every record (schema, then the catalog's rules), mapped
   from the national field names to domain records by `exchange.mappers.tthc_json`;
3. plan (`import_plan`): each valid record matched by national code (same code = same procedure, updated in
   place; without a code, by name) and compared with what is stored: created, updated or unchanged;
4. write (`import_write`): the plan written in one transaction.

Nothing is written unless every record is valid, or the caller asks to write only the valid ones. A record
whose content is unchanged is skipped, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from catalog.models import Procedure
from exchange.records import ProcedureRecord
from exchange.services.gc_pause import collector_paused
from exchange.services.import_load import document_load
from exchange.services.import_plan import ImportPlan, PlannedRecord, import_plan
from exchange.services.import_references import CatalogReferences, record_canonical
from exchange.services.import_result import ImportRefused, ImportResult, Problem
from exchange.services.import_validate import ValidatedRecords, document_problems, records_validate
from exchange.services.import_write import plan_write

__all__ = [
    "ImportRefused",
    "ImportResult",
    "Problem",
    "document_load",
    "import_sample_if_empty",
    "procedures_import",
    "records_write",
]


@collector_paused()
def procedures_import(
    *,
    document: dict[str, Any],
    dry_run: bool = False,
    skip_invalid: bool = False,
    in_force_from: dt.date | None = None,
    as_published: bool = False,
    progress: bool = False,
) -> ImportResult:
    """Validate and import a parsed `tthc-exchange/1` document.

    Raises ImportRefused (nothing written) when the document is malformed or any record is invalid and
    `skip_invalid` is false. With `dry_run`, the result says what would be created or changed and
    nothing is written. With `in_force_from`, imported procedures get a version in force from that day
    (a changed procedure already in force gets a new version). With `as_published`, each record's exported
    version, decisions and items are recreated (`exchange.services.publishing`); only for procedures without
    versions. Runs with the cyclic garbage collector paused (see `gc_pause`).
    """
    if as_published and in_force_from is not None:
        raise ValueError("as_published and in_force_from exclude each other")
    result = ImportResult(dry_run=dry_run, problems=document_problems(document))
    if result.problems:
        raise ImportRefused(result)
    raws = document["procedures"]
    result.total = len(raws)
    references = CatalogReferences.load()
    checked = records_validate(raws, references=references, progress=progress)
    plan = import_plan(checked.valid, as_published=as_published, in_force_from=in_force_from)
    _report(result, checked, plan)
    if result.problems and not skip_invalid:
        raise ImportRefused(result)
    if dry_run or not plan.items:
        return result
    with transaction.atomic():
        outcome = plan_write(
            plan.items,
            references,
            in_force_from=in_force_from,
            as_published=as_published,
            progress=progress,
            warnings=result.warnings,
        )
    result.written = True
    result.versions_created = outcome.versions
    result.procedure_ids = outcome.created_ids + outcome.updated_ids
    return result


def _report(result: ImportResult, checked: ValidatedRecords, plan: ImportPlan) -> None:
    """What the validation and the plan say, into the result (problems in the file's order)."""
    result.problems = sorted(
        checked.problems + plan.problems, key=lambda problem: problem.index if problem.index is not None else -1
    )
    result.warnings.extend(checked.warnings)
    result.skipped = sorted(set(checked.skipped) | plan.refused)
    result.created = plan.created
    result.updated = plan.updated
    result.unchanged = plan.unchanged


def import_sample_if_empty(*, path: Path | str, in_force_from: dt.date | None) -> ImportResult | None:
    """For the demo loader: import the sample file unless procedures already exist (then a fast no-op)."""
    if Procedure.objects.exists():
        return None
    return procedures_import(document=document_load(path), in_force_from=in_force_from)


def records_write(*, records: Iterable[ProcedureRecord], in_force_from: dt.date | None = None) -> list[int]:
    """Write already-validated records (no checks): for generators of synthetic data such as the benchmark.

    One transaction; a failing row rolls back everything written by this call.
    """
    references = CatalogReferences.load()
    items = [PlannedRecord(i, record_canonical(record, references), None, []) for i, record in enumerate(records)]
    with transaction.atomic():
        outcome = plan_write(items, references, in_force_from=in_force_from)
    return outcome.created_ids
