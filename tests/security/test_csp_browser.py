"""The public site and the Wagtail admin work under the Content-Security-Policy (Chromium reports no violation).

A blocked inline script or style shows up as a console error "Refused to ... Content Security Policy";
each test loads pages and asserts that none was reported (and that the page did what it should).
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms.site_setup import site_ensure_structure
from tests.factories.catalog import FieldFactory
from tests.factories.cms import published_procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def procedure():
    cache.clear()
    site_ensure_structure()
    field = FieldFactory(name="Hộ tịch", slug="ho-tich")
    yield published_procedure(field=field, name="Đăng ký khai sinh", code="1.001193", valid_from=dt.date(2019, 1, 1))
    cache.clear()


@pytest.fixture
def violations(browser_page):
    found: list[str] = []
    browser_page.on(
        "console",
        lambda message: (
            found.append(f"{browser_page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.fixture
def admin_page(browser_page):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.org", "mat-khau-du-dai-123")
    browser_page.goto("/admin/login/")
    browser_page.fill("#id_username", "quantri")
    browser_page.fill("#id_password", "mat-khau-du-dai-123")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url("**/admin/")
    browser_page.user = user
    return browser_page


def _visit(page, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(path)
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")


def test_public_pages_raise_no_csp_violation(browser_page, violations, procedure):
    _visit(
        browser_page,
        ["/", "/thu-tuc/", "/thu-tuc/1.001193/", "/phan-anh-kien-nghi/", "/thong-ke/"],
    )

    assert violations == []


def test_search_results_page_raises_no_csp_violation(browser_page, violations, procedure):
    _visit(browser_page, ["/tra-cuu/?q=khai+sinh"])

    assert violations == []


def test_public_pages_carry_the_policy_header(browser_page, procedure):
    response = browser_page.goto("/thu-tuc/1.001193/")

    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_admin_pages_raise_no_csp_violation(admin_page, violations, procedure):
    edit_url = AdminURLFinder(admin_page.user).get_edit_url(procedure)

    _visit(admin_page, ["/admin/", "/admin/snippets/catalog/procedure/", edit_url, "/admin/pages/"])

    assert violations == []


def test_admin_procedure_editor_runs_its_inline_scripts_under_the_policy(admin_page, procedure):
    admin_page.goto(AdminURLFinder(admin_page.user).get_edit_url(procedure))
    before = int(admin_page.input_value("#id_steps-TOTAL_FORMS"))

    # InlinePanel's inline <script> wires the "add a step" button; blocked, the click would do nothing.
    admin_page.evaluate("document.getElementById('id_steps-ADD').click()")

    assert int(admin_page.input_value("#id_steps-TOTAL_FORMS")) == before + 1
