import datetime as dt

import pytest

from catalog.models import AgencyName, Level
from catalog.selectors import (
    agency_name_on,
    procedure_history,
    procedure_version_by_code_on,
    procedure_version_on,
    procedures_in_force,
)
from catalog.services.versions import version_create, version_end
from tests.factories.catalog import AgencyFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

JAN = dt.date(2024, 1, 15)
MAR = dt.date(2024, 3, 11)
JUN = dt.date(2024, 6, 3)


@pytest.fixture
def amended_procedure():
    """Version 1 from 15/1/2024, version 2 from 11/3/2024, abolished from 3/6/2024."""
    procedure = ProcedureFactory(complete=True, code="1.001193", name="Đăng ký khai sinh")
    version_create(procedure=procedure, valid_from=JAN)
    procedure.name = "Đăng ký khai sinh (sửa đổi)"
    procedure.save()
    version_create(procedure=procedure, valid_from=MAR)
    version_end(procedure=procedure, on=JUN)
    return procedure


def test_agency_name_on_returns_the_name_valid_then():
    agency = AgencyFactory(name="Sở Nội vụ")
    AgencyName.objects.create(agency=agency, name="Sở Lao động", valid_until=dt.date(2025, 3, 1))

    assert agency_name_on(agency=agency, day=dt.date(2024, 1, 1)) == "Sở Lao động"


def test_version_on_a_day_before_any_version_is_none(amended_procedure):
    assert procedure_version_on(procedure=amended_procedure, day=dt.date(2024, 1, 14)) is None


def test_version_on_first_day_is_version_one(amended_procedure):
    assert procedure_version_on(procedure=amended_procedure, day=JAN).number == 1


def test_version_on_last_day_of_first_period_is_version_one(amended_procedure):
    assert procedure_version_on(procedure=amended_procedure, day=dt.date(2024, 3, 10)).number == 1


def test_version_on_start_of_second_period_is_version_two(amended_procedure):
    assert procedure_version_on(procedure=amended_procedure, day=MAR).number == 2


def test_version_on_abolition_day_is_none(amended_procedure):
    assert procedure_version_on(procedure=amended_procedure, day=JUN) is None


def test_version_by_code_answers_for_the_period(amended_procedure):
    assert procedure_version_by_code_on(code="1.001193", day=dt.date(2024, 4, 1)).name == "Đăng ký khai sinh (sửa đổi)"


def test_version_by_unknown_code_is_none(amended_procedure):
    assert procedure_version_by_code_on(code="1.999999", day=dt.date(2024, 4, 1)) is None


def test_history_keeps_every_version_after_abolition(amended_procedure):
    assert [(v.number, v.valid_from, v.valid_until) for v in procedure_history(procedure=amended_procedure)] == [
        (1, JAN, MAR),
        (2, MAR, JUN),
    ]


def test_procedures_in_force_lists_one_version_per_procedure(amended_procedure):
    other = ProcedureFactory(complete=True, name="Cấp bản sao trích lục hộ tịch")
    version_create(procedure=other, valid_from=JAN)

    assert [v.name for v in procedures_in_force(day=dt.date(2024, 4, 1))] == [
        "Cấp bản sao trích lục hộ tịch",
        "Đăng ký khai sinh (sửa đổi)",
    ]


def test_procedures_in_force_leaves_out_abolished(amended_procedure):
    assert list(procedures_in_force(day=JUN)) == []


def test_procedures_in_force_needs_no_query_per_row_for_field_and_levels(django_assert_num_queries):
    for _ in range(3):
        procedure = ProcedureFactory(complete=True)
        procedure.levels.set(Level.objects.filter(code="xa"))
        procedure.save()
        version_create(procedure=procedure, valid_from=JAN)

    with django_assert_num_queries(2):
        rows = [(v.field.name, [level.code for level in v.levels.all()]) for v in procedures_in_force(day=MAR)]

    assert len(rows) == 3
