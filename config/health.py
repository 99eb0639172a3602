"""GET /healthz: database and search backend status for load balancers and operators."""

from django.db import connection
from django.http import JsonResponse

from search.health import search_status


def database_status() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is not usable
        return {"ok": False, "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def healthz(request):
    checks = {"database": database_status(), "search": search_status()}
    failing = [name for name, check in checks.items() if not check["ok"]]
    body = {"status": "ok" if not failing else "error", "failing": failing, **checks}
    return JsonResponse(body, status=503 if failing else 200)
