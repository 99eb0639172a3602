"""Production: refuses to start with a placeholder secret or without DATABASE_URL; secure cookies and HSTS
behind a TLS proxy; a shared cache (Redis or the database), never per-process memory."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

# Behind a TLS-terminating reverse proxy (nginx, HAProxy) that sets `X-Forwarded-Proto: https` on every
# request it forwards and strips that header from clients: Django then treats the request as HTTPS.
# The proxy appends the client to X-Forwarded-For; list it in TRUSTED_PROXIES so that header is believed.

SECRET_KEY_MIN_LENGTH = 50
PLACEHOLDER_SECRETS = ("change-me", "changeme", "change_me", "replace-me", "your-secret", "insecure")


def secret_key_problem(key: str) -> str:
    """Why `key` cannot sign production sessions, or "" when it can."""
    if not key:
        return "SECRET_KEY must be set in production."
    if any(marker in key.lower() for marker in PLACEHOLDER_SECRETS):
        return (
            "SECRET_KEY is a placeholder; generate one (python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < 5:
        return f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} random characters."
    return ""


SECRET_KEY = env_str("SECRET_KEY")
if problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(problem)
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must name the production database (postgres://user:pass@host:5432/db).")
if any("locmem" in cache["BACKEND"] or "dummy" in cache["BACKEND"] for cache in CACHES.values()):  # noqa: F405
    raise ImproperlyConfigured("Production needs a shared cache: set REDIS_URL or keep the database cache.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" only permits submitting the domain to the browsers' preload list; it submits nothing.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this with SAMEORIGIN themselves
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Staff passwords: at least 12 characters in production.
AUTH_PASSWORD_VALIDATORS = [
    {**validator, "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)}}
    if validator["NAME"].endswith("MinimumLengthValidator")
    else validator
    for validator in AUTH_PASSWORD_VALIDATORS  # noqa: F405
]

# One JSON object per log line.
LOGGING = {
    **LOGGING,  # noqa: F405
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "json"),
            "filters": ["client_ip"],
        }
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Index updates and notifications run from a database-backed queue (`manage.py db_worker`).
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
