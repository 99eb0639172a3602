"""What changed between two versions of a procedure: a field-level diff of two snapshots.

Both the admin (history tab) and the public site ("thay đổi so với phiên bản trước") show this list, so
it speaks in readable Vietnamese text rather than raw JSON: each element is rendered as the national
portal shows it, in the portal's order. List elements (steps, channels, dossier papers, legal bases...)
are aligned item by item, so inserting one step shows one added step, not every later step changed.
Snapshots are the dicts of `catalog.snapshots.procedure_snapshot`; missing keys (older snapshots) read as
empty.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.choices import AgencyRole, Channel, OnlineServiceLevel, StartEvent, TimeUnit
from catalog.citations import snapshot_citation

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class FieldChange:
    """One change: a scalar element changed, or one item of a list element added, removed or changed."""

    field: str  # snapshot key (agencies are split by role: "agencies.implementing")
    label_vi: str  # element label as on the national portal
    before: str | None  # readable text; None when added
    after: str | None  # readable text; None when removed
    kind: ChangeKind
    position: int | None = None  # 1-based position of the item in its list (new list; old list when removed)


Snapshot = dict[str, Any]


def _choice_label(choices, value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _text(value: Any) -> str:
    """Readable text with whitespace collapsed: a change of line endings (\n → \r\n through a browser),
    trailing spaces or wrapping alone is not a change of content."""
    return "" if value is None else " ".join(str(value).split())


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _named(entry: dict | None) -> str:
    return _text(entry.get("name")) if entry else ""


def _levels(snapshot: Snapshot) -> list[str]:
    return [_named(level) for level in snapshot.get("levels") or []]


def _channels(snapshot: Snapshot) -> list[str]:
    rendered = []
    for channel in snapshot.get("channels") or []:
        name = _text(channel.get("channel_label")) or _choice_label(Channel, channel.get("channel"))
        fee = channel.get("fee_text")
        if not _text(fee) and channel.get("no_fee"):
            fee = _("Không")
        rendered.append(
            f"{name}: "
            + _join(
                _("Thời hạn giải quyết: %s") % _text(channel.get("time_limit_text"))
                if _text(channel.get("time_limit_text"))
                else "",
                _("Phí, lệ phí: %s") % _text(fee) if fee is not None and _text(fee) else "",
                _("Mô tả: %s") % _text(channel.get("description")) if _text(channel.get("description")) else "",
            )
        )
    return rendered


def _amount(value: str | None) -> str:
    return (value or "").replace(".", ",")


def _time_limits(snapshot: Snapshot) -> list[str]:
    rendered = []
    for limit in snapshot.get("time_limits") or []:
        unit = limit.get("unit")
        size = (
            _choice_label(TimeUnit, unit)
            if unit == TimeUnit.SAME_DAY
            else f"{_amount(limit.get('amount'))} {_choice_label(TimeUnit, unit).lower()}"
        )
        if limit.get("max_only"):
            size = _("không quá %s") % size
        rendered.append(
            f"{_choice_label(Channel, limit.get('channel'))}: "
            + _join(
                size,
                _choice_label(StartEvent, limit.get("start_event")).lower(),
                _("trường hợp: %s") % _text(limit.get("case")) if _text(limit.get("case")) else "",
            )
        )
    return rendered


def _sets(item: dict) -> str:
    parts = []
    if item.get("originals") is not None:
        parts.append(_("%s bản chính") % item["originals"])
    if item.get("copies") is not None:
        parts.append(_("%s bản sao") % item["copies"])
    return ", ".join(parts)


def _dossier(snapshot: Snapshot) -> list[str]:
    rendered = []
    for group in snapshot.get("dossier") or []:
        case = _text(group.get("case"))
        for item in group.get("items") or []:
            forms = ", ".join(_text(form) for form in item.get("forms") or [] if _text(form))
            text = _join(
                _text(item.get("name")),
                _("Mẫu: %s") % forms if forms else "",
                _sets(item),
                "" if item.get("required", True) else _("không bắt buộc"),
            )
            rendered.append(f"[{case}] {text}" if case else text)
    return rendered


def _agencies(role: str) -> Callable[[Snapshot], list[str]]:
    def extract(snapshot: Snapshot) -> list[str]:
        return [_text(entry.get("name")) for entry in snapshot.get("agencies") or [] if entry.get("role") == role]

    return extract


def _legal_bases(snapshot: Snapshot) -> list[str]:
    return [snapshot_citation(basis) for basis in snapshot.get("legal_bases") or []]


def _requirements(snapshot: Snapshot) -> str:
    text = _text(snapshot.get("requirements"))
    return text or (_("Không") if snapshot.get("no_requirements") else "")


def _strings(key: str) -> Callable[[Snapshot], list[str]]:
    return lambda snapshot: [_text(value) for value in snapshot.get(key) or [] if _text(value)]


def _scalar(key: str) -> Callable[[Snapshot], str]:
    return lambda snapshot: _text(snapshot.get(key))


def _related(snapshot: Snapshot) -> list[str]:
    return [
        " – ".join(part for part in (_text(entry.get("code")), _text(entry.get("name"))) if part)
        for entry in snapshot.get("related") or []
    ]


def _one_stop(snapshot: Snapshot) -> str:
    if "one_stop" not in snapshot:
        return ""
    return _("Có") if snapshot["one_stop"] else _("Không")


# The national portal's order (Cổng Dịch vụ công quốc gia, "Chi tiết thủ tục hành chính"), then the
# province's own elements.
ELEMENTS: list[tuple[str, Any, Callable[[Snapshot], str | list[str]]]] = [
    ("code", gettext_lazy("Mã thủ tục"), _scalar("code")),
    ("central_decision_number", gettext_lazy("Số quyết định"), _scalar("central_decision_number")),
    ("name", gettext_lazy("Tên thủ tục"), _scalar("name")),
    ("levels", gettext_lazy("Cấp thực hiện"), _levels),
    ("procedure_type", gettext_lazy("Loại thủ tục"), _scalar("procedure_type")),
    ("field", gettext_lazy("Lĩnh vực"), lambda snapshot: _named(snapshot.get("field"))),
    ("steps", gettext_lazy("Trình tự thực hiện"), _strings("steps")),
    ("channels", gettext_lazy("Cách thức thực hiện"), _channels),
    ("time_limits", gettext_lazy("Thời hạn giải quyết (có cấu trúc)"), _time_limits),
    ("dossier", gettext_lazy("Thành phần hồ sơ"), _dossier),
    ("applicants", gettext_lazy("Đối tượng thực hiện"), _strings("applicants")),
    ("agencies.implementing", AgencyRole.IMPLEMENTING.label, _agencies(AgencyRole.IMPLEMENTING)),
    ("agencies.competent", AgencyRole.COMPETENT.label, _agencies(AgencyRole.COMPETENT)),
    ("receiving_address", gettext_lazy("Địa chỉ tiếp nhận hồ sơ"), _scalar("receiving_address")),
    ("agencies.authorised", AgencyRole.AUTHORISED.label, _agencies(AgencyRole.AUTHORISED)),
    ("agencies.coordinating", AgencyRole.COORDINATING.label, _agencies(AgencyRole.COORDINATING)),
    ("results", gettext_lazy("Kết quả thực hiện"), _strings("results")),
    ("legal_bases", gettext_lazy("Căn cứ pháp lý"), _legal_bases),
    ("requirements", gettext_lazy("Yêu cầu, điều kiện thực hiện"), _requirements),
    ("keywords", gettext_lazy("Từ khóa"), _strings("keywords")),
    ("description", gettext_lazy("Mô tả"), _scalar("description")),
    ("related", gettext_lazy("Thủ tục hành chính liên quan"), _related),
    (
        "online_service_level",
        gettext_lazy("Mức độ dịch vụ công trực tuyến"),
        lambda snapshot: _choice_label(OnlineServiceLevel, snapshot.get("online_service_level")),
    ),
    ("one_stop", gettext_lazy("Tiếp nhận tại Bộ phận Một cửa"), _one_stop),
    ("inter_agency_group", gettext_lazy("Nhóm thủ tục liên thông"), _scalar("inter_agency_group")),
    ("owner_agency", gettext_lazy("Cơ quan chủ trì soạn thảo"), lambda snapshot: _named(snapshot.get("owner_agency"))),
]


def _scalar_change(field: str, label: str, before: str, after: str) -> list[FieldChange]:
    if before == after:
        return []
    if not before:
        return [FieldChange(field, label, None, after, "added")]
    if not after:
        return [FieldChange(field, label, before, None, "removed")]
    return [FieldChange(field, label, before, after, "changed")]


def _list_changes(field: str, label: str, before: list[str], after: list[str]) -> list[FieldChange]:
    changes: list[FieldChange] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            changes.append(
                FieldChange(field, label, before[i1 + offset], after[j1 + offset], "changed", j1 + offset + 1)
            )
        for index in range(i1 + paired, i2):
            changes.append(FieldChange(field, label, before[index], None, "removed", index + 1))
        for index in range(j1 + paired, j2):
            changes.append(FieldChange(field, label, None, after[index], "added", index + 1))
    return changes


def version_diff(old: Snapshot, new: Snapshot) -> list[FieldChange]:
    """The changes from snapshot `old` to snapshot `new`, element by element in the portal's order.

    Scalar elements give one change; list elements give one change per added, removed or changed item.
    An empty list means the two versions say the same thing.
    """
    changes: list[FieldChange] = []
    for field, label, extract in ELEMENTS:
        before, after = extract(old or {}), extract(new or {})
        if isinstance(before, list):
            changes.extend(_list_changes(field, str(label), before, after))
        else:
            changes.extend(_scalar_change(field, str(label), before, after))
    return changes
