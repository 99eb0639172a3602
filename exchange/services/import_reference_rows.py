"""What an import adds to the catalog's reference tables while writing: fields and agencies it names that the
catalog lacks, the national database's codes of fields, levels and agencies, and a unique slug for each new
procedure."""

from __future__ import annotations

from django.utils.translation import gettext as _

from catalog.models import Agency, Field, Procedure
from catalog.text import normalize_name, vn_slugify
from exchange.mappers.tthc_json import path_of
from exchange.records import NamedCodeRecord, NationalCodesRecord, ProcedureRecord
from exchange.services.import_references import CatalogReferences, max_length
from exchange.services.import_result import Problem


def _unique(base: str, taken) -> str:
    """`base`, or `base-2`, `base-3` … the first not in `taken`."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class ReferenceRows:
    """Finds or creates the fields and agencies records name, and gives new procedures unique slugs."""

    def __init__(self, references: CatalogReferences) -> None:
        self.references = references
        self.slugs = set(Procedure.objects.values_list("slug", flat=True))
        self.field_slugs = set(Field.objects.values_list("slug", flat=True))

    def field_for(self, name: str | None) -> Field | None:
        if not name:
            return None
        found = self.references.fields.get(name)
        if found is None:
            slug = _unique(vn_slugify(name, max_length=240) or "linh-vuc", self.field_slugs)
            found = Field.objects.create(name=name, slug=slug)
            self.field_slugs.add(slug)
            self.references.fields[name] = found
        return found

    def slug_for(self, record: ProcedureRecord) -> str:
        """The record's own slug when free, else one made from its name and code."""
        if record.slug and record.slug not in self.slugs and len(record.slug) <= max_length(Procedure, "slug"):
            self.slugs.add(record.slug)
            return record.slug
        base = vn_slugify(record.name, max_length=200) or "thu-tuc"
        if record.code:
            base = f"{base}-{record.code.replace('.', '-').lower()}"
        slug = _unique(base, self.slugs)
        self.slugs.add(slug)
        return slug

    def agency_for(self, owner: NamedCodeRecord) -> Agency:
        """The agency an exchanged record names by its catalog code (created with that code when new, its
        national code set when the catalog has none)."""
        references = self.references
        found = references.agency_by_code.get(owner.code)
        if found is None:
            found = Agency.objects.create(
                code=owner.code, name=owner.name[: max_length(Agency, "name")], national_code=owner.national_code
            )
            references.agency_by_code[owner.code] = found
            references.agency_ids.setdefault(normalize_name(found.name), found.pk)
        elif owner.national_code and not found.national_code:
            found.national_code = owner.national_code
            found.save(update_fields=["national_code"])
        return found

    def national_codes_write(
        self, index: int, record: ProcedureRecord, codes: NationalCodesRecord, warnings: list[Problem]
    ) -> None:
        """The national database's codes a record gives for its field, levels and agencies, into the reference
        tables (a code already there is kept: a different one is reported, never overwritten). An agency
        named with a code but unknown to the catalog is added, so the procedure's agency row links to it."""
        references = self.references
        if codes.field and record.field:
            _code_keep(self.field_for(record.field), codes.field, index, _("Lĩnh vực"), warnings)
        levels = references.levels_by_name()
        for entry in codes.levels:
            level = levels.get(entry.name) or references.level_by_label.get(normalize_name(entry.name))
            if level is not None:
                _code_keep(level, entry.code, index, _("Cấp thực hiện"), warnings)
        for entry in codes.agencies:
            agency_id = references.agency_ids.get(normalize_name(entry.name))
            if agency_id is None:
                self._national_agency_create(entry)
            else:
                _code_keep(Agency.objects.get(pk=agency_id), entry.code, index, _("Cơ quan"), warnings)

    def _national_agency_create(self, entry: NamedCodeRecord) -> None:
        references = self.references
        code = _unique(f"cqqg-{vn_slugify(entry.code, max_length=50) or 'ma'}", references.agency_by_code)
        agency = Agency.objects.create(
            code=code, name=entry.name[: max_length(Agency, "name")], national_code=entry.code
        )
        references.agency_by_code[code] = agency
        references.agency_ids[normalize_name(entry.name)] = agency.pk


def _code_keep(obj, code: str, index: int, what: str, warnings: list[Problem]) -> None:
    """Store the national code on a reference row without one; report a different one already there."""
    if not obj.national_code:
        obj.national_code = code
        obj.save(update_fields=["national_code"])
    elif obj.national_code != code:
        warnings.append(
            Problem(
                index,
                path_of("national_codes"),
                _("%(what)s “%(name)s” đã có mã %(old)s trong danh mục; giữ mã đó, không đổi sang %(new)s")
                % {"what": what, "name": str(obj), "old": obj.national_code, "new": code},
            )
        )
