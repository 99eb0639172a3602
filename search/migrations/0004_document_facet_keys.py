"""Faster database search: each document's facet values and the id of that combination, so one pass over the
matches counts every facet (grouped by combination). Existing documents are filled from their facet rows.
"""

import hashlib
import json

from django.db import migrations, models

FACETS = ("field", "level", "agency", "online", "channel")


def _combination(keys: dict[str, list[str]]) -> int:
    # Same as search.backends.database.facet_combination (kept here so the migration never changes).
    digest = hashlib.blake2b(json.dumps(keys, sort_keys=True).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def forward(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchFacetValue = apps.get_model("search", "SearchFacetValue")
    keys: dict[int, dict[str, list[str]]] = {
        pk: {facet: [] for facet in FACETS} for pk in SearchDocument.objects.values_list("pk", flat=True)
    }
    rows = SearchFacetValue.objects.values_list("document_id", "facet", "value").order_by("document_id", "value")
    for document_id, facet, value in rows.iterator(chunk_size=5000):
        entry = keys.get(document_id)
        if entry is not None and facet in FACETS and value not in entry[facet]:
            entry[facet].append(value)
    batch = [SearchDocument(pk=pk, facet_keys=entry, facet_combo=_combination(entry)) for pk, entry in keys.items()]
    SearchDocument.objects.bulk_update(batch, ["facet_keys", "facet_combo"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_load_starting_synonyms")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facet_keys",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Các giá trị bộ lọc của thủ tục gộp trong một bản ghi, để đếm theo nhóm lọc trong một lượt tra cứu.",
                verbose_name="giá trị bộ lọc (gộp)",
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="facet_combo",
            field=models.BigIntegerField(
                default=0,
                help_text="Mã của tổ hợp giá trị bộ lọc; các thủ tục cùng tổ hợp được đếm chung một lần.",
                verbose_name="mã tổ hợp bộ lọc",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
