"""Load the shipped starting list of synonyms (search/data/synonyms.json) once; staff edit them afterwards."""

import json
from pathlib import Path

from django.db import migrations

SYNONYMS = Path(__file__).resolve().parent.parent / "data" / "synonyms.json"


def load(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("terms", flat=True))
    data = json.loads(SYNONYMS.read_text(encoding="utf-8"))
    Synonym.objects.bulk_create(
        Synonym(terms="\n".join(group["terms"]), note=group.get("note", "")[:500])
        for group in data["groups"]
        if "\n".join(group["terms"]) not in existing
    )


def unload(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    data = json.loads(SYNONYMS.read_text(encoding="utf-8"))
    Synonym.objects.filter(terms__in=["\n".join(group["terms"]) for group in data["groups"]]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_engines")]

    operations = [migrations.RunPython(load, unload)]
