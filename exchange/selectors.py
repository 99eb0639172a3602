"""Reads of the exchange app: catalog procedures as exchange records, streamed in chunks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from catalog.calendar import working_calendar
from catalog.choices import AgencyRole, Channel, DecisionStatus, ProcedureStatus
from catalog.models import (
    Agency,
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
    NamedCodeRecord,
    NationalCodesRecord,
    PaperRecord,
    ProcedureRecord,
    ProvincialDecisionRecord,
    RelatedRecord,
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
    "dossier_items__form_document",
    "agencies__agency",
    "legal_bases",
    "related_procedures",
)
# Decisions an export names: signed ones (a draft decision is not public).
SIGNED_DECISIONS = (DecisionStatus.APPROVED, DecisionStatus.APPLIED)
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


def _form_url(item) -> str | None:
    """The form file's URL: read by the flat path into `form_url`, from the document on a model instance."""
    if hasattr(item, "form_url"):
        return item.form_url
    return item.form_document.url if item.form_document_id else None


def _dossier(procedure: Procedure, internal: dict[str, Any]) -> tuple[DossierGroupRecord, ...]:
    items = list(procedure.dossier_items.all())
    papers = [
        PaperRecord(
            name=item.name,
            forms=tuple(item.forms or ()),
            originals=item.originals,
            copies=item.copies,
            required=bool(item.required),
            form_url=_form_url(item),
        )
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
        decisions = decision_records(procedure.decision_items.all())
        versions = list(procedure.versions.all())
        latest = versions[-1] if versions else None
        status = StatusRecord(
            status=procedure.status,
            valid_from=_iso(latest.valid_from) if latest else None,
            valid_until=_iso(latest.valid_until) if latest else None,
            decision=_decision_number(latest) if latest else None,
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
        slug=procedure.slug,
        online_service_level=procedure.online_service_level or "",
        one_stop=bool(procedure.one_stop),
        inter_agency_group=procedure.inter_agency_group or "",
        related=tuple(
            RelatedRecord(code=related.code or None, name=related.name)
            for related in procedure.related_procedures.all()
        ),
        owner_agency=(
            NamedCodeRecord(
                name=procedure.owner_agency.name,
                code=procedure.owner_agency.code,
                national_code=getattr(procedure.owner_agency, "national_code", "") or "",
            )
            if procedure.owner_agency_id
            else None
        ),
        national_codes=_national_codes(procedure),
        successor=(
            RelatedRecord(code=procedure.replaced_by.code or None, name=procedure.replaced_by.name)
            if catalog_keys and procedure.replaced_by_id
            else None
        ),
        provincial_decisions=decisions,
        status=status,
        version=version,
    )


def _decision_number(version) -> str | None:
    if hasattr(version, "decision_number"):
        return version.decision_number
    return version.decision.number if version.decision_id else None


def _agency_national_code(entry) -> str:
    if hasattr(entry, "agency_national_code"):
        return entry.agency_national_code or ""
    return entry.agency.national_code if entry.agency_id else ""


def _national_codes(procedure) -> NationalCodesRecord:
    """The national codes staff entered for the procedure's field, levels and linked agencies."""
    agencies = []
    for entry in procedure.agencies.all():
        code = _agency_national_code(entry)
        if code and (entry.name, code) not in agencies:
            agencies.append((entry.name, code))
    return NationalCodesRecord(
        field=(procedure.field.national_code or None) if procedure.field_id else None,
        levels=tuple(
            NamedCodeRecord(level.name, level.national_code) for level in procedure.levels.all() if level.national_code
        ),
        agencies=tuple(NamedCodeRecord(name, code) for name, code in agencies),
    )


def _legal_record(document) -> LegalBasisRecord | None:
    if document is None:
        return None
    return LegalBasisRecord(
        number=document.number,
        summary=document.summary or None,
        issued_on=_iso(document.issued_on),
        issuer=document.issuer or None,
    )


def decision_records(items) -> tuple[ProvincialDecisionRecord, ...]:
    """Signed decision items of a procedure (model instances or flat rows), oldest decision first, with the
    legal document that changes the procedure, the change note and the successor of a replaced item."""
    ordered = sorted(items, key=lambda item: (item.decision.signed_on or dt.date.min, item.decision.number, item.pk))
    return tuple(
        ProvincialDecisionRecord(
            number=item.decision.number,
            signed_on=_iso(item.decision.signed_on),
            effective_on=_iso(item.decision.effective_on),
            category=item.category,
            legal_document=_legal_record(item.legal_document),
            change_note=item.change_note or None,
            successor=(
                RelatedRecord(code=item.successor.code or None, name=item.successor.name) if item.successor else None
            ),
        )
        for item in ordered
        if item.decision.status in SIGNED_DECISIONS
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


class _Children(list):
    """A list that answers `.all()` like a prefetched related manager (see `procedure_records_by_id`)."""

    def all(self) -> _Children:
        return self


_SCALARS = (
    "id",
    "code",
    "slug",
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
    "online_service_level",
    "one_stop",
    "inter_agency_group",
    "owner_agency_id",
    "replaced_by_id",
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
    ("dossier_items", DossierItem, ("case", "name", "forms", "originals", "copies", "required", "form_document")),
    ("agencies", ProcedureAgency, ("role", "name", "agency")),
    ("legal_bases", ProcedureLegalBasis, ("number", "summary", "issued_on", "issuer")),
)


# Light rows with the model's attribute names, so `procedure_to_record` reads them like model instances.
# The procedure id comes last (and defaults to None), so a row is made from a fetched tuple as is.
# Attribute names of flat rows where they differ from the column read: a paper's form file id becomes its URL,
# an agency link its national code (both filled in after the read).
_ROW_NAMES = {"form_document": "form_url", "agency": "agency_national_code"}
_ROW_TYPES = {
    attr: namedtuple(
        f"_{model.__name__}Row", (*(_ROW_NAMES.get(c, c) for c in columns), "procedure_id"), defaults=(None,)
    )
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
    made = list(map(_ROW_TYPES[attr]._make, rows))
    if attr == "dossier_items":
        made = _form_urls(made)
    elif attr == "agencies":
        made = _agency_codes(made)
    for row in made:
        lists[row.procedure_id].append(row)


def _form_urls(rows: list) -> list:
    """Papers' form file ids → the files' URLs (few papers have one: one query for those)."""
    ids = {row.form_url for row in rows if row.form_url}
    if not ids:
        return rows
    from wagtail.documents import get_document_model

    urls = {document.pk: document.url for document in get_document_model().objects.filter(pk__in=ids)}
    return [row._replace(form_url=urls.get(row.form_url)) if row.form_url else row for row in rows]


def _agency_codes(rows: list) -> list:
    """Agency links → the agencies' national codes ("" when none)."""
    ids = {row.agency_national_code for row in rows if row.agency_national_code}
    codes = dict(Agency.objects.filter(pk__in=ids).exclude(national_code="").values_list("pk", "national_code"))
    return [row._replace(agency_national_code=codes.get(row.agency_national_code, "")) for row in rows]


def _procedure_rows(ids: list[int]) -> Iterator[SimpleNamespace]:
    """Procedures with their scalar columns and field name, shaped like model instances."""
    where, params = flat_rows.id_filter(flat_rows.column(Procedure, "id"), ids)
    select = f"{flat_rows.columns(Procedure, *_SCALARS)}, {flat_rows.columns(Field, 'name', 'national_code')}"
    joined = (
        f"{flat_rows.table(Procedure)} LEFT JOIN {flat_rows.table(Field)} "
        f"ON {flat_rows.column(Field, 'id')} = {flat_rows.column(Procedure, 'field')}"
    )
    for row in flat_rows.rows(f"SELECT {select} FROM {joined} WHERE {where}", params):
        values = dict(zip(_SCALARS, row, strict=False))
        for name in _JSON_SCALARS:
            values[name] = flat_rows.json_value(values[name])
        procedure = SimpleNamespace(pk=values["id"], **values)
        procedure.field = SimpleNamespace(name=row[-2], national_code=row[-1]) if values["field_id"] else None
        yield procedure


def _many_to_many_rows(through, source: str, target: str, model, columns: tuple[str, ...], ids, *, order=None):
    """(source id, *columns of the target) of a many-to-many table for these source ids, in `order` of the
    target (its name and id by default)."""
    col = flat_rows.column
    where, params = flat_rows.id_filter(col(through, source), ids)
    sql = (
        f"SELECT {col(through, source)}, {flat_rows.columns(model, *columns)} "
        f"FROM {flat_rows.table(through)} JOIN {flat_rows.table(model)} ON {col(model, 'id')} = {col(through, target)} "
        f"WHERE {where} ORDER BY {flat_rows.columns(model, *(order or ('name', 'id')))}"
    )
    return flat_rows.rows(sql, params)


def _add_references(loaded: dict[int, SimpleNamespace], ids: list[int]) -> None:
    """Related procedures, the owner agency and the successor, as `procedure_to_record` reads them."""
    related = _many_to_many_rows(
        Procedure.related_procedures.through, "from_procedure", "to_procedure", Procedure, ("code", "name"), ids
    )
    for pid, code, name in related:
        loaded[pid].related_procedures.append(SimpleNamespace(code=code, name=name))
    owners = {procedure.owner_agency_id for procedure in loaded.values() if procedure.owner_agency_id}
    agencies = {
        pk: SimpleNamespace(code=code, name=name, national_code=national_code)
        for pk, code, name, national_code in Agency.objects.filter(pk__in=owners).values_list(
            "pk", "code", "name", "national_code"
        )
    }
    successors = {procedure.replaced_by_id for procedure in loaded.values() if procedure.replaced_by_id}
    found = {
        pk: SimpleNamespace(code=code, name=name)
        for pk, code, name in Procedure.objects.filter(pk__in=successors).values_list("pk", "code", "name")
    }
    for procedure in loaded.values():
        procedure.owner_agency = agencies.get(procedure.owner_agency_id)
        procedure.replaced_by = found.get(procedure.replaced_by_id)


def decision_items_for(procedure_ids: list[int]) -> dict[int, list[SimpleNamespace]]:
    """Items of signed decisions listing these procedures, shaped like model instances (decision, legal
    document and successor attached), per procedure."""
    items = (
        DecisionItem.objects.filter(procedure_id__in=procedure_ids, decision__status__in=SIGNED_DECISIONS)
        .values_list(
            "procedure_id",
            "pk",
            "category",
            "change_note",
            "decision__number",
            "decision__signed_on",
            "decision__effective_on",
            "decision__status",
            "legal_document__number",
            "legal_document__summary",
            "legal_document__issued_on",
            "legal_document__issuer",
            "successor__code",
            "successor__name",
        )
        .order_by("pk")
    )
    found: dict[int, list[SimpleNamespace]] = defaultdict(list)
    for pid, pk, category, note, number, signed, effective, status, doc, summary, issued, issuer, scode, sname in items:
        found[pid].append(
            SimpleNamespace(
                pk=pk,
                category=category,
                change_note=note,
                decision=SimpleNamespace(number=number, signed_on=signed, effective_on=effective, status=status),
                legal_document=(
                    SimpleNamespace(number=doc, summary=summary, issued_on=issued, issuer=issuer) if doc else None
                ),
                successor=SimpleNamespace(code=scode, name=sname) if sname else None,
            )
        )
    return found


def _add_catalog_keys(loaded: dict[int, SimpleNamespace], ids: list[int]) -> None:
    """Signed decision items and versions, as `procedure_to_record` reads them."""
    for pid, items in decision_items_for(ids).items():
        loaded[pid].decision_items.extend(items)
    versions = (
        ProcedureVersion.objects.filter(procedure_id__in=ids)
        .values_list("procedure_id", "number", "valid_from", "valid_until", "decision__number")
        .order_by("procedure_id", "number")
    )
    for pid, number, valid_from, valid_until, decision_number in versions:
        loaded[pid].versions.append(
            SimpleNamespace(
                number=number, valid_from=valid_from, valid_until=valid_until, decision_number=decision_number
            )
        )


def procedure_records_by_id(ids: list[int], *, catalog_keys: bool = True) -> dict[int, ProcedureRecord]:
    """Records of these procedures from one flat SQL statement per table (no querysets, no model
    instances): the fast path of exports and of the import's comparison with stored procedures. Same
    records as `procedure_to_record` on model instances (tested)."""
    if not ids:
        return {}
    loaded: dict[int, SimpleNamespace] = {}
    for procedure in _procedure_rows(ids):
        for name in ("levels", "decision_items", "versions", "related_procedures", *(child[0] for child in _CHILDREN)):
            setattr(procedure, name, _Children())
        loaded[procedure.pk] = procedure
    levels = _many_to_many_rows(
        Procedure.levels.through,
        "procedure",
        "level",
        Level,
        ("name", "national_code"),
        ids,
        order=("sort_order", "id"),
    )
    for pid, name, national_code in levels:
        loaded[pid].levels.append(SimpleNamespace(name=name, national_code=national_code))
    for attr, model, columns in _CHILDREN:
        _add_children(loaded, attr, model, columns, ids)
    _add_references(loaded, ids)
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


def _snapshot_namespace(content: dict[str, Any]) -> SimpleNamespace:
    """A version's content shaped like a stored procedure, for `procedure_to_record`."""
    field = content.get("field")
    owner = content.get("owner_agency")
    return SimpleNamespace(
        pk=None,
        code=content.get("code") or None,
        slug=content.get("slug"),
        name=content["name"],
        central_decision_number=content.get("central_decision_number"),
        procedure_type=content.get("procedure_type"),
        field_id=1 if field else None,
        field=SimpleNamespace(name=field["name"], national_code=field.get("national_code") or "") if field else None,
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
        online_service_level=content.get("online_service_level") or "",
        one_stop=content.get("one_stop", True),
        inter_agency_group=content.get("inter_agency_group") or "",
        owner_agency_id=1 if owner else None,
        owner_agency=(
            SimpleNamespace(code=owner["code"], name=owner["name"], national_code=owner.get("national_code") or "")
            if owner
            else None
        ),
        replaced_by_id=None,
        replaced_by=None,
        related_procedures=_Children(
            SimpleNamespace(code=entry.get("code") or None, name=entry["name"]) for entry in content.get("related", [])
        ),
        levels=_Children(
            SimpleNamespace(name=level["name"], national_code=level.get("national_code") or "")
            for level in content.get("levels", [])
        ),
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
                item.get("required", True),
                item.get("form_document_url"),
            )
            for group in content.get("dossier", [])
            for item in group.get("items", [])
        ),
        agencies=_Children(
            _ROW_TYPES["agencies"](entry["role"], entry["name"], entry.get("national_code") or "")
            for entry in content.get("agencies", [])
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
        decision_items=_Children(),
        versions=_Children(),
    )


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
    return procedure_to_record(_snapshot_namespace(content), catalog_keys=False)


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
        procedure = _snapshot_namespace(flat_rows.json_value(content))
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
