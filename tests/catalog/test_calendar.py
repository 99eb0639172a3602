"""The working-day calendar on known dates. Expected days are read off the official announcements and a
printed calendar, never computed with the code under test."""

import datetime as dt

import pytest

from catalog.calendar import add_working_days, is_working_day, next_working_day, working_days_between
from catalog.choices import CalendarAdjustmentKind
from catalog.models import CalendarAdjustment
from catalog.services.calendar import calendar_adjustments_load

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def announced():
    """The shipped Government announcements (day swaps, make-up Saturdays)."""
    calendar_adjustments_load()


@pytest.mark.parametrize(
    "day",
    [
        # Tết Kỷ Hợi 2019: 30 Tết = Mon 4/2, mùng 1–4 = Tue 5/2 – Fri 8/2.
        D(2019, 2, 4),
        D(2019, 2, 5),
        D(2019, 2, 6),
        D(2019, 2, 7),
        D(2019, 2, 8),
        # Tết Bính Ngọ 2026: 29 Tết = Mon 16/2, mùng 1–4 = Tue 17/2 – Fri 20/2.
        D(2026, 2, 16),
        D(2026, 2, 17),
        D(2026, 2, 18),
        D(2026, 2, 19),
        D(2026, 2, 20),
        # Hùng Kings' Day 2019: 10/3 lunar = Sun 14/4 → compensatory Mon 15/4.
        D(2019, 4, 15),
        # Hùng Kings' Day 2025: 10/3 lunar = Mon 7/4.
        D(2025, 4, 7),
        # 30/4 (Tue) and 1/5 (Wed) 2019.
        D(2019, 4, 30),
        D(2019, 5, 1),
        # 2/9 with its adjacent day (since 2021): 2021 Thu 2/9 + Fri 3/9; 2022 Thu 1/9 + Fri 2/9;
        # 2023 Fri 1/9 + Sat 2/9 → compensatory Mon 4/9; 2024 Mon 2/9 + Tue 3/9; 2025 Mon 1/9 + Tue 2/9.
        D(2021, 9, 3),
        D(2022, 9, 1),
        D(2022, 9, 2),
        D(2023, 9, 1),
        D(2023, 9, 4),
        D(2024, 9, 3),
        D(2025, 9, 1),
        # New Year 2022 fell on a Saturday → compensatory Mon 3/1.
        D(2022, 1, 3),
    ],
)
def test_statutory_holiday_is_not_a_working_day(day):
    assert is_working_day(day) is False


@pytest.mark.parametrize(
    "day",
    [
        D(2019, 2, 1),  # Fri before Tết 2019
        D(2019, 2, 11),  # Mon after Tết 2019 (mùng 7)
        D(2026, 2, 13),  # Fri before Tết 2026
        D(2026, 2, 23),  # Mon after Tết 2026 (mùng 7)
        D(2019, 4, 16),  # Tue after the compensatory Hùng Kings' Monday
        D(2019, 5, 2),  # Thu after 1/5/2019
        D(2020, 9, 1),  # Tue 1/9/2020: no adjacent day before 2021
        D(2021, 9, 1),  # Wed 1/9/2021: the adjacent day in 2021 was Fri 3/9
    ],
)
def test_ordinary_weekday_is_a_working_day(day):
    assert is_working_day(day) is True


@pytest.mark.parametrize("day", [D(2019, 3, 9), D(2019, 3, 10)])
def test_ordinary_weekend_is_not_a_working_day(day):
    assert is_working_day(day) is False


def test_2019_swap_makes_monday_29_april_a_day_off(announced):
    assert is_working_day(D(2019, 4, 29)) is False


def test_2019_swap_makes_saturday_4_may_a_working_day(announced):
    assert is_working_day(D(2019, 5, 4)) is True


def test_without_the_announcements_29_april_2019_is_an_ordinary_monday():
    # The package's own copy of the swap is ignored: staff-edited rows are the single source of swaps.
    assert is_working_day(D(2019, 4, 29)) is True


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 1, 2), False),  # Fri 2/1/2026 swapped off (Công văn 12729/VPCP-KGVX)
        (D(2026, 1, 10), True),  # Sat 10/1/2026 worked instead
        (D(2026, 8, 31), False),  # Mon 31/8/2026 swapped off for National Day
        (D(2026, 8, 22), True),  # Sat 22/8/2026 worked instead
        (D(2025, 5, 2), False),  # Fri 2/5/2025 swapped off
        (D(2025, 4, 26), True),  # Sat 26/4/2025 worked instead
    ],
)
def test_announced_swaps_after_2019(announced, day, expected):
    assert is_working_day(day) is expected


def test_make_up_row_wins_over_a_statutory_holiday():
    CalendarAdjustment.objects.create(date=D(2019, 9, 2), kind=CalendarAdjustmentKind.WORKING_DAY)

    assert is_working_day(D(2019, 9, 2)) is True


def test_day_off_row_removes_an_ordinary_wednesday():
    CalendarAdjustment.objects.create(date=D(2019, 3, 13), kind=CalendarAdjustmentKind.DAY_OFF)

    assert is_working_day(D(2019, 3, 13)) is False


def test_a_row_added_later_is_seen_by_the_next_call():
    assert is_working_day(D(2019, 3, 14)) is True
    CalendarAdjustment.objects.create(date=D(2019, 3, 14), kind=CalendarAdjustmentKind.DAY_OFF)

    assert is_working_day(D(2019, 3, 14)) is False


def test_next_working_day_skips_the_2019_april_may_break(announced):
    # Fri 26/4 → Sat, Sun, Mon 29/4 (swap), Tue 30/4, Wed 1/5 off → Thu 2/5.
    assert next_working_day(D(2019, 4, 26)) == D(2019, 5, 2)


def test_next_working_day_is_strictly_after_the_day():
    # Wed 13/3/2019 is itself a working day; the next one is Thu 14/3.
    assert next_working_day(D(2019, 3, 13)) == D(2019, 3, 14)


def test_add_working_days_counts_the_make_up_saturday(announced):
    # From Fri 26/4/2019: Thu 2/5 (1), Fri 3/5 (2), Sat 4/5 make-up (3).
    assert add_working_days(D(2019, 4, 26), 3) == D(2019, 5, 4)


def test_add_zero_working_days_is_the_day_itself():
    assert add_working_days(D(2019, 3, 13), 0) == D(2019, 3, 13)


def test_add_negative_working_days_counts_backwards(announced):
    # One working day before Thu 2/5/2019 is Fri 26/4/2019.
    assert add_working_days(D(2019, 5, 2), -1) == D(2019, 4, 26)


def test_working_days_between_excludes_start_and_includes_end(announced):
    # (26/4, 7/5/2019]: 2/5, 3/5, 4/5 (Sat, make-up), 6/5, 7/5 = 5.
    assert working_days_between(D(2019, 4, 26), D(2019, 5, 7)) == 5


def test_working_days_between_is_negative_when_reversed(announced):
    assert working_days_between(D(2019, 5, 7), D(2019, 4, 26)) == -5
