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

from catalog.calendar import WorkingCalendar, working_calendar
from catalog.choices import DecisionStatus
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


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


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


def decision_signing_deadlines(*, today: dt.date, include_done: bool = False) -> list[Deadline]:
    """Decisions to be signed ≥ N working days before their legal basis takes effect (Decree 63 Art. 15)."""
    calendar = working_calendar()
    decisions = AnnouncementDecision.objects.filter(basis_effective_on__isnull=False)
    if not include_done:
        decisions = decisions.filter(signed_on__isnull=True)
    rows = []
    for decision in decisions:
        due_on = decision_signing_due(basis_effective_on=decision.basis_effective_on, calendar=calendar)
        rows.append(
            _row(
                calendar,
                today=today,
                due_on=due_on,
                done_on=decision.signed_on,
                kind=DECISION_SIGNING,
                what=_("Ký quyết định %(number)s (văn bản quy định thủ tục có hiệu lực ngày %(day)s)")
                % {"number": decision.number, "day": _day(decision.basis_effective_on)},
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


def _version_changes(version: ProcedureVersion, today: dt.date) -> list[dt.date]:
    """Days on which `version` changed what a posting must show: it came into force, or it ended."""
    came = version.valid_from
    if version.decision_id and version.created_at:
        came = max(came, timezone.localdate(version.created_at))  # decision applied after its effective date
    days = [came]
    if version.valid_until is not None:
        ended = version.valid_until
        if version.ended_by_id and version.ended_by.applied_at:
            ended = max(ended, timezone.localdate(version.ended_by.applied_at))
        days.append(ended)
    return [day for day in days if day <= today]


def reposting_deadlines(*, today: dt.date) -> list[Deadline]:
    """Reception places whose posting is stale: a listed procedure changed after the place was last posted.

    The change day is the day a version came into force (or the day it was recorded, when a decision was
    applied after its effective date; baseline versions of an import count from their validity date) or the day it ended; the re-posting is due N working days after the earliest change
    not yet posted. A place never posted is stale from its procedures' first change.
    """
    calendar = working_calendar()
    places = {place.pk: place for place in ReceptionPlace.objects.all()}
    listed = {
        place_id: ids
        for place_id, ids in reception_places_procedure_ids(places=places.values()).items()
        if ids  # a place posting nothing has nothing to re-post
    }
    if not listed:
        return []
    posted_days = {
        pk: (timezone.localdate(place.posted_at) if place.posted_at else None) for pk, place in places.items()
    }
    known_days = [day for pk, day in posted_days.items() if pk in listed]
    oldest = None if None in known_days else min(known_days)
    procedure_ids = set().union(*listed.values())
    versions = ProcedureVersion.objects.filter(procedure_id__in=procedure_ids).select_related("procedure", "ended_by")
    if oldest is not None:
        versions = versions.filter(
            Q(valid_from__gt=oldest) | Q(valid_until__gt=oldest) | Q(created_at__date__gt=oldest)
        )
    changes: dict[int, list[tuple[dt.date, Procedure]]] = defaultdict(list)
    for version in versions:
        for day in _version_changes(version, today):
            changes[version.procedure_id].append((day, version.procedure))

    rows = []
    for place_id, procedure_ids_here in listed.items():
        posted_on = posted_days[place_id]
        pending = [
            (day, procedure)
            for procedure_id in procedure_ids_here
            for day, procedure in changes.get(procedure_id, [])
            if posted_on is None or day > posted_on
        ]
        if not pending:
            continue
        first_change = min(day for day, _procedure in pending)
        changed = tuple(sorted({procedure.pk: procedure for _day, procedure in pending}.values(), key=str))
        place = places[place_id]
        rows.append(
            _row(
                calendar,
                today=today,
                due_on=calendar.add_working_days(first_change, settings.CATALOG_REPOSTING_WORKING_DAYS),
                done_on=None,
                kind=REPOSTING,
                what=_("Niêm yết lại tại %(place)s: %(count)s thủ tục thay đổi từ ngày %(day)s")
                % {"place": place.name, "count": len(changed), "day": _day(first_change)},
                reception_place=place,
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
