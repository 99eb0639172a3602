"""Agency renames and mergers (the 2025 reorganisation): rules, and the history they keep."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from catalog.models import AgencyName
from catalog.selectors import agency_name_on
from catalog.services.agencies import agency_merge, agency_rename
from tests.factories.catalog import AgencyFactory

pytestmark = pytest.mark.django_db

JULY_1 = dt.date(2025, 7, 1)


@pytest.fixture
def planning():
    return AgencyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT", valid_from=dt.date(2008, 4, 1))


def test_rename_keeps_the_old_name_for_earlier_days(planning):
    agency_rename(agency=planning, new_name="Sở Tài chính và Kế hoạch", on=JULY_1)

    planning.refresh_from_db()
    assert (agency_name_on(agency=planning, day=dt.date(2025, 6, 30)), planning.name) == (
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính và Kế hoạch",
    )


def test_rename_records_the_period_of_the_old_name(planning):
    agency_rename(agency=planning, new_name="Sở Tài chính và Kế hoạch", new_short_name="Sở TC&KH", on=JULY_1)

    old = AgencyName.objects.get(agency=planning)
    assert (old.name, old.short_name, old.valid_from, old.valid_until) == (
        "Sở Kế hoạch và Đầu tư",
        "Sở KH&ĐT",
        dt.date(2008, 4, 1),
        JULY_1,
    )


def test_a_second_rename_starts_the_middle_name_at_the_first_rename(planning):
    agency_rename(agency=planning, new_name="Tên thứ hai", on=dt.date(2020, 1, 1))
    agency_rename(agency=planning, new_name="Tên thứ ba", on=JULY_1)

    middle = AgencyName.objects.get(agency=planning, name="Tên thứ hai")
    assert (middle.valid_from, middle.valid_until) == (dt.date(2020, 1, 1), JULY_1)


def test_rename_refuses_a_day_before_the_current_name_began(planning):
    agency_rename(agency=planning, new_name="Tên thứ hai", on=dt.date(2020, 1, 1))

    with pytest.raises(ValidationError) as error:
        agency_rename(agency=planning, new_name="Tên thứ ba", on=dt.date(2019, 1, 1))

    assert list(error.value.message_dict) == ["on"]


def test_rename_refuses_the_same_name_and_writes_nothing(planning):
    with pytest.raises(ValidationError) as error:
        agency_rename(agency=planning, new_name=" Sở Kế hoạch và Đầu tư ", on=JULY_1)

    assert (list(error.value.message_dict), AgencyName.objects.count()) == (["new_name"], 0)


def test_merge_ends_the_agency_and_names_its_successor(planning):
    finance = AgencyFactory(name="Sở Tài chính")

    agency_merge(agency=planning, into=finance, on=JULY_1)

    planning.refresh_from_db()
    assert (planning.valid_until, planning.successor, planning.name) == (JULY_1, finance, "Sở Kế hoạch và Đầu tư")


def test_merge_refuses_an_agency_already_merged(planning):
    agency_merge(agency=planning, into=AgencyFactory(), on=JULY_1)

    with pytest.raises(ValidationError) as error:
        agency_merge(agency=planning, into=AgencyFactory(), on=dt.date(2025, 8, 1))

    assert list(error.value.message_dict) == ["on"]


def test_merge_refuses_merging_back_into_an_agency_merged_into_it(planning):
    finance = AgencyFactory(name="Sở Tài chính")
    agency_merge(agency=planning, into=finance, on=JULY_1)
    planning.valid_until = None  # reopened by hand: the chain finance ← planning must still forbid a cycle
    planning.save()

    with pytest.raises(ValidationError) as error:
        agency_merge(agency=finance, into=planning, on=dt.date(2025, 8, 1))

    assert "into" in error.value.message_dict


def test_merge_refuses_a_successor_that_has_itself_ended(planning):
    ended = AgencyFactory(valid_until=dt.date(2025, 3, 1))

    with pytest.raises(ValidationError) as error:
        agency_merge(agency=planning, into=ended, on=JULY_1)

    assert list(error.value.message_dict) == ["into"]


def test_merge_refuses_the_agency_itself(planning):
    with pytest.raises(ValidationError) as error:
        agency_merge(agency=planning, into=planning, on=JULY_1)

    assert list(error.value.message_dict) == ["into"]
