"""Test URLconf: the project's URLs with catalog.api_public mounted on a test-only NinjaAPI at /api/v1/.

Same error handler as config.api, so tests hold whether or not config/api.py mounts the router yet
(ninja binds a router per API, so mounting it twice is allowed).
"""

from django.urls import path
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from catalog.api_public import router as catalog_public_router
from config.urls import urlpatterns as project_urlpatterns

api = NinjaAPI(title="test", version="test-public", urls_namespace="api-v1-public-test", docs_url=None)


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


api.add_router("/", catalog_public_router)

urlpatterns = [path("api/v1/", api.urls), *project_urlpatterns]
