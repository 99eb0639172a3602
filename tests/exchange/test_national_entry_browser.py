"""Staff record the national-database entry of announced procedures with the one form both pages share (the
decision's "Ghi nhận nhập CSDL quốc gia" page and the "Nhập CSDL quốc gia" checklist), typing dd/mm/yyyy, in
Chromium at 1366×768 (screenshots in TTHC_SHOTS_DIR when it is set)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from catalog.choices import DecisionStatus
from tests.catalog.admin.conftest import PASSWORD
from tests.catalog.admin.pages import AdminSession
from tests.factories.catalog import DecisionFactory, DecisionItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class NationalEntry(AdminSession):
    """The two admin pages that record a national-entry day, seen through their shared form."""

    def forms(self):
        return self.page.locator("form.catalog-national-entry")

    def record_first(self, *, day: str, heading: str) -> None:
        """Type the day in the first form still open, leave the field (the picker closes) and record it."""
        form = self.forms().first
        form.get_by_role("textbox").fill(day)
        self.page.get_by_role("heading", name=heading).first.click()
        with self.page.expect_navigation():
            form.get_by_role("button", name="Đã nhập CSDL quốc gia").click()


def test_the_decision_page_and_the_checklist_record_the_day_with_the_same_form(browser_page):
    today = timezone.localdate()
    get_user_model().objects.create_superuser("kiemsoat", "ks@example.vn", PASSWORD)
    decision = DecisionFactory(
        status=DecisionStatus.APPROVED, signed_on=today - dt.timedelta(days=3), effective_on=today
    )
    first, second = DecisionItemFactory(decision=decision), DecisionItemFactory(decision=decision)
    yesterday = today - dt.timedelta(days=1)
    staff = NationalEntry(browser_page).login("kiemsoat")

    browser_page.goto(reverse("wagtailsnippets_catalog_announcementdecision:national_entry", args=[decision.pk]))
    expect(staff.forms()).to_have_count(2)
    staff.record_first(day=f"{yesterday:%d/%m/%Y}", heading="Danh mục thủ tục")
    staff.shot("nhap-csdl-quyet-dinh")
    browser_page.goto(reverse("exchange_national_entry"))
    expect(staff.forms()).to_have_count(1)
    staff.shot("nhap-csdl-danh-sach")
    staff.record_first(day=f"{yesterday:%d/%m/%Y}", heading="Danh sách thủ tục cần nhập Cơ sở dữ liệu quốc gia")
    expect(staff.forms()).to_have_count(0)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.national_entered_on, second.national_entered_on) == (yesterday, yesterday)
