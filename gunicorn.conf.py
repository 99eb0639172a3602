"""gunicorn settings for production (docker-compose web service); every value can be set from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Recycle a worker after this many requests (a guard against slow leaks). Not too low: a fresh worker starts
# with cold per-process caches (rendered pages, search vocabulary); 5,000 recycled each worker every ~minute
# under load. 0 disables recycling.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# GUNICORN_ACCESSLOG=off disables the access log (the reverse proxy usually keeps one).
accesslog = None if os.environ.get("GUNICORN_ACCESSLOG", "-") == "off" else os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
# Trust X-Forwarded-* only from the local reverse proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Request size limits enforced before Django: the request line (URL and query) up to 4,094 bytes, at most
# 100 header fields of at most 8,190 bytes each; gunicorn answers 400/414 itself beyond them. Bodies are
# bounded by the reverse proxy (client_max_body_size, README) and by Django (REQUEST_BODY_MAX_BYTES).
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "4094"))
limit_request_fields = int(os.environ.get("GUNICORN_LIMIT_REQUEST_FIELDS", "100"))
limit_request_field_size = int(os.environ.get("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", "8190"))


def post_worker_init(worker):
    """Once the worker has loaded the application: the collector as config.collector sets it for a worker
    (what is alive frozen, larger generation-0 batches; bench/admin_pages.py measures the same way)."""
    from config.collector import collector_settle_worker

    collector_settle_worker()


def child_exit(server, worker):
    """With PROMETHEUS_MULTIPROC_DIR set, drop a dead worker's live samples from /metrics."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
