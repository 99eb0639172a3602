"""django-axes locks out (username, real client address): one attacker cannot lock an account for everyone."""

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db]

PASSWORD = "mat-khau-dung-12345"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("canbo", password=PASSWORD, is_staff=True)


def _login(client, password: str, client_address: str):
    return client.post(
        "/admin/login/",
        {"username": "canbo", "password": password},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=client_address,
    )


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["10.0.0.5"])
def test_an_attacker_is_locked_out_by_address(staff):
    attacker = Client()
    for _attempt in range(3):
        _login(attacker, "sai", "203.0.113.66")

    assert _login(attacker, PASSWORD, "203.0.113.66").status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["10.0.0.5"])
def test_the_account_owner_elsewhere_still_logs_in(staff):
    for _attempt in range(3):
        _login(Client(), "sai", "203.0.113.66")

    response = _login(Client(), PASSWORD, "198.51.100.20")

    assert response.status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["10.0.0.5"])
def test_the_lockout_record_names_the_real_client(staff):
    from axes.models import AccessAttempt

    _login(Client(), "sai", "203.0.113.66")

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.66"]
