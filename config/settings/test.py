"""Test settings: fast, isolated, no outbound calls."""

import tempfile
import uuid

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Per-process memory here (fast, isolated); tests of shared counters switch to Redis or the database cache.
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in ("default", "counters")
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="tthc-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="tthc-test-static-")
# A per-run prefix so repeated or parallel runs never share an Elasticsearch index.
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", f"test_{uuid.uuid4().hex[:8]}")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A live_server thread keeps no persistent connection, so PostgreSQL can drop the test database at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Login throttling off so `client.login()` works everywhere; tests/security enable it with override_settings.
AXES_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
