"""Deadline panel selectors on hand-computed dates. Tết 2019 (Sat 2/2 – Sun 10/2 off) shows that working
days, not calendar days, are counted: 5 working days before Fri 15/2/2019 is Fri 1/2/2019."""

import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from catalog.choices import AnnouncementCategory, DecisionStatus
from catalog.compliance import (
    NATIONAL_ENTRY,
    REPOSTING,
    compliance_deadlines,
    decision_signing_deadlines,
    national_entry_deadlines,
    postings_stale,
    reposting_deadlines,
)
from catalog.services.decisions import decision_approve, decisions_apply_due
from catalog.services.versions import version_create, version_end
from cms.selectors import postings_stale as cms_postings_stale
from tests.factories.catalog import DecisionFactory, DecisionItemFactory, ProcedureFactory, ReceptionPlaceFactory

pytestmark = pytest.mark.django_db


def posted(place, day: dt.date):
    place.posted_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    place.save()
    return place


# --- decision signed ≥ 5 working days before the legal document takes effect -----------------------------


def test_signing_due_five_working_days_before_basis_across_tet():
    DecisionFactory(signed_on=None, effective_on=None, basis_effective_on=dt.date(2019, 2, 15))

    [row] = decision_signing_deadlines(today=dt.date(2019, 1, 28))

    assert row.due_on == dt.date(2019, 2, 1)


def test_signing_days_left_counts_working_days():
    DecisionFactory(signed_on=None, effective_on=None, basis_effective_on=dt.date(2019, 2, 15))

    [row] = decision_signing_deadlines(today=dt.date(2019, 1, 28))

    assert (row.days, row.overdue) == (4, False)


def test_unsigned_decision_past_due_is_overdue():
    DecisionFactory(signed_on=None, effective_on=None, basis_effective_on=dt.date(2019, 2, 15))

    [row] = decision_signing_deadlines(today=dt.date(2019, 2, 11))

    assert (row.overdue, row.days) == (True, -1)


def test_signed_decision_is_not_pending():
    DecisionFactory(signed_on=dt.date(2019, 1, 30), basis_effective_on=dt.date(2019, 2, 15))

    assert decision_signing_deadlines(today=dt.date(2019, 2, 11)) == []


def test_decision_signed_late_shows_as_late_when_done_rows_are_asked_for():
    DecisionFactory(
        signed_on=dt.date(2019, 2, 11), effective_on=dt.date(2019, 2, 15), basis_effective_on=dt.date(2019, 2, 15)
    )

    [row] = decision_signing_deadlines(today=dt.date(2019, 2, 20), include_done=True)

    assert (row.done_on, row.overdue, row.days) == (dt.date(2019, 2, 11), True, -1)


def test_decision_without_basis_date_has_no_signing_deadline():
    DecisionFactory(signed_on=None, basis_effective_on=None)

    assert decision_signing_deadlines(today=dt.date(2019, 2, 11)) == []


# --- national database entry ≤ 5 working days after signing ----------------------------------------------


def test_national_entry_due_five_working_days_after_signing_across_tet():
    DecisionItemFactory(decision=DecisionFactory(signed_on=dt.date(2019, 1, 31), status=DecisionStatus.APPROVED))

    [row] = national_entry_deadlines(today=dt.date(2019, 2, 1))

    assert row.due_on == dt.date(2019, 2, 14)


def test_national_entry_not_yet_due_counts_working_days_left():
    DecisionItemFactory(decision=DecisionFactory(signed_on=dt.date(2019, 1, 31), status=DecisionStatus.APPROVED))

    [row] = national_entry_deadlines(today=dt.date(2019, 2, 1))

    assert (row.overdue, row.days) == (False, 4)


def test_national_entry_overdue_the_day_after_due():
    DecisionItemFactory(decision=DecisionFactory(signed_on=dt.date(2019, 1, 31), status=DecisionStatus.APPROVED))

    [row] = national_entry_deadlines(today=dt.date(2019, 2, 15))

    assert (row.overdue, row.days) == (True, -1)


def test_entered_item_is_not_pending():
    DecisionItemFactory(
        decision=DecisionFactory(signed_on=dt.date(2019, 1, 31), status=DecisionStatus.APPROVED),
        national_entered_on=dt.date(2019, 2, 12),
    )

    assert national_entry_deadlines(today=dt.date(2019, 2, 15)) == []


def test_entry_on_the_due_day_is_on_time():
    DecisionItemFactory(
        decision=DecisionFactory(signed_on=dt.date(2019, 1, 31), status=DecisionStatus.APPLIED),
        national_entered_on=dt.date(2019, 2, 14),
    )

    [row] = national_entry_deadlines(today=dt.date(2019, 2, 20), include_done=True)

    assert (row.overdue, row.days) == (False, 0)


def test_draft_decision_items_have_no_entry_deadline():
    DecisionItemFactory(decision=DecisionFactory(signed_on=dt.date(2019, 1, 31)))

    assert national_entry_deadlines(today=dt.date(2019, 2, 15)) == []


def test_one_row_per_item_sorted_by_due_date():
    late = DecisionItemFactory(decision=DecisionFactory(signed_on=dt.date(2019, 3, 4), status=DecisionStatus.APPROVED))
    early = DecisionItemFactory(
        decision=DecisionFactory(signed_on=dt.date(2019, 1, 31), status=DecisionStatus.APPROVED)
    )

    assert [row.item for row in national_entry_deadlines(today=dt.date(2019, 3, 5))] == [early, late]


# --- postings re-posted ≤ 5 working days after a change --------------------------------------------------


def test_posting_after_the_last_change_is_not_stale():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3))
    place.procedures.add(procedure)

    assert reposting_deadlines(today=dt.date(2019, 2, 20)) == []


def test_new_version_after_posting_makes_it_stale_due_five_working_days_later_across_tet():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3))
    place.procedures.add(procedure)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 30))

    [row] = reposting_deadlines(today=dt.date(2019, 2, 1))

    assert (row.kind, row.reception_place, row.due_on) == (REPOSTING, place, dt.date(2019, 2, 13))


def test_stale_posting_names_the_changed_procedures():
    changed, unchanged = ProcedureFactory.create_batch(2, complete=True)
    for procedure in (changed, unchanged):
        version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3))
    place.procedures.add(changed, unchanged)
    version_end(procedure=changed, on=dt.date(2019, 1, 30))

    [row] = reposting_deadlines(today=dt.date(2019, 2, 1))

    assert row.procedures == (changed,)


def test_stale_posting_overdue_after_due_date():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3))
    place.procedures.add(procedure)
    version_end(procedure=procedure, on=dt.date(2019, 1, 30))

    [row] = reposting_deadlines(today=dt.date(2019, 2, 14))

    assert (row.overdue, row.days) == (True, -1)


def test_future_version_does_not_make_posting_stale_yet():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3))
    place.procedures.add(procedure)
    version_create(procedure=procedure, valid_from=dt.date(2019, 3, 1))

    assert reposting_deadlines(today=dt.date(2019, 2, 1)) == []


def test_reposting_clears_the_deadline():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3))
    place.procedures.add(procedure)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 30))
    posted(place, dt.date(2019, 2, 1))

    assert reposting_deadlines(today=dt.date(2019, 2, 11)) == []


def test_never_posted_place_is_stale_from_first_change():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 30))
    ReceptionPlaceFactory(posted_at=None).procedures.add(procedure)

    [row] = reposting_deadlines(today=dt.date(2019, 2, 1))

    assert row.due_on == dt.date(2019, 2, 13)


def test_decision_applied_late_counts_from_the_day_it_was_applied():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3))
    place.procedures.add(procedure)
    decision = DecisionFactory(signed_on=dt.date(2019, 1, 15), effective_on=dt.date(2019, 1, 28))
    DecisionItemFactory(decision=decision, procedure=procedure, category=AnnouncementCategory.AMENDED)
    decision_approve(decision=decision)
    with freeze_time("2019-01-30 08:00:00+07:00"):
        decisions_apply_due(today=dt.date(2019, 1, 30))

    [row] = reposting_deadlines(today=dt.date(2019, 2, 1))

    assert row.due_on == dt.date(2019, 2, 13)


# --- the whole panel -------------------------------------------------------------------------------------


def test_panel_merges_all_kinds_by_due_date():
    DecisionFactory(signed_on=None, effective_on=None, basis_effective_on=dt.date(2019, 3, 15))
    DecisionItemFactory(decision=DecisionFactory(signed_on=dt.date(2019, 1, 31), status=DecisionStatus.APPROVED))
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    posted(ReceptionPlaceFactory(), dt.date(2019, 1, 3)).procedures.add(procedure)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 30))

    rows = compliance_deadlines(today=dt.date(2019, 2, 1))

    assert [(row.kind, row.due_on) for row in rows] == [
        (REPOSTING, dt.date(2019, 2, 13)),
        (NATIONAL_ENTRY, dt.date(2019, 2, 14)),
        ("decision_signing", dt.date(2019, 3, 8)),
    ]


# --- one rule for stale postings, by when the version took effect ---------------------------------------


def posted_at(place, moment: str):
    place.posted_at = dt.datetime.fromisoformat(moment)
    place.save()
    return place


def test_a_version_recorded_after_posting_but_in_force_before_it_does_not_make_the_posting_stale():
    procedure = ProcedureFactory(complete=True)
    place = posted_at(ReceptionPlaceFactory(), "2019-01-10T09:00:00+07:00")
    place.procedures.add(procedure)
    with freeze_time("2019-02-01 10:00:00+07:00"):  # an import records a version valid since 2 January
        version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))

    assert reposting_deadlines(today=dt.date(2019, 2, 4)) == [] and postings_stale(today=dt.date(2019, 2, 4)) == []


def test_posting_on_the_afternoon_a_version_took_effect_is_up_to_date():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 30))
    posted_at(ReceptionPlaceFactory(), "2019-01-30T14:00:00+07:00").procedures.add(procedure)

    assert reposting_deadlines(today=dt.date(2019, 2, 1)) == []


def test_decision_applied_after_a_morning_posting_the_same_day_makes_it_stale():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    place = posted_at(ReceptionPlaceFactory(), "2019-01-30T08:00:00+07:00")
    place.procedures.add(procedure)
    decision = DecisionFactory(signed_on=dt.date(2019, 1, 15), effective_on=dt.date(2019, 1, 28))
    DecisionItemFactory(decision=decision, procedure=procedure, category=AnnouncementCategory.AMENDED)
    decision_approve(decision=decision)
    with freeze_time("2019-01-30 15:00:00+07:00"):
        decisions_apply_due(today=dt.date(2019, 1, 30))

    [row] = reposting_deadlines(today=dt.date(2019, 2, 1))

    assert (row.reception_place, row.due_on) == (place, dt.date(2019, 2, 13))


def test_dashboard_and_report_list_the_same_stale_postings():
    stale_place, fresh_place = ReceptionPlaceFactory(), ReceptionPlaceFactory()
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    posted_at(stale_place, "2019-01-10T09:00:00+07:00").procedures.add(procedure)
    posted_at(fresh_place, "2019-02-01T09:00:00+07:00").procedures.add(procedure)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 30))

    dashboard = [row.reception_place for row in reposting_deadlines(today=dt.date(2019, 2, 4))]
    report = [entry.place for entry in cms_postings_stale(day=dt.date(2019, 2, 4))]

    assert dashboard == report == [stale_place]
