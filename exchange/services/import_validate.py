"""Second step of an import: the document's header and every procedure checked, first against the format's
schema, then (mapped to a record) against the catalog's rules. Valid records come out in the form the
catalog stores them; the others are reported with their index, field path and reason."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from tqdm import tqdm

from catalog.choices import TimeLimitStatus, TimeUnit
from catalog.models import Field, Procedure, ProcedureLegalBasis
from catalog.text import normalize_name
from catalog.timelimits import FLAG_ZERO
from catalog.validators import validate_procedure_code
from exchange.mappers.catalog_procedure import INTERNAL_KEY
from exchange.mappers.tthc_json import path_of, raw_code, record_from_json, structured_problems
from exchange.records import ChannelRecord, ProcedureRecord
from exchange.schemas import header_problems, procedure_problems
from exchange.services.import_references import CatalogReferences, max_length, record_canonical
from exchange.services.import_result import Problem
from exchange.services.import_time_limits import CHANNEL_LABELS, time_limit_parsed

NEGATIVE_TEXT_RE = re.compile(r"^\s*(?:-|âm\s)\s*\d")
# Record attributes with a length limit: (attribute, model, column).
_LIMITED = (
    ("field", Field, "name"),
    ("procedure_type", Procedure, "procedure_type"),
    ("central_decision_number", Procedure, "central_decision_number"),
)


@dataclass
class ValidatedRecords:
    """The records that passed (index in the file, record as the catalog stores it), the problems of the
    others, warnings that do not stop a record, and the indexes of the records left out."""

    valid: list[tuple[int, ProcedureRecord]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


def document_problems(document: Any) -> list[Problem]:
    """Problems of the document as a whole (its shape and header; the procedures are checked one by one)."""
    if not isinstance(document, dict):
        return [Problem(None, "", _("tài liệu phải là một đối tượng JSON"))]
    return [Problem(None, path, reason) for path, reason in header_problems(document)]


def records_validate(raws: Sequence[Any], *, references: CatalogReferences, progress: bool = False) -> ValidatedRecords:
    """Check every procedure object of a document; a code given twice in the file is refused the second time."""
    checked = ValidatedRecords()
    first_index: dict[str, int] = {}
    for index, raw in enumerate(tqdm(raws, desc=_("Kiểm tra"), unit=_("bản ghi"), disable=not progress)):
        found = _RecordProblems(index, raw_code(raw))
        for path, reason in procedure_problems(raw):
            found.bad(path, reason)
        record = None
        if not found.problems:
            record = record_from_json(raw)
            found.code = record.code
            _domain_check(record, references, found)
            for path, reason in structured_problems(raw, record):
                found.bad(path, reason)
            _duplicate_check(index, record, first_index, found)
        checked.warnings.extend(found.warnings)
        if found.problems:
            checked.problems.extend(found.problems)
            checked.skipped.append(index)
        else:
            checked.valid.append((index, record_canonical(record, references)))
    return checked


@dataclass
class _RecordProblems:
    """Problems and warnings of one record, each with the record's index and code."""

    index: int
    code: Any
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def bad(self, path: str, reason: str) -> None:
        self.problems.append(Problem(self.index, path, reason, self.code))

    def warn(self, path: str, reason: str) -> None:
        self.warnings.append(Problem(self.index, path, reason, self.code))


def _duplicate_check(index: int, record: ProcedureRecord, first_index: dict[str, int], found: _RecordProblems) -> None:
    if record.code is None:
        return
    if record.code in first_index:
        found.bad(
            path_of("code"),
            _("mã trùng với bản ghi %(first)s trong cùng tệp") % {"first": first_index[record.code]},
        )
    else:
        first_index[record.code] = index


def _domain_check(record: ProcedureRecord, references: CatalogReferences, found: _RecordProblems) -> None:
    """The catalog's rules for one schema-valid record: code form, known levels, column lengths, real dates,
    supported channels, time limits that are not negative (zero only warned), the reserved key unused."""
    if record.code is not None:
        try:
            validate_procedure_code(record.code)
        except ValidationError as exc:
            found.bad(path_of("code"), " ".join(str(m) for m in exc.messages))
    for i, label in enumerate(record.levels):
        if normalize_name(label) not in references.level_by_label:
            found.bad(path_of("levels", i), _("cấp thực hiện “%(label)s” không có trong danh mục") % {"label": label})
    for attr, model, column in _LIMITED:
        value = getattr(record, attr)
        limit = max_length(model, column)
        if value and len(value) > limit:
            found.bad(path_of(attr), _("dài %(n)s ký tự, vượt quá %(max)s") % {"n": len(value), "max": limit})
    _legal_bases_check(record, found)
    for i, channel in enumerate(record.channels):
        _channel_check(i, channel, found)
    if record.extra.get(INTERNAL_KEY) is not None:
        found.bad(INTERNAL_KEY, _("trường dành riêng, không được dùng trong tệp"))


def _legal_bases_check(record: ProcedureRecord, found: _RecordProblems) -> None:
    for i, basis in enumerate(record.legal_bases):
        if len(basis.number) > max_length(ProcedureLegalBasis, "number"):
            found.bad(path_of("legal_bases", i, "legal_number"), _("số ký hiệu quá dài"))
        if basis.issuer and len(basis.issuer) > max_length(ProcedureLegalBasis, "issuer"):
            found.bad(path_of("legal_bases", i, "legal_issuer"), _("tên cơ quan ban hành quá dài"))
        if basis.issued_on:
            try:
                dt.date.fromisoformat(basis.issued_on)
            except ValueError:
                found.bad(
                    path_of("legal_bases", i, "legal_issued_on"),
                    _("ngày không tồn tại: %(v)s") % {"v": basis.issued_on},
                )


def _channel_check(i: int, channel: ChannelRecord, found: _RecordProblems) -> None:
    if normalize_name(channel.label) not in CHANNEL_LABELS:
        found.bad(
            path_of("channels", i, "channel_label"),
            _("hình thức nộp “%(label)s” không được hỗ trợ (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)")
            % {"label": channel.label},
        )
    text = channel.time_limit_text or ""
    if NEGATIVE_TEXT_RE.match(text):
        found.bad(path_of("channels", i, "channel_time_limit"), _("thời hạn âm: “%(t)s”") % {"t": text})
    elif text and FLAG_ZERO in time_limit_parsed(text).flag:
        found.warn(
            path_of("channels", i, "channel_time_limit"),
            _("thời hạn bằng 0 như được công bố: giữ nguyên văn bản, đánh dấu cần cán bộ xem lại"),
        )
    if channel.time_limit_status == TimeLimitStatus.MANUAL:
        for j, case in enumerate(channel.structured):
            if not _manual_amount_valid(case.amount, case.unit):
                found.bad(
                    path_of("structured", i, "structured_cases", j, "structured_amount"),
                    _("thời hạn phải lớn hơn 0 (bằng 0 với thời hạn trong ngày)"),
                )


def _manual_amount_valid(text: str, unit: str) -> bool:
    """Staff's amount: above zero, or exactly zero for a same-day limit."""
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal(-1)
    if unit == TimeUnit.SAME_DAY:
        return amount == 0
    return amount > 0
