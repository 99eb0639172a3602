"""Project-wide test wiring: which services ran, and how tests that need one behave without it.

Locally a missing service skips its tests with a visible reason; under CI=true it fails them.
"""

import os
import shutil

import pytest
from django.conf import settings

ON_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = "/usr/bin/chromium"


def require_service(available: bool, reason: str) -> None:
    """Skip (locally) or fail (under CI) when a service the test needs is absent."""
    if available:
        return
    if ON_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def _database_vendor() -> str:
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def pytest_report_header(config):
    search = f"elasticsearch ({settings.ELASTICSEARCH_URL})" if settings.ELASTICSEARCH_URL else "database"
    return [f"tthc: database={_database_vendor()} search_backend={search} ci={ON_CI}"]


def pytest_terminal_summary(terminalreporter, config):
    search = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    terminalreporter.write_line(f"tthc: ran on database={_database_vendor()} search_backend={search}")
    deselected = getattr(config, "_tthc_sqlite_deselected", 0)
    if deselected:
        terminalreporter.write_line(f"tthc: {deselected} SQLite-only tests left to the SQLite pass (marker sqlite)")


# Skips CI accepts, each for a reason no service on a CI machine can change. Any other skip fails under CI.
CI_ACCEPTED_SKIPS = ("no input violates this operation's schema",)


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, tests of the embedded SQLite paths (marker `sqlite`) are not run but deselected: the
    SQLite pass of `make test` (scripts/test_sqlite_pass.sh) runs them, so none is skipped."""
    if _database_vendor() == "sqlite3":  # the ENGINE's last part: django.db.backends.sqlite3
        return
    sqlite_only = [item for item in items if item.get_closest_marker("sqlite")]
    if not sqlite_only:
        return
    config.hook.pytest_deselected(items=sqlite_only)
    items[:] = [item for item in items if not item.get_closest_marker("sqlite")]
    config._tthc_sqlite_deselected = len(sqlite_only)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI a skip is a failure unless its reason is one CI accepts (CI_ACCEPTED_SKIPS)."""
    outcome = yield
    report = outcome.get_result()
    if not ON_CI or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if any(accepted in reason for accepted in CI_ACCEPTED_SKIPS):
        return
    report.outcome = "failed"
    report.longrepr = f"CI=true: skipped tests are failures here ({reason})"


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        require_service(
            _database_vendor() == "postgresql", "PostgreSQL is not configured (set DATABASE_URL=postgres://...)"
        )
    if item.get_closest_marker("redis"):
        require_service(bool(os.environ.get("REDIS_URL")), "Redis is not configured (set REDIS_URL=redis://...)")
    if item.get_closest_marker("elasticsearch"):
        require_service(bool(settings.ELASTICSEARCH_URL), "Elasticsearch is not configured (set ELASTICSEARCH_URL)")
    if item.get_closest_marker("browser"):
        require_service(shutil.which(CHROMIUM) is not None, f"Debian Chromium is not installed at {CHROMIUM}")


@pytest.fixture
def elasticsearch_client():
    """A client for the real Elasticsearch server named by ELASTICSEARCH_URL."""
    require_service(bool(settings.ELASTICSEARCH_URL), "Elasticsearch is not configured (set ELASTICSEARCH_URL)")
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
    yield client
    client.close()


@pytest.fixture(autouse=True)
def _cache_empty_before_test():
    """Tests share the process's local-memory caches; each starts with none of another test's answers or counts."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _elasticsearch_empty_after_test(request):
    """Database tests roll back their rows; this empties the run's Elasticsearch index the same way, so a
    document written by one test never answers another test's query."""
    yield
    uses_database = "_django_db_helper" in request.fixturenames or request.node.get_closest_marker("django_db")
    if not settings.ELASTICSEARCH_URL or not uses_database:
        return
    from elasticsearch import Elasticsearch

    with Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10) as client:
        # The integ-test distribution CI runs has no reindex module (no _delete_by_query): drop the index; the
        # next write creates it again behind the alias.
        alias = f"{settings.SEARCH_INDEX_PREFIX}_procedures"
        if client.indices.exists_alias(name=alias) and client.count(index=alias)["count"]:
            for index in client.indices.get_alias(name=alias):
                client.indices.delete(index=index, ignore_unavailable=True)


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's Chromium (never a downloaded browser), bound to live_server.

    Playwright's sync API runs an event loop in this thread, so Django's async-safety guard is relaxed
    for the duration of the test (the test and the live server share the test database).
    """
    require_service(shutil.which(CHROMIUM) is not None, f"Debian Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        page = browser.new_page(base_url=live_server.url, locale="vi-VN")
        page.set_default_timeout(15_000)
        yield page
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
