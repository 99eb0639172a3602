"""Public JSON API of the feedback app (mounted under /api/v1/ by config.api).

The same form (`FeedbackForm`) validates the API and the HTML page, so rules and messages are shared. The
body's shape (JSON types, depth, text) is checked against `FeedbackIn` before the view runs
(config.inputs), so the form only ever sees strings and booleans. Responses never carry personal data.
Status lookups are POSTed: the tracking code never appears in a URL or an access log.
"""

import datetime as dt
import json

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from config.api_errors import ErrorOut, api_error, field_error
from config.network import client_ip
from feedback.forms import FeedbackForm
from feedback.selectors import feedback_get_by_tracking_code, feedback_public_status
from feedback.services import DuplicateFeedback, FeedbackRejected, RateLimited, feedback_submit

router = Router(tags=["Phản ánh, kiến nghị"])


class FeedbackIn(Schema):
    """The submission's shape; which fields are required, and every rule, is the form's (Vietnamese messages)."""

    loai_nguoi_gui: str | None = None
    ho_ten: str | None = None
    dia_chi: str | None = None
    dien_thoai: str | None = None
    dia_chi_thu_tin: str | None = None
    email: str | None = None
    loai: str | None = None
    ma_thu_tuc: str | None = None
    quy_dinh_lien_quan: str | None = None
    tieu_de: str | None = None
    noi_dung: str | None = None
    dong_y_xu_ly_du_lieu: bool | None = None
    cho_phep_cong_khai: bool | None = None


class LookupIn(Schema):
    ma_tra_cuu: str


class FeedbackCreatedOut(Schema):
    so_dang_ky: str
    ma_tra_cuu: str


class DuplicateOut(ErrorOut):
    """409: the content was registered already; the earlier number and the end of its tracking code."""

    so_dang_ky: str
    goi_y_ma_tra_cuu: str


class EventOut(Schema):
    thoi_diem: dt.datetime
    tinh_trang: str
    tinh_trang_hien_thi: str
    ghi_chu: str


class AnswerOut(Schema):
    tieu_de: str
    cau_hoi: str
    noi_dung: str
    ngay_tra_loi: dt.date


class FeedbackStatusOut(Schema):
    so_dang_ky: str
    tinh_trang: str
    tinh_trang_hien_thi: str
    ngay_tiep_nhan: dt.date
    han_xu_ly: dt.date
    co_quan_xu_ly: str | None
    lich_su: list[EventOut]
    tra_loi: AnswerOut | None


def _submit(request, data, files) -> Status:
    form = FeedbackForm(data, files)
    if not form.is_valid():
        errors = [
            {"field": field, "message": str(message)} for field, messages in form.errors.items() for message in messages
        ]
        return api_error(400, _("Phản ánh, kiến nghị chưa hợp lệ."), errors)
    try:
        feedback = feedback_submit(
            data=form.to_input(), attachments=form.cleaned_data["tep_dinh_kem"], client_ip=client_ip(request)
        )
    except RateLimited as error:
        return api_error(429, error.message)
    except DuplicateFeedback as error:
        return api_error(
            409,
            error.message,
            [field_error(error.field, error.message)],
            so_dang_ky=error.register_number,
            goi_y_ma_tra_cuu=error.tracking_hint,
        )
    except FeedbackRejected as error:
        field_errors = [{"field": error.field, "message": error.message}] if error.field else []
        return api_error(409, error.message, field_errors)
    return Status(201, {"so_dang_ky": feedback.register_number, "ma_tra_cuu": feedback.tracking_code})


_RESPONSES = {201: FeedbackCreatedOut, 400: ErrorOut, 409: DuplicateOut | ErrorOut, 429: ErrorOut}


@router.post(
    "/feedback",
    response=_RESPONSES,
    summary="Gửi phản ánh, kiến nghị (JSON)",
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": FeedbackIn.model_json_schema()}}, "required": True}
    },
)
def feedback_create(request):
    """Register a feedback item; 201 with the register number and tracking code, 400 naming each bad field."""
    try:
        data = json.loads(request.body or b"null")  # well-formed and as documented: config.inputs checked it
    except ValueError:
        return api_error(400, _("Nội dung yêu cầu không phải JSON hợp lệ."))
    if not isinstance(data, dict):
        return api_error(400, _("Nội dung yêu cầu phải là một đối tượng JSON."))
    data = {key: ("" if value is None else value) for key, value in data.items()}
    return _submit(request, data, MultiValueDict())


@router.post(
    "/feedback/multipart",
    response=_RESPONSES,
    summary="Gửi phản ánh, kiến nghị kèm tệp (multipart/form-data; tệp ở trường tep_dinh_kem)",
)
def feedback_create_multipart(request):
    """The same as POST /feedback, as form fields, with up to 5 files in `tep_dinh_kem`."""
    return _submit(request, request.POST, request.FILES)


@router.post(
    "/feedback/tra-cuu",
    response={200: FeedbackStatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="Tình trạng phản ánh theo mã tra cứu (mã gửi trong nội dung yêu cầu, không trong địa chỉ)",
)
def feedback_status(request, payload: LookupIn):
    """Status, public history and the published answer; never personal data. Codes are case-insensitive."""
    feedback = feedback_get_by_tracking_code(code=payload.ma_tra_cuu)
    if feedback is None:
        return api_error(404, _("Không tìm thấy phản ánh với mã tra cứu này."))
    return Status(200, feedback_public_status(feedback=feedback))
