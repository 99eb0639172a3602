"""GET /metrics in the Prometheus text format: request latency, search backend, task queue, row counts.

Request latency is recorded by RequestMetricsMiddleware with prometheus_client. Under gunicorn, set
PROMETHEUS_MULTIPROC_DIR to an empty directory so every worker's samples are summed (gunicorn.conf.py
clears a dead worker's files). The other figures are read from the database at each scrape. The endpoint
answers only a scraper that sends METRICS_TOKEN as a bearer token; to everyone else it does not exist (404).
"""

import os
import secrets
import time

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily

REQUEST_LATENCY = Histogram(
    "tthc_http_request_duration_seconds",
    "Time to answer an HTTP request, by URL route, method and status class.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unmatched>"
    return match.route or match.view_name or "<unnamed>"


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        REQUEST_LATENCY.labels(
            route=_route(request), method=request.method, status=f"{response.status_code // 100}xx"
        ).observe(time.perf_counter() - started)
        return response


def queue_depth() -> int:
    """Tasks waiting in the database-backed queue; 0 when tasks run immediately (no queue)."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        return 0
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()


def row_counts() -> dict[str, int]:
    """Rows of the imported data: procedures, published versions, dossiers, feedback."""
    from catalog.models import Procedure, ProcedureVersion
    from feedback.models import Feedback
    from timeliness.models import Dossier

    models = {"procedures": Procedure, "versions": ProcedureVersion, "dossiers": Dossier, "feedback": Feedback}
    return {name: model.objects.count() for name, model in models.items()}


class ApplicationCollector:
    """Figures read at scrape time (never cached: a scrape every 15-60 s costs a few COUNTs)."""

    def collect(self):
        from search.health import search_status

        status = search_status()
        info = InfoMetricFamily("tthc_search_backend", "The procedure-search backend in use.")
        info.add_metric([], {"backend": status["backend"]})
        yield info
        up = GaugeMetricFamily("tthc_search_up", "1 when the search backend answers, else 0.")
        up.add_metric([], 1 if status["ok"] else 0)
        yield up
        queue = GaugeMetricFamily("tthc_task_queue_depth", "Background tasks waiting to run.")
        queue.add_metric([], queue_depth())
        yield queue
        rows = GaugeMetricFamily("tthc_rows", "Rows of imported and collected data, by table.", labels=["table"])
        for table, count in row_counts().items():
            rows.add_metric([table], count)
        yield rows
        database = InfoMetricFamily("tthc_database", "The database vendor in use.")
        database.add_metric([], {"vendor": connection.vendor})
        yield database


def metrics_allowed(request) -> bool:
    """Only with `Authorization: Bearer <METRICS_TOKEN>`; nobody at all while METRICS_TOKEN is unset."""
    token = settings.METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(), token.encode())


def metrics(request):
    if not metrics_allowed(request):
        raise Http404  # do not advertise the endpoint to the public
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        requests = REGISTRY
    application = CollectorRegistry()
    application.register(ApplicationCollector())
    body = generate_latest(requests) + generate_latest(application)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
