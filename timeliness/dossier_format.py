"""The `ho-so/1` dossier exchange format: the one definition of its columns.

Used by the importer (CSV header check, the order it reads a record in), the API (`POST /api/v1/dossiers`:
the documented item schema) and bench/timeliness.py (the header of the file it generates). Columns are in
the documented order (shared/docs/exchange.md); the two event columns come last: `ngay_bo_sung` (the dossier
was returned for completion and completed then) and `han_hen_lai` (the new date of a reschedule / apology
letter).
"""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One `ho-so/1` column: its name, whether a record must have it, whether it records an event."""

    name: str
    required: bool = False
    event: bool = False


COLUMNS = (
    Column("ma_ho_so", required=True),
    Column("ma_co_quan", required=True),
    Column("ten_co_quan", required=True),
    Column("ma_thu_tuc"),
    Column("kenh_nop"),
    Column("ngay_tiep_nhan", required=True),
    Column("han_xu_ly"),
    Column("ngay_tra_ket_qua"),
    Column("trang_thai"),
    Column("ngay_bo_sung", event=True),
    Column("han_hen_lai", event=True),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)  # the order a record's values are read in
REQUIRED_COLUMNS = tuple(column.name for column in COLUMNS if column.required)
EVENT_COLUMNS = tuple(column.name for column in COLUMNS if column.event)
CSV_COLUMNS = tuple(column.name for column in COLUMNS if not column.event)  # the documented CSV columns
KNOWN_COLUMNS = frozenset(COLUMN_NAMES)


def record_values(record: Mapping) -> list[str]:
    """A record given as a mapping (API item, CSV dict) as its values in COLUMN_NAMES order ("" when absent)."""
    return [record.get(name) or "" for name in COLUMN_NAMES]


def record_json_schema() -> dict:
    """JSON Schema of one record as the API receives it: every column a string, the required ones present."""
    return {
        "type": "object",
        "required": list(REQUIRED_COLUMNS),
        "properties": {name: {"type": "string"} for name in COLUMN_NAMES},
    }
