"""The frozen content of a procedure version: one plain dict, English keys, JSON-serialisable.

Public pages, the API, search indexing and version diffs all read this shape, so they agree on what a
version says. Children keep their admin order.
"""

from typing import Any

from catalog.models import Procedure


def _dossier_groups(procedure: Procedure) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for item in procedure.dossier_items.all():
        if not groups or groups[-1]["case"] != item.case:
            groups.append({"case": item.case, "items": []})
        groups[-1]["items"].append(
            {
                "name": item.name,
                "forms": list(item.forms),
                "form_document_url": item.form_document.url if item.form_document_id else None,
                "originals": item.originals,
                "copies": item.copies,
                "required": item.required,
            }
        )
    return groups


def procedure_snapshot(procedure: Procedure) -> dict[str, Any]:
    """The full content of `procedure` as it stands (its approved working copy)."""
    return {
        "code": procedure.code or "",
        "slug": procedure.slug,
        "name": procedure.name,
        "field": (
            {"name": procedure.field.name, "slug": procedure.field.slug, "national_code": procedure.field.national_code}
            if procedure.field_id
            else None
        ),
        "levels": [
            {"code": level.code, "name": level.name, "national_code": level.national_code}
            for level in procedure.levels.all()
        ],
        "procedure_type": procedure.procedure_type,
        "central_decision_number": procedure.central_decision_number,
        "owner_agency": (
            {
                "code": procedure.owner_agency.code,
                "name": procedure.owner_agency.name,
                "national_code": procedure.owner_agency.national_code,
            }
            if procedure.owner_agency_id
            else None
        ),
        "steps": [step.text for step in procedure.steps.all()],
        "channels": [
            {
                "channel": channel.channel,
                "channel_label": channel.channel_label,
                "time_limit_text": channel.time_limit_text,
                "fee_text": channel.fee_text,
                "no_fee": channel.no_fee,
                "description": channel.description,
                "time_limit_status": channel.time_limit_status,
                "time_limit_flag": channel.time_limit_flag,
            }
            for channel in procedure.channels.all()
        ],
        "time_limits": [
            {
                "channel": limit.channel,
                "case": limit.case,
                "amount": str(limit.amount.normalize()) if limit.amount is not None else None,
                "unit": limit.unit,
                "start_event": limit.start_event,
                "max_only": limit.max_only,
            }
            for limit in procedure.time_limits.all()
        ],
        "dossier": _dossier_groups(procedure),
        "applicants": list(procedure.applicants),
        "agencies": [
            {
                "role": entry.role,
                "name": entry.name,
                "agency_code": entry.agency.code if entry.agency_id else None,
                "national_code": entry.agency.national_code if entry.agency_id else "",
            }
            for entry in procedure.agencies.all()
        ],
        "receiving_address": procedure.receiving_address,
        "results": list(procedure.results),
        "legal_bases": [
            {
                "number": basis.number,
                "summary": basis.summary,
                "issued_on": basis.issued_on.isoformat() if basis.issued_on else None,
                "issuer": basis.issuer,
            }
            for basis in procedure.legal_bases.all()
        ],
        "requirements": procedure.requirements,
        "no_requirements": procedure.no_requirements,
        "keywords": list(procedure.keywords),
        "description": procedure.description,
        "related": [
            {"code": related.code or "", "slug": related.slug, "name": related.name}
            for related in procedure.related_procedures.all()
        ],
        "online_service_level": procedure.online_service_level,
        "one_stop": procedure.one_stop,
        "inter_agency_group": procedure.inter_agency_group,
    }
