"""The per-agency report: grouping, as-of classification in SQL, rates, drill-down, staff lists."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from catalog.choices import AgencyGroup
from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import DossierFactory, local
from timeliness.choices import DossierStatus, Outcome
from timeliness.classification import dossier_outcome
from timeliness.models import Dossier
from timeliness.selectors import (
    agencies_below_threshold,
    deadline_mismatch_summary,
    dossiers_due_soon,
    procedures_with_ambiguous_limits,
    timeliness_report,
    timeliness_report_by_procedure,
)

pytestmark = pytest.mark.django_db
DUE = local(2019, 2, 14, 17)
Q1 = {"date_from": dt.date(2019, 1, 1), "date_to": dt.date(2019, 3, 31)}


def resolved(agency, resolved_at, *, due=DUE, status=DossierStatus.RESOLVED, outcome=None, **extra):
    outcome = outcome or dossier_outcome(status=status, due_at=due, resolved_at=resolved_at, as_of=local(2030, 1, 1))
    return DossierFactory(
        agency=agency,
        received_at=local(2019, 1, 31, 10),
        due_at=due,
        resolved_at=resolved_at,
        status=status,
        outcome=outcome,
        **extra,
    )


@pytest.fixture
def agency():
    return AgencyFactory(code="so-tp", name="Sở Tư pháp", group=AgencyGroup.DEPARTMENT)


def row_of(report, code):
    return next(row for row in report.rows if row.code == code)


def test_report_counts_on_time_including_early(agency):
    resolved(agency, local(2019, 2, 13, 15))  # early
    resolved(agency, local(2019, 2, 14, 16))  # on the due date
    resolved(agency, local(2019, 2, 15, 9))  # late
    assert row_of(timeliness_report(**Q1), "so-tp").counts["dung_han"] == 2


def test_report_rate_of_two_on_time_and_one_late(agency):
    resolved(agency, local(2019, 2, 13, 15))
    resolved(agency, local(2019, 2, 14, 16))
    resolved(agency, local(2019, 2, 15, 9))
    # 2 / 3 = 66.666... → 66.67
    assert row_of(timeliness_report(**Q1), "so-tp").rate == Decimal("66.67")


def test_as_of_before_resolution_the_dossier_is_pending_within_limit(agency):
    resolved(agency, local(2019, 2, 15, 9))
    report = timeliness_report(**Q1, as_of=dt.date(2019, 2, 13))
    assert (row_of(report, "so-tp").counts["trong_han"], row_of(report, "so-tp").counts["tre_han"]) == (1, 0)


def test_as_of_the_due_date_an_unresolved_dossier_is_overdue(agency):
    # Due Thu 14/2 17:00; as of the end of 14/2 it is still open → quá hạn.
    resolved(agency, local(2019, 2, 15, 9))
    assert row_of(timeliness_report(**Q1, as_of=dt.date(2019, 2, 14)), "so-tp").counts["qua_han"] == 1


def test_refused_and_withdrawn_do_not_enter_the_rate(agency):
    resolved(agency, local(2019, 2, 20), status=DossierStatus.REFUSED)
    resolved(agency, local(2019, 2, 20), status=DossierStatus.WITHDRAWN)
    assert row_of(timeliness_report(**Q1), "so-tp").rate == Decimal(100)


def test_sql_classification_matches_python_for_every_as_of_day(agency):
    resolved(agency, local(2019, 2, 13, 15))
    resolved(agency, local(2019, 2, 15, 9))
    DossierFactory(agency=agency, received_at=local(2019, 1, 31, 10), due_at=local(2019, 2, 14, 17))
    mismatches = []
    for offset in range(20):
        day = dt.date(2019, 2, 5) + dt.timedelta(days=offset)
        as_of = local(day.year, day.month, day.day) + dt.timedelta(days=1, microseconds=-1)
        expected = dict.fromkeys(Outcome.values, 0)
        for d in Dossier.objects.all():
            expected[dossier_outcome(status=d.status, due_at=d.due_at, resolved_at=d.resolved_at, as_of=as_of)] += 1
        counts = row_of(timeliness_report(**Q1, as_of=day), "so-tp").counts
        got = {key: counts[key] for key in ("truoc_han", "tre_han", "trong_han", "qua_han")}
        if got != {key: expected[key] for key in got}:
            mismatches.append(day)
    assert mismatches == []


def test_rows_are_grouped_departments_then_districts(agency):
    AgencyFactory(code="ubnd-a", name="UBND huyện A", group=AgencyGroup.DISTRICT_COMMITTEE, sort_order=1)
    AgencyFactory(code="so-b", name="Sở B", group=AgencyGroup.DEPARTMENT, sort_order=5)
    report = timeliness_report(**Q1)
    assert [group.key for group in report.groups] == [AgencyGroup.DEPARTMENT, AgencyGroup.DISTRICT_COMMITTEE]


def test_total_row_sums_the_agencies(agency):
    other = AgencyFactory(code="so-b", group=AgencyGroup.DEPARTMENT)
    resolved(agency, local(2019, 2, 13))
    resolved(other, local(2019, 2, 20))
    assert timeliness_report(**Q1).total.counts["tiep_nhan"] == 2


def test_json_rows_carry_the_required_keys(agency):
    resolved(agency, local(2019, 2, 13))
    keys = set(timeliness_report(**Q1).as_list()[0])
    assert {"ma_co_quan", "ten_co_quan", "tiep_nhan", "dung_han", "trong_han", "tre_han", "ty_le_dung_han"} <= keys


def test_dossiers_outside_the_period_are_not_counted(agency):
    DossierFactory(agency=agency, received_at=local(2019, 4, 1, 9), due_at=local(2019, 4, 8, 17))
    assert row_of(timeliness_report(**Q1), "so-tp").counts["tiep_nhan"] == 0


def test_drill_down_groups_by_procedure_code(agency):
    resolved(agency, local(2019, 2, 13), procedure_code="1.000001")
    resolved(agency, local(2019, 2, 13), procedure_code="1.000001")
    resolved(agency, local(2019, 2, 13), procedure_code="1.000002")
    report = timeliness_report_by_procedure(agency=agency, **Q1)
    assert [(row.code, row.counts["tiep_nhan"]) for row in report.rows] == [("1.000001", 2), ("1.000002", 1)]


def test_agencies_below_threshold_lists_the_late_agency(agency):
    good = AgencyFactory(code="so-b", group=AgencyGroup.DEPARTMENT)
    resolved(agency, local(2019, 2, 20))
    resolved(good, local(2019, 2, 10))
    below = agencies_below_threshold(report=timeliness_report(**Q1), threshold=Decimal(95))
    assert [row.code for row in below] == ["so-tp"]


def test_due_soon_lists_dossiers_due_by_the_end_of_the_next_working_day(agency):
    # Now: Fri 1/3/2019 10:00; next working day Mon 4/3. Due Mon 4/3 17:00 → listed; due Tue 5/3 → not.
    DossierFactory(agency=agency, code="SOON", due_at=local(2019, 3, 4, 17))
    DossierFactory(agency=agency, code="LATER", due_at=local(2019, 3, 5, 17))
    with freeze_time("2019-03-01 10:00:00+07:00"):
        assert [d.code for d in dossiers_due_soon()] == ["SOON"]


def _mixed_dossiers(agency):
    """Due Thu 14/2/2019 17:00 unless said: early, on the day, late, refused, withdrawn, open, open without a due."""
    resolved(agency, local(2019, 2, 13, 15))  # early once resolved
    resolved(agency, local(2019, 2, 14, 16))  # on the due day
    resolved(agency, local(2019, 2, 15, 9))  # late
    resolved(agency, local(2019, 2, 12, 9), status=DossierStatus.REFUSED)
    resolved(agency, local(2019, 2, 18, 9), status=DossierStatus.WITHDRAWN)
    DossierFactory(agency=agency, received_at=local(2019, 1, 31, 10), due_at=DUE)  # never resolved
    DossierFactory(
        agency=agency,
        received_at=local(2019, 1, 31, 10),
        due_at=None,
        due_at_source=None,
        outcome=Outcome.UNDETERMINED,
    )


REPORTED = {
    Outcome.EARLY: "truoc_han",
    Outcome.ON_TIME: "dung_han_trong_ngay",
    Outcome.LATE: "tre_han",
    Outcome.PENDING: "trong_han",
    Outcome.OVERDUE: "qua_han",
    Outcome.REFUSED: "tu_choi",
    Outcome.WITHDRAWN: "rut_ho_so",
    Outcome.UNDETERMINED: "chua_xac_dinh",
}


def test_every_report_column_matches_python_classification_for_every_as_of_day(agency):
    _mixed_dossiers(agency)
    mismatches = []
    for offset in range(12):
        day = dt.date(2019, 2, 10) + dt.timedelta(days=offset)
        as_of = local(day.year, day.month, day.day) + dt.timedelta(days=1, microseconds=-1)
        expected = dict.fromkeys(REPORTED.values(), 0)
        for d in Dossier.objects.all():
            outcome = dossier_outcome(status=d.status, due_at=d.due_at, resolved_at=d.resolved_at, as_of=as_of)
            expected[REPORTED[outcome]] += 1
        counts = row_of(timeliness_report(**Q1, as_of=day), "so-tp").counts
        if {key: counts[key] for key in expected} != expected:
            mismatches.append(day)
    assert mismatches == []


def test_report_as_of_the_due_day_hand_computed(agency):
    # As of the end of Thu 14/2/2019: early (13/2) and on-the-day (14/2 16:00) are closed on time; refused
    # (12/2) is closed; late (15/2), withdrawn (18/2) and the open one are still open and due 14/2 17:00,
    # before the end of the day → overdue; the one without a due date is undetermined.
    _mixed_dossiers(agency)
    counts = row_of(timeliness_report(**Q1, as_of=dt.date(2019, 2, 14)), "so-tp").counts
    assert counts == {
        "tiep_nhan": 7,
        "dung_han": 2,
        "trong_han": 0,
        "tre_han": 0,
        "truoc_han": 1,
        "dung_han_trong_ngay": 1,
        "qua_han": 3,
        "tu_choi": 1,
        "rut_ho_so": 0,
        "chua_xac_dinh": 1,
        "luat_dung_han": 0,
        "luat_tre_han": 0,
        "luat_chua_xac_dinh": 2,  # the two closed on time have no statutory due date here
    }


def test_report_as_of_the_day_before_the_due_day_hand_computed(agency):
    # As of the end of Wed 13/2/2019: early (13/2 15:00) and refused (12/2) are closed; the other four with a
    # due date are open and not yet due → within the limit; one undetermined.
    _mixed_dossiers(agency)
    counts = row_of(timeliness_report(**Q1, as_of=dt.date(2019, 2, 13)), "so-tp").counts
    assert (counts["truoc_han"], counts["tu_choi"], counts["trong_han"], counts["chua_xac_dinh"]) == (1, 1, 4, 1)


def test_as_of_inside_the_period_leaves_out_dossiers_received_later(agency):
    DossierFactory(agency=agency, received_at=local(2019, 3, 20, 9), due_at=local(2019, 3, 27, 17))
    assert row_of(timeliness_report(**Q1, as_of=dt.date(2019, 3, 19)), "so-tp").counts["tiep_nhan"] == 0


def test_drill_down_counts_match_the_agency_row(agency):
    _mixed_dossiers(agency)
    by_procedure = timeliness_report_by_procedure(agency=agency, **Q1, as_of=dt.date(2019, 2, 14))
    assert by_procedure.total.counts == row_of(timeliness_report(**Q1, as_of=dt.date(2019, 2, 14)), "so-tp").counts


# --- beside the one-stop result: the result against the statutory deadline ---------------------------------


def test_report_shows_the_statutory_result_beside_the_one_stop_result(agency):
    # One-stop due 22/2, statutory due 14/2: resolved 18/2 is on time for the one-stop system, late by law.
    resolved(
        agency,
        local(2019, 2, 18, 10),
        due=local(2019, 2, 22, 17),
        due_at_catalog=DUE,
        statutory_outcome=Outcome.LATE,
        outcome=Outcome.ON_TIME,
    )
    resolved(agency, local(2019, 2, 13, 15), due_at_catalog=DUE, statutory_outcome=Outcome.EARLY)

    row = row_of(timeliness_report(**Q1), "so-tp")

    assert (row.counts["dung_han"], row.counts["truoc_han"], row.rate_text) == (2, 1, "100")
    assert (row.counts["luat_dung_han"], row.counts["luat_tre_han"], row.statutory_rate_text) == (1, 1, "50,00")


def test_json_row_carries_the_statutory_result(agency):
    resolved(agency, local(2019, 2, 13, 15), due_at_catalog=DUE, statutory_outcome=Outcome.EARLY)

    total = timeliness_report(**Q1).as_list()[-1]

    assert total["theo_thoi_han_quy_dinh"] == {"dung_han": 1, "tre_han": 0, "chua_xac_dinh": 0, "ty_le_dung_han": 100.0}


def test_mismatch_report_lists_earlier_and_later_one_stop_dates(agency):
    later = DossierFactory(agency=agency, procedure_code="1.000001", due_at_source=local(2019, 2, 22, 17))
    earlier = DossierFactory(agency=agency, procedure_code="1.000002", due_at_source=local(2019, 2, 12, 17))
    Dossier.objects.filter(pk__in=[later.pk, earlier.pk]).update(due_at_catalog=DUE, deadline_mismatch=True)

    summary = [(m["procedure_code"], m["direction"]) for m in deadline_mismatch_summary()]

    assert sorted(summary) == [("1.000001", "muon"), ("1.000002", "som")]


def test_ambiguous_procedures_are_listed_for_the_mismatch_report(agency):
    DossierFactory.create_batch(
        2, agency=agency, procedure_code="1.000045", channel="truc_tiep", deadline_ambiguous=True
    )
    DossierFactory(agency=agency, procedure_code="1.000046")

    assert [(a["procedure_code"], a["so_ho_so"]) for a in procedures_with_ambiguous_limits()] == [("1.000045", 2)]
