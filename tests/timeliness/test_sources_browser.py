"""Staff register a one-stop system in the Wagtail admin, hand its token to the system, and re-issue it — in
Chromium at 1366×768, through the menu, as the procedure-control division would. Screenshots of the token
page and the listing go to var/shots/."""

import json
import re
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import Page

from catalog.permissions import REVIEWERS_GROUP
from catalog.services.staff import staff_setup
from tests.factories.catalog import AgencyFactory
from timeliness.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem-2024"
SHOTS = settings.BASE_DIR / "var" / "shots"
DESKTOP = {"width": 1366, "height": 768}
SETTINGS_MENU = re.compile("Tùy chỉnh|Cài đặt")  # Wagtail's "Settings" menu (its Vietnamese catalogue says "Tùy chỉnh")


class SourcesAdmin:
    """The admin pages of "Hệ thống nguồn hồ sơ"."""

    def __init__(self, page: Page):
        self.page = page

    def login(self, username: str) -> "SourcesAdmin":
        self.page.goto("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")
        return self

    def open_from_menu(self) -> "SourcesAdmin":
        self.page.get_by_role("button", name=SETTINGS_MENU).click()
        self.page.get_by_role("link", name="Hệ thống nguồn hồ sơ").click()
        self.page.wait_for_url("**/he-thong-nguon-ho-so/")
        return self

    def register(self, *, name: str, description: str, agencies: list[str]) -> str:
        self.page.get_by_role("link", name="Thêm", exact=False).first.click()
        self.page.fill("#id_name", name)
        self.page.fill("#id_description", description)
        for agency in agencies:
            self.page.get_by_label(agency, exact=True).check()
        self.shot("sources-form-1366.png")
        self.page.get_by_role("button", name="Tạo", exact=True).click()
        return self.shown_token()

    def shown_token(self) -> str:
        field = self.page.locator("#source-token-value")
        field.wait_for()
        return field.input_value()

    def reissue(self) -> str:
        self.page.get_by_role("link", name="Xem, sửa hệ thống").click()
        self.page.get_by_role("link", name="Cấp lại mã truy cập").click()
        self.page.get_by_role("button", name="Cấp mã mới").click()
        return self.shown_token()

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SHOTS / name, full_page=True)


def _post_dossiers(base_url: str, token: str, agency_code: str, agency_name: str) -> int:
    body = {
        "dossiers": [
            {
                "ma_ho_so": f"HS-{agency_code}",
                "ma_co_quan": agency_code,
                "ten_co_quan": agency_name,
                "ngay_tiep_nhan": "2019-03-01T09:00:00+07:00",
                "han_xu_ly": "2019-03-08",
            }
        ]
    }
    request = urllib.request.Request(
        f"{base_url}/api/v1/dossiers",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def controller(transactional_db):
    AgencyFactory(code="so-tp", name="Sở Tư pháp")
    AgencyFactory(code="so-yt", name="Sở Y tế")
    user = get_user_model().objects.create_user("kiemsoat", password=PASSWORD)
    user.groups.add(staff_setup().groups[REVIEWERS_GROUP])
    return user


def test_staff_register_a_source_and_reissue_its_token(browser_page, live_server, controller):
    browser_page.set_viewport_size(DESKTOP)
    admin = SourcesAdmin(browser_page).login(controller.username).open_from_menu()

    first = admin.register(name="motcua-so-tp", description="Một cửa Sở Tư pháp", agencies=["Sở Tư pháp"])
    admin.shot("sources-token-1366.png")
    statuses = [
        _post_dossiers(live_server.url, first, "so-tp", "Sở Tư pháp"),
        _post_dossiers(live_server.url, first, "so-yt", "Sở Y tế"),
    ]
    second = admin.reissue()
    admin.shot("sources-reissued-1366.png")
    statuses.append(_post_dossiers(live_server.url, first, "so-tp", "Sở Tư pháp"))
    statuses.append(_post_dossiers(live_server.url, second, "so-tp", "Sở Tư pháp"))
    admin.open_from_menu()
    admin.shot("sources-list-1366.png")

    assert (statuses, Dossier.objects.count(), second != first) == ([200, 400, 401, 200], 1, True)
