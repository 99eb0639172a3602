"""Legal deadlines of the catalog, for the admin's deadline panel (selectors: reads only).

- Decree 63/2010 Art. 15: the announcement decision is signed at least CATALOG_DECISION_LEAD_WORKING_DAYS
  working days before the legal document regulating the procedures takes effect (`basis_effective_on`).
- Art. 24: each announced procedure is entered into the national database within
  CATALOG_NATIONAL_ENTRY_WORKING_DAYS working days after the decision is signed (`national_entered_on`).
- Art. 17, 26 and Circular 02/2017 Ch. III: when a procedure listed at a reception place gets a new version
  or stops being in force after the place was last posted, the posting is stale and must be re-posted
  within CATALOG_REPOSTING_WORKING_DAYS working days of that change.

Working days come from `catalog.calendar` (holidays, announced swaps). Every selector returns `Deadline`
rows sorted by due date; `days` counts working days from `today` to the due date (negative when overdue).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.calendar import LOCAL_TZ, WorkingCalendar, working_calendar
from catalog.choices import DecisionStatus
from catalog.dates import day_text
from catalog.models import AnnouncementDecision, DecisionItem, Procedure, ProcedureVersion, ReceptionPlace
from catalog.selectors import reception_places_procedure_ids

DECISION_SIGNING = "decision_signing"
NATIONAL_ENTRY = "national_entry"
REPOSTING = "reposting"


@dataclass(frozen=True)
class Deadline:
    """One legal deadline: what must be done, by when, and whether it is (or was) late.

    Pending rows have `done_on` None and `overdue` = today is past `due_on`. Rows of obligations already
    met (only with `include_done=True`) have `done_on` set and `overdue` = it was done after `due_on`.
    `days`: working days from today to `due_on` for pending rows (0 on the due day, negative when overdue);
    for met rows, working days from `done_on` to `due_on` (negative = that many working days late).
    """

    kind: str
    what: str
    due_on: dt.date
    overdue: bool
    days: int
    done_on: dt.date | None = None
    decision: AnnouncementDecision | None = None
    item: DecisionItem | None = None
    reception_place: ReceptionPlace | None = None
    procedures: tuple[Procedure, ...] = field(default=())


def _row(calendar: WorkingCalendar, *, today: dt.date, due_on: dt.date, done_on: dt.date | None, **values) -> Deadline:
    if done_on is None:
        return Deadline(
            due_on=due_on,
            overdue=today > due_on,
            days=calendar.working_days_between(today, due_on),
            done_on=None,
            **values,
        )
    return Deadline(
        due_on=due_on,
        overdue=done_on > due_on,
        days=calendar.working_days_between(done_on, due_on),
        done_on=done_on,
        **values,
    )


def _sorted(rows: list[Deadline]) -> list[Deadline]:
    return sorted(rows, key=lambda row: (row.due_on, row.kind, row.what))


def decision_signing_due(*, basis_effective_on: dt.date, calendar: WorkingCalendar | None = None) -> dt.date:
    """The last day a decision may be signed for a legal document taking effect on `basis_effective_on`."""
    calendar = calendar or working_calendar()
    return calendar.add_working_days(basis_effective_on, -settings.CATALOG_DECISION_LEAD_WORKING_DAYS)


@dataclass(frozen=True)
class SigningCheck:
    """A decision against Decree 63 Art. 15: the last day it may be signed, and whether it was signed late."""

    due_on: dt.date
    signed_on: dt.date | None
    working_days_late: int  # 0 unless signed after `due_on`
    reason: str

    @property
    def late(self) -> bool:
        return self.working_days_late > 0


def decision_signing_check(*, decision: AnnouncementDecision, calendar: WorkingCalendar | None = None):
    """The Art. 15 check of `decision` (None when its legal basis has no effective date)."""
    if decision.basis_effective_on is None:
        return None
    calendar = calendar or working_calendar()
    due_on = decision_signing_due(basis_effective_on=decision.basis_effective_on, calendar=calendar)
    late = 0
    if decision.signed_on is not None and decision.signed_on > due_on:
        late = -calendar.working_days_between(decision.signed_on, due_on)
    return SigningCheck(
        due_on=due_on, signed_on=decision.signed_on, working_days_late=late, reason=decision.late_signing_reason
    )


def decision_signing_deadlines(*, today: dt.date, include_done: bool = False) -> list[Deadline]:
    """Decisions to be signed ≥ N working days before their legal basis takes effect (Decree 63 Art. 15).

    Decisions signed late always stay listed (as late, with the recorded reason); those signed in time
    only with `include_done`.
    """
    calendar = working_calendar()
    decisions = AnnouncementDecision.objects.filter(basis_effective_on__isnull=False)
    rows = []
    for decision in decisions:
        check = decision_signing_check(decision=decision, calendar=calendar)
        if decision.signed_on is not None and not (check.late or include_done):
            continue
        if check.late:
            what = _(
                "Quyết định %(number)s ký muộn %(days)s ngày làm việc (văn bản quy định thủ tục có hiệu lực ngày "
                "%(day)s; lý do: %(reason)s)"
            ) % {
                "number": decision.number,
                "days": check.working_days_late,
                "day": day_text(decision.basis_effective_on),
                "reason": decision.late_signing_reason or _("chưa ghi"),
            }
        else:
            what = _("Ký quyết định %(number)s (văn bản quy định thủ tục có hiệu lực ngày %(day)s)") % {
                "number": decision.number,
                "day": day_text(decision.basis_effective_on),
            }
        rows.append(
            _row(
                calendar,
                today=today,
                due_on=check.due_on,
                done_on=decision.signed_on,
                kind=DECISION_SIGNING,
                what=what,
                decision=decision,
            )
        )
    return _sorted(rows)


def national_entry_deadlines(*, today: dt.date, include_done: bool = False) -> list[Deadline]:
    """Procedures of signed decisions to enter into the national database ≤ N working days after signing."""
    calendar = working_calendar()
    items = DecisionItem.objects.filter(
        decision__signed_on__isnull=False,
        decision__status__in=[DecisionStatus.APPROVED, DecisionStatus.APPLIED],
    ).select_related("decision", "procedure")
    if not include_done:
        items = items.filter(national_entered_on__isnull=True)
    rows = []
    for item in items:
        due_on = calendar.add_working_days(item.decision.signed_on, settings.CATALOG_NATIONAL_ENTRY_WORKING_DAYS)
        rows.append(
            _row(
                calendar,
                today=today,
                due_on=due_on,
                done_on=item.national_entered_on,
                kind=NATIONAL_ENTRY,
                what=_("Nhập CSDL quốc gia: %(procedure)s (quyết định %(number)s)")
                % {"procedure": item.procedure, "number": item.decision.number},
                decision=item.decision,
                item=item,
                procedures=(item.procedure,),
            )
        )
    return _sorted(rows)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def _moment_of(day: dt.date, decision: AnnouncementDecision | None) -> dt.datetime:
    """When a validity boundary took effect for the public: the start of `day`, or later when the decision
    behind it was applied after that day began (a decision applied late takes effect when applied)."""
    moment = _start_of(day)
    if decision is not None and decision.applied_at is not None:
        moment = max(moment, decision.applied_at.astimezone(LOCAL_TZ))
    return moment


def version_change_moments(version: ProcedureVersion) -> list[dt.datetime]:
    """The moments `version` changed what a posting must show: it took effect, and (if so) it ended.

    The one rule for stale postings (dashboard and report): by when the version took effect, never by
    when its row was written (an import records years of versions in a minute) nor by the date alone (a
    posting made on the afternoon a version took effect at midnight is up to date).
    """
    moments = [_moment_of(version.valid_from, version.decision if version.decision_id else None)]
    if version.valid_until is not None:
        moments.append(_moment_of(version.valid_until, version.ended_by if version.ended_by_id else None))
    return moments


@dataclass(frozen=True)
class StalePosting:
    """A reception place whose posting shows an older state than the catalog: what changed, and since when."""

    place: ReceptionPlace
    first_change: dt.datetime
    versions: tuple[ProcedureVersion, ...]

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        unique = {version.procedure_id: version.procedure for version in self.versions}
        return tuple(sorted(unique.values(), key=str))


def _now_for(today: dt.date | None) -> dt.datetime:
    """The moment a report "as of `today`" looks from: now, or the end of an earlier day asked for."""
    now = timezone.now().astimezone(LOCAL_TZ)
    if today is None or today >= now.date():
        return now
    return _start_of(today + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)


def postings_stale(*, today: dt.date | None = None) -> list[StalePosting]:
    """Reception places whose posting is stale: a listed procedure's version took effect or ended after the
    place was last posted (a place never posted is stale from its procedures' first change). By name."""
    now = _now_for(today)
    places = {place.pk: place for place in ReceptionPlace.objects.order_by("name", "pk")}
    listed = {
        place_id: ids
        for place_id, ids in reception_places_procedure_ids(places=places.values()).items()
        if ids  # a place posting nothing has nothing to re-post
    }
    if not listed:
        return []
    posted = [places[pk].posted_at for pk in listed]
    oldest = None if None in posted else min(posted)
    procedure_ids = set().union(*listed.values())
    versions = ProcedureVersion.objects.filter(procedure_id__in=procedure_ids).select_related(
        "procedure", "decision", "ended_by"
    )
    if oldest is not None:
        # Only versions that can have changed since the oldest posting (their boundary or application later).
        since = timezone.localdate(oldest)
        versions = versions.filter(
            Q(valid_from__gte=since)
            | Q(valid_until__gte=since)
            | Q(decision__applied_at__gte=oldest)
            | Q(ended_by__applied_at__gte=oldest)
        )
    changes: dict[int, list[tuple[dt.datetime, ProcedureVersion]]] = defaultdict(list)
    for version in versions.order_by("procedure_id", "number"):
        for moment in version_change_moments(version):
            if moment <= now:
                changes[version.procedure_id].append((moment, version))
    stale = []
    for place_id, place in places.items():
        pending = [
            (moment, version)
            for procedure_id in listed.get(place_id, ())
            for moment, version in changes.get(procedure_id, [])
            if place.posted_at is None or moment > place.posted_at
        ]
        if pending:
            unique = {version.pk: version for _moment, version in sorted(pending, key=lambda pair: pair[0])}
            stale.append(
                StalePosting(
                    place=place,
                    first_change=min(moment for moment, _version in pending),
                    versions=tuple(sorted(unique.values(), key=lambda v: (v.name, v.number))),
                )
            )
    return stale


def reposting_deadlines(*, today: dt.date) -> list[Deadline]:
    """Stale postings (see `postings_stale`), each due N working days after its earliest change not posted."""
    calendar = working_calendar()
    rows = []
    for entry in postings_stale(today=today):
        first_day = entry.first_change.date()
        changed = entry.procedures
        rows.append(
            _row(
                calendar,
                today=today,
                due_on=calendar.add_working_days(first_day, settings.CATALOG_REPOSTING_WORKING_DAYS),
                done_on=None,
                kind=REPOSTING,
                what=_("Niêm yết lại tại %(place)s: %(count)s thủ tục thay đổi từ ngày %(day)s")
                % {"place": entry.place.name, "count": len(changed), "day": day_text(first_day)},
                reception_place=entry.place,
                procedures=changed,
            )
        )
    return _sorted(rows)


def compliance_deadlines(*, today: dt.date, include_done: bool = False) -> list[Deadline]:
    """Every deadline of the panel (signing, national database, postings), soonest first."""
    return _sorted(
        decision_signing_deadlines(today=today, include_done=include_done)
        + national_entry_deadlines(today=today, include_done=include_done)
        + reposting_deadlines(today=today)
    )
