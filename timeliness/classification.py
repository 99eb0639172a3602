"""Classify a dossier against its due date (domain guide, "Outcomes of a dossier"), in Python and in SQL.

Rules:
- refused (tu_choi) and withdrawn (rut_ho_so) dossiers are reported apart, from the moment they close;
- a dossier resolved before the day of its due date is early (trước hạn), on that day up to the due time
  on time (đúng hạn) — both count as on time —, after the due time late (trễ hạn);
- a dossier not yet resolved "as of" a moment is pending within the limit (trong hạn) while its due time
  has not passed, pending overdue (quá hạn) after;
- a dossier without a due date (no `han_xu_ly` and nothing the catalog can compute) is undetermined;
- a reschedule (apology letter) never changes the due date measured against: it is stored apart.

The on-time rate is on time ÷ (on time + late), in percent to two decimals (half up). When nothing was
late the rate is 100 — including when nothing was resolved at all (no dossier was late, and the
province's tables print 100 for such rows). When something was late the rate never rounds up to 100:
it is capped at 99.99 so a row with a late dossier never reads "100". Reports *show* a row with nothing
resolved (no dossiers, or none resolved yet) as "—", never "100" (`rate_text`).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, ExpressionWrapper, Q

from catalog.calendar import LOCAL_TZ
from timeliness.choices import DossierStatus, Outcome

RESOLVED_STATUSES = {DossierStatus.RESOLVED, DossierStatus.REFUSED, DossierStatus.WITHDRAWN}
ON_TIME_OUTCOMES = {Outcome.EARLY, Outcome.ON_TIME}
HUNDRED = Decimal(100)
_CAP = Decimal("99.99")
_CENT = Decimal("0.01")


def dossier_outcome(
    *,
    status: str,
    due_at: dt.datetime | None,
    resolved_at: dt.datetime | None,
    as_of: dt.datetime,
    tz: dt.tzinfo = LOCAL_TZ,
) -> Outcome:
    """The outcome of one dossier as of `as_of` (aware datetimes); days are days in `tz` (local time)."""
    if resolved_at is not None and resolved_at <= as_of:
        if status == DossierStatus.REFUSED:
            return Outcome.REFUSED
        if status == DossierStatus.WITHDRAWN:
            return Outcome.WITHDRAWN
        if due_at is None:
            return Outcome.UNDETERMINED
        if resolved_at > due_at:
            return Outcome.LATE
        if resolved_at.astimezone(tz).date() < due_at.astimezone(tz).date():
            return Outcome.EARLY
        return Outcome.ON_TIME
    if due_at is None:
        return Outcome.UNDETERMINED
    return Outcome.OVERDUE if due_at < as_of else Outcome.PENDING


def on_time_rate(*, on_time: int, late: int) -> Decimal:
    """On time ÷ (on time + late) in percent, two decimals; 100 when nothing was late (see module doc)."""
    if late == 0:
        return HUNDRED
    rate = (Decimal(on_time) * HUNDRED / Decimal(on_time + late)).quantize(_CENT, rounding=ROUND_HALF_UP)
    return min(rate, _CAP)


NO_RATE = "—"


def rate_text(*, on_time: int, late: int) -> str:
    """The rate as every report shows it: "86,87", "100", or "—" when no dossier was resolved on time or
    late (no dossiers, or none resolved yet): a rate of nothing is not 100%."""
    if on_time + late == 0:
        return NO_RATE
    return rate_display(on_time_rate(on_time=on_time, late=late))


def rate_display(rate: Decimal) -> str:
    """Vietnamese display of a rate: decimal comma, two decimals ("86,87"); exactly 100 reads "100"."""
    if rate == HUNDRED:
        return "100"
    return f"{rate:.2f}".replace(".", ",")


# --- the same rules in SQL: group by the stored outcome and two comparisons with `as_of` ----------------------

_CLOSED_COLUMNS = {
    Outcome.EARLY: "truoc_han",
    Outcome.ON_TIME: "dung_han_trong_ngay",
    Outcome.LATE: "tre_han",
    Outcome.REFUSED: "tu_choi",
    Outcome.WITHDRAWN: "rut_ho_so",
}


def outcome_grouping(*, as_of: dt.datetime) -> dict[str, ExpressionWrapper]:
    """Two boolean expressions over Dossier columns that, with the stored `outcome`, classify as of `as_of`.

    `closed`: resolved at or before `as_of` (NULL when not resolved); `overdue`: due before `as_of` (NULL
    without a due date). A report groups by (outcome, closed, overdue) — one cheap pass, a handful of groups
    per agency — and `report_column` names the column each group counts in.
    """
    return {
        "closed": ExpressionWrapper(Q(resolved_at__lte=as_of), output_field=BooleanField()),
        "overdue": ExpressionWrapper(Q(due_at__lt=as_of), output_field=BooleanField()),
    }


def report_column(*, outcome: str, closed: bool | None, overdue: bool | None) -> str:
    """The report column of a dossier from its stored outcome and the two `outcome_grouping` values.

    Resolved dossiers keep the outcome stored at import (final once resolved); the others are pending within
    the limit or overdue by their due date, undetermined without one (as `dossier_outcome` says).
    """
    if closed:
        return _CLOSED_COLUMNS.get(outcome, "chua_xac_dinh")
    if overdue is None:
        return "chua_xac_dinh"
    return "qua_han" if overdue else "trong_han"
