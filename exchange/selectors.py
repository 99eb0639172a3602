"""Reads of the exchange app: catalog procedures as exchange records, streamed in chunks."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from catalog.calendar import working_calendar
from catalog.choices import AgencyRole, Channel, DecisionStatus
from catalog.models import (
    AnnouncementDecision,
    DecisionItem,
    DossierItem,
    Field,
    Level,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureLegalBasis,
    ProcedureStep,
    ProcedureTimeLimit,
    ProcedureVersion,
)
from exchange import flat_rows
from exchange.records import (
    AgenciesRecord,
    ChannelRecord,
    DossierGroupRecord,
    LegalBasisRecord,
    PaperRecord,
    ProcedureRecord,
    ProvincialDecisionRecord,
    StatusRecord,
    StructuredCaseRecord,
)

# Bookkeeping kept in Procedure.extra under this key so that what the catalog's rows cannot say (dossier
# groups without papers, neighbouring groups with the same case) still round-trips. Never exported as is.
INTERNAL_KEY = "__exchange__"

ROLE_ORDER = (AgencyRole.IMPLEMENTING, AgencyRole.COMPETENT, AgencyRole.AUTHORISED, AgencyRole.COORDINATING)

RECORD_PREFETCH = (
    "levels",
    "steps",
    "channels",
    "time_limits",
    "dossier_items",
    "agencies",
    "legal_bases",
)
CATALOG_PREFETCH = (
    Prefetch("decision_items", queryset=DecisionItem.objects.select_related("decision")),
    Prefetch(
        "versions",
        queryset=ProcedureVersion.objects.order_by("number").only(
            "id", "procedure_id", "number", "valid_from", "valid_until"
        ),
    ),
)


def _amount(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


NONE_STATED = "Không"


def stated_none(text: str | None, none_stated: bool) -> str | None:
    """A fee or requirement as exchanged: its text; "Không" when staff stated there is none; else as stored
    (None = the source did not say). An import reads "Không" back as that text, so the exchanged value is
    the same both ways."""
    if text and text.strip():
        return text
    return NONE_STATED if none_stated else text


def _dossier(procedure: Procedure, internal: dict[str, Any]) -> tuple[DossierGroupRecord, ...]:
    items = list(procedure.dossier_items.all())
    papers = [
        PaperRecord(name=item.name, forms=tuple(item.forms or ()), originals=item.originals, copies=item.copies)
        for item in items
    ]
    layout = internal.get("dossier_groups")
    if layout and sum(count for _case, count in layout) == len(items):
        groups, start, consistent = [], 0, True
        for case, count in layout:
            chunk = items[start : start + count]
            if any(item.case != (case or "") for item in chunk):
                consistent = False
                break
            groups.append(DossierGroupRecord(case=case or None, papers=tuple(papers[start : start + count])))
            start += count
        if consistent:
            return tuple(groups)
    groups_natural: list[DossierGroupRecord] = []
    for item, paper in zip(items, papers, strict=True):
        case = item.case or None
        if groups_natural and groups_natural[-1].case == case:
            last = groups_natural[-1]
            groups_natural[-1] = DossierGroupRecord(case=case, papers=(*last.papers, paper))
        else:
            groups_natural.append(DossierGroupRecord(case=case, papers=(paper,)))
    return tuple(groups_natural)


def _channels(procedure: Procedure) -> tuple[ChannelRecord, ...]:
    limits: dict[str, list[StructuredCaseRecord]] = {}
    for limit in procedure.time_limits.all():
        limits.setdefault(limit.channel, []).append(
            StructuredCaseRecord(
                amount=_amount(limit.amount),
                unit=limit.unit,
                start_event=limit.start_event,
                case=limit.case,
                max_only=limit.max_only,
            )
        )
    seen: set[str] = set()
    channels = []
    for channel in procedure.channels.all():
        structured = () if channel.channel in seen else tuple(limits.get(channel.channel, ()))
        seen.add(channel.channel)
        channels.append(
            ChannelRecord(
                label=channel.channel_label or str(Channel(channel.channel).label),
                time_limit_text=channel.time_limit_text or None,
                fee_text=stated_none(channel.fee_text, bool(channel.no_fee)),
                description=channel.description,
                time_limit_status=channel.time_limit_status,
                time_limit_flag=channel.time_limit_flag,
                structured=structured,
            )
        )
    return tuple(channels)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def procedure_to_record(procedure: Procedure, *, catalog_keys: bool = True) -> ProcedureRecord:
    """A stored procedure (children prefetched with RECORD_PREFETCH) as an exchange record."""
    extra = dict(procedure.extra or {})
    internal = extra.pop(INTERNAL_KEY, {}) or {}
    by_role: dict[str, list[str]] = {role: [] for role in ROLE_ORDER}
    for entry in procedure.agencies.all():
        by_role.setdefault(entry.role, []).append(entry.name)
    decisions: tuple[ProvincialDecisionRecord, ...] = ()
    status = None
    version = None
    if catalog_keys:
        items = sorted(
            procedure.decision_items.all(),
            key=lambda item: (item.decision.signed_on or dt.date.min, item.decision.number, item.pk),
        )
        decisions = tuple(
            ProvincialDecisionRecord(
                number=item.decision.number,
                signed_on=_iso(item.decision.signed_on),
                effective_on=_iso(item.decision.effective_on),
                category=item.category,
            )
            for item in items
        )
        versions = list(procedure.versions.all())
        latest = versions[-1] if versions else None
        status = StatusRecord(
            status=procedure.status,
            valid_from=_iso(latest.valid_from) if latest else None,
            valid_until=_iso(latest.valid_until) if latest else None,
        )
        version = latest.number if latest else None
    return ProcedureRecord(
        code=procedure.code or None,
        name=procedure.name,
        central_decision_number=procedure.central_decision_number or None,
        levels=tuple(level.name for level in procedure.levels.all()),
        procedure_type=procedure.procedure_type or None,
        field=procedure.field.name if procedure.field_id else None,
        steps=tuple(step.text for step in procedure.steps.all()),
        channels=_channels(procedure),
        dossier=_dossier(procedure, internal),
        applicants=tuple(procedure.applicants or ()),
        agencies=AgenciesRecord(
            implementing=tuple(by_role[AgencyRole.IMPLEMENTING]),
            competent=tuple(by_role[AgencyRole.COMPETENT]),
            authorised=tuple(by_role[AgencyRole.AUTHORISED]),
            coordinating=tuple(by_role[AgencyRole.COORDINATING]),
        ),
        receiving_address=procedure.receiving_address or None,
        results=tuple(procedure.results or ()),
        legal_bases=tuple(
            LegalBasisRecord(
                number=basis.number,
                summary=basis.summary or None,
                issued_on=_iso(basis.issued_on),
                issuer=basis.issuer or None,
            )
            for basis in procedure.legal_bases.all()
        ),
        requirements=stated_none(procedure.requirements or None, bool(procedure.no_requirements)),
        keywords=tuple(procedure.keywords or ()),
        description=procedure.description or None,
        source=procedure.source or None,
        extra=extra,
        provincial_decisions=decisions,
        status=status,
        version=version,
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


class _Children(list):
    """A list that answers `.all()` like a prefetched related manager (see `procedure_records_by_id`)."""

    def all(self) -> _Children:
        return self


_SCALARS = (
    "id",
    "code",
    "name",
    "central_decision_number",
    "procedure_type",
    "field_id",
    "applicants",
    "results",
    "receiving_address",
    "requirements",
    "no_requirements",
    "keywords",
    "description",
    "source",
    "extra",
    "status",
)
_CHILDREN = (
    ("steps", ProcedureStep, ("text",)),
    (
        "channels",
        ProcedureChannel,
        (
            "channel",
            "channel_label",
            "time_limit_text",
            "fee_text",
            "no_fee",
            "description",
            "time_limit_status",
            "time_limit_flag",
        ),
    ),
    ("time_limits", ProcedureTimeLimit, ("channel", "amount", "unit", "start_event", "case", "max_only")),
    ("dossier_items", DossierItem, ("case", "name", "forms", "originals", "copies")),
    ("agencies", ProcedureAgency, ("role", "name")),
    ("legal_bases", ProcedureLegalBasis, ("number", "summary", "issued_on", "issuer")),
)


# Light rows with the model's attribute names, so `procedure_to_record` reads them like model instances.
# The procedure id comes last (and defaults to None), so a row is made from a fetched tuple as is.
_ROW_TYPES = {
    attr: namedtuple(f"_{model.__name__}Row", (*columns, "procedure_id"), defaults=(None,))
    for attr, model, columns in _CHILDREN
}
_JSON_SCALARS = frozenset({"applicants", "results", "keywords", "extra", "source"})
# Columns whose raw value needs a conversion (JSON text; SQLite decimals), by child attribute.
_CHILD_CONVERTERS = {
    "dossier_items": {"forms": flat_rows.json_value},
    "time_limits": {"amount": flat_rows.decimal_value},
}


def _add_children(loaded: dict[int, SimpleNamespace], attr: str, model, columns: tuple[str, ...], ids: list[int]):
    """Rows of one child table appended to their procedures' lists, in display order."""
    where, params = flat_rows.id_filter(flat_rows.column(model, "procedure"), ids)
    select = flat_rows.columns(model, *columns, "procedure")
    order = flat_rows.columns(model, "procedure", "sort_order", "id")
    rows = flat_rows.rows(f"SELECT {select} FROM {flat_rows.table(model)} WHERE {where} ORDER BY {order}", params)
    converters = _CHILD_CONVERTERS.get(attr, {})
    if converters:
        positions = [(columns.index(name), convert) for name, convert in converters.items()]
        converted = []
        for row in rows:
            values = list(row)
            for position, convert in positions:
                values[position] = convert(values[position])
            converted.append(values)
        rows = converted
    lists = {pk: getattr(procedure, attr) for pk, procedure in loaded.items()}
    for row in map(_ROW_TYPES[attr]._make, rows):
        lists[row.procedure_id].append(row)


def _procedure_rows(ids: list[int]) -> Iterator[SimpleNamespace]:
    """Procedures with their scalar columns and field name, shaped like model instances."""
    where, params = flat_rows.id_filter(flat_rows.column(Procedure, "id"), ids)
    select = f"{flat_rows.columns(Procedure, *_SCALARS)}, {flat_rows.column(Field, 'name')}"
    joined = (
        f"{flat_rows.table(Procedure)} LEFT JOIN {flat_rows.table(Field)} "
        f"ON {flat_rows.column(Field, 'id')} = {flat_rows.column(Procedure, 'field')}"
    )
    for row in flat_rows.rows(f"SELECT {select} FROM {joined} WHERE {where}", params):
        values = dict(zip(_SCALARS, row, strict=False))
        for name in _JSON_SCALARS:
            values[name] = flat_rows.json_value(values[name])
        procedure = SimpleNamespace(pk=values["id"], **values)
        procedure.field = SimpleNamespace(name=row[-1]) if values["field_id"] else None
        yield procedure


def _add_catalog_keys(loaded: dict[int, SimpleNamespace], ids: list[int]) -> None:
    """Decision items (with their decision) and versions, as `procedure_to_record` reads them."""
    col, cols, tab = flat_rows.column, flat_rows.columns, flat_rows.table
    where, params = flat_rows.id_filter(col(DecisionItem, "procedure"), ids)
    items_sql = (
        f"SELECT {cols(DecisionItem, 'procedure', 'id', 'category')}, "
        f"{cols(AnnouncementDecision, 'number', 'signed_on', 'effective_on')} "
        f"FROM {tab(DecisionItem)} JOIN {tab(AnnouncementDecision)} "
        f"ON {col(AnnouncementDecision, 'id')} = {col(DecisionItem, 'decision')} WHERE {where}"
    )
    for pid, pk, category, number, signed_on, effective_on in flat_rows.rows(items_sql, params):
        decision = SimpleNamespace(number=number, signed_on=signed_on, effective_on=effective_on)
        loaded[pid].decision_items.append(SimpleNamespace(pk=pk, category=category, decision=decision))
    where, params = flat_rows.id_filter(col(ProcedureVersion, "procedure"), ids)
    versions_sql = (
        f"SELECT {cols(ProcedureVersion, 'procedure', 'number', 'valid_from', 'valid_until')} "
        f"FROM {tab(ProcedureVersion)} WHERE {where} ORDER BY {cols(ProcedureVersion, 'procedure', 'number')}"
    )
    for pid, number, valid_from, valid_until in flat_rows.rows(versions_sql, params):
        loaded[pid].versions.append(SimpleNamespace(number=number, valid_from=valid_from, valid_until=valid_until))


def procedure_records_by_id(ids: list[int], *, catalog_keys: bool = True) -> dict[int, ProcedureRecord]:
    """Records of these procedures from one flat SQL statement per table (no querysets, no model
    instances): the fast path of exports and of the import's comparison with stored procedures. Same
    records as `procedure_to_record` on model instances (tested)."""
    if not ids:
        return {}
    loaded: dict[int, SimpleNamespace] = {}
    for procedure in _procedure_rows(ids):
        for name in ("levels", "decision_items", "versions", *(child[0] for child in _CHILDREN)):
            setattr(procedure, name, _Children())
        loaded[procedure.pk] = procedure
    through = Procedure.levels.through
    where, params = flat_rows.id_filter(flat_rows.column(through, "procedure"), ids)
    levels_sql = (
        f"SELECT {flat_rows.column(through, 'procedure')}, {flat_rows.column(Level, 'name')} "
        f"FROM {flat_rows.table(through)} JOIN {flat_rows.table(Level)} "
        f"ON {flat_rows.column(Level, 'id')} = {flat_rows.column(through, 'level')} WHERE {where} "
        f"ORDER BY {flat_rows.columns(Level, 'sort_order', 'id')}"
    )
    for pid, name in flat_rows.rows(levels_sql, params):
        loaded[pid].levels.append(SimpleNamespace(name=name))
    for attr, model, columns in _CHILDREN:
        _add_children(loaded, attr, model, columns, ids)
    if catalog_keys:
        _add_catalog_keys(loaded, ids)
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


def record_from_snapshot(content: dict[str, Any]) -> ProcedureRecord:
    """A published version's content (`catalog.snapshots.procedure_snapshot`) as an exchange record,
    without catalog keys: what the public JSON-LD serves."""
    procedure = SimpleNamespace(
        pk=None,
        code=content.get("code") or None,
        name=content["name"],
        central_decision_number=content.get("central_decision_number"),
        procedure_type=content.get("procedure_type"),
        field_id=1 if content.get("field") else None,
        field=SimpleNamespace(name=content["field"]["name"]) if content.get("field") else None,
        applicants=content.get("applicants") or [],
        results=content.get("results") or [],
        receiving_address=content.get("receiving_address"),
        requirements=content.get("requirements"),
        no_requirements=content.get("no_requirements", False),
        keywords=content.get("keywords") or [],
        description=content.get("description"),
        source=None,
        extra={},
        status=None,
        levels=_Children(SimpleNamespace(name=level["name"]) for level in content.get("levels", [])),
        steps=_Children(_ROW_TYPES["steps"](text) for text in content.get("steps", [])),
        channels=_Children(
            _ROW_TYPES["channels"](*(channel.get(name) for name in _ROW_TYPES["channels"]._fields))
            for channel in content.get("channels", [])
        ),
        time_limits=_Children(
            _ROW_TYPES["time_limits"](
                limit["channel"],
                Decimal(limit["amount"]) if limit.get("amount") is not None else Decimal(0),
                limit["unit"],
                limit["start_event"],
                limit.get("case") or "",
                bool(limit.get("max_only")),
            )
            for limit in content.get("time_limits", [])
        ),
        dossier_items=_Children(
            _ROW_TYPES["dossier_items"](
                group.get("case") or "",
                item["name"],
                item.get("forms") or [],
                item.get("originals"),
                item.get("copies"),
            )
            for group in content.get("dossier", [])
            for item in group.get("items", [])
        ),
        agencies=_Children(
            _ROW_TYPES["agencies"](entry["role"], entry["name"]) for entry in content.get("agencies", [])
        ),
        legal_bases=_Children(
            _ROW_TYPES["legal_bases"](
                basis["number"],
                basis.get("summary") or "",
                dt.date.fromisoformat(basis["issued_on"]) if basis.get("issued_on") else None,
                basis.get("issuer") or "",
            )
            for basis in content.get("legal_bases", [])
        ),
    )
    return procedure_to_record(procedure, catalog_keys=False)


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
