"""Status of the configured procedure-search backend, for /healthz."""

from django.conf import settings


def search_status() -> dict:
    """Report which backend serves search and whether it answers.

    The database backend is as healthy as the database; Elasticsearch is pinged with the configured
    timeout so a dead cluster never blocks the health check for long.
    """
    if not settings.ELASTICSEARCH_URL:
        return {"ok": True, "backend": "database"}
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=settings.SEARCH_TIMEOUT_SECONDS)
    try:
        # The cluster health API, not ping: the minimal test distribution has no GET / handler.
        health = client.cluster.health()
        ok = health["status"] in ("green", "yellow")
    except Exception as exc:  # transport errors of any kind mean "not reachable"
        return {"ok": False, "backend": "elasticsearch", "error": exc.__class__.__name__}
    finally:
        client.close()
    return (
        {"ok": ok, "backend": "elasticsearch"}
        if ok
        else {"ok": False, "backend": "elasticsearch", "error": f"status {health['status']}"}
    )
