import pytest
from django.core.management import call_command

from cms.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    call_command("load_demo_data", verbosity=0)


def test_home_page_is_served_at_root_in_vietnamese(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "Tìm thủ tục hành chính" in response.text


def test_load_demo_data_twice_keeps_one_home_page(demo_site):
    call_command("load_demo_data", verbosity=0)

    assert HomePage.objects.count() == 1


def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200


def test_demo_agencies_list_their_procedures(client, demo_site):
    home = client.get("/").text
    agency_page = client.get("/thu-tuc/co-quan/so-tp/").text

    assert '<a href="/thu-tuc/co-quan/so-tp/">Sở Tư pháp</a> <span class="count">' in home
    assert agency_page.count('class="procedure-name"') > 10


def test_demo_fields_are_grouped_into_topics_and_variants_merged(client, demo_site):
    home = client.get("/").text
    fields = client.get("/thu-tuc/linh-vuc/").text

    assert home.count('href="/thu-tuc/chu-de/') >= 10
    assert ">An toàn, vệ sinh lao động</a>" in fields and ">An toàn vệ sinh lao động</a>" not in fields
