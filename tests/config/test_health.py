import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok_when_database_and_search_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["database"]["ok"] is True


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9", SEARCH_TIMEOUT_SECONDS=0.5)
def test_healthz_names_search_as_failing_when_elasticsearch_is_unreachable(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["search"]
