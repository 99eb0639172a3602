"""Browser journeys through the public site, with axe-core accessibility checks (Playwright + Chromium)."""

import datetime as dt

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from catalog.services.versions import version_create
from cms.site_setup import site_ensure_structure
from tests.cms.pages import DecisionPage, HomePage, PostingPage, ProcedurePage
from tests.factories.catalog import DecisionItemFactory, FieldFactory, ReceptionPlaceFactory
from tests.factories.cms import SignedDecisionFactory, published_procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalog():
    cache.clear()
    site_ensure_structure()
    field = FieldFactory(name="Hộ tịch", slug="ho-tich")
    procedure = published_procedure(field=field, name="Đăng ký khai sinh", valid_from=dt.date(2019, 1, 1))
    procedure.name = "Đăng ký khai sinh (sửa đổi)"
    procedure.save()
    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))
    other = published_procedure(field=field, name="Đăng ký kết hôn")
    decision = SignedDecisionFactory(number="345/QĐ-UBND")
    DecisionItemFactory(decision=decision, procedure=procedure, category="amended", change_note="Sửa tên thủ tục")
    DecisionItemFactory(decision=decision, procedure=other, category="new")
    place = ReceptionPlaceFactory(slug="mot-cua-tinh", name="Trung tâm Phục vụ hành chính công tỉnh")
    place.procedures.add(procedure, other)
    yield {"procedure": procedure, "decision": decision, "place": place}
    cache.clear()


def test_home_to_field_to_procedure(browser_page, catalog):
    home = HomePage(browser_page).open()

    procedure_page = home.open_field("Hộ tịch").open_procedure("Đăng ký khai sinh (sửa đổi)")

    assert procedure_page.heading == "Đăng ký khai sinh (sửa đổi)"


def test_procedure_page_as_of_a_past_date(browser_page, catalog):
    page = ProcedurePage(browser_page).open(f"/thu-tuc/{catalog['procedure'].code}/")

    page.show_as_of("01/06/2019")

    assert page.heading == "Đăng ký khai sinh" and "01/06/2019" in page.banner


def test_decision_page_lists_items_by_category(browser_page, catalog):
    page = DecisionPage(browser_page).open(f"/quyet-dinh/{catalog['decision'].pk}/")

    assert page.section("Thủ tục hành chính mới ban hành 1").get_by_role("link", name="Đăng ký kết hôn").is_visible()


def test_posting_page_and_its_pdf_download(browser_page, catalog):
    page = PostingPage(browser_page).open("/niem-yet/mot-cua-tinh/")

    download = page.download_poster()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(download.path()).pages).split())

    assert "Đăng ký kết hôn" in text
