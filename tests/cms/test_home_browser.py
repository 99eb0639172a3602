import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_search_box_in_a_real_browser(browser_page):
    call_command("load_demo_data", verbosity=0)

    browser_page.goto("/")

    assert browser_page.get_by_label("Tìm thủ tục hành chính").is_visible()
