"""Deadline rules of the domain guide (Civil Code 147–148, one-stop rules). Every expected time is worked
out by hand in the comment next to it."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest

from catalog.calendar import DeadlineInputError, due_at
from catalog.services.calendar import calendar_adjustments_load

pytestmark = pytest.mark.django_db

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return dt.datetime(*args, tzinfo=VN)


@pytest.fixture
def announced():
    calendar_adjustments_load()


def test_working_days_skip_the_2019_april_may_break(announced):
    # Received Fri 26/4/2019 16:00, 5 working days. Not counted: 26/4. Off: 27–28/4 weekend, 29/4 swap,
    # 30/4, 1/5. Count: Thu 2/5 (1), Fri 3/5 (2), Sat 4/5 make-up (3), Mon 6/5 (4), Tue 7/5 (5).
    assert due_at(local(2019, 4, 26, 16), amount=5, unit="working_days") == local(2019, 5, 7, 17)


def test_working_days_spanning_tet_2019():
    # Received Fri 1/2/2019, 10 working days. Tết off Mon 4/2 – Fri 8/2. Count: 11–15/2 (5), 18–22/2 (10).
    assert due_at(local(2019, 2, 1, 10), amount=10, unit="working_days") == local(2019, 2, 22, 17)


def test_working_days_spanning_tet_2026():
    # Received Fri 13/2/2026, 3 working days. Tết off Mon 16/2 – Fri 20/2, weekend 21–22/2.
    # Count: Mon 23/2 (1), Tue 24/2 (2), Wed 25/2 (3).
    assert due_at(local(2026, 2, 13, 9), amount=3, unit="working_days") == local(2026, 2, 25, 17)


def test_received_on_saturday_counts_as_received_monday():
    # Received Sat 9/3/2019 → treated as received Mon 11/3 (not counted). Tue 12/3 (1), Wed 13/3 (2).
    assert due_at(local(2019, 3, 9, 10), amount=2, unit="working_days") == local(2019, 3, 13, 17)


def test_calendar_days_ending_on_sunday_move_to_monday():
    # Received Wed 6/3/2019, 4 days: day 4 is Sun 10/3 → next working day Mon 11/3.
    assert due_at(local(2019, 3, 6, 9), amount=4, unit="calendar_days") == local(2019, 3, 11, 17)


def test_calendar_days_ending_on_a_working_day_stay():
    # Received Mon 4/3/2019, 10 days: day 10 is Thu 14/3/2019, a working day.
    assert due_at(local(2019, 3, 4, 9), amount=10, unit="calendar_days") == local(2019, 3, 14, 17)


def test_calendar_days_ending_on_a_holiday_move_past_it():
    # Received Thu 25/4/2019, 5 days: day 5 is Tue 30/4 (holiday), Wed 1/5 holiday → Thu 2/5.
    assert due_at(local(2019, 4, 25, 9), amount=5, unit="calendar_days") == local(2019, 5, 2, 17)


def test_same_day_before_cutoff_is_due_that_evening():
    # Wed 13/3/2019 14:59, before the 15:00 cut-off → 17:00 the same day.
    assert due_at(local(2019, 3, 13, 14, 59), amount=0, unit="same_day") == local(2019, 3, 13, 17)


def test_same_day_at_exactly_the_cutoff_is_still_the_same_day():
    # "After 15:00" means later than 15:00; 15:00 sharp is on the same day.
    assert due_at(local(2019, 3, 13, 15), amount=0, unit="same_day") == local(2019, 3, 13, 17)


def test_same_day_after_cutoff_on_friday_is_due_monday():
    # Fri 15/3/2019 15:30, after 15:00 → next working day Mon 18/3, 17:00.
    assert due_at(local(2019, 3, 15, 15, 30), amount=0, unit="same_day") == local(2019, 3, 18, 17)


def test_same_day_after_cutoff_before_a_long_break(announced):
    # Fri 26/4/2019 15:30 → next working day after the break is Thu 2/5.
    assert due_at(local(2019, 4, 26, 15, 30), amount=0, unit="same_day") == local(2019, 5, 2, 17)


def test_same_day_received_on_sunday_is_due_monday():
    # Sun 17/3/2019 20:00 → treated as received Mon 18/3 at opening → due Mon 18/3 17:00.
    assert due_at(local(2019, 3, 17, 20), amount=0, unit="same_day") == local(2019, 3, 18, 17)


def test_working_hours_cross_lunch():
    # Wed 13/3/2019 10:00, 4 hours: 10:00–11:30 (1.5 h), then 13:00 + 2.5 h = 15:30.
    assert due_at(local(2019, 3, 13, 10), amount=4, unit="working_hours") == local(2019, 3, 13, 15, 30)


def test_working_hours_cross_the_night():
    # Wed 13/3/2019 16:00, 4 hours: 16:00–17:00 (1 h), Thu 14/3 07:00 + 3 h = 10:00.
    assert due_at(local(2019, 3, 13, 16), amount=4, unit="working_hours") == local(2019, 3, 14, 10)


def test_working_hours_cross_the_weekend():
    # Fri 15/3/2019 16:30, 8 hours: 0.5 h Friday, Mon 18/3 07:00–11:30 (4.5 h → 5 h), 13:00 + 3 h = 16:00.
    assert due_at(local(2019, 3, 15, 16, 30), amount=8, unit="working_hours") == local(2019, 3, 18, 16)


def test_working_hours_received_before_opening_start_at_opening():
    # Wed 13/3/2019 06:00, 2 hours: counted from 07:00 → 09:00.
    assert due_at(local(2019, 3, 13, 6), amount=2, unit="working_hours") == local(2019, 3, 13, 9)


def test_working_hours_received_during_lunch_start_after_lunch():
    # Wed 13/3/2019 12:00, 1.5 hours: counted from 13:00 → 14:30.
    assert due_at(local(2019, 3, 13, 12), amount=Decimal("1.5"), unit="working_hours") == local(2019, 3, 13, 14, 30)


def test_completion_restarts_the_clock():
    # Received Mon 4/3/2019, returned and completed Wed 13/3/2019: 5 working days from 13/3 →
    # Thu 14 (1), Fri 15 (2), Mon 18 (3), Tue 19 (4), Wed 20/3 (5).
    due = due_at(local(2019, 3, 4, 9), amount=5, unit="working_days", completed_at=local(2019, 3, 13, 9))

    assert due == local(2019, 3, 20, 17)


def test_completion_before_receipt_is_refused():
    with pytest.raises(DeadlineInputError) as error:
        due_at(local(2019, 3, 13, 9), amount=5, unit="working_days", completed_at=local(2019, 3, 4, 9))

    assert error.value.field == "completed_at"


def test_aware_utc_input_is_converted_to_vietnam_time():
    # 02:00 UTC = 09:00 in Hà Nội, before the cut-off → due 17:00 local = 10:00 UTC the same day.
    received = dt.datetime(2019, 3, 13, 2, tzinfo=dt.UTC)

    assert due_at(received, amount=0, unit="same_day") == dt.datetime(2019, 3, 13, 10, tzinfo=dt.UTC)


def test_result_is_in_vietnam_time():
    due = due_at(dt.datetime(2019, 3, 13, 9), amount=1, unit="working_days")

    assert due.utcoffset() == dt.timedelta(hours=7)


def test_naive_input_is_local_time():
    # Naive 2019-03-13 15:30 is local → after the cut-off → Thu 14/3 17:00.
    assert due_at(dt.datetime(2019, 3, 13, 15, 30), amount=0, unit="same_day") == local(2019, 3, 14, 17)


@pytest.mark.parametrize(("amount", "unit"), [(0, "working_days"), (-3, "calendar_days"), (0, "working_hours")])
def test_non_positive_amount_is_refused_in_vietnamese(amount, unit):
    with pytest.raises(ValueError, match="phải lớn hơn 0"):
        due_at(local(2019, 3, 13, 9), amount=amount, unit=unit)


def test_unknown_unit_is_refused():
    with pytest.raises(DeadlineInputError) as error:
        due_at(local(2019, 3, 13, 9), amount=1, unit="weeks")

    assert error.value.field == "unit"


def test_fractional_days_are_refused():
    with pytest.raises(DeadlineInputError, match="số nguyên"):
        due_at(local(2019, 3, 13, 9), amount=Decimal("1.5"), unit="working_days")


def test_cutoff_is_a_setting(settings):
    settings.CATALOG_SAME_DAY_CUTOFF = "16:00"

    # 15:30 is before a 16:00 cut-off → same day.
    assert due_at(local(2019, 3, 13, 15, 30), amount=0, unit="same_day") == local(2019, 3, 13, 17)


def test_office_hours_are_a_setting(settings):
    settings.CATALOG_OFFICE_HOURS = "07:30-11:30,13:30-17:30"

    # Closing time follows the last interval: 17:30.
    assert due_at(local(2019, 3, 13, 9), amount=1, unit="working_days") == local(2019, 3, 14, 17, 30)
