"""Public JSON API of the timeliness app (mounted under /api/v1/ by config.api).

`POST /api/v1/dossiers`: a one-stop system sends up to 1,000 dossiers (`ho-so/1` fields) with its token
(`Authorization: Bearer <token>`); they are validated like a CSV file and upserted by (system, ma_ho_so),
all or nothing. Errors use the shared body {"detail", "errors": [{"field": "dossiers[3].ngay_tiep_nhan",
"message"}]}; the body is parsed here so that every malformed request gets a 4xx naming the field.
"""

import json

from django.core.exceptions import RequestDataTooBig
from ninja import Router, Schema, Status

from config.api_errors import ErrorOut, api_error, field_error
from timeliness.dossier_format import record_json_schema
from timeliness.services.dossiers import DossierImportError, dossiers_ingest
from timeliness.services.sources import source_system_authenticate

router = Router(tags=["Thống kê hồ sơ"])

MAX_BATCH = 1_000


class IngestOut(Schema):
    received: int
    created: int
    updated: int


_REQUEST_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["dossiers"],
                    "properties": {
                        "dossiers": {
                            "type": "array",
                            "maxItems": MAX_BATCH,
                            "items": record_json_schema(),
                        }
                    },
                }
            }
        },
    },
    "security": [{"BearerAuth": []}],
}


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


@router.post(
    "/dossiers",
    response={200: IngestOut, 400: ErrorOut, 401: ErrorOut, 413: ErrorOut},
    summary="Đồng bộ hồ sơ từ hệ thống một cửa",
    openapi_extra=_REQUEST_SCHEMA,
)
def dossiers_post(request):
    """Upsert up to 1,000 dossiers of the authenticated source system, all or nothing."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    source = source_system_authenticate(token=token.strip()) if scheme.lower() == "bearer" else None
    if source is None:
        return api_error(401, "Mã truy cập không hợp lệ hoặc hệ thống nguồn đã bị khóa.")
    try:
        payload = json.loads(request.body or b"null")
    except RequestDataTooBig:
        return api_error(413, f"Yêu cầu quá lớn; gửi tối đa {MAX_BATCH} hồ sơ mỗi lần.")
    except (ValueError, UnicodeDecodeError):
        return api_error(400, "Nội dung không phải JSON hợp lệ.")
    dossiers = payload.get("dossiers") if isinstance(payload, dict) else None
    if not isinstance(dossiers, list):
        return api_error(400, "Thiếu danh sách hồ sơ.", [field_error("dossiers", "Phải là một mảng.")])
    if len(dossiers) > MAX_BATCH:
        return api_error(
            413,
            f"Lô có {len(dossiers)} hồ sơ, vượt quá {MAX_BATCH}.",
            [field_error("dossiers", f"Tối đa {MAX_BATCH} hồ sơ mỗi lần.")],
        )
    not_objects = [
        {"field": f"dossiers[{index}]", "message": "Mỗi hồ sơ phải là một đối tượng JSON."}
        for index, item in enumerate(dossiers)
        if not isinstance(item, dict)
    ]
    if not_objects:
        return api_error(400, "Dữ liệu hồ sơ không hợp lệ.", not_objects)
    rows = ((index, {key: _text(value) for key, value in item.items()}) for index, item in enumerate(dossiers))
    try:
        result = dossiers_ingest(rows=rows, source=source, by_index=True)
    except DossierImportError as exc:
        errors = [
            {"field": f"dossiers[{error.index}].{error.column}", "message": error.message}
            for error in exc.result.errors
        ]
        return api_error(400, f"{exc.result.invalid_rows} hồ sơ không hợp lệ; không ghi hồ sơ nào.", errors)
    return Status(200, {"received": result.rows, "created": result.created, "updated": result.updated})
