"""Move full texts that earlier imports kept in `Procedure.extra["__exchange__"]["overflow"]` (when the
catalog's name columns were bounded) back into the now unbounded columns, and drop the copies."""

from django.db import migrations

INTERNAL_KEY = "__exchange__"


def _restore(stored: str, full: str | None) -> str:
    # A staff edit since the import (the column no longer starts the full text) wins.
    return full if full and full.startswith(stored) else stored


def restore_long_texts(apps, schema_editor):
    Procedure = apps.get_model("catalog", "Procedure")
    ProcedureAgency = apps.get_model("catalog", "ProcedureAgency")
    DossierItem = apps.get_model("catalog", "DossierItem")
    for procedure in Procedure.objects.filter(extra__has_key=INTERNAL_KEY).iterator(chunk_size=500):
        internal = dict(procedure.extra.get(INTERNAL_KEY) or {})
        overflow = internal.pop("overflow", None)
        layout = internal.get("dossier_groups")
        if overflow is None and not layout:
            continue
        overflow = overflow or {}
        procedure.name = _restore(procedure.name, overflow.get("name"))
        agency_overflow = overflow.get("agencies", {})
        if agency_overflow:
            seen: dict[str, int] = {}
            for entry in ProcedureAgency.objects.filter(procedure_id=procedure.pk).order_by("sort_order", "pk"):
                index = seen.get(entry.role, 0)
                seen[entry.role] = index + 1
                full = _restore(entry.name, agency_overflow.get(f"{entry.role}:{index}"))
                if full != entry.name:
                    entry.name = full
                    entry.save(update_fields=["name"])
        if layout:
            items = list(DossierItem.objects.filter(procedure_id=procedure.pk).order_by("sort_order", "pk"))
            if sum(count for _case, count in layout) == len(items):
                start = 0
                for case, count in layout:
                    for item in items[start : start + count]:
                        full = _restore(item.case, case)
                        if full != item.case:
                            item.case = full
                            item.save(update_fields=["case"])
                    start += count
        extra = dict(procedure.extra)
        if internal:
            extra[INTERNAL_KEY] = internal
        else:
            extra.pop(INTERNAL_KEY, None)
        procedure.extra = extra
        procedure.save(update_fields=["name", "extra"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_widen_long_published_texts")]

    operations = [migrations.RunPython(restore_long_texts, migrations.RunPython.noop)]
