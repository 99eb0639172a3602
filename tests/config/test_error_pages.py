"""A Vietnamese 500 page for people, the API's error body for API clients (config.errors.server_error)."""

import pytest
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as site_patterns


def _boom(request):
    raise RuntimeError("lỗi thử")


urlpatterns = [path("thu-loi/", _boom), path("api/v1/thu-loi", _boom), *site_patterns]
handler500 = "config.errors.server_error"


@pytest.fixture
def failing(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_500_page_is_vietnamese(failing):
    response = failing.get("/thu-loi/")

    assert response.status_code == 500 and "Hệ thống gặp lỗi" in response.content.decode()


@pytest.mark.django_db
def test_500_page_never_shows_the_exception(failing):
    assert "lỗi thử" not in failing.get("/thu-loi/").content.decode()


@pytest.mark.django_db
def test_api_500_is_the_api_error_body(failing):
    response = failing.get("/api/v1/thu-loi")

    assert (response.status_code, response.json()["errors"]) == (500, [])
