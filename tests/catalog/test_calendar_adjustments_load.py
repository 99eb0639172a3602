import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from catalog.choices import CalendarAdjustmentKind
from catalog.models import CalendarAdjustment
from catalog.services.calendar import DEFAULT_PATH, calendar_adjustments_load

pytestmark = pytest.mark.django_db


def write(tmp_path, entries):
    path = tmp_path / "adjustments.json"
    path.write_text(json.dumps({"note": "test", "adjustments": entries}, ensure_ascii=False), encoding="utf-8")
    return path


SWAP = [
    {"date": "2019-04-29", "kind": "day_off", "note": "Nghỉ bù", "reference": "6519/VPCP-KGVX"},
    {"date": "2019-05-04", "kind": "working_day", "note": "Làm bù", "reference": "6519/VPCP-KGVX"},
]


def test_shipped_file_creates_one_row_per_entry():
    entries = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["adjustments"]

    assert calendar_adjustments_load() == (len(entries), 0)


def test_shipped_file_contains_the_2019_swap():
    calendar_adjustments_load()

    rows = set(CalendarAdjustment.objects.filter(date__year=2019, date__month__in=[4, 5]).values_list("date", "kind"))

    assert rows == {(dt.date(2019, 4, 29), "day_off"), (dt.date(2019, 5, 4), "working_day")}


def test_every_shipped_entry_names_its_reference():
    calendar_adjustments_load()

    assert not CalendarAdjustment.objects.filter(reference="").exists()


def test_second_load_changes_nothing(tmp_path):
    path = write(tmp_path, SWAP)
    calendar_adjustments_load(path=path)

    assert calendar_adjustments_load(path=path) == (0, 0)


def test_changed_entry_updates_its_row(tmp_path):
    calendar_adjustments_load(path=write(tmp_path, SWAP))
    changed = [SWAP[0], {**SWAP[1], "kind": "day_off"}]

    calendar_adjustments_load(path=write(tmp_path, changed))

    assert CalendarAdjustment.objects.get(date=dt.date(2019, 5, 4)).kind == CalendarAdjustmentKind.DAY_OFF


def test_changed_entry_is_counted_as_updated(tmp_path):
    calendar_adjustments_load(path=write(tmp_path, SWAP))
    changed = [SWAP[0], {**SWAP[1], "note": "Làm bù cho thứ Hai 29/4"}]

    assert calendar_adjustments_load(path=write(tmp_path, changed)) == (0, 1)


def test_rows_added_by_staff_are_kept(tmp_path):
    CalendarAdjustment.objects.create(date=dt.date(2020, 1, 2), kind=CalendarAdjustmentKind.DAY_OFF)

    calendar_adjustments_load(path=write(tmp_path, SWAP))

    assert CalendarAdjustment.objects.filter(date=dt.date(2020, 1, 2)).exists()


def test_bad_date_names_entry_and_field(tmp_path):
    path = write(tmp_path, [SWAP[0], {**SWAP[1], "date": "04/05/2019"}])

    with pytest.raises(ValidationError, match=r"Mục 1 \(trường “date”\)"):
        calendar_adjustments_load(path=path)


def test_bad_kind_names_entry_and_field(tmp_path):
    path = write(tmp_path, [{**SWAP[0], "kind": "holiday"}])

    with pytest.raises(ValidationError, match=r"Mục 0 \(trường “kind”\)"):
        calendar_adjustments_load(path=path)


def test_duplicate_date_is_refused(tmp_path):
    path = write(tmp_path, [SWAP[0], SWAP[0]])

    with pytest.raises(ValidationError, match="trùng với mục 0"):
        calendar_adjustments_load(path=path)


def test_invalid_file_writes_nothing(tmp_path):
    path = write(tmp_path, [SWAP[0], {**SWAP[1], "kind": "holiday"}])

    with pytest.raises(ValidationError):
        calendar_adjustments_load(path=path)

    assert not CalendarAdjustment.objects.exists()


def test_malformed_json_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(ValidationError, match="không phải JSON hợp lệ"):
        calendar_adjustments_load(path=path)
