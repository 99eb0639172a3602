"""Agency reference data: loading a province's agencies, renames and merges with history."""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalog.choices import AgencyGroup, AgencyLevel
from catalog.dates import day_text
from catalog.models import Agency, AgencyName
from catalog.text import vn_slugify

# District-level local government ended on 1/7/2025 (two-tier local government).
DISTRICT_LEVEL_ABOLISHED_ON = dt.date(2025, 7, 1)

_LEVELS = {"tinh": AgencyLevel.PROVINCE, "huyen": AgencyLevel.DISTRICT, "xa": AgencyLevel.COMMUNE}
_GROUPS = {value: value for value in AgencyGroup.values}


@dataclass(frozen=True)
class AgencyLoadResult:
    created: int
    updated: int


def agency_code_for(short_name: str) -> str:
    """A stable code derived from the short name ("Sở TP" → "so-tp")."""
    return vn_slugify(short_name.replace("&", " "))


@transaction.atomic
def agencies_load_csv(*, path: Path) -> AgencyLoadResult:
    """Create or update agencies from a CSV (ten_co_quan, ten_ngan, cap, nhom); idempotent by code.

    District-level agencies get `valid_until` = 1/7/2025, when the district level was abolished.
    """
    created = updated = 0
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for line_number, row in enumerate(csv.DictReader(handle), start=2):
            level = _LEVELS.get(row["cap"].strip())
            group = _GROUPS.get(row["nhom"].strip())
            if level is None or group is None:
                raise ValidationError(
                    f"Dòng {line_number}: cột cap/nhom không hợp lệ ({row['cap']!r}, {row['nhom']!r})."
                )
            defaults = {
                "name": row["ten_co_quan"].strip(),
                "short_name": row["ten_ngan"].strip(),
                "level": level,
                "group": group,
                "sort_order": line_number,
                "valid_until": DISTRICT_LEVEL_ABOLISHED_ON if level == AgencyLevel.DISTRICT else None,
            }
            _, was_created = Agency.objects.update_or_create(code=agency_code_for(row["ten_ngan"]), defaults=defaults)
            created += was_created
            updated += not was_created
    return AgencyLoadResult(created=created, updated=updated)


def agency_current_name_since(*, agency: Agency) -> dt.date | None:
    """The day `agency` took its current name: the end of its latest earlier name, else its founding day."""
    latest_end = agency.names.order_by("-valid_until").values_list("valid_until", flat=True).first()
    return latest_end or agency.valid_from


def _ended_error(*, agency: Agency, on: dt.date) -> str | None:
    if agency.valid_until is not None and agency.valid_until <= on:
        return _("“%(agency)s” đã thôi hoạt động từ ngày %(day)s.") % {
            "agency": agency,
            "day": day_text(agency.valid_until),
        }
    return None


def _lock_and_refresh(agency: Agency) -> None:
    """Lock the agency's row for this transaction and read it again (another clerk may have just changed it)."""
    agency.refresh_from_db(from_queryset=Agency.objects.select_for_update())


def agency_rename_errors(*, agency: Agency, new_name: str, new_short_name: str = "", on: dt.date | None) -> dict:
    """Why `agency` cannot be renamed `new_name` from `on` ({} when it can): by form field name."""
    errors: dict[str, list[str]] = {}
    new_name = new_name.strip()
    if not new_name:
        errors.setdefault("new_name", []).append(_("Nhập tên mới của cơ quan."))
    elif new_name == agency.name and (new_short_name.strip() or agency.short_name) == agency.short_name:
        errors.setdefault("new_name", []).append(_("Tên mới trùng tên hiện tại của cơ quan."))
    if on is None:
        errors.setdefault("on", []).append(_("Nhập ngày bắt đầu dùng tên mới (dd/mm/yyyy)."))
        return errors
    since = agency_current_name_since(agency=agency)
    if since is not None and on <= since:
        errors.setdefault("on", []).append(
            _("Ngày đổi tên phải sau ngày %(day)s, ngày cơ quan bắt đầu dùng tên hiện tại.") % {"day": day_text(since)}
        )
    if ended := _ended_error(agency=agency, on=on):
        errors.setdefault("on", []).append(ended)
    return errors


@transaction.atomic
def agency_rename(*, agency: Agency, new_name: str, new_short_name: str = "", on: dt.date) -> Agency:
    """Rename an agency from `on`, keeping the old name in history (AgencyName) for earlier dates."""
    _lock_and_refresh(agency)
    if errors := agency_rename_errors(agency=agency, new_name=new_name, new_short_name=new_short_name, on=on):
        raise ValidationError(errors)
    AgencyName.objects.create(
        agency=agency,
        name=agency.name,
        short_name=agency.short_name,
        valid_from=agency_current_name_since(agency=agency),
        valid_until=on,
    )
    agency.name = new_name.strip()
    agency.short_name = new_short_name.strip() or agency.short_name
    agency.full_clean()
    agency.save()
    return agency


def agency_merge_errors(*, agency: Agency, into: Agency | None, on: dt.date | None) -> dict:
    """Why `agency` cannot be merged into `into` from `on` ({} when it can): by form field name."""
    errors: dict[str, list[str]] = {}
    if into is None:
        errors.setdefault("into", []).append(_("Chọn cơ quan nhận sáp nhập."))
    elif into.pk == agency.pk:
        errors.setdefault("into", []).append(_("Không thể sáp nhập một cơ quan vào chính nó."))
    elif agency.pk in _successor_chain(into):
        errors.setdefault("into", []).append(
            _("“%(into)s” đã được sáp nhập vào “%(agency)s”; không thể sáp nhập ngược lại.")
            % {"into": into, "agency": agency}
        )
    if on is None:
        errors.setdefault("on", []).append(_("Nhập ngày sáp nhập (dd/mm/yyyy)."))
        return errors
    if agency.successor_id is not None:
        errors.setdefault("on", []).append(
            _("“%(agency)s” đã được sáp nhập vào “%(into)s”.") % {"agency": agency, "into": agency.successor}
        )
    elif ended := _ended_error(agency=agency, on=on):
        errors.setdefault("on", []).append(ended)
    if agency.valid_from is not None and on <= agency.valid_from:
        errors.setdefault("on", []).append(
            _("Ngày sáp nhập phải sau ngày thành lập cơ quan (%(day)s).") % {"day": day_text(agency.valid_from)}
        )
    if into is not None and into.pk != agency.pk and (ended := _ended_error(agency=into, on=on)):
        errors.setdefault("into", []).append(ended)
    return errors


def _successor_chain(agency: Agency) -> set[int]:
    """The ids of `agency` and of every agency it was merged into, transitively."""
    seen: set[int] = set()
    current: Agency | None = agency
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        current = current.successor
    return seen


@transaction.atomic
def agency_merge(*, agency: Agency, into: Agency, on: dt.date) -> Agency:
    """End `agency` on `on` and record `into` as its successor (the 2025 mergers).

    The merged agency keeps its name and records: history shows it as it was until `on`.
    """
    _lock_and_refresh(agency)
    if errors := agency_merge_errors(agency=agency, into=into, on=on):
        raise ValidationError(errors)
    agency.valid_until = on
    agency.successor = into
    agency.full_clean()
    agency.save()
    return agency
