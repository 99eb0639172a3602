"""Last step of an import: a plan written, inside the caller's transaction. Procedures go in batches of plain
rows (new ones inserted, updated ones saved and their child rows replaced, staff's manual time limits of an
unchanged text kept); then the links between procedures, and the versions (a baseline in force from a day,
or, as published, what each record says)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from tqdm import tqdm

from catalog.choices import ProcedureStatus
from catalog.models import Procedure, ProcedureVersion
from catalog.services.versions import procedures_changed_send, version_create, versions_create_baseline
from catalog.text import normalize_name
from exchange.mappers.tthc_json import path_of
from exchange.services.bulk import instance_rows, rows_insert
from exchange.services.import_plan import BATCH, PlannedRecord
from exchange.services.import_reference_rows import ReferenceRows
from exchange.services.import_references import CatalogReferences
from exchange.services.import_result import Problem
from exchange.services.import_rows import CHILD_MODELS, UPDATED_COLUMNS, child_rows, scalars_apply
from exchange.services.import_time_limits import manual_time_limits
from exchange.services.publishing import records_publish


@dataclass
class WriteOutcome:
    """Ids of the procedures created and updated, how many versions were created, and (after the writes)
    the procedures that already had versions, so an update in force from a day gets a new one."""

    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    versions: int = 0
    changed_with_versions: list[Procedure] = field(default_factory=list)


def plan_write(
    items: list[PlannedRecord],
    references: CatalogReferences,
    *,
    in_force_from: dt.date | None = None,
    as_published: bool = False,
    progress: bool = False,
    warnings: list[Problem] | None = None,
) -> WriteOutcome:
    """Write the planned records (call inside a transaction); warnings about links and codes that could not
    be kept are appended to `warnings`."""
    warnings = warnings if warnings is not None else []
    reference_rows = ReferenceRows(references)
    for item in items:  # owner agencies first: an agency named below may be one of them
        if item.record.owner_agency is not None:
            reference_rows.agency_for(item.record.owner_agency)
    for item in items:
        if item.record.national_codes is not None:
            reference_rows.national_codes_write(item.index, item.record, item.record.national_codes, warnings)
    outcome = WriteOutcome()
    bar = tqdm(total=len(items), desc=_("Ghi"), unit=_("thủ tục"), disable=not progress)
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        _batch_write(batch, reference_rows, outcome)
        bar.update(len(batch))
    bar.close()
    _related_write(items, warnings)
    outcome.versions = _versions_write(
        items, outcome, in_force_from=in_force_from, as_published=as_published, warnings=warnings
    )
    if not as_published and in_force_from is None:
        # With in_force_from the version services already tell downstream apps.
        procedures_changed_send(procedure_ids=outcome.created_ids + outcome.updated_ids)
    return outcome


def _batch_write(batch: list[PlannedRecord], reference_rows: ReferenceRows, outcome: WriteOutcome) -> None:
    new = [item for item in batch if item.existing is None]
    old = [item for item in batch if item.existing is not None]
    procedures = {}
    for item in batch:
        procedure = item.existing
        if procedure is None:
            procedure = Procedure(
                slug=reference_rows.slug_for(item.record),
                status=ProcedureStatus.APPROVED,
                live=True,
                has_unpublished_changes=False,
            )
        field_obj = reference_rows.field_for(item.record.field)
        owner = item.record.owner_agency
        owner_agency = reference_rows.agency_for(owner) if owner is not None else None
        scalars_apply(procedure, item.record, field=field_obj, owner_agency=owner_agency)
        procedures[item.index] = procedure
    if new:
        _procedures_insert([procedures[item.index] for item in new])
        outcome.created_ids.extend(procedures[item.index].pk for item in new)
    for item in new + old:
        item.procedure_id = procedures[item.index].pk
    manual = {}
    if old:
        manual = _procedures_update([procedures[item.index] for item in old], outcome)
    rows: dict[type, list] = {}
    level_rows = []
    levels = reference_rows.references.levels_by_name()
    for item in new + old:
        pid = item.procedure_id
        for model, items in child_rows(pid, item.record, reference_rows.references, manual.get(pid, {})).items():
            rows.setdefault(model, []).extend(items)
        level_rows.extend({"procedure_id": pid, "level_id": levels[name].pk} for name in item.record.levels)
    for model, items in rows.items():
        rows_insert(model=model, rows=items)
    rows_insert(model=Procedure.levels.through, rows=level_rows)


def _procedures_insert(procedures: list[Procedure]) -> None:
    """New procedures as plain rows instead of bulk_create (SQLite allows ~10 procedures per INSERT); their
    ids read back by slug."""
    rows_insert(model=Procedure, rows=instance_rows(procedures))
    ids = dict(Procedure.objects.filter(slug__in=[p.slug for p in procedures]).values_list("slug", "pk"))
    for procedure in procedures:
        procedure.pk = ids[procedure.slug]
        procedure._state.adding = False


def _procedures_update(procedures: list[Procedure], outcome: WriteOutcome) -> dict:
    """Save updated procedures and delete their child rows (written again); returns staff's manual time
    limits to keep, read before the delete."""
    ids = [p.pk for p in procedures]
    manual = manual_time_limits(ids)
    Procedure.objects.bulk_update(procedures, list(UPDATED_COLUMNS))
    for model in CHILD_MODELS:
        model.objects.filter(procedure_id__in=ids).delete()
    Procedure.levels.through.objects.filter(procedure_id__in=ids).delete()
    outcome.updated_ids.extend(ids)
    versioned = set(ProcedureVersion.objects.filter(procedure_id__in=ids).values_list("procedure_id", flat=True))
    outcome.changed_with_versions.extend(p for p in procedures if p.pk in versioned)
    return manual


def _related_write(items: list[PlannedRecord], warnings: list[Problem]) -> None:
    """Related procedures by national code (or by name when without code), once every record is written."""
    wanted = [item for item in items if item.record.related is not None]
    if not wanted:
        return
    by_code = dict(Procedure.objects.exclude(code__isnull=True).values_list("code", "pk"))
    by_name: dict[str, list[int]] = {}
    for pk, name in Procedure.objects.filter(code__isnull=True).values_list("pk", "name"):
        by_name.setdefault(normalize_name(name), []).append(pk)
    through = Procedure.related_procedures.through
    through.objects.filter(from_procedure_id__in=[item.procedure_id for item in wanted]).delete()
    rows = {}
    for item in wanted:
        for position, related in enumerate(item.record.related):
            target = by_code.get(related.code) if related.code else _only(by_name.get(normalize_name(related.name)))
            if target is None or target == item.procedure_id:
                warnings.append(
                    Problem(
                        item.index,
                        path_of("related", position),
                        _("không có thủ tục “%(name)s” trong danh mục; bỏ qua liên kết")
                        % {"name": related.code or related.name},
                        item.record.code,
                    )
                )
                continue
            rows[(item.procedure_id, target)] = {"from_procedure_id": item.procedure_id, "to_procedure_id": target}
    rows_insert(model=through, rows=list(rows.values()))


def _only(found: list[int] | None) -> int | None:
    """The one id found, None for none or several."""
    return found[0] if found and len(found) == 1 else None


def _versions_write(
    items: list[PlannedRecord],
    outcome: WriteOutcome,
    *,
    in_force_from: dt.date | None,
    as_published: bool,
    warnings: list[Problem],
) -> int:
    """Versions of the written procedures: as each record was published, or from `in_force_from` (a baseline
    for the new ones, a new version for those that had one); how many were created."""
    if as_published:
        return records_publish([(item.procedure_id, item.index, item.record) for item in items], warnings=warnings)
    if in_force_from is None:
        return 0
    versions = versions_create_baseline(
        procedures=list(Procedure.objects.filter(pk__in=outcome.created_ids + outcome.updated_ids).only("pk")),
        valid_from=in_force_from,
    )
    for procedure in outcome.changed_with_versions:
        version_create(procedure=procedure, valid_from=in_force_from)
        versions += 1
    return versions
