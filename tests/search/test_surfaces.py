"""The public page and the JSON API over the configured backend (database in the default run)."""

import pytest

from search.models import ZeroResultQuery
from search.services.indexing import search_index_update
from tests.factories.search import procedure_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def birth(settings):
    settings.ELASTICSEARCH_URL = ""
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[procedure.pk])
    return procedure


def test_api_returns_the_documented_shape(birth, client):
    body = client.get("/api/v1/search", {"q": "dang ky khai sinh"}).json()
    assert set(body) >= {"count", "results", "facets", "backend"}


def test_api_result_links_to_the_procedure_page(birth, client):
    body = client.get("/api/v1/search", {"q": "dang ky khai sinh"}).json()
    assert body["results"][0]["url"] == "/thu-tuc/1.001193/"


def test_api_rejects_a_bad_page_with_the_field_named(birth, client):
    body = client.get("/api/v1/search", {"q": "khai sinh", "page": "0"}).json()
    assert body["errors"][0]["field"] == "page"


def test_api_suggests_names(birth, client):
    body = client.get("/api/v1/search/suggest", {"q": "dang ky kh"}).json()
    assert body["results"][0]["code"] == "1.001193"


def test_page_lists_results(birth, client):
    assert "1.001193" in client.get("/tra-cuu/", {"q": "khai sinh"}).content.decode()


def test_page_jumps_to_the_procedure_for_a_national_code(birth, client):
    assert client.get("/tra-cuu/", {"q": "1.001193"})["Location"] == "/thu-tuc/1.001193/"


def test_page_without_query_renders_the_form(client):
    assert 'role="search"' in client.get("/tra-cuu/").content.decode()


def test_page_rejects_a_non_numeric_page(birth, client):
    assert client.get("/tra-cuu/", {"q": "khai sinh", "page": "x"}).status_code == 400


def test_page_logs_a_query_that_found_nothing(birth, client):
    client.get("/tra-cuu/", {"q": "qqxz wvut"})
    assert ZeroResultQuery.objects.get(query_folded="qqxz wvut").count == 1


def test_api_logs_a_query_that_found_nothing_folded(birth, client):
    client.get("/api/v1/search", {"q": "  QQXZ   Wvut "})
    assert ZeroResultQuery.objects.get(query_folded="qqxz wvut").query == "QQXZ   Wvut"


def test_a_cached_answer_that_found_nothing_is_counted_again(birth, client):
    client.get("/tra-cuu/", {"q": "qqxz wvut"})
    client.get("/tra-cuu/", {"q": "qqxz wvut"})
    assert ZeroResultQuery.objects.get(query_folded="qqxz wvut").count == 2


def test_a_query_that_found_something_is_not_logged(birth, client):
    client.get("/api/v1/search", {"q": "khai sinh"})
    assert not ZeroResultQuery.objects.exists()


def test_a_query_without_words_is_not_logged(birth, client):
    client.get("/tra-cuu/", {"q": "?!"})
    assert not ZeroResultQuery.objects.exists()
