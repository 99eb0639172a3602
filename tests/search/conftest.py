"""Fixtures of the search tests: the backend under test, chosen per parameter, with a clean index."""

import os

import pytest
from django.core.cache import cache
from django.db import connection

from tests.conftest import require_service

ENV_ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# The SQLite engine's cases carry the `sqlite` marker: a PostgreSQL run leaves them to the SQLite pass.
ENGINES = [pytest.param("sqlite-fts5", marks=pytest.mark.sqlite), "postgresql", "elasticsearch"]


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Synonym groups and the vocabulary are cached; every test starts from the database."""
    cache.clear()
    yield
    cache.clear()


def use_engine(engine: str, settings) -> None:
    """Point settings at `engine`, skipping (locally) or failing (CI) when it is not available."""
    vendor = connection.vendor
    if engine == "sqlite-fts5":
        require_service(vendor == "sqlite", "the SQLite FTS5 backend needs the SQLite database (marker sqlite)")
        settings.ELASTICSEARCH_URL = ""
    elif engine == "postgresql":
        require_service(vendor == "postgresql", "PostgreSQL is not configured (set DATABASE_URL=postgres://...)")
        settings.ELASTICSEARCH_URL = ""
    else:
        require_service(bool(ENV_ELASTICSEARCH_URL), "Elasticsearch is not configured (set ELASTICSEARCH_URL)")
        settings.ELASTICSEARCH_URL = ENV_ELASTICSEARCH_URL


@pytest.fixture
def elasticsearch_index(settings):
    """The real Elasticsearch backend with no index behind its alias, dropped again afterwards."""
    require_service(bool(ENV_ELASTICSEARCH_URL), "Elasticsearch is not configured (set ELASTICSEARCH_URL)")
    from search.backends import elasticsearch_backend

    settings.ELASTICSEARCH_URL = ENV_ELASTICSEARCH_URL
    backend = elasticsearch_backend()
    backend.drop()
    yield backend
    settings.ELASTICSEARCH_URL = ENV_ELASTICSEARCH_URL
    elasticsearch_backend().drop()


@pytest.fixture(params=ENGINES)
def engine(request, settings):
    """Each search engine in turn: the contract tests run once per engine."""
    use_engine(request.param, settings)
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch_index")
    return request.param
