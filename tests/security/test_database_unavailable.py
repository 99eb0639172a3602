"""Database gone: a Vietnamese 503 page (JSON under /api/) instead of a bare 500.

The failures are real: a connection to a database file that cannot be opened, and on PostgreSQL the
project's own connection pointed at a closed port.
"""

import pytest
from django.core.handlers.exception import convert_exception_to_response
from django.db import connection
from django.test import RequestFactory

from config.unavailable import DatabaseUnavailableMiddleware
from tests.security.unavailable_urls import query_unreachable_database

URL = "/thu-nghiem/co-so-du-lieu-mat/"
# pytest-django blocks every connection outside django_db tests, the unreachable one too.
pytestmark = pytest.mark.django_db


@pytest.fixture
def outage_urls(settings):
    settings.ROOT_URLCONF = "tests.security.unavailable_urls"


def test_page_is_503(client, outage_urls):
    assert client.get(URL).status_code == 503


def test_page_message_is_vietnamese(client, outage_urls):
    assert "không kết nối được cơ sở dữ liệu" in client.get(URL).content.decode()


def test_page_asks_to_retry_later(client, outage_urls):
    assert client.get(URL)["Retry-After"] == "30"


def test_page_keeps_the_security_headers(client, outage_urls):
    assert client.get(URL)["X-Content-Type-Options"] == "nosniff"


def test_api_answers_json_in_the_error_shape(client, outage_urls):
    body = client.get("/api/v1/thu-nghiem/co-so-du-lieu-mat").json()
    assert set(body) == {"detail", "errors"}


def test_database_error_raised_by_a_middleware_also_becomes_503():
    inner = convert_exception_to_response(query_unreachable_database)
    response = DatabaseUnavailableMiddleware(inner)(RequestFactory().get("/thu-tuc/"))
    assert response.status_code == 503


def test_other_errors_stay_500():
    def broken(request):
        raise ValueError("not a database error")

    inner = convert_exception_to_response(broken)
    response = DatabaseUnavailableMiddleware(inner)(RequestFactory().get("/thu-tuc/"))
    assert response.status_code == 500


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_procedure_listing_is_503_when_postgresql_refuses_connections(client):
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "9"  # nothing listens there: connection refused
    try:
        status = client.get("/thu-tuc/").status_code
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert status == 503
