"""The structured time limit of a procedure, read from the version in force (what the public sees).

Deadline computation itself lives in `catalog.calendar.due_at`; this module answers "which amount and unit
does procedure X give for channel Y on date Z", with a clear Vietnamese error when it cannot.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from catalog.choices import Channel, TimeUnit
from catalog.models import ProcedureVersion
from catalog.text import fold_diacritics


class DeadlineLookupError(Exception):
    """The procedure's time limit cannot be determined; `field` names the request parameter at fault."""

    field = "procedure"
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnknownProcedureError(DeadlineLookupError):
    status = 404


class ProcedureNotInForceError(DeadlineLookupError):
    pass


class UnknownChannelError(DeadlineLookupError):
    field = "channel"


class NoStructuredTimeLimitError(DeadlineLookupError):
    field = "channel"


class AmbiguousCaseError(DeadlineLookupError):
    """Several cases apply to the channel and none was named: `cases` lists them (label, amount, unit)."""

    field = "case"

    def __init__(self, message: str, cases: list[dict]):
        super().__init__(message)
        self.cases = cases


class UnknownCaseError(DeadlineLookupError):
    field = "case"


@dataclass(frozen=True)
class ProcedureTimeLimitValue:
    """One structured time limit of a procedure version, as published."""

    code: str
    name: str
    version_number: int
    channel: str
    case: str
    amount: Decimal
    unit: str
    start_event: str
    max_only: bool


def _same_case(left: str, right: str) -> bool:
    return fold_diacritics(" ".join(left.split())).casefold() == fold_diacritics(" ".join(right.split())).casefold()


def _usable(limit: dict) -> bool:
    if limit.get("unit") not in TimeUnit.values or limit.get("amount") in (None, ""):
        return False
    try:
        Decimal(str(limit["amount"]))
    except InvalidOperation:
        return False
    return True


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _version_in_force(*, code: str, on: dt.date) -> ProcedureVersion:
    versions = ProcedureVersion.objects.filter(code=code)
    if not code or not versions.exists():
        raise UnknownProcedureError(f"Không tìm thấy thủ tục có mã “{code}”.")
    version = versions.in_force_on(on).order_by("-number").first()
    if version is None:
        raise ProcedureNotInForceError(f"Thủ tục “{code}” không có hiệu lực vào ngày {on:%d/%m/%Y}.")
    return version


def _channel_limits(version: ProcedureVersion, *, code: str, channel: str) -> list[dict]:
    """The version's usable structured limits for `channel`; an error when it has none."""
    limits = [
        limit
        for limit in version.content.get("time_limits") or []
        if limit.get("channel") == channel and _usable(limit)
    ]
    if not limits:
        raise NoStructuredTimeLimitError(
            f"Thủ tục “{code}” chưa có thời hạn giải quyết có cấu trúc cho hình thức {Channel(channel).label}; "
            "xem thời hạn ghi bằng văn bản trên trang thủ tục."
        )
    return limits


def _case_limit(limits: list[dict], *, code: str, channel: str, case: str) -> dict:
    """The limit of the case asked for; without a case, the only one (several cases: an error listing them)."""
    cases = list(dict.fromkeys(limit.get("case") or "" for limit in limits))
    if case.strip():
        chosen = [limit for limit in limits if _same_case(limit.get("case") or "", case)]
        if not chosen:
            listed = "; ".join(f"“{name}”" for name in cases if name) or "(không phân trường hợp)"
            raise UnknownCaseError(f"Thủ tục “{code}” không có trường hợp “{case}”. Các trường hợp: {listed}.")
        return chosen[0]
    if len(cases) > 1:
        listed = "; ".join(f"“{name or '(chung)'}”" for name in cases)
        raise AmbiguousCaseError(
            f"Thủ tục “{code}” có nhiều thời hạn theo trường hợp cho hình thức {Channel(channel).label}; "
            f"hãy chọn tham số case là một trong: {listed}.",
            cases=[
                {
                    "label": limit.get("case") or "",
                    "amount": _number(Decimal(str(limit["amount"]))),
                    "unit": limit["unit"],
                }
                for limit in limits
            ],
        )
    return limits[0]


def procedure_time_limit(*, code: str, channel: str, on: dt.date, case: str = "") -> ProcedureTimeLimitValue:
    """The structured time limit of procedure `code` for `channel` in the version in force on `on`."""
    code = code.strip()
    if channel not in Channel.values:
        allowed = ", ".join(Channel.values)
        raise UnknownChannelError(f"Hình thức nộp “{channel}” không hợp lệ; chọn một trong: {allowed}.")
    version = _version_in_force(code=code, on=on)
    limits = _channel_limits(version, code=code, channel=channel)
    limit = _case_limit(limits, code=code, channel=channel, case=case)
    return ProcedureTimeLimitValue(
        code=version.code,
        name=version.name,
        version_number=version.number,
        channel=channel,
        case=limit.get("case") or "",
        amount=Decimal(str(limit["amount"])),
        unit=limit["unit"],
        start_event=limit.get("start_event") or "",
        max_only=bool(limit.get("max_only")),
    )
