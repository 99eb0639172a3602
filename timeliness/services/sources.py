"""Source systems: issuing and checking the API token of a one-stop system (only its SHA-256 is stored)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from timeliness.models import SourceSystem

TOKEN_PREFIX_LENGTH = 8


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def source_system_issue_token(*, source: SourceSystem) -> str:
    """Give `source` a new random API token (replacing any earlier one); return it — it is shown only once."""
    token = secrets.token_urlsafe(32)
    source.token_prefix = token[:TOKEN_PREFIX_LENGTH]
    source.token_hash = _token_hash(token)
    source.token_issued_at = timezone.now()
    source.save(update_fields=["token_prefix", "token_hash", "token_issued_at"])
    return token


def source_system_authenticate(*, token: str) -> SourceSystem | None:
    """The active source system whose token this is, or None (constant-time hash comparison)."""
    if not token or len(token) < TOKEN_PREFIX_LENGTH:
        return None
    digest = _token_hash(token)
    for source in SourceSystem.objects.filter(token_prefix=token[:TOKEN_PREFIX_LENGTH], is_active=True):
        if source.token_hash and hmac.compare_digest(source.token_hash, digest):
            return source
    return None
