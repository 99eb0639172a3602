"""Public JSON API of the exchange app (mounted under /api/v1/ by config.api)."""

from django.db.models import Q
from django.http import JsonResponse
from ninja import Router

from catalog.api_public import ErrorOut
from catalog.choices import ProcedureStatus
from catalog.models import Procedure
from exchange.selectors import procedure_records_by_id
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
    procedure = (
        None
        if "\x00" in key  # no such key, and PostgreSQL text cannot hold NUL
        else Procedure.objects.exclude(status=ProcedureStatus.DRAFT)
        .filter(Q(code=key) | (Q(slug=key) & (Q(code__isnull=True) | Q(code=""))))
        .only("pk", "slug")
        .first()
    )
    if procedure is None:
        return JsonResponse(
            {
                "detail": "Không tìm thấy thủ tục.",
                "errors": [{"field": "key", "message": f"Không có thủ tục đã công bố với mã “{key}”."}],
            },
            status=404,
        )
    record = procedure_records_by_id([procedure.pk], catalog_keys=False)[procedure.pk]
    document = procedure_jsonld(record=record, base_url=request.build_absolute_uri("/"), slug=procedure.slug)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
