"""Listing rows, ranked, for the versions published before the listing table existed (cms.services keeps
them up to date from then on)."""

from django.db import migrations

from catalog.collation import vietnamese_sort_key

SORT_KEY_BYTES = 1000
RANK_GAP = 1 << 20


def fill(apps, schema_editor):
    ProcedureVersion = apps.get_model("catalog", "ProcedureVersion")
    ListingEntry = apps.get_model("cms", "ListingEntry")
    entries = [
        ListingEntry(
            version_id=version.pk,
            procedure_id=version.procedure_id,
            field_id=version.field_id,
            valid_from=version.valid_from,
            valid_until=version.valid_until,
            sort_key=vietnamese_sort_key(version.name).encode("utf-8")[:SORT_KEY_BYTES],
        )
        for version in ProcedureVersion.objects.only(
            "id", "procedure_id", "field_id", "valid_from", "valid_until", "name"
        ).iterator(chunk_size=2000)
    ]
    entries.sort(key=lambda e: (e.sort_key, e.version_id))
    rank, previous = 0, None
    for entry in entries:
        if entry.sort_key != previous:
            rank += RANK_GAP
            previous = entry.sort_key
        entry.rank = rank
    ListingEntry.objects.bulk_create(entries, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_listing_entries_and_catalog_counts"),
        ("catalog", "0004_vietnamese_collation"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
