"""Source systems: registering a one-stop system with the agencies it reports for, issuing and checking its
API token (only its SHA-256 is stored)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Agency
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


@transaction.atomic
def source_system_register(
    *,
    name: str,
    description: str = "",
    agencies: Iterable[Agency] = (),
    all_agencies: bool = False,
    is_active: bool = True,
) -> tuple[SourceSystem, str]:
    """Register a one-stop system for the agencies it may report dossiers for; return it with its first API
    token (shown once). A source bound to no agency (and not to all) could write nothing: refused."""
    agencies = list(agencies)
    source_system_agencies_check(all_agencies=all_agencies, agencies=agencies)
    source = SourceSystem(name=name, description=description, all_agencies=all_agencies, is_active=is_active)
    source.full_clean()
    source.save()
    source.agencies.set(agencies)
    return source, source_system_issue_token(source=source)


def source_system_agencies_check(*, all_agencies: bool, agencies: Iterable[Agency]) -> None:
    """A source bound to no agency (and not to every agency) could write nothing: refused, naming the field."""
    if not all_agencies and not list(agencies):
        raise ValidationError(
            {"agencies": _("Chọn ít nhất một cơ quan mà hệ thống được gửi hồ sơ, hoặc chọn “mọi cơ quan”.")}
        )


def source_system_agency_ids(*, source: SourceSystem) -> frozenset[int] | None:
    """The ids of the agencies `source` may write dossiers for; None when it may write for every agency."""
    if source.all_agencies:
        return None
    return frozenset(source.agencies.values_list("pk", flat=True))
