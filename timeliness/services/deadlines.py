"""The catalog's due date for a dossier: the statutory time limit in force on the day of receipt, applied to
the working-day calendar (`catalog.deadlines.procedure_time_limit` + `catalog.calendar`).

Imports evaluate up to millions of dossiers, so `CatalogDueDates` memoises what does not change within one
import: the calendar snapshot, each procedure's version boundaries, the limit per (code, channel, version
period), and the answer per (code, channel, day of receipt, day the clock starts) for day units (a day-unit
deadline depends on dates only) — one dictionary look-up per dossier for the usual rows.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from catalog.calendar import DeadlineInputError, WorkingCalendar, working_calendar
from catalog.choices import Channel, TimeUnit
from catalog.deadlines import AmbiguousCaseError, DeadlineLookupError, procedure_time_limit
from catalog.models import ProcedureVersion

# A dossier whose channel the source did not report is measured against the in-person limit.
DEFAULT_CHANNEL = Channel.IN_PERSON
_DAY_UNITS = {TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS}
_MEMO_LIMIT = 500_000


@dataclass(frozen=True)
class CatalogDue:
    """The catalog's due date, or why there is none (`error`, in Vietnamese). `ambiguous`: the procedure has
    several time limits by case for the channel, so the catalog does not guess one."""

    due_at: dt.datetime | None
    error: str = ""
    ambiguous: bool = False


class _Ambiguous(str):
    """The error text of a (code, channel, period) whose limits differ by case."""


_NO_CODE = CatalogDue(None, "không có mã thủ tục để tính hạn theo danh mục")


class CatalogDueDates:
    """Memoising facade over the catalog deadline rules for one import run."""

    def __init__(self, *, calendar: WorkingCalendar | None = None, before_query: Callable[[], None] | None = None):
        self.calendar = calendar or working_calendar()
        # Called before each catalog query (an importer merging in the background waits for it there).
        self.before_query = before_query or (lambda: None)
        self._boundaries: dict[str, list[dt.date]] = {}
        self._limits: dict[tuple[str, str, int], tuple[str, str] | str] = {}
        self._by_day: dict[tuple[str, str, dt.date, dt.date], CatalogDue] = {}

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
            except AmbiguousCaseError as exc:
                self._limits[key] = _Ambiguous(exc.message)
            except DeadlineLookupError as exc:
                self._limits[key] = exc.message
        return self._limits[key]

    def due(
        self, *, code: str, channel: str, received_at: dt.datetime, completed_at: dt.datetime | None = None
    ) -> CatalogDue:
        """The due date of a dossier of procedure `code` received at `received_at` (clock restarted at completion)."""
        if not code:
            return _NO_CODE
        start = completed_at or received_at  # callers pass local (UTC+7) datetimes
        key = (code, channel, received_at.date(), start.date())
        known = self._by_day.get(key)
        if known is not None:
            return known
        limit = self._limit(code, channel or DEFAULT_CHANNEL, received_at.date())
        if isinstance(limit, str):
            return self._remember(key, CatalogDue(None, limit, ambiguous=isinstance(limit, _Ambiguous)))
        amount, unit = limit
        try:
            due = CatalogDue(self.calendar.due_at(start, amount=amount, unit=unit))
        except DeadlineInputError as exc:
            return self._remember(key, CatalogDue(None, exc.message))
        # Day units depend on the start date only; hour units on the time of day too (not memoised).
        return self._remember(key, due) if unit in _DAY_UNITS else due

    def _remember(self, key: tuple, due: CatalogDue) -> CatalogDue:
        if len(self._by_day) >= _MEMO_LIMIT:  # bounded memory on very long files
            self._by_day.clear()
        self._by_day[key] = due
        return due
