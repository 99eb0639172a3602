"""Elasticsearch down or slow: search answers from the database; queued index writes are never lost.

"Down" is a real connection refused (the backend pointed at a closed port), not a mock; the shared
server is never stopped.
"""

import pytest

from search.models import PendingIndexUpdate
from search.selectors import procedure_search
from search.services.indexing import search_index_drain, search_index_update
from tests.factories.search import procedure_in_force

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]
CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def published(elasticsearch_index, settings):
    """Three procedures published while Elasticsearch is unreachable."""
    real = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    made = [procedure_in_force(name=f"Cấp giấy phép khai thác thủy sản số {n}", code=f"1.40000{n}") for n in range(3)]
    search_index_update(procedure_ids=[p.pk for p in made])
    yield {"procedures": made, "real_url": real}


def test_search_falls_back_to_the_database(published):
    assert procedure_search(q="khai thac thuy san").backend == "database"


def test_fallback_is_flagged(published):
    assert procedure_search(q="khai thac thuy san").fallback is True


def test_fallback_still_finds_the_published_procedures(published):
    assert procedure_search(q="khai thac thuy san").count == 3


def test_failed_writes_wait_in_the_queue(published):
    assert PendingIndexUpdate.objects.count() == 3


def test_drain_after_recovery_writes_every_change(published, settings, elasticsearch_index):
    settings.ELASTICSEARCH_URL = published["real_url"]
    search_index_drain()
    assert elasticsearch_index.indexed_ids() == {p.pk for p in published["procedures"]}


def test_drain_after_recovery_empties_the_queue(published, settings):
    settings.ELASTICSEARCH_URL = published["real_url"]
    search_index_drain()
    assert PendingIndexUpdate.objects.count() == 0


def test_api_answers_200_with_a_notice_when_elasticsearch_is_down(published, client):
    body = client.get("/api/v1/search", {"q": "khai thac thuy san"}).json()
    assert (body["backend"], body["fallback"], bool(body["notice"])) == ("database", True, True)


def test_page_shows_the_notice_when_elasticsearch_is_down(published, client):
    assert "gián đoạn" in client.get("/tra-cuu/", {"q": "khai thac thuy san"}).content.decode()


@pytest.fixture
def outdated_index(elasticsearch_index):
    """An index as an earlier release built it: documents without their facet combination."""
    from search.backends.elastic import MAPPING, SETTINGS

    procedure = procedure_in_force(name="Cấp giấy phép khai thác thủy sản", code="1.400009")
    search_index_update(procedure_ids=[procedure.pk])  # the database index, and a current Elasticsearch one
    client = elasticsearch_index.client
    source = client.get(index=elasticsearch_index.alias, id=procedure.pk)["_source"]
    del source["facet_combo"]
    elasticsearch_index.drop()
    old = {**MAPPING, "properties": {k: v for k, v in MAPPING["properties"].items() if k != "facet_combo"}}
    client.indices.create(index="outdated", mappings=old, settings=SETTINGS, aliases={elasticsearch_index.alias: {}})
    client.index(index="outdated", id=procedure.pk, document=source, refresh=True)
    yield client
    client.indices.delete(index="outdated", ignore_unavailable=True)


def test_an_index_of_an_earlier_release_is_not_searched(outdated_index):
    assert procedure_search(q="khai thac thuy san").fallback is True


def test_searches_on_an_outdated_index_still_find_the_procedure(outdated_index):
    assert procedure_search(q="khai thac thuy san").count == 1
