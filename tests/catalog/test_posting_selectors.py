"""What a reception place posts: its rules (kept current) plus procedures added by hand, minus those removed."""

import pytest

from catalog.choices import AgencyRole
from catalog.models import Level
from catalog.selectors import (
    procedure_reception_places,
    reception_place_procedures,
    reception_places_procedure_ids,
)
from tests.factories.catalog import (
    AgencyFactory,
    FieldFactory,
    PostingExclusionFactory,
    PostingRuleFactory,
    ProcedureAgencyFactory,
    ProcedureFactory,
    ReceptionPlaceFactory,
)

pytestmark = pytest.mark.django_db


def posted(place) -> set[str]:
    return set(reception_place_procedures(place=place).values_list("name", flat=True))


@pytest.fixture
def civil_status():
    return FieldFactory(name="Hộ tịch", slug="ho-tich")


@pytest.fixture
def commune():
    return Level.objects.get(code="xa")


def test_a_place_without_rules_or_choices_posts_nothing():
    ProcedureFactory(name="Đăng ký khai sinh")

    assert posted(ReceptionPlaceFactory()) == set()


def test_a_field_rule_posts_every_procedure_of_the_field(civil_status):
    place = ReceptionPlaceFactory()
    PostingRuleFactory(place=place, field=civil_status)
    ProcedureFactory(name="Đăng ký khai sinh", field=civil_status)
    ProcedureFactory(name="Cấp phép xây dựng")

    assert posted(place) == {"Đăng ký khai sinh"}


def test_a_rule_keeps_current_as_procedures_join_the_field(civil_status):
    place = ReceptionPlaceFactory()
    PostingRuleFactory(place=place, field=civil_status)
    ProcedureFactory(name="Đăng ký khai sinh", field=civil_status)
    posted(place)

    ProcedureFactory(name="Đăng ký khai tử", field=civil_status)

    assert posted(place) == {"Đăng ký khai sinh", "Đăng ký khai tử"}


def test_a_rule_with_field_and_level_needs_both(civil_status, commune):
    place = ReceptionPlaceFactory()
    PostingRuleFactory(place=place, field=civil_status, level=commune)
    at_commune = ProcedureFactory(name="Đăng ký khai sinh", field=civil_status)
    at_commune.levels.add(commune)
    at_commune.save()  # levels is a ParentalManyToManyField: written on save
    ProcedureFactory(name="Đăng ký khai sinh có yếu tố nước ngoài", field=civil_status)

    assert posted(place) == {"Đăng ký khai sinh"}


def test_an_agency_rule_takes_procedures_the_agency_drafts():
    agency = AgencyFactory(name="Sở Tư pháp")
    place = ReceptionPlaceFactory()
    PostingRuleFactory(place=place, agency=agency)
    ProcedureFactory(name="Cấp phiếu lý lịch tư pháp", owner_agency=agency)
    ProcedureFactory(name="Cấp phép xây dựng")

    assert posted(place) == {"Cấp phiếu lý lịch tư pháp"}


def test_an_agency_rule_takes_procedures_the_agency_implements():
    agency = AgencyFactory(name="UBND xã An Hiệp")
    place = ReceptionPlaceFactory()
    PostingRuleFactory(place=place, agency=agency)
    procedure = ProcedureFactory(name="Chứng thực bản sao", owner_agency=None)
    ProcedureAgencyFactory(procedure=procedure, agency=agency, role=AgencyRole.IMPLEMENTING)
    coordinated = ProcedureFactory(name="Cấp phép xây dựng", owner_agency=None)
    ProcedureAgencyFactory(procedure=coordinated, agency=agency, role=AgencyRole.COORDINATING)

    assert posted(place) == {"Chứng thực bản sao"}


def test_procedures_added_by_hand_are_posted_with_the_rules(civil_status):
    place = ReceptionPlaceFactory()
    PostingRuleFactory(place=place, field=civil_status)
    ProcedureFactory(name="Đăng ký khai sinh", field=civil_status)
    place.procedures.add(ProcedureFactory(name="Chứng thực chữ ký"))

    assert posted(place) == {"Đăng ký khai sinh", "Chứng thực chữ ký"}


def test_a_procedure_removed_by_hand_leaves_the_rule(civil_status):
    place = ReceptionPlaceFactory()
    PostingRuleFactory(place=place, field=civil_status)
    ProcedureFactory(name="Đăng ký khai sinh", field=civil_status)
    PostingExclusionFactory(place=place, procedure=ProcedureFactory(name="Đăng ký khai tử", field=civil_status))

    assert posted(place) == {"Đăng ký khai sinh"}


def test_bulk_ids_agree_with_the_single_place_selector(civil_status):
    first, second = ReceptionPlaceFactory(), ReceptionPlaceFactory()
    PostingRuleFactory(place=first, field=civil_status)
    birth = ProcedureFactory(field=civil_status)
    other = ProcedureFactory()
    second.procedures.add(other)

    assert reception_places_procedure_ids(places=[first, second]) == {first.pk: {birth.pk}, second.pk: {other.pk}}


def test_a_procedure_knows_the_places_that_post_it(civil_status):
    by_rule, by_hand, removed, elsewhere = (ReceptionPlaceFactory(name=name) for name in "ABCD")
    procedure = ProcedureFactory(field=civil_status)
    PostingRuleFactory(place=by_rule, field=civil_status)
    by_hand.procedures.add(procedure)
    PostingRuleFactory(place=removed, field=civil_status)
    PostingExclusionFactory(place=removed, procedure=procedure)
    PostingRuleFactory(place=elsewhere, field=FieldFactory())

    assert procedure_reception_places(procedure=procedure) == [by_rule, by_hand]


def test_every_procedure_knows_its_places_as_the_places_list_it(civil_status, commune):
    drafting, implementing = AgencyFactory(name="Sở Tư pháp"), AgencyFactory(name="UBND xã An Hiệp")
    places = [ReceptionPlaceFactory(name=name) for name in "ABCDEF"]
    PostingRuleFactory(place=places[0], agency=drafting)
    PostingRuleFactory(place=places[1], agency=implementing, level=commune)
    PostingRuleFactory(place=places[2], field=civil_status, level=commune)
    PostingRuleFactory(place=places[3])  # a rule naming nothing selects nothing
    PostingRuleFactory(place=places[4], level=commune)
    drafted = ProcedureFactory(owner_agency=drafting, field=civil_status)
    implemented = ProcedureFactory(owner_agency=None, field=civil_status)
    ProcedureAgencyFactory(procedure=implemented, agency=implementing, role=AgencyRole.IMPLEMENTING)
    coordinated = ProcedureFactory(owner_agency=None)
    ProcedureAgencyFactory(procedure=coordinated, agency=implementing, role=AgencyRole.COORDINATING)
    for procedure in (implemented, coordinated):
        procedure.levels.add(commune)
        procedure.save()
    places[5].procedures.add(drafted)
    PostingExclusionFactory(place=places[2], procedure=implemented)
    procedures = [drafted, implemented, coordinated, ProcedureFactory()]

    for procedure in procedures:
        expected = [place for place in places if reception_place_procedures(place=place).filter(pk=procedure.pk)]
        assert procedure_reception_places(procedure=procedure) == expected, procedure.name
