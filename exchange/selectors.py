"""Reads of the exchange app: catalog procedures as exchange records, streamed in chunks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from catalog.calendar import working_calendar
from catalog.choices import DecisionStatus, ProcedureStatus
from catalog.models import (
    AnnouncementDecision,
    DecisionItem,
    Procedure,
    ProcedureVersion,
)
from exchange import flat_rows
from exchange.flat_procedures import decision_items_for, procedure_from_snapshot, procedures_loaded
from exchange.mappers.catalog_procedure import (
    SIGNED_DECISIONS,
    procedure_to_record,
)
from exchange.records import ProcedureRecord

RECORD_PREFETCH = (
    "levels",
    "steps",
    "channels",
    "time_limits",
    "dossier_items__form_document",
    "agencies__agency",
    "legal_bases",
    "related_procedures",
)
CATALOG_PREFETCH = (
    Prefetch(
        "decision_items",
        queryset=DecisionItem.objects.filter(decision__status__in=SIGNED_DECISIONS).select_related(
            "decision", "legal_document", "successor"
        ),
    ),
    Prefetch(
        "versions",
        queryset=ProcedureVersion.objects.order_by("number")
        .select_related("decision")
        .only("id", "procedure_id", "number", "valid_from", "valid_until", "decision__number"),
    ),
)


def procedures_for_export(
    *, decision_number: str | None = None, changed_since: dt.date | None = None
) -> QuerySet[Procedure]:
    """Procedures an export covers: all, those of one decision, or those changed since a date."""
    queryset = Procedure.objects.all()
    if decision_number:
        queryset = queryset.filter(decision_items__decision__number=decision_number)
    if changed_since:
        queryset = queryset.filter(
            Q(updated_at__date__gte=changed_since)
            | Q(versions__valid_from__gte=changed_since)
            | Q(versions__valid_until__gte=changed_since)
            | Q(decision_items__decision__signed_on__gte=changed_since)
        )
    return queryset.distinct().order_by("code", "pk")


@dataclass(frozen=True)
class ExportScope:
    """What an export holds, in order: published versions (ids), announced working copies (procedure ids of a
    decision not yet applied) and working copies marked as such (`ban_lam_viec`, with `--include-drafts`)."""

    version_ids: QuerySet | list[int]
    procedure_ids: QuerySet | list[int] = ()
    draft_ids: QuerySet | list[int] = ()


def export_scope(
    *,
    decision_number: str | None = None,
    changed_since: dt.date | None = None,
    include_drafts: bool = False,
    day: dt.date | None = None,
) -> ExportScope:
    """The records an export of the national-database format holds.

    By default the versions in force on `day` (today), each with its decision and valid-from. With
    `changed_since`, only those that took effect since that date, and the last versions of procedures
    abolished or replaced since then. With `decision_number`, the procedures of that decision: the version
    the decision made (or ended) once applied, the announced working copy before. `include_drafts` adds the
    working copies of procedures that have no version in force (drafts, approved but not yet in force),
    marked as working copies.
    """
    day = day or timezone.localdate()
    ordering = ("code", "procedure_id", "number")
    procedure_ids: QuerySet | list[int] = []
    if decision_number:
        items = DecisionItem.objects.filter(decision__number=decision_number)
        version_ids = list(
            ProcedureVersion.objects.filter(pk__in=items.exclude(version=None).values("version"))
            .order_by(*ordering)
            .values_list("pk", flat=True)
        )
        procedure_ids = list(
            Procedure.objects.filter(pk__in=items.filter(version=None).values("procedure"))
            .order_by("code", "pk")
            .values_list("pk", flat=True)
        )
    else:
        versions = ProcedureVersion.objects.in_force_on(day)
        if changed_since:
            ended = ProcedureVersion.objects.filter(
                valid_until__gte=changed_since,
                valid_until__lte=day,
                procedure__status__in=(ProcedureStatus.ABOLISHED, ProcedureStatus.REPLACED),
            ).exclude(procedure__versions__valid_from__gte=F("valid_until"))
            versions = ProcedureVersion.objects.filter(
                Q(pk__in=versions.filter(valid_from__gte=changed_since).values("pk")) | Q(pk__in=ended.values("pk"))
            )
        version_ids = versions.order_by(*ordering).values_list("pk", flat=True)
    draft_ids: QuerySet | list[int] = []
    if include_drafts:
        in_force = ProcedureVersion.objects.in_force_on(day).values("procedure")
        draft_ids = (
            Procedure.objects.filter(status__in=(ProcedureStatus.DRAFT, ProcedureStatus.APPROVED))
            .exclude(pk__in=in_force)
            .exclude(pk__in=list(procedure_ids))
            .order_by("code", "pk")
            .values_list("pk", flat=True)
        )
    return ExportScope(version_ids=version_ids, procedure_ids=procedure_ids, draft_ids=draft_ids)


def procedure_records_by_id(ids: list[int], *, catalog_keys: bool = True) -> dict[int, ProcedureRecord]:
    """Records of these procedures from one flat SQL statement per table (no querysets, no model
    instances): the fast path of exports and of the import's comparison with stored procedures. Same
    records as `procedure_to_record` on model instances (tested)."""
    if not ids:
        return {}
    loaded = procedures_loaded(ids, catalog_keys=catalog_keys)
    return {pk: procedure_to_record(procedure, catalog_keys=catalog_keys) for pk, procedure in loaded.items()}


def id_chunks(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    """Consecutive lists of at most `size` ids (`itertools.batched` arrives with Python 3.12)."""
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


def procedure_records_in_order(ids: list[int], *, catalog_keys: bool = True) -> list[ProcedureRecord]:
    """Records of these procedures in the ids' order (one deleted since the ids were listed is left out)."""
    records = procedure_records_by_id(ids, catalog_keys=catalog_keys)
    return [records[pk] for pk in ids if pk in records]


def procedure_records_iter(
    queryset: QuerySet[Procedure], *, catalog_keys: bool = True, chunk_size: int = 500
) -> Iterator[ProcedureRecord]:
    """Stream records in the queryset's order: ids in chunks, one flat query per table per chunk, so
    memory stays flat in the number of procedures."""
    for chunk in id_chunks(queryset.values_list("pk", flat=True).iterator(chunk_size=2000), chunk_size):
        yield from procedure_records_in_order(chunk, catalog_keys=catalog_keys)


# --- changes package: the national-database entry checklist ---------------------------------------------


@dataclass(frozen=True)
class ChecklistRow:
    """One announced procedure to enter into the national database (Decree 63/2010 Art. 24)."""

    item: DecisionItem
    due_on: dt.date
    overdue: bool

    @property
    def entered(self) -> bool:
        return self.item.national_entered_on is not None


def national_entry_checklist(
    *,
    decision_number: str | None = None,
    changed_since: dt.date | None = None,
    pending_only: bool = False,
    today: dt.date | None = None,
) -> list[ChecklistRow]:
    """Items of signed decisions (one decision, or signed since a date) with their entry deadline.

    The deadline is CATALOG_NATIONAL_ENTRY_WORKING_DAYS working days after signing, as on the catalog's
    deadline panel; `overdue` compares it with the entry date, or with `today` while not entered.
    """
    today = today or timezone.localdate()
    items = DecisionItem.objects.filter(
        decision__signed_on__isnull=False,
        decision__status__in=[DecisionStatus.APPROVED, DecisionStatus.APPLIED],
    ).select_related("decision", "procedure", "procedure__field", "national_entered_by")
    if decision_number:
        items = items.filter(decision__number=decision_number)
    if changed_since:
        items = items.filter(decision__signed_on__gte=changed_since)
    if pending_only:
        items = items.filter(national_entered_on__isnull=True)
    calendar = working_calendar()
    rows = []
    for item in items.order_by("decision__signed_on", "decision__number", "sort_order", "pk"):
        due_on = calendar.add_working_days(item.decision.signed_on, settings.CATALOG_NATIONAL_ENTRY_WORKING_DAYS)
        done = item.national_entered_on
        rows.append(ChecklistRow(item=item, due_on=due_on, overdue=(done or today) > due_on))
    return rows


def change_package_items(
    *, decision_number: str | None = None, changed_since: dt.date | None = None
) -> list[DecisionItem]:
    """The national-entry change package: per procedure, its latest item of a signed decision when that item
    is not yet entered into the national database (what changed since the procedure's last national entry),
    optionally only for one decision or decisions signed since a date. Oldest decision first."""
    items = DecisionItem.objects.filter(
        decision__status__in=SIGNED_DECISIONS, decision__signed_on__isnull=False
    ).select_related("decision", "procedure")
    latest: dict[int, DecisionItem] = {}
    for item in items.order_by("decision__signed_on", "decision__pk", "pk"):
        latest[item.procedure_id] = item
    package = [
        item
        for item in latest.values()
        if item.national_entered_on is None
        and (not decision_number or item.decision.number == decision_number)
        and (not changed_since or item.decision.signed_on >= changed_since)
    ]
    return sorted(package, key=lambda item: (item.decision.signed_on, item.decision.number, item.sort_order, item.pk))


def change_package_scope(items: list[DecisionItem]) -> ExportScope:
    """What the package exports: the version each item made or ended once applied, the announced working
    copy before."""
    return ExportScope(
        version_ids=[item.version_id for item in items if item.version_id],
        procedure_ids=[item.procedure_id for item in items if not item.version_id],
    )


def record_from_snapshot(content: dict[str, Any]) -> ProcedureRecord:
    """A published version's content (`catalog.snapshots.procedure_snapshot`) as an exchange record,
    without catalog keys: what the public JSON-LD serves."""
    return procedure_to_record(procedure_from_snapshot(content), catalog_keys=False)


def version_records_in_order(version_ids: list[int]) -> list[ProcedureRecord]:
    """Records of these published versions, in the ids' order: each version's frozen content with what the
    catalog knows around it (the decisions that listed the procedure, the version's validity and decision,
    its number, the successor, and the provenance kept on the procedure). The export's default scope."""
    if not version_ids:
        return []
    col, tab = flat_rows.column, flat_rows.table
    where, params = flat_rows.id_filter(col(ProcedureVersion, "id"), version_ids)
    sql = (
        f"SELECT {flat_rows.columns(ProcedureVersion, 'id', 'procedure', 'number', 'valid_from', 'valid_until', 'content')}, "
        f"{flat_rows.columns(Procedure, 'status', 'source', 'extra', 'replaced_by')}, {col(AnnouncementDecision, 'number')} "
        f"FROM {tab(ProcedureVersion)} JOIN {tab(Procedure)} ON {col(Procedure, 'id')} = {col(ProcedureVersion, 'procedure')} "
        f"LEFT JOIN {tab(AnnouncementDecision)} ON {col(AnnouncementDecision, 'id')} = {col(ProcedureVersion, 'decision')} "
        f"WHERE {where}"
    )
    rows = {row[0]: row for row in flat_rows.rows(sql, params)}
    procedure_ids = [row[1] for row in rows.values()]
    items = decision_items_for(procedure_ids)
    successors = {row[9] for row in rows.values() if row[9]}
    found = {
        pk: SimpleNamespace(code=code, name=name)
        for pk, code, name in Procedure.objects.filter(pk__in=successors).values_list("pk", "code", "name")
    }
    today = timezone.localdate()
    records = []
    for version_id in version_ids:
        row = rows.get(version_id)
        if row is None:
            continue
        _id, pid, number, valid_from, valid_until, content, status, source, extra, successor, decision = row
        valid_from, valid_until = _date(valid_from), _date(valid_until)
        procedure = procedure_from_snapshot(flat_rows.json_value(content))
        procedure.source = flat_rows.json_value(source)
        procedure.extra = flat_rows.json_value(extra)
        procedure.replaced_by_id = successor
        procedure.replaced_by = found.get(successor)
        procedure.decision_items.extend(items.get(pid, []))
        in_force = valid_from <= today and (valid_until is None or today < valid_until)
        procedure.status = ProcedureStatus.IN_FORCE if in_force else status
        procedure.versions.append(
            SimpleNamespace(number=number, valid_from=valid_from, valid_until=valid_until, decision_number=decision)
        )
        records.append(procedure_to_record(procedure))
    return records


def _date(value) -> dt.date | None:
    """A date column's value (SQLite hands over text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def procedure_version_in_force(*, key: str, day: dt.date | None = None) -> ProcedureVersion | None:
    """The version in force on `day` (today) of the procedure with this national code, or with this slug
    while it has no code; None when there is none (not yet in force, abolished, unknown)."""
    if "\x00" in key:  # no such key, and PostgreSQL text cannot hold NUL
        return None
    day = day or timezone.localdate()
    procedure_ids = Procedure.objects.filter(Q(code=key) | (Q(slug=key) & (Q(code__isnull=True) | Q(code=""))))
    return (
        ProcedureVersion.objects.in_force_on(day)
        .filter(procedure_id__in=procedure_ids.values("pk"))
        .select_related("procedure")
        .order_by("-valid_from", "-number")
        .first()
    )
