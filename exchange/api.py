"""Public JSON API of the exchange app (mounted under /api/v1/ by config.api)."""

from django.http import JsonResponse
from ninja import Router

from config.api_errors import ErrorOut, api_error, field_error
from exchange.selectors import procedure_version_in_force, record_from_snapshot
from exchange.services.cpsv import procedure_jsonld

router = Router(tags=["exchange"])

# The document is written by hand (JsonResponse): its media type is declared for the OpenAPI document here.
_JSONLD_200 = {
    200: {
        "description": "Thủ tục theo CPSV-AP 3.x",
        "content": {"application/ld+json": {"schema": {"type": "object"}}},
    }
}


@router.get(
    "/procedures/{key}.jsonld",
    summary="Thủ tục theo CPSV-AP 3.x (JSON-LD), theo mã hoặc đường dẫn khi chưa có mã",
    url_name="procedure_jsonld",
    response={200: dict, 404: ErrorOut},
    openapi_extra={"responses": _JSONLD_200},
)
def procedure_cpsv_jsonld(request, key: str):
    """The version in force today (public content), never the working copy; 404 when none is in force."""
    version = procedure_version_in_force(key=key)
    if version is None:
        return api_error(
            404, "Không tìm thấy thủ tục.", [field_error("key", f"Không có thủ tục đang có hiệu lực với mã “{key}”.")]
        )
    record = record_from_snapshot(version.content)
    slug = version.content.get("slug") or version.procedure.slug
    document = procedure_jsonld(record=record, base_url=request.build_absolute_uri("/"), slug=slug)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
