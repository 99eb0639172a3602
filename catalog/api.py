"""Public JSON API of the catalog app (mounted under /api/v1/ by config.api).

`GET /api/v1/deadline`: when is a dossier due? Either with an explicit limit (amount + unit) or with a
procedure code and channel (the limit is read from the version in force on the day of receipt). Every
parameter is parsed here so that malformed input gets a 400 naming the parameter, never a 500.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ninja import Query, Router, Schema, Status

from catalog.calendar import DeadlineInputError, due_at_explained, to_local
from catalog.choices import Channel, TimeUnit
from catalog.deadlines import DeadlineLookupError, procedure_time_limit
from config.api_errors import ErrorOut, api_error

router = Router(tags=["Thời hạn giải quyết"])


class CaseOut(Schema):
    label: str
    amount: float | int
    unit: str


class DeadlineErrorOut(ErrorOut):
    """The shared error body; `cases` lists the procedure's cases when the channel has several and none was
    chosen."""

    cases: list[CaseOut] | None = None


class ProcedureLimitOut(Schema):
    code: str
    name: str
    version: int
    channel: str
    case: str
    start_event: str
    max_only: bool


class DeadlineOut(Schema):
    due_at: str
    due_date: str
    received_at: str
    completed_at: str | None = None
    amount: float | int
    unit: str
    rule: str
    procedure: ProcedureLimitOut | None = None


# A "+07:00" offset typed unencoded in a URL arrives as " 07:00".
_SPACE_OFFSET = re.compile(r" (\d{2}:?\d{2})$")


def _parse_moment(value: str | None, field: str, errors: list[dict]) -> dt.datetime | None:
    if value is None or not value.strip():
        return None
    text = _SPACE_OFFSET.sub(r"+\1", value.strip())
    try:
        return to_local(dt.datetime.fromisoformat(text))
    except (ValueError, OverflowError):
        errors.append(
            {
                "field": field,
                "message": f"“{value}” không phải thời điểm ISO 8601 (ví dụ 2019-04-26T16:00:00+07:00).",
            }
        )
        return None


def _error_response(errors: list[dict], status: int = 400, cases: list[dict] | None = None):
    detail = errors[0]["message"] if len(errors) == 1 else f"Có {len(errors)} tham số không hợp lệ."
    return api_error(status, detail, errors, cases=cases)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


@router.get(
    "/deadline",
    response={200: DeadlineOut, 400: DeadlineErrorOut, 404: DeadlineErrorOut},
    summary="Tính hạn giải quyết hồ sơ",
    description=(
        "Cho thời hạn (amount + unit) hoặc mã thủ tục và hình thức nộp (procedure + channel). "
        "Không tính ngày tiếp nhận; hồ sơ nhận vào ngày nghỉ coi như nhận vào ngày làm việc tiếp theo. "
        "Khi hình thức nộp có nhiều thời hạn theo trường hợp mà không ghi case, trả 400 kèm danh sách "
        "cases (label, amount, unit) để chọn."
    ),
)
def deadline(
    request,
    received_at: str | None = Query(None, description="Thời điểm tiếp nhận, ISO 8601 (giờ Việt Nam nếu không ghi)."),
    amount: str | None = Query(None, description="Số lượng (ngày/giờ); bỏ qua với same_day."),
    unit: str | None = Query(None, description="working_days | calendar_days | working_hours | same_day"),
    procedure: str | None = Query(None, description="Mã thủ tục, ví dụ 1.001193 (thay cho amount + unit)."),
    channel: str | None = Query(None, description="truc_tiep | truc_tuyen | buu_chinh (đi cùng procedure)."),
    case: str | None = Query(None, description="Trường hợp, khi thủ tục có nhiều thời hạn theo trường hợp."),
    completed_at: str | None = Query(None, description="Thời điểm bổ sung hoàn thiện hồ sơ (tính lại thời hạn)."),
):
    errors: list[dict] = []
    received = _parse_moment(received_at, "received_at", errors)
    if received_at is None or not received_at.strip():
        errors.append({"field": "received_at", "message": "Thiếu tham số received_at (thời điểm tiếp nhận hồ sơ)."})
    completed = _parse_moment(completed_at, "completed_at", errors)
    procedure = (procedure or "").strip()
    channel = (channel or "").strip()
    case = (case or "").strip()
    amount = (amount or "").strip()
    unit = (unit or "").strip()

    if procedure:
        for name, value in (("amount", amount), ("unit", unit)):
            if value:
                errors.append(
                    {
                        "field": name,
                        "message": f"Không dùng tham số {name} cùng với procedure: thời hạn lấy từ thủ tục.",
                    }
                )
        if not channel:
            errors.append({"field": "channel", "message": "Thiếu tham số channel (hình thức nộp) đi cùng procedure."})
        elif channel not in Channel.values:
            errors.append(
                {
                    "field": "channel",
                    "message": f"Hình thức nộp “{channel}” không hợp lệ; chọn một trong: {', '.join(Channel.values)}.",
                }
            )
    else:
        for name, value in (("channel", channel), ("case", case)):
            if value:
                errors.append({"field": name, "message": f"Tham số {name} chỉ dùng cùng với procedure."})
        if not unit:
            errors.append(
                {"field": "unit", "message": "Thiếu tham số unit (hoặc dùng procedure và channel để lấy thời hạn)."}
            )
        elif unit not in TimeUnit.values:
            errors.append(
                {
                    "field": "unit",
                    "message": f"Đơn vị “{unit}” không hợp lệ; chọn một trong: {', '.join(TimeUnit.values)}.",
                }
            )
        elif unit != TimeUnit.SAME_DAY:
            if not amount:
                errors.append({"field": "amount", "message": "Thiếu tham số amount (số ngày hoặc số giờ)."})
            else:
                try:
                    value = Decimal(amount.replace(",", "."))
                    if not value.is_finite():
                        raise InvalidOperation
                except InvalidOperation:
                    errors.append({"field": "amount", "message": f"amount “{amount}” không phải là số."})
                else:
                    if value <= 0:
                        errors.append({"field": "amount", "message": "amount phải lớn hơn 0."})
    if errors:
        return _error_response(errors)

    limit = None
    if procedure:
        try:
            limit = procedure_time_limit(code=procedure, channel=channel, on=received.date(), case=case)
        except DeadlineLookupError as exc:
            return _error_response(
                [{"field": exc.field, "message": exc.message}], status=exc.status, cases=getattr(exc, "cases", None)
            )
        amount_value, unit = limit.amount, limit.unit
    else:
        amount_value = Decimal(0) if unit == TimeUnit.SAME_DAY else Decimal(amount.replace(",", "."))

    try:
        due, rule = due_at_explained(received, amount=amount_value, unit=unit, completed_at=completed)
    except DeadlineInputError as exc:
        field = "procedure" if limit is not None and exc.field in ("amount", "unit") else exc.field
        return _error_response([{"field": field, "message": exc.message}])

    body = {
        "due_at": due.isoformat(),
        "due_date": due.date().isoformat(),
        "received_at": received.isoformat(),
        "completed_at": completed.isoformat() if completed else None,
        "amount": 0 if unit == TimeUnit.SAME_DAY else _number(amount_value),
        "unit": unit,
        "rule": rule,
        "procedure": None,
    }
    if limit is not None:
        label = TimeUnit(limit.unit).label.lower()
        quantity = label if limit.unit == TimeUnit.SAME_DAY else f"{_number(limit.amount)} {label}"
        body["rule"] = (
            f"Thời hạn của thủ tục {limit.code} (phiên bản {limit.version_number}), "
            f"hình thức {Channel(limit.channel).label}: {quantity}. {rule}"
        )
        body["procedure"] = {
            "code": limit.code,
            "name": limit.name,
            "version": limit.version_number,
            "channel": limit.channel,
            "case": limit.case,
            "start_event": limit.start_event,
            "max_only": limit.max_only,
        }
    return Status(200, body)
