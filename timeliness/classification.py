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
it is capped at 99.99 so a row with a late dossier never reads "100".
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

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


def rate_display(rate: Decimal) -> str:
    """Vietnamese display of a rate: decimal comma, two decimals ("86,87"); exactly 100 reads "100"."""
    if rate == HUNDRED:
        return "100"
    return f"{rate:.2f}".replace(".", ",")


# --- the same rules as filters, for one aggregate query ----------------------------------------------------------


def outcome_filters(*, as_of: dt.datetime) -> dict[str, Q]:
    """One Q per reported outcome as of `as_of`, over Dossier columns.

    Resolved dossiers use the stored outcome (final once resolved); the others are classified from `due_at`.
    """
    closed = Q(resolved_at__lte=as_of)
    open_ = Q(resolved_at__isnull=True) | Q(resolved_at__gt=as_of)
    return {
        "truoc_han": closed & Q(outcome=Outcome.EARLY),
        "dung_han_trong_ngay": closed & Q(outcome=Outcome.ON_TIME),
        "tre_han": closed & Q(outcome=Outcome.LATE),
        "tu_choi": closed & Q(outcome=Outcome.REFUSED),
        "rut_ho_so": closed & Q(outcome=Outcome.WITHDRAWN),
        "trong_han": open_ & Q(due_at__gte=as_of),
        "qua_han": open_ & Q(due_at__lt=as_of),
        "chua_xac_dinh": (closed & Q(outcome=Outcome.UNDETERMINED)) | (open_ & Q(due_at__isnull=True)),
    }
