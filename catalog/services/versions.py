"""Procedure versions: the dated, frozen content the public sees.

A version is created when an announcement decision takes effect (or when an importer records the baseline
of procedures already in force). Periods never overlap: `valid_until` of one version is the `valid_from`
of the next (exclusive end), so "in force on day X" has at most one answer.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalog.choices import AnnouncementCategory, ProcedureStatus
from catalog.dates import day_text
from catalog.models import AnnouncementDecision, Procedure, ProcedureVersion
from catalog.signals import procedures_changed
from catalog.snapshots import procedure_snapshot

# Children read by `procedure_snapshot`, prefetched for bulk snapshots.
SNAPSHOT_PREFETCH = (
    "levels",
    "steps",
    "channels",
    "time_limits",
    "dossier_items__form_document",
    "agencies__agency",
    "legal_bases",
    "related_procedures",
)


def procedures_changed_send(*, procedure_ids: list[int]) -> None:
    """Tell downstream apps (search index, page caches) once the current transaction commits."""
    ids = sorted(set(procedure_ids))
    if ids:
        transaction.on_commit(lambda: procedures_changed.send(sender=ProcedureVersion, procedure_ids=ids))


def _lock(procedure: Procedure) -> None:
    """Serialise version writes for one procedure (no-op on SQLite, which locks the whole database)."""
    list(Procedure.objects.select_for_update().filter(pk=procedure.pk).values_list("pk", flat=True))


def _version_create(
    *,
    procedure: Procedure,
    valid_from: dt.date,
    decision: AnnouncementDecision | None,
    category: str,
    ended_previous_by: AnnouncementDecision | None,
) -> ProcedureVersion:
    _lock(procedure)
    versions = list(ProcedureVersion.objects.filter(procedure=procedure).order_by("number"))
    for existing in versions:
        if existing.valid_from >= valid_from:
            raise ValidationError(
                {
                    "valid_from": _(
                        "Thủ tục “%(name)s” đã có phiên bản %(number)s có hiệu lực từ ngày %(day)s; "
                        "không thể có hai phiên bản cùng có hiệu lực từ ngày %(new)s."
                    )
                    % {
                        "name": procedure.name,
                        "number": existing.number,
                        "day": day_text(existing.valid_from),
                        "new": day_text(valid_from),
                    }
                }
            )
        if existing.valid_until is not None and existing.valid_until > valid_from:
            raise ValidationError(
                {
                    "valid_from": _(
                        "Phiên bản %(number)s của thủ tục “%(name)s” còn hiệu lực đến hết ngày trước %(until)s; "
                        "phiên bản mới không thể có hiệu lực từ ngày %(new)s."
                    )
                    % {
                        "number": existing.number,
                        "name": procedure.name,
                        "until": day_text(existing.valid_until),
                        "new": day_text(valid_from),
                    }
                }
            )
    open_version = next((v for v in versions if v.valid_until is None), None)
    if open_version is not None:
        open_version.valid_until = valid_from
        open_version.ended_by = ended_previous_by or decision
        open_version.full_clean()
        open_version.save(update_fields=["valid_until", "ended_by"])

    version = ProcedureVersion(
        procedure=procedure,
        number=(versions[-1].number + 1) if versions else 1,
        valid_from=valid_from,
        decision=decision,
        category=category,
        content=procedure_snapshot(procedure),
        code=procedure.code or "",
        name=procedure.name,
        field_id=procedure.field_id,
    )
    version.full_clean()
    version.save()
    version.levels.set(list(procedure.levels.all()))

    procedure.status = ProcedureStatus.IN_FORCE
    procedure.save(update_fields=["status"])
    return version


def version_create(
    *,
    procedure: Procedure,
    valid_from: dt.date,
    decision: AnnouncementDecision | None = None,
    category: str = "",
    ended_previous_by: AnnouncementDecision | None = None,
) -> ProcedureVersion:
    """Freeze the procedure's approved working copy as a new version in force from `valid_from`.

    The currently open version (if any) ends on `valid_from`. Refused (ValidationError on `valid_from`)
    when another version already starts on or after that day, or a closed version still runs past it:
    two versions are never in force on the same day. The procedure becomes in force.
    """
    with transaction.atomic():
        version = _version_create(
            procedure=procedure,
            valid_from=valid_from,
            decision=decision,
            category=category,
            ended_previous_by=ended_previous_by,
        )
        procedures_changed_send(procedure_ids=[procedure.pk])
    return version


def _version_end(
    *,
    procedure: Procedure,
    on: dt.date,
    decision: AnnouncementDecision | None,
    status: str,
) -> ProcedureVersion:
    _lock(procedure)
    current = ProcedureVersion.objects.filter(procedure=procedure).in_force_on(on).first()
    if current is None:
        raise ValidationError(
            {
                "procedure": _(
                    "Thủ tục “%(name)s” không có phiên bản nào có hiệu lực vào ngày %(day)s nên không thể "
                    "bãi bỏ hoặc thay thế."
                )
                % {"name": procedure.name, "day": day_text(on)}
            }
        )
    if ProcedureVersion.objects.filter(procedure=procedure, valid_from__gt=on).exists():
        raise ValidationError(
            {
                "valid_until": _(
                    "Thủ tục “%(name)s” đã có phiên bản có hiệu lực sau ngày %(day)s; không thể chấm dứt hiệu lực từ ngày này."
                )
                % {"name": procedure.name, "day": day_text(on)}
            }
        )
    if current.valid_from == on:
        raise ValidationError(
            {
                "valid_until": _(
                    "Phiên bản %(number)s của thủ tục “%(name)s” bắt đầu có hiệu lực đúng ngày %(day)s; "
                    "không thể chấm dứt hiệu lực trong cùng ngày."
                )
                % {"number": current.number, "name": procedure.name, "day": day_text(on)}
            }
        )
    current.valid_until = on
    current.ended_by = decision
    current.full_clean()
    current.save(update_fields=["valid_until", "ended_by"])
    procedure.status = status
    procedure.save(update_fields=["status"])
    return current


def version_end(
    *,
    procedure: Procedure,
    on: dt.date,
    decision: AnnouncementDecision | None = None,
    status: str = ProcedureStatus.ABOLISHED,
) -> ProcedureVersion:
    """End the version in force on `on` (it stops being in force that day); history keeps it.

    Refused (ValidationError on `procedure`) when no version is in force on `on`. Sets the procedure's
    status (abolished by default, or replaced). Returns the ended version.
    """
    if status not in (ProcedureStatus.ABOLISHED, ProcedureStatus.REPLACED):
        raise ValueError(f"version_end: status must be abolished or replaced, not {status!r}")
    with transaction.atomic():
        version = _version_end(procedure=procedure, on=on, decision=decision, status=status)
        procedures_changed_send(procedure_ids=[procedure.pk])
    return version


def versions_create_baseline(*, procedures: list[Procedure], valid_from: dt.date) -> int:
    """Give version 1 (in force from `valid_from`) to every procedure that has no version yet.

    For importers loading procedures already in force: children are prefetched, versions and their
    level rows are bulk-inserted, and one `procedures_changed` signal is sent. Returns how many were
    created.
    """
    ids = [procedure.pk for procedure in procedures]
    with transaction.atomic():
        versioned = set(ProcedureVersion.objects.filter(procedure_id__in=ids).values_list("procedure_id", flat=True))
        todo = [pk for pk in ids if pk not in versioned]
        if not todo:
            return 0
        fresh = (
            Procedure.objects.filter(pk__in=todo)
            .select_related("field", "owner_agency")
            .prefetch_related(*SNAPSHOT_PREFETCH)
            .order_by("pk")
        )
        versions: list[ProcedureVersion] = []
        level_ids: list[list[int]] = []
        for procedure in fresh:
            versions.append(
                ProcedureVersion(
                    procedure=procedure,
                    number=1,
                    valid_from=valid_from,
                    category=AnnouncementCategory.NEW,
                    content=procedure_snapshot(procedure),
                    code=procedure.code or "",
                    name=procedure.name,
                    field_id=procedure.field_id,
                )
            )
            level_ids.append([level.pk for level in procedure.levels.all()])
        created = ProcedureVersion.objects.bulk_create(versions, batch_size=500)
        if not all(version.pk for version in created):
            # Backends that do not return primary keys from bulk inserts (none we support today).
            by_procedure = dict(
                ProcedureVersion.objects.filter(procedure_id__in=todo, number=1).values_list("procedure_id", "pk")
            )
            for version in created:
                version.pk = by_procedure[version.procedure_id]
        through = ProcedureVersion.levels.through
        through.objects.bulk_create(
            [
                through(procedureversion_id=version.pk, level_id=level_id)
                for version, levels in zip(created, level_ids, strict=True)
                for level_id in levels
            ],
            batch_size=1000,
        )
        Procedure.objects.filter(pk__in=todo).update(status=ProcedureStatus.IN_FORCE)
        procedures_changed_send(procedure_ids=todo)
    return len(created)


__all__ = [
    "SNAPSHOT_PREFETCH",
    "procedures_changed_send",
    "version_create",
    "version_end",
    "versions_create_baseline",
]
