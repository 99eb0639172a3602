"""Import of `tthc-exchange/1` documents into the catalog.

Every record is validated first (schema, then domain rules); nothing is written unless all records are
valid, or the caller asks to write only the valid ones. The write is one transaction. Records are
matched by national code (same code = same procedure, updated in place); a record whose content is
unchanged is skipped, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import lzma
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from catalog.choices import AgencyRole, Channel, ProcedureStatus, TimeLimitStatus, TimeUnit
from catalog.models import (
    Agency,
    AgencyName,
    DossierItem,
    Field,
    Level,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureLegalBasis,
    ProcedureStep,
    ProcedureTimeLimit,
    ProcedureVersion,
)
from catalog.services.versions import procedures_changed_send, version_create, versions_create_baseline
from catalog.text import normalize_name, vn_slugify
from catalog.timelimits import FLAG_ZERO, TimeLimitParse, parse_time_limit
from catalog.validators import validate_procedure_code
from exchange.mappers.tthc_json import path_of, record_from_json
from exchange.records import ChannelRecord, ProcedureRecord, StructuredCaseRecord
from exchange.schemas import header_validator, procedure_problems, schema_problems
from exchange.selectors import INTERNAL_KEY, procedure_records_by_id
from exchange.services.bulk import instance_rows, rows_insert
from exchange.services.gc_pause import collector_paused
from exchange.services.publishing import publication_problems, records_publish

UNIT_UNCERTAIN_REPO = "suzynotsusie/data-pipeline"
BATCH = 500

CHANNEL_LABELS = {
    "trực tiếp": Channel.IN_PERSON,
    "trực tuyến": Channel.ONLINE,
    "dịch vụ bưu chính": Channel.POSTAL,
    "bưu chính công ích": Channel.POSTAL,
    "dịch vụ bưu chính công ích": Channel.POSTAL,
}
NEGATIVE_TEXT_RE = re.compile(r"^\s*(?:-|âm\s)\s*\d")
ROLE_ATTRS = (
    ("implementing", AgencyRole.IMPLEMENTING),
    ("competent", AgencyRole.COMPETENT),
    ("authorised", AgencyRole.AUTHORISED),
    ("coordinating", AgencyRole.COORDINATING),
)


@lru_cache(maxsize=8192)
def _parsed(text: str, unit_uncertain: bool = False) -> TimeLimitParse:
    """Published time-limit texts repeat across procedures ("05 ngày làm việc ..."); parse each once."""
    return parse_time_limit(text, unit_uncertain=unit_uncertain)


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


@dataclass(frozen=True)
class Problem:
    """One problem of one record: its index in the file (None for the whole file), field path, reason."""

    index: int | None
    path: str
    reason: str
    code: str | None = None

    def __str__(self) -> str:
        where = _("bản ghi %(index)s") % {"index": self.index} if self.index is not None else _("tệp")
        code = f" ({self.code})" if self.code else ""
        path = f" {self.path}" if self.path else ""
        return f"{where}{code}{path}: {self.reason}"


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    total: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    versions_created: int = 0
    written: bool = False
    dry_run: bool = False
    procedure_ids: list[int] = field(default_factory=list)


class ImportRefused(Exception):
    """The import wrote nothing; `result.problems` says why."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__(_("Nhập dữ liệu bị từ chối: %(count)s lỗi.") % {"count": len(result.problems)})
        self.result = result


@dataclass
class _Planned:
    index: int
    record: ProcedureRecord
    existing: Procedure | None
    changed: list[str]
    procedure_id: int | None = None


# --- reading -------------------------------------------------------------------------------------------


def document_load(path: Path | str) -> dict[str, Any]:
    """Parse a .json, .json.gz or .json.xz file; a malformed file raises ImportRefused."""
    path = Path(path)
    opener: Callable[..., Any] = open
    if path.suffix == ".gz":
        opener = gzip.open
    elif path.suffix == ".xz":
        opener = lzma.open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, EOFError, lzma.LZMAError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        result = ImportResult()
        result.problems.append(
            Problem(None, "", _("tệp không đọc được hoặc không phải JSON hợp lệ: %(e)s") % {"e": exc})
        )
        raise ImportRefused(result) from exc


# --- validation ----------------------------------------------------------------------------------------


class _Context:
    """Reference data loaded once per import."""

    def __init__(self) -> None:
        levels = list(Level.objects.all())
        self.level_by_label = {normalize_name(level.name): level for level in levels}
        self.level_order = {level.name: level.sort_order for level in levels}
        self.fields = {f.name: f for f in Field.objects.all()}
        self.agency_ids: dict[str, int] = {}
        for pk, name in AgencyName.objects.values_list("agency_id", "name"):
            self.agency_ids.setdefault(normalize_name(name), pk)
        for pk, name in Agency.objects.values_list("pk", "name"):
            self.agency_ids[normalize_name(name)] = pk
        self.agency_by_code = {agency.code: agency for agency in Agency.objects.all()}


def _canonical(record: ProcedureRecord, ctx: _Context) -> ProcedureRecord:
    """The record as the catalog will store it: levels by their catalog names, in catalog order."""
    names = {ctx.level_by_label[normalize_name(label)].name for label in record.levels}
    levels = tuple(sorted(names, key=lambda name: ctx.level_order[name]))
    return replace(record, levels=levels)


def _domain_problems(index: int, record: ProcedureRecord, ctx: _Context) -> tuple[list[Problem], list[Problem]]:
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def bad(path: str, reason: str) -> None:
        problems.append(Problem(index, path, reason, record.code))

    if record.code is not None:
        try:
            validate_procedure_code(record.code)
        except ValidationError as exc:
            bad(path_of("code"), " ".join(str(m) for m in exc.messages))
    for i, label in enumerate(record.levels):
        if normalize_name(label) not in ctx.level_by_label:
            bad(path_of("levels", i), _("cấp thực hiện “%(label)s” không có trong danh mục") % {"label": label})
    for attr, model, column in (
        ("field", Field, "name"),
        ("procedure_type", Procedure, "procedure_type"),
        ("central_decision_number", Procedure, "central_decision_number"),
    ):
        value = getattr(record, attr)
        if value and len(value) > _max(model, column):
            bad(path_of(attr), _("dài %(n)s ký tự, vượt quá %(max)s") % {"n": len(value), "max": _max(model, column)})
    for i, basis in enumerate(record.legal_bases):
        if len(basis.number) > _max(ProcedureLegalBasis, "number"):
            bad(path_of("legal_bases", i, "legal_number"), _("số ký hiệu quá dài"))
        if basis.issuer and len(basis.issuer) > _max(ProcedureLegalBasis, "issuer"):
            bad(path_of("legal_bases", i, "legal_issuer"), _("tên cơ quan ban hành quá dài"))
        if basis.issued_on:
            try:
                dt.date.fromisoformat(basis.issued_on)
            except ValueError:
                bad(
                    path_of("legal_bases", i, "legal_issued_on"),
                    _("ngày không tồn tại: %(v)s") % {"v": basis.issued_on},
                )
    for i, channel in enumerate(record.channels):
        if normalize_name(channel.label) not in CHANNEL_LABELS:
            bad(
                path_of("channels", i, "channel_label"),
                _("hình thức nộp “%(label)s” không được hỗ trợ (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)")
                % {"label": channel.label},
            )
        text = channel.time_limit_text or ""
        if NEGATIVE_TEXT_RE.match(text):
            bad(path_of("channels", i, "channel_time_limit"), _("thời hạn âm: “%(t)s”") % {"t": text})
        elif text and FLAG_ZERO in _parsed(text).flag:
            warnings.append(
                Problem(
                    index,
                    path_of("channels", i, "channel_time_limit"),
                    _("thời hạn bằng 0 như được công bố: giữ nguyên văn bản, đánh dấu cần cán bộ xem lại"),
                    record.code,
                )
            )
        if channel.time_limit_status == TimeLimitStatus.MANUAL:
            for j, case in enumerate(channel.structured):
                try:
                    amount = Decimal(case.amount)
                except InvalidOperation:
                    amount = Decimal(-1)
                same_day = case.unit == TimeUnit.SAME_DAY
                if (same_day and amount != 0) or (not same_day and amount <= 0):
                    bad(
                        f"thoi_han_cau_truc[{i}].cac_truong_hop[{j}].so_luong",
                        _("thời hạn phải lớn hơn 0 (bằng 0 với thời hạn trong ngày)"),
                    )
    if record.extra.get(INTERNAL_KEY) is not None:
        bad(INTERNAL_KEY, _("trường dành riêng, không được dùng trong tệp"))
    return problems, warnings


def _structured_problems(index: int, raw: dict[str, Any], record: ProcedureRecord) -> list[Problem]:
    structured = raw.get("thoi_han_cau_truc")
    if structured is None:
        return []
    if len(structured) != len(record.channels):
        return [Problem(index, "thoi_han_cau_truc", _("số mục khác số hình thức nộp"), record.code)]
    return [
        Problem(index, f"thoi_han_cau_truc[{i}].hinh_thuc_nop", _("không khớp hình thức nộp cùng vị trí"), record.code)
        for i, (entry, channel) in enumerate(zip(structured, record.channels, strict=True))
        if entry["hinh_thuc_nop"] != channel.label
    ]


def _stored_procedures(
    codes: list[str], names_without_code: set[str]
) -> tuple[dict[str, Procedure], dict[str, list[Procedure]], dict[int, ProcedureRecord]]:
    """Stored procedures matching the file (by code, or by name when without code) and their records."""
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
    return by_code, by_name, records


def _comparable_stored(stored: ProcedureRecord, incoming: ProcedureRecord) -> ProcedureRecord:
    """Staff's manual structuring of an unchanged text is kept by an import, so it is not a difference."""
    channels = list(stored.channels)
    for i, channel in enumerate(channels):
        if i < len(incoming.channels):
            new = incoming.channels[i]
            if (
                channel.time_limit_status == TimeLimitStatus.MANUAL
                and new.time_limit_status is None
                and (channel.label, channel.time_limit_text) == (new.label, new.time_limit_text)
            ):
                channels[i] = ChannelRecord(
                    channel.label, channel.time_limit_text, channel.fee_text, channel.description
                )
    return replace(stored, channels=tuple(channels))


# Elements a file may leave out (None): the import keeps what is stored. The slug only names a new procedure;
# national codes belong to the reference tables (written apart, see `_national_codes_write`).
_KEPT_WHEN_ABSENT = ("online_service_level", "one_stop", "inter_agency_group", "related", "owner_agency")


def _changes(stored: ProcedureRecord, incoming: ProcedureRecord) -> list[str]:
    stored = _comparable_stored(stored, incoming).content()
    incoming = incoming.content()
    kept = {name: None for name in _KEPT_WHEN_ABSENT if getattr(incoming, name) is None}
    stored = replace(stored, slug=None, national_codes=None, **kept)
    incoming = replace(incoming, slug=None, national_codes=None)
    return [f.name for f in fields(ProcedureRecord) if getattr(stored, f.name) != getattr(incoming, f.name)]


# --- writing -------------------------------------------------------------------------------------------


def _fit(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit]


def _needs_layout(record: ProcedureRecord) -> bool:
    """Whether the dossier's grouping cannot be read back from the rows' cases alone (a group without
    papers, or two neighbouring groups with the same case)."""
    previous = object()
    for group in record.dossier:
        if not group.papers or group.case == previous:
            return True
        previous = group.case
    return False


def _internal(record: ProcedureRecord) -> dict[str, Any]:
    """Bookkeeping for what the catalog's rows cannot say (see selectors.INTERNAL_KEY)."""
    if _needs_layout(record):
        return {"dossier_groups": [[group.case or "", len(group.papers)] for group in record.dossier]}
    return {}


class _Writer:
    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.slugs = set(Procedure.objects.values_list("slug", flat=True))
        self.field_slugs = set(Field.objects.values_list("slug", flat=True))

    def field_for(self, name: str | None) -> Field | None:
        if not name:
            return None
        found = self.ctx.fields.get(name)
        if found is None:
            base = vn_slugify(name, max_length=240) or "linh-vuc"
            slug, n = base, 2
            while slug in self.field_slugs:
                slug, n = f"{base}-{n}", n + 1
            found = Field.objects.create(name=name, slug=slug)
            self.field_slugs.add(slug)
            self.ctx.fields[name] = found
        return found

    def slug_for(self, record: ProcedureRecord) -> str:
        if record.slug and record.slug not in self.slugs and len(record.slug) <= _max(Procedure, "slug"):
            self.slugs.add(record.slug)
            return record.slug
        base = vn_slugify(record.name, max_length=200) or "thu-tuc"
        if record.code:
            base = f"{base}-{record.code.replace('.', '-').lower()}"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def apply_scalars(self, procedure: Procedure, record: ProcedureRecord) -> None:
        extra = dict(record.extra)
        internal = _internal(record)
        if internal:
            extra[INTERNAL_KEY] = internal
        field_obj = self.field_for(record.field)
        procedure.code = record.code
        procedure.name = record.name
        procedure.field = field_obj
        procedure.procedure_type = record.procedure_type or ""
        procedure.central_decision_number = record.central_decision_number or ""
        procedure.applicants = list(record.applicants)
        procedure.results = list(record.results)
        procedure.receiving_address = record.receiving_address or ""
        procedure.requirements = record.requirements or ""
        procedure.keywords = list(record.keywords)
        procedure.description = record.description or ""
        procedure.source = record.source or {}
        procedure.extra = extra
        if record.online_service_level is not None:
            procedure.online_service_level = record.online_service_level
        if record.one_stop is not None:
            procedure.one_stop = record.one_stop
        if record.inter_agency_group is not None:
            procedure.inter_agency_group = record.inter_agency_group
        if record.owner_agency is not None:
            procedure.owner_agency = self.agency_for(record.owner_agency)

    def agency_for(self, owner) -> Agency:
        """The agency an exchanged record names by its catalog code (created with that code when new, its
        national code set when the catalog has none)."""
        found = self.ctx.agency_by_code.get(owner.code)
        if found is None:
            found = Agency.objects.create(
                code=owner.code, name=owner.name[: _max(Agency, "name")], national_code=owner.national_code
            )
            self.ctx.agency_by_code[owner.code] = found
            self.ctx.agency_ids.setdefault(normalize_name(found.name), found.pk)
        elif owner.national_code and not found.national_code:
            found.national_code = owner.national_code
            found.save(update_fields=["national_code"])
        return found

    def children(
        self, procedure: Procedure, record: ProcedureRecord, manual: dict[tuple[str, str], tuple[str, list]]
    ) -> dict[type, list]:
        rows: dict[type, list] = {
            ProcedureStep: [],
            ProcedureChannel: [],
            ProcedureTimeLimit: [],
            DossierItem: [],
            ProcedureAgency: [],
            ProcedureLegalBasis: [],
        }
        pid = procedure.pk
        rows[ProcedureStep] = [{"procedure_id": pid, "sort_order": i, "text": t} for i, t in enumerate(record.steps)]
        uncertain = (record.source or {}).get("repo") == UNIT_UNCERTAIN_REPO
        # Cases per channel code: staff's manual structuring (of the first such row), or what every row of
        # that channel says (the portal repeats a channel row per case: "Trực tiếp" 2 / 3 / 4 days).
        manual_cases: dict[str, list[StructuredCaseRecord]] = {}
        row_cases: dict[str, list[tuple[list[StructuredCaseRecord], str]]] = {}
        unstructured: set[str] = set()
        for i, channel in enumerate(record.channels):
            code = CHANNEL_LABELS[normalize_name(channel.label)]
            text = channel.time_limit_text or ""
            cases: list[StructuredCaseRecord] = []
            kept = manual.get((channel.label, text))
            if channel.time_limit_status == TimeLimitStatus.MANUAL:
                status, flag, cases = TimeLimitStatus.MANUAL, channel.time_limit_flag, list(channel.structured)
            elif kept is not None:
                status, flag, cases = TimeLimitStatus.MANUAL, kept[0], kept[1]
            elif not text.strip():
                status, flag = TimeLimitStatus.MISSING, ""
            else:
                parsed = _parsed(text, uncertain)
                if parsed.is_structured:
                    status, flag = TimeLimitStatus.PARSED, ""
                    cases = [
                        StructuredCaseRecord(str(c.amount), c.unit, c.start_event, c.case, c.max_only)
                        for c in parsed.cases
                    ]
                else:
                    status, flag = TimeLimitStatus.NEEDS_REVIEW, parsed.flag
            rows[ProcedureChannel].append(
                {
                    "procedure_id": pid,
                    "sort_order": i,
                    "channel": code,
                    "channel_label": channel.label,
                    "time_limit_text": text,
                    "fee_text": channel.fee_text,
                    "description": channel.description,
                    "time_limit_status": status,
                    "time_limit_flag": _fit(flag, _max(ProcedureChannel, "time_limit_flag")),
                }
            )
            if status == TimeLimitStatus.MANUAL:
                manual_cases.setdefault(code, cases)
            elif cases:
                row_cases.setdefault(code, []).append((cases, channel.description or ""))
            else:
                unstructured.add(code)
        limit_order = 0
        for code in dict.fromkeys(CHANNEL_LABELS[normalize_name(c.label)] for c in record.channels):
            if code in manual_cases:
                cases = manual_cases[code]
            elif code in unstructured:
                cases = []  # one row of this channel cannot be read: no deadline from the others alone
            else:
                cases = channel_cases(row_cases.get(code, []))
            for case in cases:
                rows[ProcedureTimeLimit].append(
                    {
                        "procedure_id": pid,
                        "sort_order": limit_order,
                        "channel": code,
                        "case": _fit(case.case, _max(ProcedureTimeLimit, "case")),
                        "amount": Decimal(case.amount),
                        "unit": case.unit,
                        "start_event": case.start_event,
                        "max_only": case.max_only,
                    }
                )
                limit_order += 1
        order = 0
        for group in record.dossier:
            for paper in group.papers:
                rows[DossierItem].append(
                    {
                        "procedure_id": pid,
                        "sort_order": order,
                        "case": group.case or "",
                        "name": paper.name,
                        "forms": list(paper.forms),
                        "originals": paper.originals,
                        "copies": paper.copies,
                        "required": paper.required,
                    }
                )
                order += 1
        order = 0
        for attr, role in ROLE_ATTRS:
            for name in getattr(record.agencies, attr):
                rows[ProcedureAgency].append(
                    {
                        "procedure_id": pid,
                        "sort_order": order,
                        "role": role,
                        "name": name,
                        "agency_id": self.ctx.agency_ids.get(normalize_name(name)),
                    }
                )
                order += 1
        rows[ProcedureLegalBasis] = [
            {
                "procedure_id": pid,
                "sort_order": i,
                "number": basis.number,
                "summary": basis.summary or "",
                "issued_on": dt.date.fromisoformat(basis.issued_on) if basis.issued_on else None,
                "issuer": basis.issuer or "",
            }
            for i, basis in enumerate(record.legal_bases)
        ]
        return rows


_ROW_MARKER_RE = re.compile(r"^\s*(?:[-+•*]|[a-zđ]\)|\d+[.)])\s*", re.IGNORECASE)
CASE_LABEL_LIMIT = 200


def row_case_label(description: str, position: int) -> str:
    """The label of the case a channel row describes: its description up to the first colon ("Trường hợp
    cần xác minh: trong thời hạn 03 ngày làm việc" → "Trường hợp cần xác minh"), else the whole
    description; "Trường hợp N" when the row has none."""
    text = " ".join(_ROW_MARKER_RE.sub("", description or "").split())
    head, colon, _rest = text.partition(":")
    label = (head if colon and head.strip() else text).strip(" .;,")
    if len(label) > CASE_LABEL_LIMIT:
        label = label[: CASE_LABEL_LIMIT - 1].rstrip() + "…"
    return label or _("Trường hợp %(n)s") % {"n": position}


def channel_cases(rows: list[tuple[list[StructuredCaseRecord], str]]) -> list[StructuredCaseRecord]:
    """Every case of one channel from its rows: a single row keeps its own cases; several rows each give
    their cases, labelled by the row's description (never only the first row). Rows saying exactly the
    same thing count once; labels are unique within the channel."""
    if len(rows) <= 1:
        return rows[0][0] if rows else []
    entries: dict[tuple, tuple[StructuredCaseRecord, str, int]] = {}
    for position, (row, description) in enumerate(rows, start=1):
        for case in row:
            entries.setdefault((case, " ".join(description.split())), (case, description, position))
    if len(entries) == 1:
        return [next(iter(entries.values()))[0]]
    cases: list[StructuredCaseRecord] = []
    seen: dict[str, int] = {}
    for case, description, position in entries.values():
        label = case.case or row_case_label(description, position)
        seen[label] = seen.get(label, 0) + 1
        cases.append(replace(case, case=label if seen[label] == 1 else f"{label} ({seen[label]})"))
    return cases


def _manual_time_limits(procedure_ids: list[int]) -> dict[int, dict[tuple[str, str], tuple[str, list]]]:
    """Staff's manual structuring per procedure, keyed by (channel label, text), to survive an update."""
    found: dict[int, dict[tuple[str, str], tuple[str, list]]] = {}
    channels = ProcedureChannel.objects.filter(procedure_id__in=procedure_ids, time_limit_status=TimeLimitStatus.MANUAL)
    limits: dict[tuple[int, str], list[StructuredCaseRecord]] = {}
    for limit in ProcedureTimeLimit.objects.filter(procedure_id__in=procedure_ids).order_by("sort_order"):
        limits.setdefault((limit.procedure_id, limit.channel), []).append(
            StructuredCaseRecord(
                str(limit.amount.normalize()), limit.unit, limit.start_event, limit.case, limit.max_only
            )
        )
    for channel in channels:
        label = channel.channel_label or str(Channel(channel.channel).label)
        found.setdefault(channel.procedure_id, {})[(label, channel.time_limit_text)] = (
            channel.time_limit_flag,
            limits.get((channel.procedure_id, channel.channel), []),
        )
    return found


def _national_codes_write(planned: list[_Planned], ctx: _Context, writer: _Writer, warnings: list[Problem]) -> None:
    """The national database's codes a file gives for fields, levels and agencies, into the reference tables
    (a code already there is kept: a different one is reported, never overwritten). An agency named with a
    code but unknown to the catalog is added, so the procedure's agency row links to it."""
    levels = {level.name: level for level in ctx.level_by_label.values()}
    for item in planned:  # owner agencies first: an agency named below may be one of them
        if item.record.owner_agency is not None:
            writer.agency_for(item.record.owner_agency)

    def keep(obj, code: str, index: int, what: str) -> None:
        if not obj.national_code:
            obj.national_code = code
            obj.save(update_fields=["national_code"])
        elif obj.national_code != code:
            warnings.append(
                Problem(
                    index,
                    "ma_quoc_gia",
                    _("%(what)s “%(name)s” đã có mã %(old)s trong danh mục; giữ mã đó, không đổi sang %(new)s")
                    % {"what": what, "name": str(obj), "old": obj.national_code, "new": code},
                )
            )

    for item in planned:
        codes = item.record.national_codes
        if codes is None:
            continue
        if codes.field and item.record.field:
            keep(writer.field_for(item.record.field), codes.field, item.index, _("Lĩnh vực"))
        for entry in codes.levels:
            level = levels.get(entry.name) or ctx.level_by_label.get(normalize_name(entry.name))
            if level is not None:
                keep(level, entry.code, item.index, _("Cấp thực hiện"))
        for entry in codes.agencies:
            agency_id = ctx.agency_ids.get(normalize_name(entry.name))
            if agency_id is None:
                base = f"cqqg-{vn_slugify(entry.code, max_length=50) or 'ma'}"
                code, n = base, 2
                while code in ctx.agency_by_code:
                    code, n = f"{base}-{n}", n + 1
                agency = Agency.objects.create(
                    code=code, name=entry.name[: _max(Agency, "name")], national_code=entry.code
                )
                ctx.agency_by_code[code] = agency
                ctx.agency_ids[normalize_name(entry.name)] = agency.pk
            else:
                keep(Agency.objects.get(pk=agency_id), entry.code, item.index, _("Cơ quan"))


def _related_write(planned: list[_Planned], warnings: list[Problem]) -> None:
    """Related procedures by national code (or by name when without code), once every record is written."""
    wanted = [item for item in planned if item.record.related is not None]
    if not wanted:
        return
    by_code = dict(Procedure.objects.exclude(code__isnull=True).values_list("code", "pk"))
    by_name: dict[str, list[int]] = {}
    for pk, name in Procedure.objects.filter(code__isnull=True).values_list("pk", "name"):
        by_name.setdefault(normalize_name(name), []).append(pk)
    through = Procedure.related_procedures.through
    ids = [item.procedure_id for item in wanted]
    through.objects.filter(from_procedure_id__in=ids).delete()
    rows = []
    for item in wanted:
        for position, related in enumerate(item.record.related):
            target = by_code.get(related.code) if related.code else None
            if target is None and not related.code:
                found = by_name.get(normalize_name(related.name), [])
                target = found[0] if len(found) == 1 else None
            if target is None or target == item.procedure_id:
                warnings.append(
                    Problem(
                        item.index,
                        f"thu_tuc_lien_quan[{position}]",
                        _("không có thủ tục “%(name)s” trong danh mục; bỏ qua liên kết")
                        % {"name": related.code or related.name},
                        item.record.code,
                    )
                )
                continue
            rows.append({"from_procedure_id": item.procedure_id, "to_procedure_id": target})
    rows_insert(model=through, rows=list({(r["from_procedure_id"], r["to_procedure_id"]): r for r in rows}.values()))


def _write(
    planned: list[_Planned],
    ctx: _Context,
    *,
    in_force_from: dt.date | None,
    progress: bool,
    as_published: bool = False,
    warnings: list[Problem] | None = None,
) -> tuple[list[int], list[int], int]:
    warnings = warnings if warnings is not None else []
    writer = _Writer(ctx)
    _national_codes_write(planned, ctx, writer, warnings)
    levels_by_name = {level.name: level for level in ctx.level_by_label.values()}
    created_ids: list[int] = []
    updated_ids: list[int] = []
    changed_with_versions: list[Procedure] = []
    bar = tqdm(total=len(planned), desc=_("Ghi"), unit=_("thủ tục"), disable=not progress)
    for start in range(0, len(planned), BATCH):
        batch = planned[start : start + BATCH]
        new_objs: list[tuple[Procedure, ProcedureRecord]] = []
        old_objs: list[tuple[Procedure, ProcedureRecord]] = []
        for item in batch:
            if item.existing is None:
                procedure = Procedure(
                    slug=writer.slug_for(item.record),
                    status=ProcedureStatus.APPROVED,
                    live=True,
                    has_unpublished_changes=False,
                )
                writer.apply_scalars(procedure, item.record)
                new_objs.append((procedure, item.record))
            else:
                writer.apply_scalars(item.existing, item.record)
                old_objs.append((item.existing, item.record))
        if new_objs:
            # Plain rows instead of bulk_create (SQLite allows ~10 procedures per INSERT); ids back by slug.
            rows_insert(model=Procedure, rows=instance_rows([p for p, _r in new_objs]))
            ids = dict(Procedure.objects.filter(slug__in=[p.slug for p, _r in new_objs]).values_list("slug", "pk"))
            for procedure, _r in new_objs:
                procedure.pk = ids[procedure.slug]
                procedure._state.adding = False
            created_ids.extend(p.pk for p, _r in new_objs)
        for item, (procedure, _r) in zip(
            [i for i in batch if i.existing is None] + [i for i in batch if i.existing is not None],
            new_objs + old_objs,
            strict=True,
        ):
            item.procedure_id = procedure.pk
        manual: dict[int, dict] = {}
        if old_objs:
            ids = [p.pk for p, _r in old_objs]
            manual = _manual_time_limits(ids)
            Procedure.objects.bulk_update(
                [p for p, _r in old_objs],
                [
                    "code",
                    "name",
                    "field",
                    "procedure_type",
                    "central_decision_number",
                    "applicants",
                    "results",
                    "receiving_address",
                    "requirements",
                    "keywords",
                    "description",
                    "source",
                    "extra",
                    "online_service_level",
                    "one_stop",
                    "inter_agency_group",
                    "owner_agency",
                    "updated_at",
                ],
            )
            for model in (
                ProcedureStep,
                ProcedureChannel,
                ProcedureTimeLimit,
                DossierItem,
                ProcedureAgency,
                ProcedureLegalBasis,
            ):
                model.objects.filter(procedure_id__in=ids).delete()
            Procedure.levels.through.objects.filter(procedure_id__in=ids).delete()
            updated_ids.extend(ids)
            versioned = set(
                ProcedureVersion.objects.filter(procedure_id__in=ids).values_list("procedure_id", flat=True)
            )
            changed_with_versions.extend(p for p, _r in old_objs if p.pk in versioned)
        rows: dict[type, list] = {}
        through = Procedure.levels.through
        level_rows = []
        for procedure, record in new_objs + old_objs:
            for model, items in writer.children(procedure, record, manual.get(procedure.pk, {})).items():
                rows.setdefault(model, []).extend(items)
            level_rows.extend(
                {"procedure_id": procedure.pk, "level_id": levels_by_name[name].pk} for name in record.levels
            )
        for model, items in rows.items():
            rows_insert(model=model, rows=items)
        rows_insert(model=through, rows=level_rows)
        bar.update(len(batch))
    bar.close()
    _related_write(planned, warnings)
    versions = 0
    if as_published:
        versions = records_publish(
            [(item.procedure_id, item.index, item.record) for item in planned], warnings=warnings
        )
    elif in_force_from is not None:
        versions += versions_create_baseline(
            procedures=list(Procedure.objects.filter(pk__in=created_ids + updated_ids).only("pk")),
            valid_from=in_force_from,
        )
        for procedure in changed_with_versions:
            version_create(procedure=procedure, valid_from=in_force_from)
            versions += 1
    else:
        # With in_force_from the version services already tell downstream apps.
        procedures_changed_send(procedure_ids=created_ids + updated_ids)
    return created_ids, updated_ids, versions


# --- the service ---------------------------------------------------------------------------------------


@collector_paused()
def procedures_import(
    *,
    document: dict[str, Any],
    dry_run: bool = False,
    skip_invalid: bool = False,
    in_force_from: dt.date | None = None,
    as_published: bool = False,
    progress: bool = False,
) -> ImportResult:
    """Validate and import a parsed `tthc-exchange/1` document.

    Raises ImportRefused (nothing written) when the document is malformed or any record is invalid and
    `skip_invalid` is false. With `dry_run`, the result says what would be created or changed and
    nothing is written. With `in_force_from`, imported procedures get a version in force from that day
    (a changed procedure already in force gets a new version). With `as_published`, each record's exported
    version, decisions and items are recreated (`exchange.services.publishing`); only for procedures without
    versions. Runs with the cyclic garbage collector paused (see `gc_pause`).
    """
    if as_published and in_force_from is not None:
        raise ValueError("as_published and in_force_from exclude each other")
    result = ImportResult(dry_run=dry_run)
    if not isinstance(document, dict):
        result.problems.append(Problem(None, "", _("tài liệu phải là một đối tượng JSON")))
        raise ImportRefused(result)
    for path, reason in schema_problems(header_validator(), document):
        result.problems.append(Problem(None, path, reason))
    if result.problems:
        raise ImportRefused(result)
    raws = document["procedures"]
    result.total = len(raws)
    ctx = _Context()
    valid: list[tuple[int, ProcedureRecord]] = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(tqdm(raws, desc=_("Kiểm tra"), unit=_("bản ghi"), disable=not progress)):
        problems = [
            Problem(index, path, reason, raw.get("ma_thu_tuc") if isinstance(raw, dict) else None)
            for path, reason in procedure_problems(raw)
        ]
        record = None
        if not problems:
            record = record_from_json(raw)
            domain, warnings = _domain_problems(index, record, ctx)
            problems = domain + _structured_problems(index, raw, record)
            result.warnings.extend(warnings)
            if record.code is not None and record.code in first_index:
                problems.append(
                    Problem(
                        index,
                        "ma_thu_tuc",
                        _("mã trùng với bản ghi %(first)s trong cùng tệp") % {"first": first_index[record.code]},
                        record.code,
                    )
                )
            elif record.code is not None:
                first_index[record.code] = index
        if problems:
            result.problems.extend(problems)
            result.skipped.append(index)
        else:
            valid.append((index, _canonical(record, ctx)))

    codes = [record.code for _i, record in valid if record.code]
    nameless = {normalize_name(record.name) for _i, record in valid if not record.code}
    by_code, by_name, stored = _stored_procedures(codes, nameless)
    planned: list[_Planned] = []
    invalid_now: set[int] = set()
    named_decisions: dict[str, tuple] = {}
    for index, record in valid:
        if record.code:
            existing = by_code.get(record.code)
        else:
            matches = by_name.get(normalize_name(record.name), [])
            if len(matches) > 1:
                result.problems.append(
                    Problem(index, "ten_thu_tuc", _("bản ghi không có mã trùng tên với nhiều thủ tục đã lưu"), None)
                )
                invalid_now.add(index)
                continue
            existing = matches[0] if matches else None
        if as_published:
            publication = publication_problems(record=record, existing=existing, decisions=named_decisions)
            if publication:
                result.problems.extend(Problem(index, path, reason, record.code) for path, reason in publication)
                invalid_now.add(index)
                continue
        if existing is not None:
            conflict = _conflict(existing)
            if conflict:
                result.problems.append(Problem(index, "ma_thu_tuc", conflict, record.code))
                invalid_now.add(index)
                continue
            changed = _changes(stored[existing.pk], record)
            if not changed and as_published:
                planned.append(_Planned(index, record, existing, []))
                continue
            if not changed:
                result.unchanged += 1
                continue
            planned.append(_Planned(index, record, existing, changed))
            result.updated.append((record.code or record.name, changed))
        else:
            planned.append(_Planned(index, record, None, []))
            result.created.append(record.code or record.name)
    if in_force_from is not None:
        _check_version_dates(planned, in_force_from, result, invalid_now)
    if invalid_now:
        result.skipped = sorted(set(result.skipped) | invalid_now)
        planned = [item for item in planned if item.index not in invalid_now]
        labels = {item.record.code or item.record.name for item in planned}
        result.created = [c for c in result.created if c in labels]
        result.updated = [u for u in result.updated if u[0] in labels]
    result.problems.sort(key=lambda p: p.index if p.index is not None else -1)
    if result.problems and not skip_invalid:
        raise ImportRefused(result)
    if dry_run or not planned:
        return result
    with transaction.atomic():
        created_ids, updated_ids, versions = _write(
            planned,
            ctx,
            in_force_from=in_force_from,
            progress=progress,
            as_published=as_published,
            warnings=result.warnings,
        )
    result.written = True
    result.versions_created = versions
    result.procedure_ids = created_ids + updated_ids
    return result


def _conflict(existing: Procedure) -> str:
    """Why a stored procedure with the same code must not be overwritten by an import ("" when it may)."""
    if existing.status in (ProcedureStatus.ABOLISHED, ProcedureStatus.REPLACED):
        return _(
            "mã đã thuộc một thủ tục đã bị bãi bỏ hoặc thay thế (“%(name)s”); nhập sẽ làm thủ tục này sống lại"
        ) % {"name": existing.name[:120]}
    if existing.locked:
        return _("thủ tục cùng mã đang bị khóa để chỉnh sửa (“%(name)s”)") % {"name": existing.name[:120]}
    return ""


def _check_version_dates(
    planned: list[_Planned], in_force_from: dt.date, result: ImportResult, invalid: set[int]
) -> None:
    ids = [item.existing.pk for item in planned if item.existing is not None]
    latest: dict[int, dt.date] = {}
    for pid, valid_from in ProcedureVersion.objects.filter(procedure_id__in=ids).values_list(
        "procedure_id", "valid_from"
    ):
        latest[pid] = max(valid_from, latest.get(pid, valid_from))
    for item in planned:
        if item.existing is not None and item.existing.pk in latest and latest[item.existing.pk] >= in_force_from:
            result.problems.append(
                Problem(
                    item.index,
                    "",
                    _("thủ tục đã có phiên bản hiệu lực từ %(day)s; ngày hiệu lực mới phải sau ngày này")
                    % {"day": latest[item.existing.pk].strftime("%d/%m/%Y")},
                    item.record.code,
                )
            )
            invalid.add(item.index)


def import_sample_if_empty(*, path: Path | str, in_force_from: dt.date | None) -> ImportResult | None:
    """For the demo loader: import the sample file unless procedures already exist (then a fast no-op)."""
    if Procedure.objects.exists():
        return None
    return procedures_import(document=document_load(path), in_force_from=in_force_from)


def records_write(*, records: Iterable[ProcedureRecord], in_force_from: dt.date | None = None) -> list[int]:
    """Write already-validated records (no checks): for generators of synthetic data such as the benchmark.

    One transaction; a failing row rolls back everything written by this call.
    """
    ctx = _Context()
    planned = [_Planned(i, _canonical(record, ctx), None, []) for i, record in enumerate(records)]
    with transaction.atomic():
        created, _updated, _versions = _write(planned, ctx, in_force_from=in_force_from, progress=False)
    return created
