import csv
import io
import json

import pytest
from django.core.management import call_command

from feedback.models import PersonalDataAccess
from tests.factories.feedback import FeedbackFactory

pytestmark = pytest.mark.django_db


def test_csv_export_has_one_row_per_record(tmp_path):
    FeedbackFactory.create_batch(3)
    target = tmp_path / "pakn.csv"

    call_command("export_feedback", "--format", "csv", "-o", str(target), stdout=io.StringIO())

    with target.open(encoding="utf-8") as stream:
        assert len(list(csv.DictReader(stream))) == 3


def test_json_export_carries_register_number_and_answer(tmp_path):
    feedback = FeedbackFactory(answered=True)
    target = tmp_path / "pakn.json"

    call_command("export_feedback", "--format", "json", "-o", str(target), stdout=io.StringIO())

    item = json.loads(target.read_text(encoding="utf-8"))["phan_anh_kien_nghi"][0]
    assert (item["so_dang_ky"], item["noi_dung_tra_loi"]) == (feedback.register_number, feedback.answer)


def test_export_is_logged_as_personal_data_access(tmp_path):
    FeedbackFactory()

    call_command("export_feedback", "-o", str(tmp_path / "x.csv"), stdout=io.StringIO())

    assert PersonalDataAccess.objects.filter(action="export").exists()
