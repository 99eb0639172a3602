import importlib
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def test_language_is_vietnamese():
    assert settings.LANGUAGE_CODE == "vi"


def test_time_zone_is_vietnam():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_admin_offers_vietnamese():
    assert ("vi", "Tiếng Việt") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    sys.modules.pop("config.settings.production", None)

    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("config.settings.production")
