import pytest

from cms.site_setup import site_ensure_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_search_box_in_a_real_browser(browser_page):
    site_ensure_structure()

    browser_page.goto("/")

    assert browser_page.get_by_label("Tìm thủ tục hành chính").is_visible()
