"""Agency reference data: loading a province's agencies, renames and merges with history."""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.choices import AgencyGroup, AgencyLevel
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


@transaction.atomic
def agency_rename(*, agency: Agency, new_name: str, new_short_name: str = "", on: dt.date) -> Agency:
    """Rename an agency from `on`, keeping the old name in history for earlier dates."""
    previous_start = (
        agency.names.order_by("-valid_until").values_list("valid_until", flat=True).first() or agency.valid_from
    )
    AgencyName.objects.create(
        agency=agency, name=agency.name, short_name=agency.short_name, valid_from=previous_start, valid_until=on
    )
    agency.name = new_name
    agency.short_name = new_short_name or agency.short_name
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def agency_merge(*, agency: Agency, into: Agency, on: dt.date) -> Agency:
    """End `agency` on `on` and record `into` as its successor (2025 mergers)."""
    if agency.pk == into.pk:
        raise ValidationError({"successor": "Không thể sáp nhập một cơ quan vào chính nó."})
    agency.valid_until = on
    agency.successor = into
    agency.full_clean()
    agency.save()
    return agency
