"""Admin actions on agencies ("Đổi tên", "Sáp nhập vào…"): who sees them, the confirmation, the result."""

import datetime as dt

import pytest
from django.urls import reverse

from catalog.models import AgencyName
from tests.factories.catalog import AgencyFactory

pytestmark = pytest.mark.django_db


def _url(name, agency):
    return reverse(f"wagtailsnippets_catalog_agency:{name}", args=[agency.pk])


@pytest.fixture
def planning(db):
    return AgencyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT", valid_from=dt.date(2008, 4, 1))


@pytest.fixture
def finance(db):
    return AgencyFactory(name="Sở Tài chính", short_name="Sở TC")


RENAME = {"new_name": "Sở Tài chính và Kế hoạch", "new_short_name": "", "on": "01/07/2025"}


def test_edit_page_offers_both_actions_to_province_level_staff(client, reviewer, planning):
    client.force_login(reviewer)

    html = client.get(_url("edit", planning)).content.decode()

    assert (_url("rename", planning) in html, _url("merge", planning) in html) == (True, True)


def test_listing_offers_the_actions_in_each_row_menu(client, reviewer, planning):
    client.force_login(reviewer)

    html = client.get(reverse("wagtailsnippets_catalog_agency:list")).content.decode()

    assert _url("merge", planning) in html


@pytest.mark.parametrize("account", ["drafter", "approver"])
def test_staff_without_province_level_change_rights_see_no_button(client, request, planning, account):
    client.force_login(request.getfixturevalue(account))

    html = client.get(_url("edit", planning)).content.decode()

    assert _url("rename", planning) not in html


@pytest.mark.parametrize("account", ["drafter", "approver"])
def test_staff_without_province_level_change_rights_are_turned_away(client, request, planning, account):
    client.force_login(request.getfixturevalue(account))

    response = client.post(_url("rename", planning), {**RENAME, "confirm": "1"})

    planning.refresh_from_db()
    # Wagtail answers a refused admin page by sending the user to the dashboard with its "no permission" message.
    assert (response.status_code, response.url, planning.name) == (
        302,
        reverse("wagtailadmin_home"),
        "Sở Kế hoạch và Đầu tư",
    )


def test_a_merged_agency_offers_no_action(client, reviewer, planning, finance):
    client.force_login(reviewer)
    client.post(_url("merge", planning), {"into": finance.pk, "on": "01/07/2025", "confirm": "1"})

    html = client.get(_url("edit", planning)).content.decode()

    assert _url("rename", planning) not in html


def test_rename_asks_for_confirmation_before_changing_anything(client, reviewer, planning):
    client.force_login(reviewer)

    response = client.post(_url("rename", planning), RENAME)

    planning.refresh_from_db()
    assert ("Xác nhận thay đổi" in response.content.decode(), planning.name) == (True, "Sở Kế hoạch và Đầu tư")


def test_confirmed_rename_keeps_the_old_name_and_says_so(client, reviewer, planning):
    client.force_login(reviewer)

    response = client.post(_url("rename", planning), {**RENAME, "confirm": "1"}, follow=True)

    planning.refresh_from_db()
    old = AgencyName.objects.get(agency=planning)
    assert (planning.name, old.name, old.valid_until) == (
        "Sở Tài chính và Kế hoạch",
        "Sở Kế hoạch và Đầu tư",
        dt.date(2025, 7, 1),
    )
    assert "Đã đổi tên “Sở Kế hoạch và Đầu tư” thành “Sở Tài chính và Kế hoạch”" in response.content.decode()


def test_rename_with_a_day_before_the_current_name_shows_the_reason_on_the_field(client, reviewer, planning):
    client.force_login(reviewer)

    response = client.post(_url("rename", planning), {**RENAME, "on": "01/01/2000", "confirm": "1"})

    assert "Ngày đổi tên phải sau ngày 01/04/2008" in response.context["form"].errors["on"][0]
    assert AgencyName.objects.count() == 0


def test_merge_form_lists_only_agencies_still_in_operation(client, reviewer, planning, finance):
    ended = AgencyFactory(name="Sở đã giải thể", valid_until=dt.date(2025, 3, 1))
    client.force_login(reviewer)

    choices = client.get(_url("merge", planning)).context["form"].fields["into"].queryset

    assert (finance in choices, ended in choices, planning in choices) == (True, False, False)


def test_confirmed_merge_ends_the_agency_and_names_the_successor(client, reviewer, planning, finance):
    client.force_login(reviewer)

    response = client.post(_url("merge", planning), {"into": finance.pk, "on": "01/07/2025", "confirm": "1"})

    planning.refresh_from_db()
    assert (response.status_code, planning.successor, planning.valid_until) == (302, finance, dt.date(2025, 7, 1))


def test_merge_confirmation_says_what_stays_with_the_merged_agency(client, reviewer, planning, finance):
    client.force_login(reviewer)

    html = client.post(_url("merge", planning), {"into": finance.pk, "on": "01/07/2025"}).content.decode()

    assert "0 thủ tục do cơ quan này chủ trì" in html
