"""Login throttling (django-axes), password strength and session expiry for staff accounts."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-rat-dai-2024"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("canbo", password=PASSWORD, is_superuser=True)


def _login(client, password: str):
    return client.post("/admin/login/", {"username": "canbo", "password": password}, REMOTE_ADDR="198.51.100.7")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_correct_password_is_refused_after_five_failures(client, staff):
    for _attempt in range(5):
        _login(client, "sai-mat-khau")

    assert _login(client, PASSWORD).status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_four_failures_do_not_lock_the_account(client, staff):
    for _attempt in range(4):
        _login(client, "sai-mat-khau")

    assert _login(client, PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_lockout_is_per_client_address(client, staff):
    for _attempt in range(5):
        _login(client, "sai-mat-khau")

    response = client.post("/admin/login/", {"username": "canbo", "password": PASSWORD}, REMOTE_ADDR="192.0.2.44")

    assert response.status_code == 302


def test_lockout_defaults_to_five_failures_and_fifteen_minutes():
    assert (settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds()) == (5, 900)


@override_settings(
    AUTH_PASSWORD_VALIDATORS=[
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}}
    ]
)
def test_eleven_character_password_is_too_short_under_production_length():
    with pytest.raises(ValidationError):
        validate_password("abcdefghijk")


def test_common_password_is_refused():
    with pytest.raises(ValidationError):
        validate_password("password1234")


def test_staff_session_lasts_at_most_eight_hours():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_staff_session_ends_when_the_browser_closes(client, staff):
    client.force_login(staff)

    response = client.get("/admin/")

    assert client.session.get_expire_at_browser_close() and response.status_code == 200
