import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from feedback.choices import FeedbackStatus
from feedback.selectors import (
    AgencyOnTimeShare,
    agency_on_time_shares,
    feedback_queue,
    procedures_in_force_search,
    published_answers_for_procedure,
)
from tests.factories.catalog import AgencyFactory
from tests.factories.feedback import FeedbackFactory, procedure_in_force

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)


def share(on_time, late=0, overdue=0):
    return AgencyOnTimeShare(agency=None, on_time=on_time, late=late, pending_overdue=overdue, pending_in_time=0)


def test_all_on_time_gives_two_points():
    assert share(10).points == 2


def test_ninety_percent_gives_one_point():
    assert share(9, late=1).points == 1


def test_below_ninety_percent_gives_nothing():
    assert share(8, late=2).points == 0


def test_pending_overdue_counts_as_late():
    assert share(9, overdue=1).rate == 90


def test_nothing_counted_has_no_rate():
    assert share(0).rate is None


def _answered(agency, *, due, handled):
    return FeedbackFactory(
        answered=True,
        agency=agency,
        received_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
        due_on=due,
        handled_on=handled,
    )


def test_shares_per_agency_count_late_answers():
    agency = AgencyFactory()
    _answered(agency, due=dt.date(2026, 3, 16), handled=dt.date(2026, 3, 16))
    _answered(agency, due=dt.date(2026, 3, 16), handled=dt.date(2026, 3, 17))

    [row] = agency_on_time_shares(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), today=TODAY)

    assert (row.on_time, row.late) == (1, 1)


def test_shares_leave_out_items_received_outside_the_period():
    agency = AgencyFactory()
    _answered(agency, due=dt.date(2026, 3, 16), handled=dt.date(2026, 3, 16))

    assert agency_on_time_shares(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30), today=TODAY) == []


def test_queue_overdue_uses_forwarding_deadline_while_unclassified():
    item = FeedbackFactory(
        status=FeedbackStatus.RECEIVED, forward_due_on=dt.date(2026, 3, 10), due_on=dt.date(2026, 3, 30)
    )

    province = get_user_model()(is_superuser=True, is_active=True)

    assert list(feedback_queue(user=province, overdue=True, today=TODAY)) == [item]


def test_answers_for_procedure_lists_only_that_procedure():
    mine = FeedbackFactory(answered=True, procedure_code="1.001193")
    FeedbackFactory(answered=True, procedure_code="2.000001")

    assert published_answers_for_procedure(code="1.001193") == [mine]


def test_answers_for_procedure_leave_out_items_without_consent():
    FeedbackFactory(answered=True, procedure_code="1.001193", allow_publication=False)

    assert published_answers_for_procedure(code="1.001193") == []


def test_procedure_include_renders_answer_titles():
    item = FeedbackFactory(answered=True, procedure_code="1.001193", public_title="Về giấy tờ khai sinh")

    html = render_to_string("feedback/includes/procedure_answers.html", {"answers": [item]})

    assert "Về giấy tờ khai sinh" in html


def test_procedure_search_matches_code():
    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")

    assert [choice.code for choice in procedures_in_force_search(query="1.001193")] == ["1.001193"]


def test_procedure_search_skips_procedures_no_longer_in_force():
    version = procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")
    version.valid_until = dt.date(2021, 1, 1)
    version.save()

    assert procedures_in_force_search(query="khai sinh") == []
