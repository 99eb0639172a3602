"""Relevance floors per engine on the judged queries over the sample procedures.

Floors are set a little under the measured figures (see the report / bench/search_quality.py) and are
raised as ranking improves; a drop below them is a regression.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from search.backends import SearchRequest, database_backend, elasticsearch_backend
from search.evaluation import relevance_evaluate
from search.query import query_parse
from search.services.indexing import search_index_rebuild
from tests.search.sample import judgments, sample_load, sample_records

pytestmark = pytest.mark.django_db

# Measured on the 36 judged queries (bench/search_quality.py): sqlite-fts5 0.777/0.772, postgresql
# 0.803/0.846, elasticsearch 0.791/0.822 (nDCG@10/MRR); Wagtail's stock backend 0.354/0.367.
FLOORS = {
    "sqlite-fts5": {"ndcg@10": 0.75, "mrr": 0.75},
    "postgresql": {"ndcg@10": 0.78, "mrr": 0.82},
    "elasticsearch": {"ndcg@10": 0.76, "mrr": 0.79},
}
_measured: dict[str, dict[str, float]] = {}


@pytest.fixture(scope="module")
def sample(django_db_setup, django_db_blocker):
    """The 4,011 sample procedures in force, in the database index, for the whole module.

    Loaded inside one transaction that stays open across the module's tests (each test runs in a savepoint
    within it) and is rolled back at the end: no slow cascading delete, and the change feed, which waits for
    a commit, never runs (the Elasticsearch case builds its own index, which the `engine` fixture drops).
    """
    with django_db_blocker.unblock(), override_settings(ELASTICSEARCH_URL=""):
        outer = transaction.atomic()
        outer.__enter__()
        ids = sample_load(records=sample_records())
        search_index_rebuild(elasticsearch=False)
    yield ids
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _measure(engine: str) -> dict[str, float]:
    if engine not in _measured:
        backend = elasticsearch_backend() if engine == "elasticsearch" else database_backend()
        if engine == "elasticsearch":
            from search.services.indexing import _documents

            backend.rebuild(_documents())

        def run(q: str) -> list[str]:
            return [hit.code for hit in backend.search(SearchRequest(query=query_parse(q))).hits]

        _measured[engine] = relevance_evaluate(run=run, queries=judgments())
    return _measured[engine]


@pytest.mark.parametrize("metric", ["ndcg@10", "mrr"])
def test_relevance_stays_above_the_floor(sample, engine, metric):
    assert _measure(engine)[metric] >= FLOORS[engine][metric]
