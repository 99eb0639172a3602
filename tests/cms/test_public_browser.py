"""Citizens' journeys on a phone (390×844) and a desktop (1366×900) in Chromium (issue 15, items 1–3, 6,
7, 10), and axe-core on every public page at both sizes: no serious or critical violation."""

import datetime as dt
import re
import time

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from catalog.choices import AgencyRole
from cms import views
from cms.services import catalog_counts_refresh
from cms.site_setup import site_ensure_structure
from search.services.indexing import search_index_update
from tests.cms.pages import (
    AXE_PATH,
    DESKTOP,
    PHONE,
    HomePage,
    PostingPage,
    ProcedureReadingPage,
    SearchPage,
    SitePage,
    SuggestingBox,
    box,
    control_sizes,
)
from tests.conftest import require_service
from tests.factories.catalog import (
    AgencyFactory,
    DossierItemFactory,
    FieldFactory,
    FieldTopicFactory,
    ProcedureAgencyFactory,
    ReceptionPlaceFactory,
)
from tests.factories.cms import SignedDecisionFactory, published_procedure
from tests.factories.timeliness import DossierFactory, local
from timeliness.choices import DossierStatus, Outcome

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(params=["phone", "desktop"])
def viewport(request, browser_page):
    browser_page.set_viewport_size(VIEWPORTS[request.param])
    return request.param


@pytest.fixture
def catalog(settings):
    settings.ELASTICSEARCH_URL = ""
    cache.clear()
    site_ensure_structure()
    topic = FieldTopicFactory(name="Hộ tịch, cư trú, giấy tờ tùy thân", slug="ho-tich-cu-tru")
    field = FieldFactory(name="Hộ tịch", slug="ho-tich", topic=topic)
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp")
    birth = published_procedure(
        field=field, name="Đăng ký khai sinh", code="1.001193", owner_agency=agency, valid_from=dt.date(2019, 1, 1)
    )
    DossierItemFactory(procedure=birth, name="Trường hợp nộp trực tuyến thì gửi bản chụp", forms=[], originals=0)
    ProcedureAgencyFactory(procedure=birth, role=AgencyRole.IMPLEMENTING, name="Sở Tư pháp")
    birth.versions.all().delete()
    from tests.factories.cms import version_publish

    version_publish(birth)
    made = [birth]
    for n in range(24):
        made.append(published_procedure(field=field, name=f"Đăng ký hộ tịch loại {n:02d}", owner_agency=agency))
    made.append(published_procedure(field=FieldFactory(name="Đất đai", slug="dat-dai"), name="Cấp sổ đỏ"))
    search_index_update(procedure_ids=[p.pk for p in made])
    decision = SignedDecisionFactory(number="345/QĐ-UBND")
    place = ReceptionPlaceFactory(slug="mot-cua-tinh", name="Trung tâm Phục vụ hành chính công tỉnh")
    place.procedures.add(*made[:6])
    DossierFactory(
        agency=agency, resolved_at=local(2019, 3, 5, 9), status=DossierStatus.RESOLVED, outcome=Outcome.EARLY
    )
    catalog_counts_refresh(day=dt.date.today())
    yield {"birth": birth, "decision": decision, "place": place}
    cache.clear()


# --- 1. Search results above the fold -------------------------------------------------------------


def test_first_search_result_starts_on_the_first_screen(browser_page, viewport, catalog):
    page = SearchPage(browser_page).search("dang ky")

    top = box(page.first_result)["y"]

    assert top < VIEWPORTS[viewport]["height"] - 60


def test_filters_fold_away_on_a_phone_and_sit_beside_results_on_a_desktop(browser_page, viewport, catalog):
    page = SearchPage(browser_page).search("dang ky")
    filters, result = box(page.filters), box(page.first_result)

    if viewport == "phone":
        assert not page.filters_open() and filters["height"] <= 60
        page.filters.locator("summary").click()
        assert page.filters_open() and page.page.get_by_role("link", name="Hộ tịch (25)").is_visible()
    else:
        assert page.filters_open() and filters["x"] + filters["width"] <= result["x"]
        assert abs(filters["y"] - result["y"]) < 80


# --- 2. Autocomplete on the home page's box --------------------------------------------------------


def test_home_search_box_suggests_names_and_opens_the_chosen_one(browser_page, viewport, catalog):
    HomePage(browser_page).open()
    box_ = SuggestingBox(browser_page).type("dang ky khai")

    assert "Đăng ký khai sinh" in " ".join(box_.options)
    box_.choose_first()
    assert browser_page.url.endswith("/thu-tuc/1.001193/")


# --- 3. Browse by topic and by agency ----------------------------------------------------------------


def test_browse_from_a_topic_to_a_field_to_a_procedure(browser_page, viewport, catalog):
    HomePage(browser_page).open()

    browser_page.get_by_role("link", name="Hộ tịch, cư trú, giấy tờ tùy thân").click()
    browser_page.get_by_role("link", name="Hộ tịch 25").click()
    browser_page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()

    assert SitePage(browser_page).heading == "Đăng ký khai sinh"


def test_browse_by_agency_lists_its_procedures_with_numbered_pages(browser_page, viewport, catalog, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    HomePage(browser_page).open()

    browser_page.get_by_role("link", name="Sở Tư pháp", exact=True).click()
    browser_page.get_by_role("link", name="Trang 2", exact=True).click()

    assert browser_page.locator('.pagination a[aria-current="page"]').inner_text() == "2"
    assert browser_page.locator(".procedure-name").count() >= 1


# --- 6. Reading a procedure -------------------------------------------------------------------------


def test_contents_fold_on_a_phone_and_stay_in_view_on_a_desktop(browser_page, viewport, catalog):
    page = ProcedureReadingPage(browser_page).open("/thu-tuc/1.001193/")

    if viewport == "phone":
        assert not page.contents_open()
    else:
        assert page.contents_open()
        browser_page.mouse.wheel(0, 2500)
        _poll(lambda: browser_page.evaluate("() => window.scrollY") > 1000, page=browser_page)
        _wait_until_top_within(page.contents, 100)
        assert 0 <= box(page.contents)["y"] < 100

    page.go_to_section("Thành phần hồ sơ")
    _wait_until_top_within(browser_page.locator("#h-dossier"), 200)  # a smooth scroll may still be moving
    assert browser_page.url.endswith("#h-dossier") and 0 <= box(browser_page.locator("#h-dossier"))["y"] < 200


def _poll(condition, *, page, seconds: float = 5) -> None:
    """Check `condition` every ~50 ms for up to `seconds` (the page's CSP forbids Playwright's string
    predicates, and a loaded machine may still be scrolling)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        page.wait_for_timeout(50)


def _wait_until_top_within(locator, limit: int) -> None:
    """Until the element's top is in the first `limit` pixels (a smooth scroll or a sticky box may still move)."""
    _poll(lambda: 0 <= box(locator)["y"] < limit, page=locator.page)


def test_the_channel_table_comes_first_and_notes_are_not_quantities(browser_page, viewport, catalog):
    ProcedureReadingPage(browser_page).open("/thu-tuc/1.001193/")

    first_heading = browser_page.locator(".procedure-body h2").first.inner_text()
    note = browser_page.locator(".note-row").first.inner_text()

    assert first_heading == "Cách thức thực hiện" and note.startswith("Lưu ý:") and "0" not in note.split(":")[0]


def test_tables_can_be_reached_and_scrolled_with_the_keyboard(browser_page, viewport, catalog):
    ProcedureReadingPage(browser_page).open("/thu-tuc/1.001193/")
    regions = browser_page.locator('.table-wrap[role="region"]')

    regions.first.focus()

    assert browser_page.evaluate("document.activeElement.getAttribute('role')") == "region"


# --- 7. Forms for people ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/tra-cuu/?q=dang+ky", "/phan-anh-kien-nghi/", "/phan-anh-kien-nghi/tra-cuu/", "/thong-ke/"],
)
def test_form_controls_are_44_px_high_with_16_px_text(browser_page, viewport, catalog, path):
    browser_page.goto(path)

    sizes = control_sizes(browser_page, "main input, main select, main textarea, main button")

    assert sizes and [s for s in sizes if s["height"] < 44 or s["font"] < 16] == []


def test_after_a_failed_submit_focus_is_on_the_error_summary(browser_page, viewport, catalog):
    browser_page.goto("/phan-anh-kien-nghi/")

    browser_page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
    browser_page.wait_for_load_state()
    focused = "() => document.activeElement && document.activeElement.id === 'error-summary'"
    _poll(lambda: browser_page.evaluate(focused), page=browser_page)

    assert browser_page.evaluate(focused) and browser_page.locator("#error-summary").is_visible()


def test_a_bad_statistics_period_puts_focus_on_its_summary(browser_page, viewport, catalog):
    browser_page.goto("/thong-ke/?nam=2019&thang=13")
    focused = "() => Boolean(document.activeElement && document.activeElement.matches('.error-summary'))"
    _poll(lambda: browser_page.evaluate(focused), page=browser_page)

    assert browser_page.evaluate(focused)


# --- 10. The posting poster ---------------------------------------------------------------------------


def test_poster_downloads_as_a_4_page_size_with_absolute_qr_links(
    browser_page, viewport, catalog, live_server, settings
):
    settings.SITE_BASE_URL = live_server.url
    page = PostingPage(browser_page).open("/niem-yet/mot-cua-tinh/")

    reader = PdfReader(page.download_poster().path())
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "").replace(" ", "")
    width, height = sorted((float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)))

    assert (round(width), round(height)) == (595, 842) and f"{live_server.url}/thu-tuc/1.001193/" in text


# --- axe on every public page at both sizes ------------------------------------------------------------


@pytest.fixture
def axe():
    require_service(AXE_PATH.exists(), f"axe-core is not installed at {AXE_PATH} (run npm ci)")


PUBLIC_PAGES = [
    "/",
    "/thu-tuc/",
    "/thu-tuc/?trang=2",
    "/thu-tuc/linh-vuc/",
    "/thu-tuc/linh-vuc/ho-tich/",
    "/thu-tuc/chu-de/ho-tich-cu-tru/",
    "/thu-tuc/co-quan/so-tp/",
    "/thu-tuc/cap/tinh/",
    "/thu-tuc/1.001193/",
    "/thu-tuc/1.001193/?ngay=2019-06-01",
    "decision",
    "/quyet-dinh/",
    "/niem-yet/",
    "/niem-yet/mot-cua-tinh/",
    "/tra-cuu/?q=dang+ky",
    "/tra-cuu/?q=xyzzy",
    "/thong-ke/?nam=2019",
    "/thong-ke/co-quan/so-tp/?nam=2019",
    "/phan-anh-kien-nghi/",
    "/phan-anh-kien-nghi/tra-cuu/",
    "/khong-co-trang-nay/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_date_reads_and_is_typed_dd_mm_yyyy(browser_page, catalog, path):
    if path == "decision":
        path = f"/quyet-dinh/{catalog['decision'].pk}/"
    page = SitePage(browser_page).open(path).page

    native_pickers = page.locator("input[type=date], input[type=datetime-local]").count()
    iso_dates = re.findall(r"\b(?:19|20)\d\d-\d\d-\d\d\b", page.locator("body").inner_text())

    assert (native_pickers, iso_dates) == (0, [])


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_serious_accessibility_violations(browser_page, viewport, catalog, axe, path):
    if path == "decision":
        path = f"/quyet-dinh/{catalog['decision'].pk}/"
    page = SitePage(browser_page).open(path)

    assert page.blocking_accessibility_violations() == []
