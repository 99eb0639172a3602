"""The search API writes its answer itself (search.api): it must be exactly what the declared schema gives."""

import pytest

from search.api import SearchOut
from search.services.indexing import search_index_update
from tests.factories.search import procedure_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def births(settings):
    settings.ELASTICSEARCH_URL = ""
    made = [
        procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193"),
        procedure_in_force(name="Thủ tục đăng ký khai sinh có yếu tố nước ngoài <Mẫu>", code="1.001695"),
    ]
    search_index_update(procedure_ids=[p.pk for p in made])


def test_the_answer_is_the_schema_s_own_rendering(births, client):
    response = client.get("/api/v1/search", {"q": "khai sinh"})
    body = response.json()

    assert body["count"] == 2 and body["facets"]
    assert SearchOut.model_validate(body).model_dump(mode="json") == body


def test_the_answer_is_json_in_utf_8(births, client):
    response = client.get("/api/v1/search", {"q": "khai sinh"})

    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_the_answer_says_whether_it_came_from_the_cache(births, client, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 60
    first = client.get("/api/v1/search", {"q": "khai sinh"})
    second = client.get("/api/v1/search", {"q": "khai sinh"})

    assert (first["X-Search-Cache"], second["X-Search-Cache"]) == ("miss", "hit")
