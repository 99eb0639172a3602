"""The personal-data access log records the real client address (config.network), not the proxy's."""

import pytest

from feedback.models import PersonalDataAccess
from tests.factories.feedback import FeedbackFactory

pytestmark = pytest.mark.django_db


def test_viewing_personal_data_logs_the_client_behind_the_proxy(admin_client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    feedback = FeedbackFactory()

    admin_client.get(
        f"/admin/phan-anh-kien-nghi/{feedback.pk}/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )

    assert list(PersonalDataAccess.objects.values_list("client_ip", flat=True)) == ["198.51.100.9"]


def test_a_forged_forwarded_address_from_an_untrusted_peer_is_not_logged(admin_client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    feedback = FeedbackFactory()

    admin_client.get(
        f"/admin/phan-anh-kien-nghi/{feedback.pk}/", REMOTE_ADDR="203.0.113.4", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )

    assert list(PersonalDataAccess.objects.values_list("client_ip", flat=True)) == ["203.0.113.4"]
