"""The public JSON API, version 1: one NinjaAPI that mounts each app's router.

OpenAPI document at /api/v1/openapi.json. Errors share one body shape, `config.api_errors.ErrorOut`:
{"detail": ..., "errors": [{"field", "message"}]}.
"""

from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from catalog.api import router as catalog_router
from catalog.api_public import router as catalog_public_router
from config.api_errors import ErrorOut, error_body, validation_detail
from exchange.api import router as exchange_router
from feedback.api import router as feedback_router
from search.api import router as search_router
from timeliness.api import router as timeliness_router

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def _ensure_error_component(schema: dict) -> None:
    """Put the shared error body (and the schemas it uses) under components, where ERROR_REF points."""
    definition = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, nested in definition.pop("$defs", {}).items():
        components.setdefault(name, nested)
    components.setdefault("ErrorOut", definition)


class ProjectAPI(NinjaAPI):
    """The API whose document also declares the answers given before any endpoint runs: 400 for hostile input
    (config.inputs), 413 for bodies too large, 414 for a request line over gunicorn's limit (4,094 bytes),
    429 past a rate limit (config.ratelimit)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        from config.ratelimit import RULES

        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _ensure_error_component(schema)
        limited = {(rule.method, path) for rule in RULES for path in rule.paths}
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                added = []
                if operation.get("parameters") or operation.get("requestBody"):
                    added.append((400, "Tham số hoặc nội dung yêu cầu không hợp lệ."))
                if operation.get("parameters"):
                    added.append((414, "Dòng yêu cầu (địa chỉ và tham số) dài quá giới hạn của máy chủ."))
                if operation.get("requestBody"):
                    added.append((413, "Yêu cầu quá lớn."))
                if any(method.upper() == m and (path == p or path.startswith(p + "/")) for m, p in limited):
                    added.append((429, "Quá giới hạn số yêu cầu; xem Retry-After."))
                for status, description in added:
                    if status not in responses and str(status) not in responses:
                        # gunicorn writes its own 414 page; every other answer here is the API's error body.
                        content_type = "text/html" if status == 414 else "application/json"
                        responses[status] = {
                            "description": description,
                            "content": {content_type: {"schema": {"type": "string"} if status == 414 else ERROR_REF}},
                        }
        return schema


api = ProjectAPI(
    title="API thủ tục hành chính",
    version="1",
    description="API công khai, chỉ đọc (trừ gửi phản ánh, kiến nghị và đồng bộ hồ sơ).",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    errors = [
        {
            "field": ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")),
            "message": error.get("msg", ""),
        }
        for error in exc.errors
    ]
    return api.create_response(request, error_body(validation_detail(exc.errors), errors), status=400)


api.add_router("/", catalog_router)
# exchange first: its /procedures/{key}.jsonld must win over the public /procedures/{key}.
api.add_router("/", exchange_router)
api.add_router("/", catalog_public_router)
api.add_router("/", search_router)
api.add_router("/", feedback_router)
api.add_router("/", timeliness_router)
