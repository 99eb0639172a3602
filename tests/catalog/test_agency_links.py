"""Linking procedures to the province's agencies by the names they carry (catalog.services.agency_links)."""

import pytest

from catalog.choices import AgencyRole
from catalog.services.agency_links import procedures_link_agencies
from tests.factories.catalog import AgencyFactory, ProcedureAgencyFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    return {
        "tp": AgencyFactory(code="so-tp", name="Sở Tư pháp"),
        "tc": AgencyFactory(code="so-tc", name="Sở Tài chính"),
        "tn": AgencyFactory(code="so-tnmt", name="Sở Tài nguyên và Môi trường"),
        "huyen": AgencyFactory(code="ubnd-ct", name="Ủy ban nhân dân huyện Châu Thành"),
    }


def _procedure(*names, role=AgencyRole.IMPLEMENTING):
    procedure = ProcedureFactory(owner_agency=None)
    for name in names:
        ProcedureAgencyFactory(procedure=procedure, name=name, role=role)
    return procedure


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sở Tư pháp", "tp"),
        ("sở  tư pháp", "tp"),
        ("Sở Tài chính các tỉnh, thành phố", "tc"),
        ("Sở Tài nguyên và Môi trường", "tn"),
        ("Sở Tài chính", "tc"),
    ],
)
def test_a_name_links_to_the_agency_it_equals_or_starts_with(agencies, name, expected):
    procedure = _procedure(name)

    procedures_link_agencies()
    procedure.refresh_from_db()

    assert procedure.agencies.get().agency == agencies[expected] and procedure.owner_agency == agencies[expected]


@pytest.mark.parametrize("name", ["Ủy ban nhân dân cấp huyện", "Bộ Tư pháp", "Sở Tài", "Sở Tư phápchính"])
def test_a_name_that_is_not_an_agency_name_stays_unlinked(agencies, name):
    procedure = _procedure(name)

    procedures_link_agencies()
    procedure.refresh_from_db()

    assert procedure.agencies.get().agency is None and procedure.owner_agency is None


def test_the_implementing_agency_is_preferred_as_owner(agencies):
    procedure = _procedure("Sở Tư pháp", role=AgencyRole.COMPETENT)
    ProcedureAgencyFactory(procedure=procedure, name="Sở Tài chính", role=AgencyRole.IMPLEMENTING)

    procedures_link_agencies()
    procedure.refresh_from_db()

    assert procedure.owner_agency == agencies["tc"]


def test_an_owner_staff_set_is_kept(agencies):
    procedure = _procedure("Sở Tư pháp")
    procedure.owner_agency = agencies["tn"]
    procedure.save()

    procedures_link_agencies()
    procedure.refresh_from_db()

    assert procedure.owner_agency == agencies["tn"]


def test_linking_twice_changes_nothing(agencies):
    _procedure("Sở Tư pháp")
    procedures_link_agencies()

    result = procedures_link_agencies()

    assert (result.names_linked, result.owners_set, result.procedure_ids) == (0, 0, [])
