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
