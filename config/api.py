"""The public JSON API, version 1: one NinjaAPI that mounts each app's router.

OpenAPI document at /api/v1/openapi.json. Errors share one body shape: {"detail": ..., "errors": [...]}.
"""

from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from catalog.api import router as catalog_router
from catalog.api_public import router as catalog_public_router
from exchange.api import router as exchange_router
from feedback.api import router as feedback_router
from search.api import router as search_router
from timeliness.api import router as timeliness_router

api = NinjaAPI(
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
    return api.create_response(request, {"detail": "Tham số không hợp lệ.", "errors": errors}, status=400)


api.add_router("/", catalog_router)
# exchange first: its /procedures/{key}.jsonld must win over the public /procedures/{key}.
api.add_router("/", exchange_router)
api.add_router("/", catalog_public_router)
api.add_router("/", search_router)
api.add_router("/", feedback_router)
api.add_router("/", timeliness_router)
