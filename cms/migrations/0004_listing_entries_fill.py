"""Listing rows and sort keys, ranked, for the versions published before the listing tables existed
(cms.services keeps them up to date from then on)."""

from django.db import migrations

from catalog.collation import vietnamese_sort_key

SORT_KEY_BYTES = 1000
RANK_GAP = 1 << 20


def fill(apps, schema_editor):
    ProcedureVersion = apps.get_model("catalog", "ProcedureVersion")
    ListingEntry = apps.get_model("cms", "ListingEntry")
    ListingSortKey = apps.get_model("cms", "ListingSortKey")
    versions = list(
        ProcedureVersion.objects.only("id", "procedure_id", "field_id", "valid_from", "valid_until", "name")
    )
    keys = {v.pk: vietnamese_sort_key(v.name).encode("utf-8")[:SORT_KEY_BYTES] for v in versions}
    ranks = {key: (i + 1) * RANK_GAP for i, key in enumerate(sorted(set(keys.values())))}
    ListingSortKey.objects.bulk_create([ListingSortKey(key=k, rank=r) for k, r in ranks.items()], batch_size=2000)
    ListingEntry.objects.bulk_create(
        [
            ListingEntry(
                version_id=v.pk,
                procedure_id=v.procedure_id,
                field_id=v.field_id,
                valid_from=v.valid_from,
                valid_until=v.valid_until,
                rank=ranks[keys[v.pk]],
            )
            for v in versions
        ],
        batch_size=2000,
    )


def empty(apps, schema_editor):
    apps.get_model("cms", "ListingEntry").objects.all().delete()
    apps.get_model("cms", "ListingSortKey").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_listing_entries_and_catalog_counts"),
        ("catalog", "0004_vietnamese_collation"),
    ]

    operations = [migrations.RunPython(fill, empty)]
