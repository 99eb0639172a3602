"""A stored Vietnamese sort key of procedure names (catalog.collation.vietnamese_sort_key), backfilled here
and kept by Procedure.save() and the bulk writers. SQLite's admin listing reads a page of 20,000 names in
order from an index on it instead of calling the Python collation ~110,000 times per request; PostgreSQL
keeps ordering by its ICU collation (expression index from catalog.0007), so the index is SQLite-only
(a PostgreSQL btree entry is limited to ~2.7 kB, which a long name's key can exceed)."""

from django.db import migrations, models

from catalog.collation import vietnamese_sort_key

INDEX = "catalog_procedure_name_sort_key"
BATCH = 2000


def backfill(apps, schema_editor):
    Procedure = apps.get_model("catalog", "Procedure")
    rows = Procedure.objects.using(schema_editor.connection.alias).only("pk", "name").order_by("pk")
    batch = []
    for procedure in rows.iterator(chunk_size=BATCH):
        procedure.name_sort_key = vietnamese_sort_key(procedure.name)
        batch.append(procedure)
        if len(batch) == BATCH:
            Procedure.objects.using(schema_editor.connection.alias).bulk_update(batch, ["name_sort_key"])
            batch = []
    if batch:
        Procedure.objects.using(schema_editor.connection.alias).bulk_update(batch, ["name_sort_key"])


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalog_procedure (name_sort_key, id)")


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_help_texts")]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="name_sort_key",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Tính từ tên thủ tục để sắp xếp theo thứ tự tiếng Việt; tự cập nhật khi tên thay đổi.",
                verbose_name="khóa sắp xếp tên",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(index_create, index_drop),
    ]
