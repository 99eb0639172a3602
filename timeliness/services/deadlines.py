"""The catalog's due date for a dossier: the statutory time limit in force on the day of receipt, applied to
the working-day calendar (`catalog.deadlines.procedure_time_limit` + `catalog.calendar`).

Imports evaluate up to millions of dossiers, so `CatalogDueDates` memoises what does not change within one
import: the calendar snapshot, each procedure's version boundaries, the limit per (code, channel, version
period), and day-unit deadlines per start date (they depend on the date only).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from catalog.calendar import DeadlineInputError, WorkingCalendar, working_calendar
from catalog.choices import Channel, TimeUnit
from catalog.deadlines import DeadlineLookupError, procedure_time_limit
from catalog.models import ProcedureVersion

# A dossier whose channel the source did not report is measured against the in-person limit.
DEFAULT_CHANNEL = Channel.IN_PERSON
_DAY_UNITS = {TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS}


@dataclass(frozen=True)
class CatalogDue:
    """The catalog's due date, or why there is none (`error`, in Vietnamese)."""

    due_at: dt.datetime | None
    error: str = ""


class CatalogDueDates:
    """Memoising facade over the catalog deadline rules for one import run."""

    def __init__(self, *, calendar: WorkingCalendar | None = None, before_query: Callable[[], None] | None = None):
        self.calendar = calendar or working_calendar()
        # Called before each catalog query (an importer merging in the background waits for it there).
        self.before_query = before_query or (lambda: None)
        self._boundaries: dict[str, list[dt.date]] = {}
        self._limits: dict[tuple[str, str, int], tuple[str, str] | str] = {}
        self._day_due: dict[tuple[str, str, dt.date], dt.datetime] = {}

    def _period(self, code: str, day: dt.date) -> int:
        boundaries = self._boundaries.get(code)
        if boundaries is None:
            self.before_query()
            dates = set()
            for valid_from, valid_until in ProcedureVersion.objects.filter(code=code).values_list(
                "valid_from", "valid_until"
            ):
                dates.add(valid_from)
                if valid_until:
                    dates.add(valid_until)
            boundaries = self._boundaries[code] = sorted(dates)
        return bisect.bisect_right(boundaries, day)

    def _limit(self, code: str, channel: str, day: dt.date) -> tuple[str, str] | str:
        key = (code, channel, self._period(code, day))
        if key not in self._limits:
            self.before_query()
            try:
                value = procedure_time_limit(code=code, channel=channel, on=day)
                self._limits[key] = (str(value.amount), value.unit)
            except DeadlineLookupError as exc:
                self._limits[key] = exc.message
        return self._limits[key]

    def due(
        self, *, code: str, channel: str, received_at: dt.datetime, completed_at: dt.datetime | None = None
    ) -> CatalogDue:
        """The due date of a dossier of procedure `code` received at `received_at` (clock restarted at completion)."""
        if not code:
            return CatalogDue(None, "không có mã thủ tục để tính hạn theo danh mục")
        channel = channel or DEFAULT_CHANNEL
        start = completed_at or received_at  # callers pass local (UTC+7) datetimes
        limit = self._limit(code, channel, received_at.date())
        if isinstance(limit, str):
            return CatalogDue(None, limit)
        amount, unit = limit
        if unit in _DAY_UNITS:
            key = (amount, unit, start.date())
            due = self._day_due.get(key)
            if due is None:
                try:
                    due = self._day_due[key] = self.calendar.due_at(start, amount=amount, unit=unit)
                except DeadlineInputError as exc:
                    return CatalogDue(None, exc.message)
            return CatalogDue(due)
        try:
            return CatalogDue(self.calendar.due_at(start, amount=amount, unit=unit))
        except DeadlineInputError as exc:
            return CatalogDue(None, exc.message)
