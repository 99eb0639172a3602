"""Settings of the feedback app, each with its default (override in Django settings)."""

from pathlib import Path

from django.conf import settings


def private_root() -> Path:
    """FEEDBACK_PRIVATE_ROOT: where attachments are stored; never under a public URL."""
    return Path(getattr(settings, "FEEDBACK_PRIVATE_ROOT", Path(settings.BASE_DIR) / "var" / "private"))


def handling_working_days() -> int:
    """FEEDBACK_HANDLING_WORKING_DAYS: time to handle an accepted item (default 10 working days)."""
    return int(getattr(settings, "FEEDBACK_HANDLING_WORKING_DAYS", 10))


def forwarding_working_days() -> int:
    """FEEDBACK_FORWARDING_WORKING_DAYS: time to forward an out-of-competence item (Decree 20: 5)."""
    return int(getattr(settings, "FEEDBACK_FORWARDING_WORKING_DAYS", 5))


def rate_limit_per_hour() -> int:
    return int(getattr(settings, "FEEDBACK_RATE_LIMIT_PER_HOUR", 5))


def rate_limit_per_day() -> int:
    return int(getattr(settings, "FEEDBACK_RATE_LIMIT_PER_DAY", 20))


def max_attachments() -> int:
    return int(getattr(settings, "FEEDBACK_MAX_ATTACHMENTS", 5))


def max_attachments_bytes() -> int:
    return int(getattr(settings, "FEEDBACK_MAX_ATTACHMENTS_BYTES", 10 * 1024 * 1024))


def duplicate_window_hours() -> int:
    return int(getattr(settings, "FEEDBACK_DUPLICATE_WINDOW_HOURS", 24))


def retention_days() -> int:
    """FEEDBACK_RETENTION_DAYS: how long personal data is kept after the item is closed (default 5 years)."""
    return int(getattr(settings, "FEEDBACK_RETENTION_DAYS", 5 * 365))
