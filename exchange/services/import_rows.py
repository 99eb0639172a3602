"""A record as the catalog's rows: the procedure's own columns and the rows of its child tables (steps,
channels and time limits, dossier papers, agencies by role, legal bases). Plain mapping, no queries: the
write step resolves fields and agencies and inserts the rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalog.choices import AgencyRole
from catalog.models import (
    Agency,
    DossierItem,
    Field,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureLegalBasis,
    ProcedureStep,
    ProcedureTimeLimit,
)
from catalog.text import normalize_name
from exchange.mappers.catalog_procedure import INTERNAL_KEY
from exchange.records import ProcedureRecord
from exchange.services.import_references import CatalogReferences
from exchange.services.import_time_limits import ManualTimeLimits, channel_rows

ROLE_ATTRS = (
    ("implementing", AgencyRole.IMPLEMENTING),
    ("competent", AgencyRole.COMPETENT),
    ("authorised", AgencyRole.AUTHORISED),
    ("coordinating", AgencyRole.COORDINATING),
)
# The procedure columns an import writes on an update.
UPDATED_COLUMNS = (
    "code",
    "name",
    "name_sort_key",
    "name_folded",
    "field",
    "procedure_type",
    "central_decision_number",
    "applicants",
    "results",
    "receiving_address",
    "requirements",
    "keywords",
    "description",
    "source",
    "extra",
    "online_service_level",
    "one_stop",
    "inter_agency_group",
    "owner_agency",
    "updated_at",
)
# Child tables an update replaces, in the order their rows are inserted.
CHILD_MODELS = (ProcedureStep, ProcedureChannel, ProcedureTimeLimit, DossierItem, ProcedureAgency, ProcedureLegalBasis)


def _needs_layout(record: ProcedureRecord) -> bool:
    """Whether the dossier's grouping cannot be read back from the rows' cases alone (a group without
    papers, or two neighbouring groups with the same case)."""
    previous = object()
    for group in record.dossier:
        if not group.papers or group.case == previous:
            return True
        previous = group.case
    return False


def internal_bookkeeping(record: ProcedureRecord) -> dict[str, Any]:
    """Bookkeeping for what the catalog's rows cannot say (see `exchange.mappers.catalog_procedure.INTERNAL_KEY`)."""
    if _needs_layout(record):
        return {"dossier_groups": [[group.case or "", len(group.papers)] for group in record.dossier]}
    return {}


def scalars_apply(
    procedure: Procedure, record: ProcedureRecord, *, field: Field | None, owner_agency: Agency | None
) -> None:
    """Set the procedure's own columns from the record; what the record leaves out (None) stays as stored."""
    extra = dict(record.extra)
    internal = internal_bookkeeping(record)
    if internal:
        extra[INTERNAL_KEY] = internal
    procedure.code = record.code
    procedure.name = record.name
    procedure.refresh_name_keys()
    procedure.field = field
    procedure.procedure_type = record.procedure_type or ""
    procedure.central_decision_number = record.central_decision_number or ""
    procedure.applicants = list(record.applicants)
    procedure.results = list(record.results)
    procedure.receiving_address = record.receiving_address or ""
    procedure.requirements = record.requirements or ""
    procedure.keywords = list(record.keywords)
    procedure.description = record.description or ""
    procedure.source = record.source or {}
    procedure.extra = extra
    for name in ("online_service_level", "one_stop", "inter_agency_group"):
        if getattr(record, name) is not None:
            setattr(procedure, name, getattr(record, name))
    if owner_agency is not None:
        procedure.owner_agency = owner_agency


def child_rows(
    procedure_id: int, record: ProcedureRecord, references: CatalogReferences, manual: ManualTimeLimits
) -> dict[type, list[dict[str, Any]]]:
    """Rows of every child table of the procedure, by model (keeping staff's manual time limits in `manual`)."""
    channels, limits = channel_rows(procedure_id, record, manual)
    return {
        ProcedureStep: [
            {"procedure_id": procedure_id, "sort_order": i, "text": text} for i, text in enumerate(record.steps)
        ],
        ProcedureChannel: channels,
        ProcedureTimeLimit: limits,
        DossierItem: _dossier_rows(procedure_id, record),
        ProcedureAgency: _agency_rows(procedure_id, record, references),
        ProcedureLegalBasis: _legal_basis_rows(procedure_id, record),
    }


def _dossier_rows(procedure_id: int, record: ProcedureRecord) -> list[dict[str, Any]]:
    papers = [(group.case or "", paper) for group in record.dossier for paper in group.papers]
    return [
        {
            "procedure_id": procedure_id,
            "sort_order": order,
            "case": case,
            "name": paper.name,
            "forms": list(paper.forms),
            "originals": paper.originals,
            "copies": paper.copies,
            "required": paper.required,
        }
        for order, (case, paper) in enumerate(papers)
    ]


def _agency_rows(procedure_id: int, record: ProcedureRecord, references: CatalogReferences) -> list[dict[str, Any]]:
    named = [(role, name) for attr, role in ROLE_ATTRS for name in getattr(record.agencies, attr)]
    return [
        {
            "procedure_id": procedure_id,
            "sort_order": order,
            "role": role,
            "name": name,
            "agency_id": references.agency_ids.get(normalize_name(name)),
        }
        for order, (role, name) in enumerate(named)
    ]


def _legal_basis_rows(procedure_id: int, record: ProcedureRecord) -> list[dict[str, Any]]:
    return [
        {
            "procedure_id": procedure_id,
            "sort_order": i,
            "number": basis.number,
            "summary": basis.summary or "",
            "issued_on": dt.date.fromisoformat(basis.issued_on) if basis.issued_on else None,
            "issuer": basis.issuer or "",
        }
        for i, basis in enumerate(record.legal_bases)
    ]
