"""Importing records "as published" (`import_procedures --as-published`): moving a catalog between
installations recreates, for each record, the version it was exported as (number, valid-from and -until,
the decision that brought it) and the provincial decisions that listed the procedure (with their legal
documents, change notes and successors), instead of leaving the import unpublished.

Called by the importer inside its transaction, after the procedures' rows are written.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.calendar import LOCAL_TZ
from catalog.choices import AnnouncementCategory, DecisionStatus, ProcedureStatus
from catalog.models import AnnouncementDecision, DecisionItem, LegalDocument, Procedure, ProcedureVersion
from catalog.services.versions import SNAPSHOT_PREFETCH, procedures_changed_send
from catalog.snapshots import procedure_snapshot
from catalog.text import normalize_name
from exchange.mappers.tthc_json import path_of
from exchange.records import LegalBasisRecord, ProcedureRecord, RelatedRecord
from exchange.services.import_result import Problem

PUBLISHED_STATUSES = (ProcedureStatus.IN_FORCE, ProcedureStatus.ABOLISHED, ProcedureStatus.REPLACED)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def publication_problems(
    *, record: ProcedureRecord, existing: Procedure | None, decisions: dict[str, tuple]
) -> list[tuple[str, str]]:
    """(path, reason) why `record` cannot be imported as published; `decisions` collects the decisions the
    file names (number → signing and effective dates) to find a file that contradicts itself."""
    problems = []
    if existing is not None and ProcedureVersion.objects.filter(procedure=existing).exists():
        problems.append(
            (
                path_of("code"),
                _("thủ tục đã có phiên bản trong danh mục; chỉ nhập như đã công bố vào thủ tục chưa có phiên bản"),
            )
        )
    status = record.status
    if status is not None and status.status in PUBLISHED_STATUSES and not status.valid_from:
        problems.append((path_of("status", "status_valid_from"), _("thiếu ngày có hiệu lực của phiên bản")))
    for position, decision in enumerate(record.provincial_decisions):
        dates = (decision.signed_on, decision.effective_on)
        known = decisions.setdefault(decision.number, dates)
        stored = (
            AnnouncementDecision.objects.filter(number=decision.number).values_list("signed_on", "effective_on").first()
        )
        if known != dates or (stored is not None and tuple(_iso(day) for day in stored) != dates):
            problems.append(
                (
                    path_of("provincial_decisions", position),
                    _("quyết định %(number)s được ghi với ngày ký, ngày hiệu lực khác nhau")
                    % {"number": decision.number},
                )
            )
    if (
        status is not None
        and status.decision
        and status.decision not in {d.number for d in record.provincial_decisions}
    ):
        problems.append(
            (
                path_of("status", "status_decision"),
                _("quyết định %(number)s không có trong quyet_dinh_cong_bo_tinh") % {"number": status.decision},
            )
        )
    return problems


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class _Lookups:
    """Decisions, legal documents and procedures named by the records, found or created once."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.decisions: dict[str, AnnouncementDecision] = {}
        self.documents: dict[str, LegalDocument] = {}

    def decision(self, number: str, signed_on: str | None, effective_on: str | None) -> AnnouncementDecision:
        found = self.decisions.get(number) or AnnouncementDecision.objects.filter(number=number).first()
        if found is None:
            effective = _date(effective_on)
            applied = effective is not None and effective <= self.today
            found = AnnouncementDecision.objects.create(
                number=number,
                signed_on=_date(signed_on),
                effective_on=effective,
                status=DecisionStatus.APPLIED if applied else DecisionStatus.APPROVED,
                # It took effect on its effective date, not at the moment of this import.
                applied_at=dt.datetime.combine(effective, dt.time.min, tzinfo=LOCAL_TZ) if applied else None,
                live=True,
                has_unpublished_changes=False,
            )
        self.decisions[number] = found
        return found

    def document(self, basis: LegalBasisRecord | None) -> LegalDocument | None:
        if basis is None:
            return None
        found = self.documents.get(basis.number)
        if found is None:
            found, _created = LegalDocument.objects.get_or_create(
                number=basis.number,
                defaults={
                    "summary": basis.summary or "",
                    "issued_on": _date(basis.issued_on),
                    "issuer": basis.issuer or "",
                },
            )
            self.documents[basis.number] = found
        return found


def _procedure_for(reference: RelatedRecord | None) -> Procedure | None:
    if reference is None:
        return None
    if reference.code:
        return Procedure.objects.filter(code=reference.code).first()
    matches = [
        p
        for p in Procedure.objects.filter(Q(code__isnull=True) | Q(code=""))
        if normalize_name(p.name) == normalize_name(reference.name)
    ]
    return matches[0] if len(matches) == 1 else None


def records_publish(entries: list[tuple[int, int, ProcedureRecord]], *, warnings: list) -> int:
    """Recreate each record's decisions, items and version (see the module docstring); returns how many
    versions were created. Successors and replaced-by links are resolved once every procedure exists."""
    lookups = _Lookups()
    procedures = {
        procedure.pk: procedure
        for procedure in Procedure.objects.filter(pk__in=[pid for pid, _i, _r in entries])
        .select_related("field", "owner_agency")
        .prefetch_related(*SNAPSHOT_PREFETCH)
    }
    created = 0
    changed: list[int] = []
    for pid, index, record in entries:
        procedure = procedures[pid]
        items: dict[str, DecisionItem] = {}
        for entry in record.provincial_decisions:
            decision = lookups.decision(entry.number, entry.signed_on, entry.effective_on)
            successor = _procedure_for(entry.successor)
            if entry.successor is not None and successor is None:
                warnings.append(
                    Problem(
                        index,
                        path_of("provincial_decisions"),
                        _("không có thủ tục thay thế “%(name)s”") % {"name": entry.successor.name},
                        record.code,
                    )
                )
            item, _created = DecisionItem.objects.update_or_create(
                decision=decision,
                procedure=procedure,
                defaults={
                    "category": entry.category,
                    "legal_document": lookups.document(entry.legal_document),
                    "change_note": entry.change_note or "",
                    "successor": successor,
                    "sort_order": DecisionItem.objects.filter(decision=decision).count(),
                },
            )
            items[entry.number] = item
        status = record.status
        if status is None or status.status not in PUBLISHED_STATUSES or not status.valid_from:
            continue
        decision = lookups.decisions.get(status.decision) if status.decision else None
        item = items.get(status.decision) if status.decision else None
        version = ProcedureVersion(
            procedure=procedure,
            number=record.version or 1,
            valid_from=_date(status.valid_from),
            valid_until=_date(status.valid_until),
            decision=decision,
            category=item.category if item is not None else AnnouncementCategory.NEW,
            content=procedure_snapshot(procedure),
            code=procedure.code or "",
            name=procedure.name,
            field_id=procedure.field_id,
        )
        try:
            version.full_clean()
        except ValidationError as error:
            raise ValidationError({f"ban ghi {index}": error.messages}) from error
        version.save()
        version.levels.set(list(procedure.levels.all()))
        if item is not None:
            item.version = version
            item.save(update_fields=["version"])
        successor = _procedure_for(record.successor)
        Procedure.objects.filter(pk=pid).update(status=status.status, replaced_by=successor)
        created += 1
        changed.append(pid)
    procedures_changed_send(procedure_ids=changed or [pid for pid, _i, _r in entries])
    return created
