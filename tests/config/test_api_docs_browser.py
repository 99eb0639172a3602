"""The Swagger page of the API works under the site's Content-Security-Policy: its assets are this site's."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def docs(browser_page, live_server):
    violations: list[str] = []
    outside: list[str] = []
    browser_page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    browser_page.on(
        "request", lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url)
    )
    response = browser_page.goto("/api/v1/docs")
    browser_page.wait_for_selector(".opblock", timeout=30_000)
    return browser_page, response, violations, outside


def test_swagger_lists_the_operations(docs):
    page, _response, _violations, _outside = docs
    page.screenshot(path="var/shots/api-docs-desktop.png")

    assert page.locator(".opblock-summary-path", has_text="/api/v1/feedback/tra-cuu").count() == 1


def test_swagger_raises_no_csp_violation(docs):
    _page, _response, violations, _outside = docs

    assert violations == []


def test_swagger_loads_nothing_from_another_site(docs):
    _page, _response, _violations, outside = docs

    assert outside == []


def test_swagger_page_is_served_under_the_policy(docs):
    _page, response, _violations, _outside = docs

    assert "script-src 'self'" in response.headers["content-security-policy"]
