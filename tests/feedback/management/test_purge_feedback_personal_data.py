import datetime as dt
import io

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from tests.factories.feedback import FeedbackFactory

pytestmark = pytest.mark.django_db


@freeze_time("2026-06-01 09:00:00+07:00")
def test_items_closed_beyond_retention_lose_personal_data(settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    old = FeedbackFactory(answered=True, handled_on=dt.date(2026, 4, 1))

    call_command("purge_feedback_personal_data", stdout=io.StringIO())

    old.refresh_from_db()
    assert old.sender_email == ""


@freeze_time("2026-06-01 09:00:00+07:00")
def test_items_within_retention_keep_personal_data(settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    recent = FeedbackFactory(answered=True, handled_on=dt.date(2026, 5, 20))

    call_command("purge_feedback_personal_data", stdout=io.StringIO())

    recent.refresh_from_db()
    assert recent.sender_email == "nguoi.gui@example.org"


@freeze_time("2026-06-01 09:00:00+07:00")
def test_open_items_are_never_purged(settings):
    settings.FEEDBACK_RETENTION_DAYS = 0
    open_item = FeedbackFactory(assigned=True)

    call_command("purge_feedback_personal_data", stdout=io.StringIO())

    open_item.refresh_from_db()
    assert open_item.sender_phone == "0912345678"
