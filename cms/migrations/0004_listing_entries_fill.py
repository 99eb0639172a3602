"""Listing rows for the versions published before the listing table existed (cms.services keeps them
up to date from then on)."""

from django.db import migrations

from catalog.collation import vietnamese_sort_key

SORT_KEY_BYTES = 1000


def fill(apps, schema_editor):
    ProcedureVersion = apps.get_model("catalog", "ProcedureVersion")
    ListingEntry = apps.get_model("cms", "ListingEntry")
    batch = []
    for version in ProcedureVersion.objects.only(
        "id", "procedure_id", "field_id", "valid_from", "valid_until", "name"
    ).iterator(chunk_size=2000):
        batch.append(
            ListingEntry(
                version_id=version.pk,
                procedure_id=version.procedure_id,
                field_id=version.field_id,
                valid_from=version.valid_from,
                valid_until=version.valid_until,
                sort_key=vietnamese_sort_key(version.name).encode("utf-8")[:SORT_KEY_BYTES],
            )
        )
        if len(batch) >= 2000:
            ListingEntry.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    ListingEntry.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_listing_entries_and_catalog_counts"),
        ("catalog", "0004_vietnamese_collation"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
