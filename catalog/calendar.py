"""The Vietnamese working-day calendar and the deadline rules of the domain guide.

A working day is Monday–Friday, minus the statutory public holidays (the `holidays` package, country VN:
lunar Tết and Hùng Kings' Day, 2/9 with its adjacent day since 2021, compensatory days when a holiday
falls on a weekend), minus the announced extra days off and plus the announced make-up Saturdays
(`CalendarAdjustment` rows, edited by staff and shipped in `catalog/data/calendar_adjustments.json`).

The `holidays` package also carries a few Government day swaps of its own (e.g. 29/4/2019). Those are left
out on purpose: every announced swap lives in the `CalendarAdjustment` table so that staff see and edit all
of them in one place, and nothing is counted twice. An adjustment row always wins over the package
(a make-up Saturday is a working day even if the package says otherwise).

Reading the adjustments: each top-level call loads the (small) table once with one query, so an edit is
seen by the very next call in every process. Callers that evaluate many dates in a loop build one
`working_calendar()` snapshot and reuse it. Only the statutory holidays (pure, per year) are cached in
memory; `calendar_cache_clear()` empties that cache.

Deadline rules (`due_at`), all times in Asia/Ho_Chi_Minh:
- received on a non-working day: the dossier counts as received at the opening of the next working day,
  for every unit (the one-stop practice for dossiers filed online or by post over a weekend or holiday);
- working days: the day of receipt does not count; due at office closing of the Nth working day after it;
- calendar days: due at office closing of day N after receipt, moved to the next working day if day N is
  not a working day;
- same day: due at office closing of the day of receipt; received after the cut-off
  (CATALOG_SAME_DAY_CUTOFF, 15:00) → office closing of the next working day;
- working hours: office hours (CATALOG_OFFICE_HOURS) on working days, counted from the moment of receipt
  (or the next opening when received outside office hours);
- a dossier returned for completion and completed restarts the clock from `completed_at`.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from holidays.countries.vietnam import Vietnam

from catalog.choices import CalendarAdjustmentKind, TimeUnit

LOCAL_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# Years the lunar holiday computation and the shipped announcements cover.
FIRST_YEAR, LAST_YEAR = 1995, 2090

# Guard against a misconfigured table (every day off): no deadline is more than ten years of days away.
_MAX_STEPS = 3660


class DeadlineInputError(ValueError):
    """Bad input to a deadline computation; `field` names the offending argument (for API error bodies)."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.message = message
        self.field = field


class _StatutoryVietnam(Vietnam):
    """Vietnamese statutory holidays without the package's built-in Government day swaps."""

    def _add_special_holidays(self, mapping_names, *, observed=False):
        return None


@functools.lru_cache(maxsize=64)
def _statutory_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(_StatutoryVietnam(years=year, observed=True).keys())


def calendar_cache_clear() -> None:
    """Forget the cached statutory holidays (adjustment rows are never cached across calls)."""
    _statutory_holidays.cache_clear()


# --- settings ------------------------------------------------------------------------------------------------


def _parse_clock(text: str, setting: str) -> dt.time:
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError as exc:
        raise ValueError(f"{setting}: giờ không hợp lệ “{text}” (định dạng HH:MM).") from exc


def office_hours() -> list[tuple[dt.time, dt.time]]:
    """The office-hour intervals of a working day, from CATALOG_OFFICE_HOURS ("07:00-11:30,13:00-17:00")."""
    intervals = []
    for part in str(settings.CATALOG_OFFICE_HOURS).split(","):
        start_text, _, end_text = part.partition("-")
        start = _parse_clock(start_text, "CATALOG_OFFICE_HOURS")
        end = _parse_clock(end_text, "CATALOG_OFFICE_HOURS")
        if end <= start or (intervals and start < intervals[-1][1]):
            raise ValueError(f"CATALOG_OFFICE_HOURS: khoảng giờ không hợp lệ “{part}”.")
        intervals.append((start, end))
    if not intervals:
        raise ValueError("CATALOG_OFFICE_HOURS: chưa khai báo giờ làm việc.")
    return intervals


def closing_time() -> dt.time:
    """Office closing time: the end of the last office-hour interval (default 17:00)."""
    return office_hours()[-1][1]


def same_day_cutoff() -> dt.time:
    return _parse_clock(str(settings.CATALOG_SAME_DAY_CUTOFF), "CATALOG_SAME_DAY_CUTOFF")


# --- the calendar --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkingCalendar:
    """A snapshot of the working-day calendar: statutory holidays plus the given adjustments by date."""

    adjustments: Mapping[dt.date, str]

    def is_working_day(self, day: dt.date) -> bool:
        kind = self.adjustments.get(day)
        if kind == CalendarAdjustmentKind.WORKING_DAY:
            return True
        if kind == CalendarAdjustmentKind.DAY_OFF:
            return False
        return day.weekday() < 5 and day not in _statutory_holidays(day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, 1)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (before it when n < 0); `day` itself never counts."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        current = day
        for _ in range(_MAX_STEPS):
            if remaining == 0:
                return current
            current += step
            if self.is_working_day(current):
                remaining -= 1
        raise ValueError("Không tìm được ngày làm việc trong khoảng mười năm: kiểm tra bảng điều chỉnh ngày làm việc.")

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative (−count in (end, start]) when end is before start.

        So `working_days_between(d, add_working_days(d, n)) == n`.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count

    def due_at(
        self,
        received_at: dt.datetime,
        *,
        amount: Decimal | int | str,
        unit: str,
        completed_at: dt.datetime | None = None,
    ) -> dt.datetime:
        """When a dossier received at `received_at` (or completed at `completed_at`) is due; see module doc."""
        return self.due_at_explained(received_at, amount=amount, unit=unit, completed_at=completed_at)[0]

    def due_at_explained(
        self,
        received_at: dt.datetime,
        *,
        amount: Decimal | int | str,
        unit: str,
        completed_at: dt.datetime | None = None,
    ) -> tuple[dt.datetime, str]:
        """`due_at` plus a short Vietnamese explanation of how the due time was reached."""
        unit = _check_unit(unit)
        value = _check_amount(amount, unit)
        start = _check_moment(received_at, "received_at")
        notes: list[str] = []
        if completed_at is not None:
            completed = _check_moment(completed_at, "completed_at")
            if completed < start:
                raise DeadlineInputError(
                    "Thời điểm bổ sung hoàn thiện hồ sơ không được trước thời điểm tiếp nhận.", field="completed_at"
                )
            start = completed
            notes.append(f"Hồ sơ đã bổ sung hoàn thiện: thời hạn tính lại từ {completed:%H:%M %d/%m/%Y}.")
        effective = self._effective_receipt(start)
        if effective != start:
            notes.append(
                f"Nhận vào ngày nghỉ {start:%d/%m/%Y}: coi như nhận vào ngày làm việc tiếp theo {effective:%d/%m/%Y}."
            )
        day = effective.date()
        close = closing_time()
        if unit == TimeUnit.WORKING_DAYS:
            due = _at(self.add_working_days(day, int(value)), close)
            notes.append(
                f"Không tính ngày tiếp nhận {day:%d/%m/%Y}; hạn là cuối giờ làm việc ({close:%H:%M}) "
                f"của ngày làm việc thứ {int(value)} sau đó."
            )
        elif unit == TimeUnit.CALENDAR_DAYS:
            end = day + dt.timedelta(days=int(value))
            notes.append(f"Không tính ngày tiếp nhận {day:%d/%m/%Y}; ngày thứ {int(value)} sau đó là {end:%d/%m/%Y}")
            if not self.is_working_day(end):
                end = self.next_working_day(end)
                notes[-1] += f", là ngày nghỉ nên chuyển sang ngày làm việc tiếp theo {end:%d/%m/%Y}"
            notes[-1] += f"; hạn là cuối giờ làm việc ({close:%H:%M})."
            due = _at(end, close)
        elif unit == TimeUnit.SAME_DAY:
            cutoff = same_day_cutoff()
            if effective.time() > cutoff:
                due = _at(self.next_working_day(day), close)
                notes.append(
                    f"Trả trong ngày; nhận sau {cutoff:%H:%M} nên trả trong ngày làm việc tiếp theo, "
                    f"trước {close:%H:%M}."
                )
            else:
                due = _at(day, close)
                notes.append(f"Trả trong ngày làm việc tiếp nhận (nhận trước {cutoff:%H:%M}), trước {close:%H:%M}.")
        else:
            due = self._add_office_hours(effective, value)
            hours = ", ".join(f"{opening:%H:%M}–{closing:%H:%M}" for opening, closing in office_hours())
            notes.append(
                f"Tính {_format_number(value)} giờ làm việc theo giờ hành chính ({hours}) "
                "trên các ngày làm việc, từ thời điểm tiếp nhận."
            )
        return due, " ".join(notes)

    def _effective_receipt(self, moment: dt.datetime) -> dt.datetime:
        """Received on a non-working day → received at the opening of the next working day."""
        if self.is_working_day(moment.date()):
            return moment
        return _at(self.next_working_day(moment.date()), office_hours()[0][0])

    def _add_office_hours(self, start: dt.datetime, hours: Decimal) -> dt.datetime:
        remaining = dt.timedelta(seconds=int(hours * 3600))
        intervals = office_hours()
        day = start.date()
        for _ in range(_MAX_STEPS):
            if self.is_working_day(day):
                for opening, closing in intervals:
                    begin = max(_at(day, opening), start)
                    end = _at(day, closing)
                    if begin >= end:
                        continue
                    if end - begin >= remaining:
                        return begin + remaining
                    remaining -= end - begin
            day += dt.timedelta(days=1)
        raise ValueError("Không tìm được ngày làm việc trong khoảng mười năm: kiểm tra bảng điều chỉnh ngày làm việc.")


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LOCAL_TZ)


def to_local(moment: dt.datetime) -> dt.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh; a naive one is taken as local time."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        return moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(LOCAL_TZ)


def _format_number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _check_moment(moment: dt.datetime, field: str) -> dt.datetime:
    local = to_local(moment)
    if not FIRST_YEAR <= local.year <= LAST_YEAR:
        raise DeadlineInputError(f"Chỉ tính được thời hạn cho các năm {FIRST_YEAR}–{LAST_YEAR}.", field=field)
    return local


def _check_unit(unit: str) -> str:
    if unit not in TimeUnit.values:
        allowed = ", ".join(TimeUnit.values)
        raise DeadlineInputError(f"Đơn vị thời hạn “{unit}” không hợp lệ; chọn một trong: {allowed}.", field="unit")
    return unit


def _check_amount(amount: Decimal | int | str, unit: str) -> Decimal:
    if unit == TimeUnit.SAME_DAY:
        return Decimal(0)
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise DeadlineInputError(f"Số lượng thời hạn “{amount}” không phải là số.", field="amount")
    if not value.is_finite():
        raise DeadlineInputError(f"Số lượng thời hạn “{amount}” không phải là số.", field="amount")
    if value <= 0:
        raise DeadlineInputError("Số lượng thời hạn phải lớn hơn 0.", field="amount")
    if unit in (TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS) and value != value.to_integral_value():
        raise DeadlineInputError("Thời hạn tính theo ngày phải là số nguyên ngày.", field="amount")
    if value > _MAX_STEPS:
        raise DeadlineInputError(f"Số lượng thời hạn quá lớn (tối đa {_MAX_STEPS}).", field="amount")
    return value


def working_calendar() -> WorkingCalendar:
    """The calendar as it stands now: statutory holidays plus every `CalendarAdjustment` row (one query)."""
    from catalog.models import CalendarAdjustment

    rows = CalendarAdjustment.objects.values_list("date", "kind")
    return WorkingCalendar(adjustments=dict(rows))


# --- public API (each call reads the adjustment table once) ----------------------------------------------------


def is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day for state agencies."""
    return working_calendar().is_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    return working_calendar().next_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (the day itself never counts; n < 0 counts backwards)."""
    return working_calendar().add_working_days(day, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`."""
    return working_calendar().working_days_between(start, end)


def due_at(
    received_at: dt.datetime,
    *,
    amount: Decimal | int | str,
    unit: str,
    completed_at: dt.datetime | None = None,
) -> dt.datetime:
    """When a dossier is due under the domain guide's rules (see the module docstring)."""
    return working_calendar().due_at(received_at, amount=amount, unit=unit, completed_at=completed_at)


def due_at_explained(
    received_at: dt.datetime,
    *,
    amount: Decimal | int | str,
    unit: str,
    completed_at: dt.datetime | None = None,
) -> tuple[dt.datetime, str]:
    """`due_at` and a short Vietnamese explanation of the computation (for the public endpoint)."""
    return working_calendar().due_at_explained(received_at, amount=amount, unit=unit, completed_at=completed_at)
