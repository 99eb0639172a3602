"""Rate limits count in the shared cache, increment-then-check: Redis, the database cache, and per endpoint."""

import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from freezegun import freeze_time

from config.ratelimit import rate_limit_hit

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"}


def _counters(kind: str) -> dict:
    if kind == "redis":
        return {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", ""),
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        }
    return {"BACKEND": "config.cache.DatabaseCache", "LOCATION": "test_rate_counters"}


@pytest.fixture(params=[pytest.param("database"), pytest.param("redis", marks=pytest.mark.redis)])
def shared_counters(request, settings):
    """The "counters" cache on a real shared backend (the database cache table is created in the test)."""
    settings.CACHES = {"default": LOCMEM, "counters": _counters(request.param)}
    if request.param == "database":
        call_command("createcachetable", verbosity=0)
    yield request.param


def _hit(subject="198.51.100.1", limit=3, window=3600):
    return rate_limit_hit(scope="test", subject=subject, limit=limit, window_seconds=window)


@pytest.mark.django_db
def test_requests_within_the_limit_are_allowed(shared_counters):
    assert [_hit().allowed for _ in range(3)] == [True, True, True]


@pytest.mark.django_db
def test_the_request_past_the_limit_is_refused(shared_counters):
    for _ in range(3):
        _hit()

    assert _hit().allowed is False


@pytest.mark.django_db
def test_other_clients_keep_their_own_count(shared_counters):
    for _ in range(4):
        _hit()

    assert _hit(subject="198.51.100.2").allowed is True


@pytest.mark.django_db
def test_a_new_window_starts_a_new_count(shared_counters):
    with freeze_time("2026-03-02 09:10:00+07:00"):
        for _ in range(4):
            _hit()
    with freeze_time("2026-03-02 10:00:01+07:00"):
        assert _hit().allowed is True


@pytest.mark.django_db
def test_retry_after_is_the_rest_of_the_window(shared_counters):
    with freeze_time("2026-03-02 09:59:00+07:00"):
        for _ in range(3):
            _hit()
        refused = _hit()

    assert refused.retry_after == 61


@pytest.mark.django_db
def test_database_cache_increment_keeps_the_expiry(settings):
    settings.CACHES = {"default": LOCMEM, "counters": _counters("database")}
    call_command("createcachetable", verbosity=0)
    counters = caches["counters"]
    counters.set("n", 1, 3600)
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM test_rate_counters")
        (before,) = cursor.fetchone()
        counters.incr("n")
        cursor.execute("SELECT expires FROM test_rate_counters")
        (after,) = cursor.fetchone()

    assert (counters.get("n"), after) == (2, before)


@pytest.mark.django_db
def test_database_cache_increment_of_a_missing_key_is_a_value_error(settings):
    settings.CACHES = {"default": LOCMEM, "counters": _counters("database")}
    call_command("createcachetable", verbosity=0)

    with pytest.raises(ValueError):
        caches["counters"].incr("absent")


def _concurrent_allowed(kind: str, settings, *, threads: int = 40, limit: int = 7) -> int:
    settings.CACHES = {"default": LOCMEM, "counters": _counters(kind)}
    if kind == "database":
        call_command("createcachetable", verbosity=0)
    start = threading.Barrier(threads)

    def one(_n):
        start.wait()
        try:
            return _hit(limit=limit).allowed
        finally:
            connection.close()

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(one, range(threads)))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_on_the_database_cache_let_exactly_the_limit_through(settings):
    try:
        assert _concurrent_allowed("database", settings) == 7
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS test_rate_counters")


@pytest.mark.redis
def test_concurrent_requests_on_redis_let_exactly_the_limit_through(settings):
    assert _concurrent_allowed("redis", settings) == 7


# --- per-endpoint limits (config.ratelimit.RateLimitMiddleware) ----------------------------------------------


@pytest.fixture
def tight(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    settings.SEARCH_API_RATE_LIMIT_PER_MINUTE = 2
    settings.DEADLINE_API_RATE_LIMIT_PER_MINUTE = 2
    settings.FEEDBACK_LOOKUP_RATE_LIMIT_PER_HOUR = 2


def _get(client, path, address="198.51.100.1"):
    return client.get(path, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=address)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/search?q=khai+sinh", "/api/v1/search/suggest?q=khai", "/api/v1/deadline"])
def test_an_api_past_its_limit_is_429_with_retry_after(client, tight, path):
    for _ in range(2):
        _get(client, path)

    response = _get(client, path)

    assert (response.status_code, int(response["Retry-After"]) > 0, "detail" in response.json()) == (429, True, True)


@pytest.mark.django_db
def test_the_limit_is_per_client_behind_the_proxy(client, tight):
    for _ in range(3):
        _get(client, "/api/v1/search?q=khai")

    assert _get(client, "/api/v1/search?q=khai", address="198.51.100.2").status_code == 200


@pytest.mark.django_db
def test_tracking_lookups_past_the_limit_are_429_in_vietnamese(client, tight):
    for _ in range(2):
        client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": "AAAA-BBBB-CC"}, REMOTE_ADDR="198.51.100.1")

    response = client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": "AAAA-BBBB-CC"}, REMOTE_ADDR="198.51.100.1")

    assert response.status_code == 429 and "thử lại sau" in response.content.decode()


@pytest.mark.django_db
def test_api_tracking_lookups_share_the_limit_of_the_page(client, tight):
    for _ in range(2):
        client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": "AAAA-BBBB-CC"}, REMOTE_ADDR="198.51.100.1")

    response = client.post(
        "/api/v1/feedback/tra-cuu", {"ma_tra_cuu": "AAAA"}, content_type="application/json", REMOTE_ADDR="198.51.100.1"
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_pages_without_a_rule_are_not_counted(client, tight):
    statuses = {client.get("/phan-anh-kien-nghi/tra-cuu/", REMOTE_ADDR="198.51.100.1").status_code for _ in range(5)}

    assert statuses == {200}


@pytest.mark.django_db
def test_database_cache_add_keeps_a_live_entry(settings):
    settings.CACHES = {"default": LOCMEM, "counters": _counters("database")}
    call_command("createcachetable", verbosity=0)
    counters = caches["counters"]

    first, second = counters.add("k", 1, 60), counters.add("k", 2, 60)

    assert (first, second, counters.get("k")) == (True, False, 1)


@pytest.mark.django_db
def test_database_cache_add_replaces_an_expired_entry(settings):
    settings.CACHES = {"default": LOCMEM, "counters": _counters("database")}
    call_command("createcachetable", verbosity=0)
    counters = caches["counters"]
    with freeze_time("2026-03-02 09:00:00+07:00"):
        counters.add("k", 1, 60)
    with freeze_time("2026-03-02 09:05:00+07:00"):
        replaced = counters.add("k", 2, 60)
        value = counters.get("k")

    assert (replaced, value) == (True, 2)
