"""Proof that CI runs against the real services: PostgreSQL extensions and an Elasticsearch round trip."""

import uuid

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_has_unaccent_for_vietnamese_folding():
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("SELECT unaccent('Đăng ký khai sinh')")
        (folded,) = cursor.fetchone()

    assert folded == "Dang ky khai sinh"


@pytest.mark.elasticsearch
def test_elasticsearch_indexes_and_finds_a_document(elasticsearch_client):
    index = f"{settings.SEARCH_INDEX_PREFIX}_smoke_{uuid.uuid4().hex[:6]}"
    try:
        elasticsearch_client.index(
            index=index, id="1.001193", document={"name": "Thủ tục đăng ký khai sinh"}, refresh=True
        )

        hits = elasticsearch_client.search(index=index, query={"match": {"name": "khai sinh"}})["hits"]["hits"]
    finally:
        elasticsearch_client.indices.delete(index=index, ignore_unavailable=True)

    assert [hit["_id"] for hit in hits] == ["1.001193"]


@pytest.fixture
def redis_counters(settings):
    """The "counters" cache on the real Redis server, through the project's backend."""
    import os

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "counters": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"smoke-{uuid.uuid4().hex[:6]}",
        },
    }
    from django.core.cache import caches

    return caches["counters"]


@pytest.mark.redis
def test_redis_counts_through_the_projects_cache_backend(redis_counters):
    redis_counters.add("n", 0, 60)

    assert [redis_counters.incr("n") for _ in range(3)] == [1, 2, 3]


@pytest.mark.redis
def test_redis_cache_reuses_one_client_per_connection_pool(redis_counters):
    redis_counters.set("k", "v", 60)

    assert redis_counters.get("k") == "v"
    assert redis_counters._cache.get_client(write=True) is redis_counters._cache.get_client(write=False)
