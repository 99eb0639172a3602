"""The one error body of the JSON API: {"detail": "...", "errors": [{"field", "message"}]}.

Every router answers 400/401/403/404/409/413/429 with `ErrorOut` (or a schema extending it), built by
`api_error`; the answers given before a view runs (config.inputs, config.ratelimit, config.errors) use
`error_body`. Kept apart from config.api, which imports the routers.
"""

from typing import Any

from django.http import JsonResponse
from ninja import Schema, Status

API_PREFIX = "/api/"


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError]


def error_body(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


def field_error(field: str, message: str) -> dict[str, str]:
    return {"field": field, "message": message}


def api_error(status: int, detail: str, errors: list[dict[str, str]] | None = None, **extra: Any) -> Status:
    """An error answer of an endpoint: `status` with the shared body (plus any fields its schema adds)."""
    return Status(status, {**error_body(detail, errors), **extra})


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_json_response(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> JsonResponse:
    """The shared body outside a view (middleware, error handlers), Vietnamese text unescaped."""
    return JsonResponse(error_body(detail, errors), status=status, json_dumps_params={"ensure_ascii": False})


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The `response=` entries of an endpoint's error statuses, all with the shared body."""
    return dict.fromkeys(statuses, ErrorOut)
