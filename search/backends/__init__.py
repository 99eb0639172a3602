"""Backend selection from settings: Elasticsearch when ELASTICSEARCH_URL is set, else the database (SQLite FTS5
in `sqlite.py`, PostgreSQL full text in `postgres.py`, their shared SQL ranking in `sql.py`)."""

from functools import lru_cache

from django.conf import settings

from search.backends.base import BackendUnavailable, SearchBackend, SearchRequest, SearchResults

__all__ = [
    "BackendUnavailable",
    "SearchBackend",
    "SearchRequest",
    "SearchResults",
    "database_backend",
    "elasticsearch_backend",
    "search_backend",
]


def database_backend() -> SearchBackend:
    """The backend on the configured database: SQLite FTS5 or PostgreSQL full text."""
    from django.db import connection

    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from search.backends.sqlite import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"No database search for {connection.vendor}")  # pragma: no cover


def elasticsearch_backend(*, url: str | None = None) -> SearchBackend:
    """The Elasticsearch backend (one client per URL/prefix, reused for its connection pool)."""
    return _elasticsearch(
        url or settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_TIMEOUT_SECONDS
    )


@lru_cache(maxsize=8)
def _elasticsearch(url: str, prefix: str, timeout: float) -> SearchBackend:
    from search.backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend(url=url, prefix=prefix, timeout=min(1.0, timeout))


def search_backend() -> SearchBackend:
    """The configured primary backend."""
    return elasticsearch_backend() if settings.ELASTICSEARCH_URL else database_backend()
