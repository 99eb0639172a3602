"""Third step of an import: each valid record matched with the stored procedure it updates (same national
code; without a code, the one stored procedure of the same name), compared with it, and planned as a
creation, an update (naming the changed elements) or nothing. A record that must not be written (an
abolished or locked procedure, a name matching several procedures, a publication or a version date the
catalog contradicts) is refused here, still before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from django.utils.translation import gettext as _

from catalog.choices import ProcedureStatus, TimeLimitStatus
from catalog.models import Procedure, ProcedureVersion
from catalog.text import normalize_name
from exchange.mappers.tthc_json import path_of
from exchange.records import ChannelRecord, ProcedureRecord
from exchange.selectors import procedure_records_by_id
from exchange.services.import_result import Problem
from exchange.services.publishing import publication_problems

BATCH = 500
# Elements a file may leave out (None): the import keeps what is stored. The slug only names a new procedure;
# national codes belong to the reference tables (written apart, see `import_write.national_codes_write`).
_KEPT_WHEN_ABSENT = ("online_service_level", "one_stop", "inter_agency_group", "related", "owner_agency")


@dataclass
class PlannedRecord:
    """A record to write: its index in the file, the stored procedure it updates (None: a new one), the
    elements that change, and the procedure's id once written."""

    index: int
    record: ProcedureRecord
    existing: Procedure | None
    changed: list[str]
    procedure_id: int | None = None


@dataclass
class ImportPlan:
    """What an import will write, what it reports (labels created and updated with their changes, how many
    records are unchanged) and the records refused while planning."""

    items: list[PlannedRecord] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    refused: set[int] = field(default_factory=set)

    def refuse(self, index: int, problems: list[Problem]) -> None:
        self.problems.extend(problems)
        self.refused.add(index)

    def drop_refused(self) -> None:
        """Leave the refused records out of what is written and reported."""
        self.items = [item for item in self.items if item.index not in self.refused]
        labels = {item.record.code or item.record.name for item in self.items}
        self.created = [label for label in self.created if label in labels]
        self.updated = [entry for entry in self.updated if entry[0] in labels]


def import_plan(
    valid: list[tuple[int, ProcedureRecord]], *, as_published: bool = False, in_force_from: dt.date | None = None
) -> ImportPlan:
    """Plan the valid records (index, record) of a file; see the module docstring."""
    stored = StoredProcedures.matching(valid)
    plan = ImportPlan()
    decisions: dict[str, tuple] = {}
    for index, record in valid:
        _plan_record(plan, index, record, stored, as_published=as_published, decisions=decisions)
    if in_force_from is not None:
        for problem in version_date_problems(plan.items, in_force_from):
            plan.refuse(problem.index, [problem])
    if plan.refused:
        plan.drop_refused()
    return plan


def _plan_record(
    plan: ImportPlan,
    index: int,
    record: ProcedureRecord,
    stored: StoredProcedures,
    *,
    as_published: bool,
    decisions: dict[str, tuple],
) -> None:
    existing, problems = stored.match(index, record)
    if not problems and as_published:
        publication = publication_problems(record=record, existing=existing, decisions=decisions)
        problems = [Problem(index, path, reason, record.code) for path, reason in publication]
    if not problems and existing is not None and (conflict := existing_conflict(existing)):
        problems = [Problem(index, path_of("code"), conflict, record.code)]
    if problems:
        plan.refuse(index, problems)
        return
    label = record.code or record.name
    if existing is None:
        plan.items.append(PlannedRecord(index, record, None, []))
        plan.created.append(label)
        return
    changed = record_changes(stored.records[existing.pk], record)
    if changed or as_published:
        plan.items.append(PlannedRecord(index, record, existing, changed))
    if changed:
        plan.updated.append((label, changed))
    elif not as_published:
        plan.unchanged += 1


@dataclass
class StoredProcedures:
    """Stored procedures matching a file's records (by code, or by name when without code) and their records."""

    by_code: dict[str, Procedure]
    by_name: dict[str, list[Procedure]]
    records: dict[int, ProcedureRecord]

    @classmethod
    def matching(cls, valid: list[tuple[int, ProcedureRecord]]) -> StoredProcedures:
        codes = [record.code for _i, record in valid if record.code]
        names_without_code = {normalize_name(record.name) for _i, record in valid if not record.code}
        by_code: dict[str, Procedure] = {}
        for start in range(0, len(codes), BATCH):
            for procedure in Procedure.objects.filter(code__in=codes[start : start + BATCH]):
                by_code[procedure.code] = procedure
        by_name: dict[str, list[Procedure]] = {}
        if names_without_code:
            matching = [
                pk
                for pk, name in Procedure.objects.filter(code__isnull=True).values_list("pk", "name")
                if normalize_name(name) in names_without_code
            ]
            for procedure in Procedure.objects.filter(pk__in=matching):
                by_name.setdefault(normalize_name(procedure.name), []).append(procedure)
        ids = [p.pk for p in by_code.values()] + [p.pk for found in by_name.values() for p in found]
        records: dict[int, ProcedureRecord] = {}
        for start in range(0, len(ids), BATCH):
            records.update(procedure_records_by_id(ids[start : start + BATCH], catalog_keys=False))
        return cls(by_code, by_name, records)

    def match(self, index: int, record: ProcedureRecord) -> tuple[Procedure | None, list[Problem]]:
        """The stored procedure the record updates (None: none), or why it cannot be told."""
        if record.code:
            return self.by_code.get(record.code), []
        matches = self.by_name.get(normalize_name(record.name), [])
        if len(matches) > 1:
            reason = _("bản ghi không có mã trùng tên với nhiều thủ tục đã lưu")
            return None, [Problem(index, path_of("name"), reason, None)]
        return (matches[0] if matches else None), []


def existing_conflict(existing: Procedure) -> str:
    """Why a stored procedure with the same code must not be overwritten by an import ("" when it may)."""
    if existing.status in (ProcedureStatus.ABOLISHED, ProcedureStatus.REPLACED):
        return _(
            "mã đã thuộc một thủ tục đã bị bãi bỏ hoặc thay thế (“%(name)s”); nhập sẽ làm thủ tục này sống lại"
        ) % {"name": existing.name[:120]}
    if existing.locked:
        return _("thủ tục cùng mã đang bị khóa để chỉnh sửa (“%(name)s”)") % {"name": existing.name[:120]}
    return ""


def _comparable_stored(stored: ProcedureRecord, incoming: ProcedureRecord) -> ProcedureRecord:
    """Staff's manual structuring of an unchanged text is kept by an import, so it is not a difference."""
    channels = list(stored.channels)
    for i, channel in enumerate(channels[: len(incoming.channels)]):
        new = incoming.channels[i]
        if (
            channel.time_limit_status == TimeLimitStatus.MANUAL
            and new.time_limit_status is None
            and (channel.label, channel.time_limit_text) == (new.label, new.time_limit_text)
        ):
            channels[i] = ChannelRecord(channel.label, channel.time_limit_text, channel.fee_text, channel.description)
    return replace(stored, channels=tuple(channels))


def record_changes(stored: ProcedureRecord, incoming: ProcedureRecord) -> list[str]:
    """The record elements an import would change on the stored procedure (in the record's order)."""
    stored = _comparable_stored(stored, incoming).content()
    incoming = incoming.content()
    kept = {name: None for name in _KEPT_WHEN_ABSENT if getattr(incoming, name) is None}
    stored = replace(stored, slug=None, national_codes=None, **kept)
    incoming = replace(incoming, slug=None, national_codes=None)
    return [f.name for f in fields(ProcedureRecord) if getattr(stored, f.name) != getattr(incoming, f.name)]


def version_date_problems(items: list[PlannedRecord], in_force_from: dt.date) -> list[Problem]:
    """A procedure updated with a version in force from `in_force_from` must have none from that day or later."""
    ids = [item.existing.pk for item in items if item.existing is not None]
    latest: dict[int, dt.date] = {}
    for pid, valid_from in ProcedureVersion.objects.filter(procedure_id__in=ids).values_list(
        "procedure_id", "valid_from"
    ):
        latest[pid] = max(valid_from, latest.get(pid, valid_from))
    return [
        Problem(
            item.index,
            "",
            _("thủ tục đã có phiên bản hiệu lực từ %(day)s; ngày hiệu lực mới phải sau ngày này")
            % {"day": latest[item.existing.pk].strftime("%d/%m/%Y")},
            item.record.code,
        )
        for item in items
        if item.existing is not None and item.existing.pk in latest and latest[item.existing.pk] >= in_force_from
    ]
