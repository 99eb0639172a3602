"""The catalog's reference data an import matches records against (levels, fields, agencies), read once
per import, and the lengths its columns hold. The write step adds the fields and agencies it creates, so
later records find them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from catalog.models import Agency, AgencyName, Field, Level
from catalog.text import normalize_name
from exchange.records import ProcedureRecord


@dataclass
class CatalogReferences:
    """Levels by normalised label and their order, fields by name, agency ids by normalised name (current
    names win over former ones) and agencies by catalog code."""

    level_by_label: dict[str, Level]
    level_order: dict[str, int]
    fields: dict[str, Field]
    agency_ids: dict[str, int]
    agency_by_code: dict[str, Agency]

    @classmethod
    def load(cls) -> CatalogReferences:
        levels = list(Level.objects.all())
        agency_ids: dict[str, int] = {}
        for pk, name in AgencyName.objects.values_list("agency_id", "name"):
            agency_ids.setdefault(normalize_name(name), pk)
        for pk, name in Agency.objects.values_list("pk", "name"):
            agency_ids[normalize_name(name)] = pk
        return cls(
            level_by_label={normalize_name(level.name): level for level in levels},
            level_order={level.name: level.sort_order for level in levels},
            fields={f.name: f for f in Field.objects.all()},
            agency_ids=agency_ids,
            agency_by_code={agency.code: agency for agency in Agency.objects.all()},
        )

    def levels_by_name(self) -> dict[str, Level]:
        """Levels by their catalog name."""
        return {level.name: level for level in self.level_by_label.values()}


def max_length(model, name: str) -> int:
    """The length a model's text column holds."""
    return model._meta.get_field(name).max_length


def truncated(value: str, limit: int) -> str:
    """The value cut to `limit` characters."""
    return value if len(value) <= limit else value[:limit]


def record_canonical(record: ProcedureRecord, references: CatalogReferences) -> ProcedureRecord:
    """The record as the catalog will store it: levels by their catalog names, in catalog order."""
    names = {references.level_by_label[normalize_name(label)].name for label in record.levels}
    levels = tuple(sorted(names, key=lambda name: references.level_order[name]))
    return replace(record, levels=levels)
