"""Public JSON API of the catalog app (mounted under /api/v1/ by config.api).

`GET /api/v1/deadline`: when is a dossier due? Either with an explicit limit (amount + unit) or with a
procedure code and channel (the limit is read from the version in force on the day of receipt). The parameters
are a typed query schema (`DeadlineQuery`) whose validators give malformed input a 400 naming the parameter in
Vietnamese, never a 500.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import TextChoices
from ninja import Field, Query, Router, Schema, Status
from pydantic import ValidationInfo, field_validator

from catalog.calendar import DeadlineInputError, due_at_explained, to_local
from catalog.choices import Channel, TimeUnit
from catalog.deadlines import DeadlineLookupError, procedure_time_limit
from config.api_errors import ErrorOut, api_error, param_error

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


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _moment(value: Any) -> dt.datetime | None:
    text = _text(value)
    if not text:
        return None
    try:
        return to_local(dt.datetime.fromisoformat(_SPACE_OFFSET.sub(r"+\1", text)))
    except (ValueError, OverflowError):
        raise param_error(
            "“{value}” không phải thời điểm ISO 8601 (ví dụ 2019-04-26T16:00:00+07:00).", value=str(value)
        ) from None


@dataclass(frozen=True)
class _ChoiceRule:
    """A choice parameter that one form of the request needs and the other refuses."""

    choices: type[TextChoices]
    with_procedure: bool  # needed with procedure (channel), or only without it (unit)
    missing: str
    unwanted: str
    invalid: str


_CHOICE_RULES = {
    "channel": _ChoiceRule(
        Channel,
        True,
        missing="Thiếu tham số channel (hình thức nộp) đi cùng procedure.",
        unwanted="Tham số channel chỉ dùng cùng với procedure.",
        invalid="Hình thức nộp “{value}” không hợp lệ; chọn một trong: {choices}.",
    ),
    "unit": _ChoiceRule(
        TimeUnit,
        False,
        missing="Thiếu tham số unit (hoặc dùng procedure và channel để lấy thời hạn).",
        unwanted="Không dùng tham số unit cùng với procedure: thời hạn lấy từ thủ tục.",
        invalid="Đơn vị “{value}” không hợp lệ; chọn một trong: {choices}.",
    ),
}


class DeadlineQuery(Schema):
    """The parameters of GET /deadline: an explicit limit (amount + unit) or a procedure and channel (and case).
    Each field's validator states its rule, in Vietnamese, naming the field; fields are validated in this order,
    so a rule may read the fields above it (`info.data`)."""

    received_at: dt.datetime = Field(
        None,
        validate_default=True,
        description="Thời điểm tiếp nhận, ISO 8601 (giờ Việt Nam nếu không ghi).",
    )
    completed_at: dt.datetime | None = Field(
        None, validate_default=True, description="Thời điểm bổ sung hoàn thiện hồ sơ (tính lại thời hạn)."
    )
    procedure: str | None = Field(
        None, validate_default=True, description="Mã thủ tục, ví dụ 1.001193 (thay cho amount + unit)."
    )
    channel: Channel | None = Field(
        None, validate_default=True, description="truc_tiep | truc_tuyen | buu_chinh (đi cùng procedure)."
    )
    case: str = Field(
        "", validate_default=True, description="Trường hợp, khi thủ tục có nhiều thời hạn theo trường hợp."
    )
    unit: TimeUnit | None = Field(
        None, validate_default=True, description="working_days | calendar_days | working_hours | same_day"
    )
    amount: Decimal | None = Field(None, validate_default=True, description="Số lượng (ngày/giờ); bỏ qua với same_day.")

    @field_validator("received_at", mode="before")
    @classmethod
    def _received_at(cls, value):
        moment = _moment(value)
        if moment is None:
            raise param_error("Thiếu tham số received_at (thời điểm tiếp nhận hồ sơ).")
        return moment

    @field_validator("completed_at", mode="before")
    @classmethod
    def _completed_at(cls, value):
        return _moment(value)

    @field_validator("procedure", mode="before")
    @classmethod
    def _procedure(cls, value):
        return _text(value) or None

    @field_validator("channel", "unit", mode="before")
    @classmethod
    def _choice(cls, value, info: ValidationInfo):
        rule = _CHOICE_RULES[info.field_name]
        text = _text(value)
        if bool(info.data.get("procedure")) != rule.with_procedure:
            if text:
                raise param_error(rule.unwanted)
            return None
        if not text:
            raise param_error(rule.missing)
        if text not in rule.choices.values:
            raise param_error(rule.invalid, value=text, choices=", ".join(rule.choices.values))
        return rule.choices(text)

    @field_validator("case", mode="before")
    @classmethod
    def _case(cls, value, info: ValidationInfo):
        case = _text(value)
        if case and not info.data.get("procedure"):
            raise param_error("Tham số case chỉ dùng cùng với procedure.")
        return case

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value, info: ValidationInfo):
        amount = _text(value)
        if info.data.get("procedure"):
            if amount:
                raise param_error("Không dùng tham số amount cùng với procedure: thời hạn lấy từ thủ tục.")
            return None
        unit = info.data.get("unit")
        if unit is None:  # no unit, or an invalid one: that is the error to fix first
            return None
        if unit == TimeUnit.SAME_DAY:
            return Decimal(0)
        if not amount:
            raise param_error("Thiếu tham số amount (số ngày hoặc số giờ).")
        try:
            number = Decimal(amount.replace(",", "."))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise param_error("amount “{value}” không phải là số.", value=amount) from None
        if number <= 0:
            raise param_error("amount phải lớn hơn 0.")
        return number


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
def deadline(request, query: Query[DeadlineQuery]):
    received, unit, amount_value = query.received_at, query.unit, query.amount
    limit = None
    if query.procedure:
        try:
            limit = procedure_time_limit(
                code=query.procedure, channel=query.channel, on=received.date(), case=query.case
            )
        except DeadlineLookupError as exc:
            return _error_response(
                [{"field": exc.field, "message": exc.message}], status=exc.status, cases=getattr(exc, "cases", None)
            )
        amount_value, unit = limit.amount, limit.unit
    unit = str(unit)

    try:
        due, rule = due_at_explained(received, amount=amount_value, unit=unit, completed_at=query.completed_at)
    except DeadlineInputError as exc:
        field = "procedure" if limit is not None and exc.field in ("amount", "unit") else exc.field
        return _error_response([{"field": field, "message": exc.message}])

    body = {
        "due_at": due.isoformat(),
        "due_date": due.date().isoformat(),
        "received_at": received.isoformat(),
        "completed_at": query.completed_at.isoformat() if query.completed_at else None,
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
