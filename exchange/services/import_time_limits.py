"""Submission channels and their time limits as an import stores them: the published label → the catalog's
channel, the published text parsed (once per distinct text) into structured cases, staff's manual
structuring of an unchanged text kept, and the cases of a channel the portal lists on several rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _

from catalog.choices import Channel, TimeLimitStatus
from catalog.models import ProcedureChannel, ProcedureTimeLimit
from catalog.text import normalize_name
from catalog.timelimits import TimeLimitParse, parse_time_limit
from exchange.records import ChannelRecord, ProcedureRecord, StructuredCaseRecord
from exchange.services.import_references import max_length, truncated

# Published channel labels (normalised) → the catalog's channel.
CHANNEL_LABELS = {
    "trực tiếp": Channel.IN_PERSON,
    "trực tuyến": Channel.ONLINE,
    "dịch vụ bưu chính": Channel.POSTAL,
    "bưu chính công ích": Channel.POSTAL,
    "dịch vụ bưu chính công ích": Channel.POSTAL,
}
# Texts of this source give amounts whose unit cannot be trusted: parsed, but left for staff to review.
UNIT_UNCERTAIN_REPO = "suzynotsusie/data-pipeline"
CASE_LABEL_LIMIT = 200
_ROW_MARKER_RE = re.compile(r"^\s*(?:[-+•*]|[a-zđ]\)|\d+[.)])\s*", re.IGNORECASE)

Cases = list[StructuredCaseRecord] | tuple[StructuredCaseRecord, ...]
# Staff's manual structuring of a procedure's channels: (label, text) → (flag, cases).
ManualTimeLimits = dict[tuple[str, str], tuple[str, list[StructuredCaseRecord]]]


@lru_cache(maxsize=8192)
def time_limit_parsed(text: str, unit_uncertain: bool = False) -> TimeLimitParse:
    """Published time-limit texts repeat across procedures ("05 ngày làm việc ..."); parse each once."""
    return parse_time_limit(text, unit_uncertain=unit_uncertain)


def channel_code(label: str) -> str:
    """The catalog's channel for a published label (validated beforehand)."""
    return CHANNEL_LABELS[normalize_name(label)]


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


def manual_time_limits(procedure_ids: list[int]) -> dict[int, ManualTimeLimits]:
    """Staff's manual structuring per procedure, keyed by (channel label, text), to survive an update."""
    found: dict[int, ManualTimeLimits] = {}
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


@dataclass(frozen=True)
class ChannelTimeLimit:
    """How one channel row's time limit is stored: its status, the reason it needs review, its cases."""

    status: str
    flag: str = ""
    cases: Cases = ()


def channel_time_limit(channel: ChannelRecord, manual: ManualTimeLimits, *, unit_uncertain: bool) -> ChannelTimeLimit:
    """Staff's structuring (in the file, or kept from the stored text), else the published text parsed."""
    text = channel.time_limit_text or ""
    kept = manual.get((channel.label, text))
    if channel.time_limit_status == TimeLimitStatus.MANUAL:
        return ChannelTimeLimit(TimeLimitStatus.MANUAL, channel.time_limit_flag, list(channel.structured))
    if kept is not None:
        return ChannelTimeLimit(TimeLimitStatus.MANUAL, kept[0], kept[1])
    if not text.strip():
        return ChannelTimeLimit(TimeLimitStatus.MISSING, "", [])
    parsed = time_limit_parsed(text, unit_uncertain)
    if not parsed.is_structured:
        return ChannelTimeLimit(TimeLimitStatus.NEEDS_REVIEW, parsed.flag, [])
    cases = [StructuredCaseRecord(str(c.amount), c.unit, c.start_event, c.case, c.max_only) for c in parsed.cases]
    return ChannelTimeLimit(TimeLimitStatus.PARSED, "", cases)


class _ChannelCases:
    """The cases of each channel, gathered row by row: staff's manual ones (of the first such row), or
    what every row of that channel says (the portal repeats a channel row per case: "Trực tiếp" 2 / 3 / 4
    days); a channel with a row that cannot be read gets no cases from its other rows alone."""

    def __init__(self) -> None:
        self.manual: dict[str, Cases] = {}
        self.rows: dict[str, list[tuple[list[StructuredCaseRecord], str]]] = {}
        self.unstructured: set[str] = set()

    def add(self, code: str, limit: ChannelTimeLimit, description: str | None) -> None:
        if limit.status == TimeLimitStatus.MANUAL:
            self.manual.setdefault(code, limit.cases)
        elif limit.cases:
            self.rows.setdefault(code, []).append((limit.cases, description or ""))
        else:
            self.unstructured.add(code)

    def of(self, code: str) -> Cases:
        if code in self.manual:
            return self.manual[code]
        if code in self.unstructured:
            return []
        return channel_cases(self.rows.get(code, []))


def channel_rows(procedure_id: int, record: ProcedureRecord, manual: ManualTimeLimits) -> tuple[list[dict], list[dict]]:
    """Rows of the procedure's channels and of its structured time limits (per channel, in first-row order)."""
    unit_uncertain = (record.source or {}).get("repo") == UNIT_UNCERTAIN_REPO
    flag_limit = max_length(ProcedureChannel, "time_limit_flag")
    gathered = _ChannelCases()
    channels = []
    for i, channel in enumerate(record.channels):
        code = channel_code(channel.label)
        limit = channel_time_limit(channel, manual, unit_uncertain=unit_uncertain)
        channels.append(
            {
                "procedure_id": procedure_id,
                "sort_order": i,
                "channel": code,
                "channel_label": channel.label,
                "time_limit_text": channel.time_limit_text or "",
                "fee_text": channel.fee_text,
                "description": channel.description,
                "time_limit_status": limit.status,
                "time_limit_flag": truncated(limit.flag, flag_limit),
            }
        )
        gathered.add(code, limit, channel.description)
    case_limit = max_length(ProcedureTimeLimit, "case")
    codes = dict.fromkeys(channel_code(channel.label) for channel in record.channels)
    cases = [(code, case) for code in codes for case in gathered.of(code)]
    limits = [
        {
            "procedure_id": procedure_id,
            "sort_order": order,
            "channel": code,
            "case": truncated(case.case, case_limit),
            "amount": Decimal(case.amount),
            "unit": case.unit,
            "start_event": case.start_event,
            "max_only": case.max_only,
        }
        for order, (code, case) in enumerate(cases)
    ]
    return channels, limits
