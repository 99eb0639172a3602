"""Load the everyday names and word pairs of search/data/synonyms-everyday.json once (staff edit them after),
and turn the two starting groups it names into one-way groups (the catalog's word first)."""

import json
from pathlib import Path

from django.db import migrations

EVERYDAY = Path(__file__).resolve().parent.parent / "data" / "synonyms-everyday.json"


def _terms(group: dict) -> str:
    return "\n".join(group["terms"])


def load(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    data = json.loads(EVERYDAY.read_text(encoding="utf-8"))
    for change in data["replaces"]:
        Synonym.objects.filter(terms=_terms(change)).update(
            terms=_terms(change["with"]), one_way=change["with"].get("one_way", False)
        )
    existing = set(Synonym.objects.values_list("terms", flat=True))
    Synonym.objects.bulk_create(
        Synonym(terms=_terms(group), note=group.get("note", "")[:500], one_way=group.get("one_way", False))
        for group in data["groups"]
        if _terms(group) not in existing
    )


def unload(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    data = json.loads(EVERYDAY.read_text(encoding="utf-8"))
    Synonym.objects.filter(terms__in=[_terms(group) for group in data["groups"]]).delete()
    for change in data["replaces"]:
        Synonym.objects.filter(terms=_terms(change["with"])).update(terms=_terms(change), one_way=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postings_per_field")]

    operations = [migrations.RunPython(load, unload)]
