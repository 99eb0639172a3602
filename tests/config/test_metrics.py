import pytest
from django.test import override_settings

from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db


def _sample(body: str, name: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(name))


TOKEN = "s3cret-scrape-token"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _token(settings):
    settings.METRICS_TOKEN = TOKEN


@override_settings(METRICS_TOKEN="")
def test_metrics_do_not_exist_without_a_configured_token(client):
    assert client.get("/metrics", **AUTH).status_code == 404


@override_settings(METRICS_TOKEN="")
def test_an_empty_bearer_token_does_not_open_unconfigured_metrics(client):
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_refuse_loopback_clients_without_the_token(client):
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_metrics_refuse_a_forged_forwarded_address(client):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="127.0.0.1")

    assert response.status_code == 404


def test_metrics_accept_the_bearer_token_from_any_address(client):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", **AUTH)

    assert response.status_code == 200


def test_metrics_refuse_a_wrong_token(client):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer guess")

    assert response.status_code == 404


def test_metrics_count_procedures(client):
    ProcedureFactory.create_batch(2)

    body = client.get("/metrics", **AUTH).content.decode()

    assert _sample(body, 'tthc_rows{table="procedures"}') == 'tthc_rows{table="procedures"} 2.0'


@override_settings(ELASTICSEARCH_URL="")
def test_metrics_name_the_search_backend(client):
    body = client.get("/metrics", **AUTH).content.decode()

    assert 'tthc_search_backend_info{backend="database"} 1.0' in body


def test_metrics_report_an_empty_queue_when_tasks_run_immediately(client):
    body = client.get("/metrics", **AUTH).content.decode()

    assert _sample(body, "tthc_task_queue_depth") == "tthc_task_queue_depth 0.0"


def test_metrics_record_request_latency_by_route(client):
    client.get("/healthz")

    body = client.get("/metrics", **AUTH).content.decode()

    assert 'tthc_http_request_duration_seconds_count{method="GET",route="healthz",status="2xx"}' in body
