"""The 2025 merger done by the provincial office in a real browser at 1366×768: from the agency's page, through
the form and the confirmation, to the success message. Set TTHC_SHOTS_DIR to keep a screenshot of each step."""

import datetime as dt

import pytest

from tests.catalog.admin.pages import AgencyPage
from tests.factories.catalog import AgencyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_merges_an_agency_into_another(browser_page, reviewer):
    planning = AgencyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT", valid_from=dt.date(2008, 4, 1))
    AgencyFactory(name="Sở Tài chính", short_name="Sở TC")
    page = AgencyPage(browser_page).login(reviewer.username).open(planning)
    page.shot("agency-1-edit")

    page.start_action("Sáp nhập vào…")
    page.shot("agency-2-merge-form")
    page.merge_into("Sở Tài chính", on="01/07/2025")
    page.shot("agency-3-confirm")
    page.confirm()
    page.shot("agency-4-done")

    planning.refresh_from_db()
    assert "Đã ghi nhận “Sở Kế hoạch và Đầu tư” sáp nhập vào “Sở Tài chính” từ ngày 01/07/2025" in page.messages()
    assert (planning.successor.name, planning.valid_until) == ("Sở Tài chính", dt.date(2025, 7, 1))
