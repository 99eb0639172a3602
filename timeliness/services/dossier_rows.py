"""From a `ho-so/1` record to the row stored for it: read and validate, then plan (agency, due date, outcome).

`RowParser.parse` is the per-record hot path of a million-row import: it reads the record's texts (in
`timeliness.dossier_format.COLUMN_NAMES` order) and checks them (every problem of the record, in the order
staff read them: `_identity_problems`, the moments, `_status`, `_order_problems`), then plans the stored row
(`_agency_id`, `_due`: the catalog's due date from a per-day memo, `_outcomes`, `_mismatch`). Its result is
a `DossierRow`, the one shape both writers take.

Times are ISO 8601; a bare date means that day in Asia/Ho_Chi_Minh: at 00:00 for receipt, completion and
resolution, at office closing for a due date (as the catalog's deadlines are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import NamedTuple

from catalog.calendar import closing_time
from catalog.choices import AgencyGroup, AgencyLevel, Channel
from catalog.models import Agency
from timeliness.choices import DossierStatus, Outcome
from timeliness.classification import RESOLVED_STATUSES, dossier_outcome
from timeliness.services.deadlines import CatalogDue, CatalogDueDates

MAX_CODE_LENGTH = 100
MAX_AGENCY_CODE_LENGTH = 64
MAX_PROCEDURE_CODE_LENGTH = 64
_CHANNELS = frozenset(Channel.values)
_STATUSES = frozenset(DossierStatus.values)
_CLOSED = frozenset(str(status) for status in RESOLVED_STATUSES)
_RESOLVED = str(DossierStatus.RESOLVED)
_PENDING = str(DossierStatus.PENDING)
_REQUIRED = "Bắt buộc, đang trống."
# Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975; a fixed offset is exact for every
# accepted date (≥ 2000) and far cheaper than zoneinfo conversions on millions of rows.
VN_TZ = dt.timezone(dt.timedelta(hours=7))
_EARLIEST = dt.datetime(2000, 1, 1, tzinfo=VN_TZ)
_FUTURE_TOLERANCE = dt.timedelta(hours=1)

Problem = tuple[str, str]  # (column, message in Vietnamese)


class DossierRow(NamedTuple):
    """A validated dossier as stored (Dossier fields by name; the writers add source and import time).

    A NamedTuple rather than a frozen dataclass: as immutable and typed, but built about four times faster
    (one is built per record of a million-row file) and handed to COPY's `write_row` as it is.
    """

    code: str
    agency_id: int
    procedure_code: str
    channel: str
    received_at: dt.datetime
    completed_at: dt.datetime | None
    due_at_source: dt.datetime | None
    due_at_catalog: dt.datetime | None
    due_at: dt.datetime
    rescheduled_due_at: dt.datetime | None
    resolved_at: dt.datetime | None
    status: str
    outcome: str
    statutory_outcome: str
    deadline_mismatch: bool
    deadline_ambiguous: bool


ROW_FIELDS = DossierRow._fields


def _parse_moment(text: str, *, bare_time: dt.time) -> dt.datetime:
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), bare_time, tzinfo=VN_TZ)
    value = dt.datetime.fromisoformat(text)
    if text.endswith("+07:00"):
        return value  # already local time: dates and comparisons are right without a conversion
    if value.tzinfo is None:
        return value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ)


def _no_wait() -> None:
    return None


def _identity_problems(code: str, agency_code: str, agency_name: str, channel: str) -> list[Problem]:
    """Required texts present, codes not too long, a known channel."""
    problems: list[Problem] = []
    if not code:
        problems.append(("ma_ho_so", _REQUIRED))
    if not agency_code:
        problems.append(("ma_co_quan", _REQUIRED))
    if not agency_name:
        problems.append(("ten_co_quan", _REQUIRED))
    if len(code) > MAX_CODE_LENGTH:
        problems.append(("ma_ho_so", f"Dài quá {MAX_CODE_LENGTH} ký tự."))
    if len(agency_code) > MAX_AGENCY_CODE_LENGTH:
        problems.append(("ma_co_quan", f"Dài quá {MAX_AGENCY_CODE_LENGTH} ký tự."))
    if channel and channel not in _CHANNELS:
        problems.append(("kenh_nop", f"“{channel}” không hợp lệ; chọn một trong: {', '.join(Channel.values)}."))
    return problems


def _status(status: str, resolved_at: dt.datetime | None, resolved_text: str, problems: list[Problem]) -> str:
    """The stated status, or the one the resolution date implies; contradictions are problems."""
    if not status:
        return _RESOLVED if resolved_at else _PENDING
    if status not in _STATUSES:
        problems.append(("trang_thai", f"“{status}” không hợp lệ; chọn một trong: {', '.join(DossierStatus.values)}."))
    elif status in _CLOSED and resolved_at is None and not resolved_text:
        problems.append(("ngay_tra_ket_qua", f"Bắt buộc khi trạng thái là “{status}”."))
    elif status == _PENDING and resolved_at is not None:
        problems.append(("trang_thai", "Hồ sơ đang giải quyết không thể có ngày trả kết quả."))
    return status


def _order_problems(
    received_at: dt.datetime | None,
    due_at_source: dt.datetime | None,
    resolved_at: dt.datetime | None,
    completed_at: dt.datetime | None,
    problems: list[Problem],
) -> None:
    """Nothing of a dossier happens before it was received."""
    if received_at is None:
        return
    if due_at_source is not None and due_at_source < received_at:
        problems.append(("han_xu_ly", "Hạn xử lý trước ngày tiếp nhận."))
    if resolved_at is not None and resolved_at < received_at:
        problems.append(("ngay_tra_ket_qua", "Ngày trả kết quả trước ngày tiếp nhận."))
    if completed_at is not None and completed_at < received_at:
        problems.append(("ngay_bo_sung", "Ngày bổ sung trước ngày tiếp nhận."))


def _mismatch(due_at_source: dt.datetime | None, statutory_due_at: dt.datetime | None) -> bool:
    """A one-stop due date on another day than the statutory limit gives, earlier or later, is a mismatch."""
    return bool(
        due_at_source and statutory_due_at and due_at_source.date() != statutory_due_at.astimezone(VN_TZ).date()
    )


class RowParser:
    """Validates `ho-so/1` records and plans their stored rows; holds the lookups of one import run.

    `before_query` is called before any query of its own (the PostgreSQL writer merges in the background on
    the same connection); agencies created on the way (`create_agencies`) are listed in `agencies_created`.
    """

    def __init__(
        self,
        *,
        source_name: str,
        create_agencies: bool,
        now: dt.datetime,
        before_query: Callable[[], None] | None = None,
        allowed_agency_ids: frozenset[int] | None = None,
    ):
        self.source_name = source_name
        self.create_agencies = create_agencies
        self.allowed_agency_ids = allowed_agency_ids  # None: the source may write for every agency
        self.before_query = before_query or _no_wait
        self.now = now
        self.agencies_created: list[str] = []
        self.agencies = dict(Agency.objects.values_list("code", "pk"))
        self.catalog = CatalogDueDates(before_query=self.before_query)
        self.closing = closing_time()
        self.midnight = dt.time(0, 0)
        self.latest = (now + _FUTURE_TOLERANCE).astimezone(VN_TZ)

    def parse(self, values: Sequence[str]) -> tuple[DossierRow | None, list[Problem]]:
        """The row to store, or the (column, message) problems; `values` in COLUMN_NAMES order."""
        (
            code,
            agency_code,
            agency_name,
            procedure_code,
            channel,
            received_text,
            due_text,
            resolved_text,
            status,
            completed_text,
            rescheduled_text,
        ) = [value.strip() for value in values]
        problems = _identity_problems(code, agency_code, agency_name, channel)
        received_at = self._received(received_text, problems)
        due_at_source = self._moment(due_text, "han_xu_ly", problems, due=True)
        resolved_at = self._moment(resolved_text, "ngay_tra_ket_qua", problems)
        completed_at = self._moment(completed_text, "ngay_bo_sung", problems)
        rescheduled_at = self._moment(rescheduled_text, "han_hen_lai", problems, due=True)
        status = _status(status, resolved_at, resolved_text, problems)
        _order_problems(received_at, due_at_source, resolved_at, completed_at, problems)
        if len(procedure_code) > MAX_PROCEDURE_CODE_LENGTH:
            problems.append(("ma_thu_tuc", f"Dài quá {MAX_PROCEDURE_CODE_LENGTH} ký tự."))
        if problems:
            return None, problems
        agency_id, problem = self._agency_id(agency_code, agency_name)
        if problem is not None:
            return None, [problem]
        catalog, due_at, problem = self._due(procedure_code, channel, received_at, completed_at, due_at_source)
        if problem is not None:
            return None, [problem]
        if rescheduled_at is not None and rescheduled_at <= due_at:
            return None, [("han_hen_lai", "Ngày hẹn lại phải sau hạn xử lý.")]
        outcome, statutory = self._outcomes(status, due_at, catalog.due_at, resolved_at)
        return DossierRow(
            code,
            agency_id,
            procedure_code,
            channel,
            received_at,
            completed_at,
            due_at_source,
            catalog.due_at,
            due_at,
            rescheduled_at,
            resolved_at,
            str(status),
            str(outcome),
            str(statutory),
            _mismatch(due_at_source, catalog.due_at),
            catalog.ambiguous,
        ), []

    # --- read and validate -------------------------------------------------------------------------------------

    def _received(self, text: str, problems: list[Problem]) -> dt.datetime | None:
        if not text:
            problems.append(("ngay_tiep_nhan", _REQUIRED))
            return None
        return self._moment(text, "ngay_tiep_nhan", problems)

    def _moment(self, text: str, column: str, problems: list[Problem], *, due: bool = False) -> dt.datetime | None:
        """The moment `text` gives (None when empty or refused): ISO 8601, not before 2000, a past event."""
        if not text:
            return None
        try:
            value = _parse_moment(text, bare_time=self.closing if due else self.midnight)
        except ValueError:
            problems.append((column, f"“{text}” không phải ngày giờ ISO 8601 (ví dụ 2019-03-05T09:30:00+07:00)."))
            return None
        if value < _EARLIEST:
            problems.append((column, f"“{text}” trước năm 2000."))
            return None
        if not due and value > self.latest:
            problems.append((column, f"“{text}” ở tương lai."))
            return None
        return value

    # --- plan ----------------------------------------------------------------------------------------------------

    def _agency_id(self, agency_code: str, agency_name: str) -> tuple[int | None, Problem | None]:
        """The agency's id (created from the record when allowed), or why the record may not name it."""
        agency_id = self.agencies.get(agency_code)
        if agency_id is None:
            if self.allowed_agency_ids is not None or not self.create_agencies:  # a bound source never creates one
                return None, ("ma_co_quan", f"Không có cơ quan mã “{agency_code}” trong danh mục cơ quan.")
            agency_id = self._agency_create(agency_code, agency_name)
        if self.allowed_agency_ids is not None and agency_id not in self.allowed_agency_ids:
            return None, (
                "ma_co_quan",
                f"Hệ thống nguồn “{self.source_name}” không được đăng ký gửi hồ sơ của cơ quan mã “{agency_code}”; "
                "hồ sơ bị từ chối.",
            )
        return agency_id, None

    def _agency_create(self, code: str, name: str) -> int:
        self.before_query()
        agency = Agency(code=code, name=name, level=AgencyLevel.OTHER, group=AgencyGroup.OTHER)
        agency.full_clean()
        agency.save()
        self.agencies[code] = agency.pk
        self.agencies_created.append(code)
        return agency.pk

    def _due(
        self,
        procedure_code: str,
        channel: str,
        received_at: dt.datetime,
        completed_at: dt.datetime | None,
        due_at_source: dt.datetime | None,
    ) -> tuple[CatalogDue, dt.datetime | None, Problem | None]:
        """The catalog's due date and the one that applies (the one-stop system's, else the catalog's), or why
        there is none."""
        catalog = self.catalog.due(
            code=procedure_code, channel=channel, received_at=received_at, completed_at=completed_at
        )
        due_at = due_at_source or catalog.due_at
        if due_at is None:
            column = "han_xu_ly" if procedure_code else "ma_thu_tuc"
            return catalog, None, (column, f"Trống và không tính được hạn từ danh mục: {catalog.error}.")
        return catalog, due_at, None

    def _outcomes(
        self, status: str, due_at: dt.datetime, statutory_due_at: dt.datetime | None, resolved_at: dt.datetime | None
    ) -> tuple[str, str]:
        """(outcome, statutory outcome): final for a resolved dossier (whatever the import time), else as of now."""
        as_of = self.now if resolved_at is None or resolved_at <= self.now else resolved_at
        outcome = dossier_outcome(status=status, due_at=due_at, resolved_at=resolved_at, as_of=as_of, tz=VN_TZ)
        if statutory_due_at is None:
            return outcome, ""
        statutory = dossier_outcome(
            status=status, due_at=statutory_due_at, resolved_at=resolved_at, as_of=as_of, tz=VN_TZ
        )
        # Finished after the statutory limit: on time against the one-stop date at best, never "trước hạn".
        if outcome == Outcome.EARLY and statutory == Outcome.LATE:
            outcome = Outcome.ON_TIME
        return outcome, statutory
