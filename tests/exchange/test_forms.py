"""The national-entry checklist's filter reads dates the Vietnamese way."""

import datetime as dt

from exchange.forms import ChecklistFilterForm


def test_the_signed_since_date_is_typed_day_first():
    form = ChecklistFilterForm({"tu_ngay": "01/02/2019"})

    assert form.selection()["changed_since"] == dt.date(2019, 2, 1)


def test_an_impossible_date_is_a_field_error():
    form = ChecklistFilterForm({"tu_ngay": "31/02/2019"})

    assert not form.is_valid() and "tu_ngay" in form.errors
