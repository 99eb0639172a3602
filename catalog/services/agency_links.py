"""Linking procedures to the province's agencies by the agency names they carry.

Imported records name agencies as text ("Sở Tư pháp", "Sở Tài chính các tỉnh, thành phố"). A name is
linked to the agency whose official name it equals or begins with (whole words, case and spacing
ignored; the longest such name wins), so "Ủy ban nhân dân cấp huyện" links to no single district.
Links staff set are never replaced. Idempotent.
"""

from dataclasses import dataclass

from django.db import transaction

from catalog.choices import AgencyRole
from catalog.models import Agency, Procedure, ProcedureAgency
from catalog.services.fields import name_words

# Roles whose agency "has" the procedure on the public site, in order of preference for the owner.
OWNER_ROLES = (AgencyRole.IMPLEMENTING, AgencyRole.COMPETENT)


@dataclass(frozen=True)
class AgencyLinkResult:
    names_linked: int
    owners_set: int
    procedure_ids: list[int]


def agency_for_name(name: str, agencies: list[tuple[str, Agency]]) -> Agency | None:
    """The agency whose name `name` equals or starts with, as whole words; `agencies` holds
    (name_words(agency.name), agency) pairs, longest name first."""
    words = name_words(name, fold=False)
    for agency_words, agency in agencies:
        if words == agency_words or words.startswith(agency_words + " "):
            return agency
    return None


@transaction.atomic
def procedures_link_agencies() -> AgencyLinkResult:
    """Link unlinked agency names on procedures to the province's agencies, and give procedures without an
    owner agency the agency that implements them (else the competent one). Returns what changed."""
    agencies = sorted(
        ((name_words(agency.name, fold=False), agency) for agency in Agency.objects.all()),
        key=lambda pair: -len(pair[0]),
    )
    linked = 0
    changed: set[int] = set()
    for entry in ProcedureAgency.objects.filter(agency=None).only("id", "name", "procedure_id"):
        agency = agency_for_name(entry.name, agencies)
        if agency is not None:
            ProcedureAgency.objects.filter(pk=entry.pk).update(agency=agency)
            linked += 1
            changed.add(entry.procedure_id)
    owners = 0
    candidates = ProcedureAgency.objects.filter(
        procedure__owner_agency=None, role__in=OWNER_ROLES, agency__isnull=False
    ).values_list("procedure_id", "role", "agency_id", "sort_order")
    best: dict[int, tuple[int, int, int]] = {}
    for procedure_id, role, agency_id, sort_order in candidates:
        rank = (OWNER_ROLES.index(role), sort_order, agency_id)
        if procedure_id not in best or rank < best[procedure_id]:
            best[procedure_id] = rank
    for procedure_id, (_role, _order, agency_id) in best.items():
        owners += Procedure.objects.filter(pk=procedure_id, owner_agency=None).update(owner_agency_id=agency_id)
        changed.add(procedure_id)
    return AgencyLinkResult(names_linked=linked, owners_set=owners, procedure_ids=sorted(changed))
