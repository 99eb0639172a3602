"""A clear 503 answer, in Vietnamese, while the database cannot be reached (instead of a bare 500).

`DatabaseUnavailableMiddleware` turns `django.db.OperationalError` and `InterfaceError` (connection
refused, server closed the connection, too many clients) into a 503 with `Retry-After`: a small HTML
page that needs neither the database nor a template, or the API's error body under /api/. Exceptions
raised in views are answered through `process_exception` (the response then passes every middleware,
security headers included); a database error raised by another middleware is caught through Django's
`got_request_exception` signal and the 500 it produced is replaced here.

Keep it first in MIDDLEWARE (after the request metrics), so it wraps every middleware that may query.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)
_FLAG = "_database_unavailable"

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>{title}</h1>
<p>{message}</p>
<p>{advice}</p>
</body>
</html>
"""


def database_unavailable_response(request) -> HttpResponse:
    """The 503 answer: JSON in the API's error shape under /api/, otherwise a self-contained HTML page."""
    message = _("Hệ thống đang tạm thời gián đoạn do không kết nối được cơ sở dữ liệu.")
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"detail": message + " " + _("Vui lòng thử lại sau ít phút."), "errors": []},
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        body = PAGE.format(
            title=escape(_("Dịch vụ tạm thời gián đoạn")),
            message=escape(message),
            advice=escape(_("Vui lòng thử lại sau ít phút. Dữ liệu bạn đã gửi thành công trước đó không bị mất.")),
        )
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _mark_database_error(sender, request=None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, _FLAG, True)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_mark_database_error, dispatch_uid="config.unavailable.mark_database_error")

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _FLAG, False):
            replacement = database_unavailable_response(request)
            for header, value in response.items():  # keep the security headers the 500 collected
                if header.lower() not in ("content-type", "content-length", "cache-control"):
                    replacement.headers.setdefault(header, value)
            return replacement
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("database unavailable: %s: %s", exception.__class__.__name__, exception)
            return database_unavailable_response(request)
        return None
