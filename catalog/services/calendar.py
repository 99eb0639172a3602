"""Loading the Government's announced day swaps into the staff-editable calendar table."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.calendar import calendar_cache_clear
from catalog.choices import CalendarAdjustmentKind
from catalog.models import CalendarAdjustment

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "calendar_adjustments.json"

_NOTE_MAX = CalendarAdjustment._meta.get_field("note").max_length
_REFERENCE_MAX = CalendarAdjustment._meta.get_field("reference").max_length


def _entry_error(index: int, field: str, message: str) -> ValidationError:
    return ValidationError(f"Mục {index} (trường “{field}”): {message}", code="invalid", params={"field": field})


def _validated_entries(data: Any) -> list[dict[str, Any]]:
    entries = data.get("adjustments") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ValidationError("Tệp phải là một danh sách, hoặc một đối tượng có khóa “adjustments” là danh sách.")
    cleaned: list[dict[str, Any]] = []
    seen: dict[dt.date, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise _entry_error(index, "date", "mỗi mục phải là một đối tượng JSON.")
        raw_date = entry.get("date")
        try:
            day = dt.date.fromisoformat(raw_date) if isinstance(raw_date, str) and len(raw_date) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise _entry_error(index, "date", f"ngày “{raw_date}” không đúng định dạng YYYY-MM-DD.")
        if day in seen:
            raise _entry_error(index, "date", f"ngày {day:%d/%m/%Y} trùng với mục {seen[day]}.")
        seen[day] = index
        kind = entry.get("kind")
        if kind not in CalendarAdjustmentKind.values:
            allowed = ", ".join(CalendarAdjustmentKind.values)
            raise _entry_error(index, "kind", f"loại “{kind}” không hợp lệ; chọn một trong: {allowed}.")
        note = entry.get("note", "")
        reference = entry.get("reference", "")
        for field, value, limit in (("note", note, _NOTE_MAX), ("reference", reference, _REFERENCE_MAX)):
            if not isinstance(value, str):
                raise _entry_error(index, field, "phải là chuỗi ký tự.")
            if len(value) > limit:
                raise _entry_error(index, field, f"dài quá {limit} ký tự.")
        cleaned.append({"date": day, "kind": kind, "note": note.strip(), "reference": reference.strip()})
    return cleaned


def calendar_adjustments_load(*, path: Path | str | None = None) -> tuple[int, int]:
    """Create or update adjustment rows from a JSON file (default: the shipped announcements); idempotent by date.

    Every entry is validated before anything is written; rows not in the file are left alone (staff may
    have added them). Returns (created, updated), where updated counts only rows whose content changed.
    """
    file_path = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = json.loads(file_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValidationError(f"Tệp {file_path.name} không phải JSON hợp lệ (dòng {exc.lineno}): {exc.msg}.")
    entries = _validated_entries(data)
    created = updated = 0
    with transaction.atomic():
        existing = {row.date: row for row in CalendarAdjustment.objects.select_for_update()}
        for entry in entries:
            row = existing.get(entry["date"])
            if row is None:
                row = CalendarAdjustment(**entry)
                row.full_clean()
                row.save()
                created += 1
                continue
            if (row.kind, row.note, row.reference) != (entry["kind"], entry["note"], entry["reference"]):
                row.kind, row.note, row.reference = entry["kind"], entry["note"], entry["reference"]
                row.full_clean()
                row.save(update_fields=["kind", "note", "reference"])
                updated += 1
    calendar_cache_clear()
    return created, updated
