"""Province-level handlers download the transfer to the national feedback system from the report page (what
`export_feedback` writes), and each download is in the personal-data access log."""

import csv
import io
import json

import pytest
from django.utils import timezone

from feedback.models import PersonalDataAccess
from tests.factories.feedback import FeedbackFactory
from tests.feedback.test_admin_views import BASE

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PERIOD = {"start": f"01/01/{TODAY.year}", "end": f"{TODAY:%d/%m/%Y}"}


def _export(client, **params):
    return client.get(f"{BASE}bao-cao/xuat/", {**PERIOD, **params})


def test_the_csv_holds_the_periods_records_with_the_senders_data(staff_client):
    feedback = FeedbackFactory(sender_name="Nguyễn Văn Gửi")

    response = _export(staff_client, dinh_dang="csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["so_dang_ky"], row["ho_ten"]) for row in rows] == [(feedback.register_number, "Nguyễn Văn Gửi")]


def test_the_json_is_the_transfer_format(staff_client):
    FeedbackFactory()

    response = _export(staff_client, dinh_dang="json")

    assert len(json.loads(response.content)["phan_anh_kien_nghi"]) == 1


def test_a_download_is_logged_with_who_took_it(staff_client, staff):
    FeedbackFactory()

    _export(staff_client, dinh_dang="csv")

    entry = PersonalDataAccess.objects.get(action="export")
    assert (entry.user, entry.detail.startswith("1 bản ghi")) == (staff, True)


def test_the_report_offers_the_transfer_for_the_shown_period(staff_client):
    html = staff_client.get(f"{BASE}bao-cao/").content.decode()

    assert f"{BASE}bao-cao/xuat/?start=01/01/{TODAY.year}" in html.replace("%2F", "/")


def test_an_agency_handler_can_neither_see_nor_take_the_transfer(clerk_client, clerk_agency):
    FeedbackFactory(agency=clerk_agency)

    html = clerk_client.get(f"{BASE}bao-cao/").content.decode()
    response = _export(clerk_client, dinh_dang="csv")  # refused: the admin sends them back with a message

    assert ("bao-cao/xuat/" in html, response.status_code, PersonalDataAccess.objects.exists()) == (False, 302, False)
