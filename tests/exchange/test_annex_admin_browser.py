"""Staff download a decision's annex from its page and start a new draft from an annex workbook, in Chromium at
1366×768, without a shell (screenshots in TTHC_SHOTS_DIR when it is set)."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from catalog.models import AnnouncementDecision
from tests.catalog.admin.conftest import _user
from tests.catalog.admin.pages import AdminSession
from tests.exchange.annex_fixture import annex_decision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_download_an_annex_and_start_a_draft_from_it(browser_page, tmp_path):
    decision = annex_decision()
    _user("kiemsoat", superuser=True)
    staff = AdminSession(browser_page).login("kiemsoat")

    browser_page.goto(reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[decision.pk]))
    staff.shot("phu-luc-trang-quyet-dinh")
    with browser_page.expect_download() as download:
        browser_page.get_by_role("link", name="Tải phụ lục (Excel)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert "345/QĐ-UBND" in load_workbook(path)["Phần I"]["A3"].value

    browser_page.goto(reverse("wagtailsnippets_catalog_announcementdecision:list"))
    staff.shot("phu-luc-danh-sach")
    browser_page.get_by_role("link", name="Tạo từ phụ lục (Excel)").click()
    browser_page.get_by_label("Tệp phụ lục (Excel .xlsx)").set_input_files(path)
    browser_page.get_by_role("button", name="Tạo dự thảo").click()
    expect(browser_page.get_by_role("alert")).to_contain_text("đã có quyết định số 345/QĐ-UBND")
    staff.shot("phu-luc-loi")

    browser_page.get_by_label("Tệp phụ lục (Excel .xlsx)").set_input_files(path)
    browser_page.get_by_label("Số quyết định").fill("400/QĐ-UBND")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Tạo dự thảo").click()
    expect(browser_page.locator(".messages")).to_contain_text("Đã tạo dự thảo quyết định 400/QĐ-UBND với 5 thủ tục.")
    staff.shot("phu-luc-du-thao-moi")
    assert AnnouncementDecision.objects.get(number="400/QĐ-UBND").items.count() == 5
