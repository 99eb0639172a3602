"""What a published version says, in the words the public reads (procedure pages, postings, annexes).

Unknown is not "none": a fee, requirement or online-service level the source does not state reads
"Chưa có thông tin" (and is flagged: `unknown`), "Không" only when staff stated it (`no_fee`,
`no_requirements`, online level "khong"). Time limits always carry their unit. Pure functions over the
snapshot dicts of `catalog.snapshots.procedure_snapshot` (older snapshots without the newer keys read as
unknown).
"""

from typing import Any, NamedTuple

from django.conf import settings
from django.utils.translation import gettext as _

from catalog.choices import Channel, OnlineServiceLevel
from catalog.timelimits import time_limit_display


def unknown_text() -> str:
    return _("Chưa có thông tin")


class Statement(NamedTuple):
    """One element as shown: its text, and whether the source left it unknown (flagged for staff)."""

    text: str
    unknown: bool = False


def _stated(text: Any) -> str:
    return str(text).strip() if text is not None else ""


def channel_label(channel: dict[str, Any]) -> str:
    try:
        return channel.get("channel_label") or str(Channel(channel["channel"]).label)
    except (KeyError, ValueError):
        return channel.get("channel") or ""


def fee_statement(channel: dict[str, Any]) -> Statement:
    """The fee of one channel: its text, "Không" when staff stated none, else unknown."""
    text = _stated(channel.get("fee_text"))
    if text:
        return Statement(text)
    if channel.get("no_fee"):
        return Statement(_("Không"))
    return Statement(unknown_text(), unknown=True)


def time_limit_statement(channel: dict[str, Any]) -> Statement:
    """The time limit of one channel, always with its unit ("1 (chưa rõ đơn vị)" when the source lost it)."""
    text = time_limit_display(channel.get("time_limit_text"))
    return Statement(text) if text else Statement(unknown_text(), unknown=True)


def requirements_statement(content: dict[str, Any]) -> Statement:
    text = _stated(content.get("requirements"))
    if text:
        return Statement(text)
    if content.get("no_requirements"):
        return Statement(_("Không"))
    return Statement(unknown_text(), unknown=True)


def has_online_channel(content: dict[str, Any]) -> bool:
    return any(channel.get("channel") == Channel.ONLINE for channel in content.get("channels") or [])


def national_portal_url(code: str | None) -> str | None:
    """The national public service portal's page of the procedure (NATIONAL_PORTAL_PROCEDURE_URL)."""
    template = settings.NATIONAL_PORTAL_PROCEDURE_URL
    if not code or not template:
        return None
    return template.format(code=code)


def online_service_statement(content: dict[str, Any]) -> Statement:
    """The online-service level: never "Không cung cấp trực tuyến" when a channel is "Trực tuyến"."""
    value = content.get("online_service_level") or ""
    online = has_online_channel(content)
    try:
        level = OnlineServiceLevel(value)
    except ValueError:
        return Statement(value)
    if level == OnlineServiceLevel.UNKNOWN or (level == OnlineServiceLevel.NONE and online):
        if online:
            return Statement(_("Có nộp hồ sơ trực tuyến (mức độ: chưa có thông tin)"), unknown=True)
        return Statement(unknown_text(), unknown=True)
    return Statement(str(level.label))


def channel_rows(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The channels of a version with their label, time limit and fee as shown to the public."""
    rows = []
    for channel in content.get("channels") or []:
        time_limit, fee = time_limit_statement(channel), fee_statement(channel)
        rows.append(
            {
                **channel,
                "label": channel_label(channel),
                "time_limit_display": time_limit.text,
                "time_limit_unknown": time_limit.unknown,
                "fee_display": fee.text,
                "fee_unknown": fee.unknown,
            }
        )
    return rows
