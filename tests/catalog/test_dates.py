"""Dates typed on public pages: day first as Vietnamese write them, ISO from links, never month first."""

import datetime as dt

import pytest

from catalog.dates import typed_date, typed_date_text


@pytest.mark.parametrize("value", ["15/11/2015", "15-11-2015", "15.11.2015", " 15/11/2015 ", "2015-11-15"])
def test_day_first_and_iso_dates_read(value):
    assert typed_date(value) == dt.date(2015, 11, 15)


def test_a_short_day_and_month_read_day_first():
    assert typed_date("5/11/2015") == dt.date(2015, 11, 5)


@pytest.mark.parametrize("value", ["11/15/2015", "31/02/2019", "2019-1-1", "20190101", "hôm qua", "15/11/15", ""])
def test_other_text_is_refused(value):
    with pytest.raises(ValueError):
        typed_date(value)


def test_a_typed_date_is_shown_back_day_first():
    assert typed_date_text("2019-03-01") == "01/03/2019"


def test_text_that_is_not_a_date_is_shown_back_as_typed():
    assert typed_date_text("hôm qua") == "hôm qua"
