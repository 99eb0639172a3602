"""The one error body of the JSON API: {"detail": "...", "errors": [{"field", "message"}]}.

Every router answers 400/401/403/404/409/413/429 with `ErrorOut` (or a schema extending it), built by
`api_error`; the answers given before a view runs (config.inputs, config.ratelimit, config.errors) use
`error_body`. Kept apart from config.api, which imports the routers.
"""

from typing import Any

from django.http import JsonResponse
from ninja import Schema, Status
from pydantic_core import PydanticCustomError

API_PREFIX = "/api/"
# The type of a parameter error whose message is the API's own Vietnamese text (see `param_error`).
PARAM_ERROR = "tham_so"


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


def param_error(message: str, **context: Any) -> PydanticCustomError:
    """Raise from a query schema's validator: `message` (Vietnamese; `{name}` filled from `context`) becomes the
    error's message, and the body's detail when it is the only error."""
    return PydanticCustomError(PARAM_ERROR, message, context or None)


def validation_detail(errors: list[dict[str, Any]]) -> str:
    """The detail of a 400 for invalid parameters: the API's own message when it is the only one."""
    if errors and all(error.get("type") == PARAM_ERROR for error in errors):
        return errors[0]["msg"] if len(errors) == 1 else f"Có {len(errors)} tham số không hợp lệ."
    return "Tham số không hợp lệ."


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_json_response(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> JsonResponse:
    """The shared body outside a view (middleware, error handlers), Vietnamese text unescaped."""
    return JsonResponse(error_body(detail, errors), status=status, json_dumps_params={"ensure_ascii": False})


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The `response=` entries of an endpoint's error statuses, all with the shared body."""
    return dict.fromkeys(statuses, ErrorOut)
