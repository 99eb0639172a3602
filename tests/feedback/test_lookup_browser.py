"""Looking up a feedback item by its tracking code, as a person would type it, on a phone and on a desktop.

The code is read from the confirmation page, typed in lower case with spaces, and posted: the status page
opens, the address bar never holds the code, and the handling due date is dd/mm/yyyy. Screenshots under
var/shots/ (feedback-lookup-phone.png, feedback-lookup-desktop.png).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from feedback.models import Feedback
from tests.factories.feedback import FeedbackFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "shots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


class LookupPage:
    """Page object of /phan-anh-kien-nghi/tra-cuu/."""

    def __init__(self, page):
        self.page = page

    def open(self):
        self.page.goto("/phan-anh-kien-nghi/tra-cuu/")
        return self

    def look_up(self, typed: str):
        self.page.get_by_label("Mã tra cứu").fill(typed)
        self.page.get_by_role("button", name="Tra cứu").click()
        self.page.wait_for_load_state("load")
        return self

    def field(self, element_id: str) -> str:
        return self.page.locator(f"#{element_id}").inner_text().strip()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request, browser_page):
    browser_page.set_viewport_size(VIEWPORTS[request.param])
    return request.param


@pytest.fixture
def item():
    return FeedbackFactory(
        tracking_code="7K3M-9Q1A-20",
        received_at=timezone.make_aware(timezone.datetime(2026, 3, 7, 10, 0)),
        due_on=timezone.datetime(2026, 3, 23).date(),
        forward_due_on=timezone.datetime(2026, 3, 16).date(),
    )


def test_a_code_typed_in_lower_case_with_spaces_opens_the_status(browser_page, viewport, item):
    lookup = LookupPage(browser_page).open().look_up("7k3m 9q1a 2o")
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser_page.screenshot(path=str(SHOTS / f"feedback-lookup-{viewport}.png"), full_page=True)

    assert (lookup.field("tinh-trang"), lookup.field("han-xu-ly")) == ("Đã tiếp nhận, chờ phân loại", "23/03/2026")


def test_the_code_never_reaches_the_address_bar(browser_page, viewport, item):
    LookupPage(browser_page).open().look_up("7K3M-9Q1A-20")

    assert "7K3M" not in browser_page.url.upper()


def test_an_unknown_code_says_so(browser_page, viewport, item):
    LookupPage(browser_page).open().look_up("AAAA-BBBB-CC")
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser_page.screenshot(path=str(SHOTS / f"feedback-lookup-not-found-{viewport}.png"), full_page=True)

    assert re.search("Không tìm thấy", browser_page.locator("#not-found").inner_text())


def test_the_confirmation_code_is_what_the_lookup_accepts(browser_page, viewport):
    FeedbackFactory()
    code = Feedback.objects.get().tracking_code

    LookupPage(browser_page).open().look_up(code.lower().replace("-", " "))

    assert Feedback.objects.get().register_number in browser_page.locator("#status-title").inner_text()
