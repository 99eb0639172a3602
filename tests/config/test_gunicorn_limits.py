"""The feedback limit holds behind a proxy with 3 gunicorn workers on production settings (issue 16, done-when).

gunicorn serves the test database with `config.settings.production`, 3 workers, TRUSTED_PROXIES=127.0.0.1,
SECURE_SSL_REDIRECT on. Requests come concurrently from 127.0.0.1 (the trusted proxy, with X-Forwarded-For
naming two clients) and from 127.0.0.2 (an untrusted peer forging a new X-Forwarded-For on every request).
Each client gets exactly FEEDBACK_RATE_LIMIT_PER_HOUR registrations, however the workers share the requests:
once on Redis (REDIS_URL) and once on the database cache (REDIS_URL unset).
"""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from feedback.models import Feedback
from tests.factories.feedback import submission_payload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LIMIT = 4
HOST = "tthc.example.gov.vn"
ROOT = Path(settings.BASE_DIR)
SECRET = "gunicorn-test-" + "k7Qz9pX2vL4mN8rT1wY6bH3jD5sF0gA" * 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    """gunicorn with production settings on a free port; its access log names the worker of each request."""

    def __init__(self, tmp_path: Path, *, redis_url: str):
        self.port = _free_port()
        self.log = tmp_path / "access.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": SECRET,
            "DATABASE_URL": _database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "ELASTICSEARCH_URL": "",
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": f"gunicorn-test-{uuid.uuid4().hex[:8]}",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "true",
            "TRUSTED_PROXIES": "127.0.0.1",
            "FEEDBACK_RATE_LIMIT_PER_HOUR": str(LIMIT),
            "FEEDBACK_RATE_LIMIT_PER_DAY": "100",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "FEEDBACK_PRIVATE_ROOT": str(tmp_path / "private"),
            "GUNICORN_BIND": f"0.0.0.0:{self.port}",
            "GUNICORN_WORKERS": "3",
            "GUNICORN_THREADS": "2",
            "GUNICORN_ACCESSLOG": str(self.log),
            "GUNICORN_CMD_ARGS": "--access-logformat '%(p)s %(s)s %(m)s %(U)s'",
            "LOG_LEVEL": "ERROR",
        }
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "config.wsgi:application", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / "gunicorn.err").open("w"),
        )
        self.env = env
        self._wait(tmp_path)

    def _wait(self, tmp_path: Path) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((tmp_path / "gunicorn.err").read_text()[-3000:])
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz in 60 s")

    def request(self, method: str, path: str, body=None, *, source: str = "127.0.0.1", forwarded_for: str = ""):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(source, 0))
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Content-Type": "application/json"}
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def workers_that_answered(self) -> set[str]:
        return {line.split()[0] for line in self.log.read_text().splitlines() if "/api/v1/feedback" in line}

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _submit(server: Server, n: int, *, source: str = "127.0.0.1", forwarded_for: str = "") -> int:
    payload = submission_payload(noi_dung=f"Phản ánh số {n} {uuid.uuid4().hex}: nội dung đủ dài để tiếp nhận.")
    body = json.dumps(payload).encode()
    return server.request("POST", "/api/v1/feedback", body, source=source, forwarded_for=forwarded_for)[0]


def _burst(server: Server, count: int, **kwargs) -> list[int]:
    with ThreadPoolExecutor(12) as pool:
        return sorted(pool.map(lambda n: _submit(server, n, **kwargs), range(count)))


def _forged(server: Server, count: int) -> list[int]:
    with ThreadPoolExecutor(12) as pool:
        return sorted(
            pool.map(lambda n: _submit(server, n, source="127.0.0.2", forwarded_for=f"198.18.0.{n + 1}"), range(count))
        )


def _scenario(server: Server) -> dict:
    return {
        "client A behind the proxy": _burst(server, 12, forwarded_for="198.51.100.10"),
        "client B behind the proxy": _burst(server, 6, forwarded_for="198.51.100.11"),
        "untrusted peer forging X-Forwarded-For": _forged(server, 12),
        "registered in total": Feedback.objects.count(),
        "more than one worker answered": len(server.workers_that_answered()) > 1,
    }


EXPECTED = {
    "client A behind the proxy": [201] * LIMIT + [429] * (12 - LIMIT),
    "client B behind the proxy": [201] * LIMIT + [429] * (6 - LIMIT),
    "untrusted peer forging X-Forwarded-For": [201] * LIMIT + [429] * (12 - LIMIT),
    "registered in total": 3 * LIMIT,
    "more than one worker answered": True,
}


@pytest.fixture
def database_cache_tables():
    production_caches = {
        alias: {"BACKEND": "config.cache.DatabaseCache", "LOCATION": table}
        for alias, table in (("default", "tthc_cache"), ("counters", "tthc_cache_counters"))
    }
    with override_settings(CACHES=production_caches):
        call_command("createcachetable", verbosity=0)
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS tthc_cache, tthc_cache_counters")


def test_feedback_limit_holds_across_three_workers_on_the_database_cache(tmp_path, database_cache_tables):
    server = Server(tmp_path, redis_url="")
    try:
        outcome = _scenario(server)
    finally:
        server.stop()

    assert outcome == EXPECTED


@pytest.mark.redis
def test_feedback_limit_holds_across_three_workers_on_redis(tmp_path):
    server = Server(tmp_path, redis_url=os.environ["REDIS_URL"])
    try:
        outcome = _scenario(server)
    finally:
        server.stop()

    assert outcome == EXPECTED


def test_health_check_passes_with_ssl_redirect_on_and_only_the_public_host_allowed(tmp_path, database_cache_tables):
    server = Server(tmp_path, redis_url="")
    try:
        env = {**server.env, "HEALTHCHECK_URL": f"http://127.0.0.1:{server.port}/healthz"}
        check = subprocess.run([sys.executable, "scripts/healthcheck.py"], cwd=ROOT, env=env, capture_output=True)
        plain = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        plain.request("GET", "/healthz", headers={"Host": HOST})
        redirected = plain.getresponse().status
    finally:
        server.stop()

    assert (check.returncode, redirected) == (0, 301)


def test_gunicorn_refuses_an_oversized_request_line_before_django(tmp_path, database_cache_tables):
    server = Server(tmp_path, redis_url="")
    try:
        status, body = server.request("GET", "/tra-cuu/?q=" + "a" * 5000)
    finally:
        server.stop()

    assert status in (400, 414) and re.search(rb"(?i)request line", body)
