"""Pure mapper from a stored procedure to an exchange record.

It reads a procedure the way the ORM shapes it (a model instance with its children prefetched, see
`exchange.selectors.RECORD_PREFETCH`), or anything shaped alike: the flat rows and version snapshots of
`exchange.flat_procedures`. What the catalog's rows cannot say (dossier groups without papers, neighbouring
groups with the same case) comes from the bookkeeping the import keeps under INTERNAL_KEY.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from catalog.choices import AgencyRole, Channel, DecisionStatus
from catalog.models import Procedure
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
# Decisions an export names: signed ones (a draft decision is not public).
SIGNED_DECISIONS = (DecisionStatus.APPROVED, DecisionStatus.APPLIED)


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
        agencies=_agencies(procedure),
        receiving_address=procedure.receiving_address or None,
        results=tuple(procedure.results or ()),
        legal_bases=tuple(_legal_basis(basis) for basis in procedure.legal_bases.all()),
        requirements=stated_none(procedure.requirements or None, bool(procedure.no_requirements)),
        keywords=tuple(procedure.keywords or ()),
        description=procedure.description or None,
        source=procedure.source or None,
        extra=extra,
        **_catalog_fields(procedure),
        **(_publication(procedure) if catalog_keys else {}),
    )


def _catalog_fields(procedure: Procedure) -> dict[str, Any]:
    """The catalog's additions to the portal's fields: slug, online level, one-stop and inter-agency group,
    related procedures, owner agency, national codes."""
    return {
        "slug": procedure.slug,
        "online_service_level": procedure.online_service_level or "",
        "one_stop": bool(procedure.one_stop),
        "inter_agency_group": procedure.inter_agency_group or "",
        "related": tuple(
            RelatedRecord(code=related.code or None, name=related.name)
            for related in procedure.related_procedures.all()
        ),
        "owner_agency": _owner_agency(procedure),
        "national_codes": _national_codes(procedure),
    }


def _agencies(procedure: Procedure) -> AgenciesRecord:
    by_role: dict[str, list[str]] = {role: [] for role in ROLE_ORDER}
    for entry in procedure.agencies.all():
        by_role.setdefault(entry.role, []).append(entry.name)
    return AgenciesRecord(
        implementing=tuple(by_role[AgencyRole.IMPLEMENTING]),
        competent=tuple(by_role[AgencyRole.COMPETENT]),
        authorised=tuple(by_role[AgencyRole.AUTHORISED]),
        coordinating=tuple(by_role[AgencyRole.COORDINATING]),
    )


def _owner_agency(procedure: Procedure) -> NamedCodeRecord | None:
    if not procedure.owner_agency_id:
        return None
    owner = procedure.owner_agency
    return NamedCodeRecord(name=owner.name, code=owner.code, national_code=getattr(owner, "national_code", "") or "")


def _publication(procedure: Procedure) -> dict[str, Any]:
    """The catalog's publication keys: signed decisions, status and validity of the latest version, its
    number, the successor."""
    versions = list(procedure.versions.all())
    latest = versions[-1] if versions else None
    return {
        "provincial_decisions": decision_records(procedure.decision_items.all()),
        "status": StatusRecord(
            status=procedure.status,
            valid_from=_iso(latest.valid_from) if latest else None,
            valid_until=_iso(latest.valid_until) if latest else None,
            decision=_decision_number(latest) if latest else None,
        ),
        "version": latest.number if latest else None,
        "successor": (
            RelatedRecord(code=procedure.replaced_by.code or None, name=procedure.replaced_by.name)
            if procedure.replaced_by_id
            else None
        ),
    }


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


def _legal_basis(document) -> LegalBasisRecord:
    return LegalBasisRecord(
        number=document.number,
        summary=document.summary or None,
        issued_on=_iso(document.issued_on),
        issuer=document.issuer or None,
    )


def _legal_record(document) -> LegalBasisRecord | None:
    return None if document is None else _legal_basis(document)


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
