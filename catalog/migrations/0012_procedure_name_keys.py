"""Two columns derived from a procedure's name, backfilled here and kept by Procedure.save() and the bulk
writers (Procedure.refresh_name_keys): its Vietnamese sort key (catalog.collation.vietnamese_sort_key) and
its folded form (catalog.folding.fold). SQLite's admin listing reads a page of 20,000 names in order from
an index on the key instead of calling the Python collation ~110,000 times per request, and searches the
folded column instead of calling catalog_fold per row and word. PostgreSQL keeps its ICU collation and
catalog_fold with their indexes (catalog.0007), so the index here is SQLite-only (a PostgreSQL btree entry
is limited to ~2.7 kB, which a long name's key can exceed)."""

from django.db import migrations, models

from catalog.collation import vietnamese_sort_key
from catalog.folding import fold

INDEX = "catalog_procedure_name_sort_key"
BATCH = 2000
COLUMNS = ["name_sort_key", "name_folded"]


def backfill(apps, schema_editor):
    Procedure = apps.get_model("catalog", "Procedure")
    rows = Procedure.objects.using(schema_editor.connection.alias).only("pk", "name").order_by("pk")
    batch = []
    for procedure in rows.iterator(chunk_size=BATCH):
        procedure.name_sort_key = vietnamese_sort_key(procedure.name)
        procedure.name_folded = fold(procedure.name)
        batch.append(procedure)
        if len(batch) == BATCH:
            Procedure.objects.using(schema_editor.connection.alias).bulk_update(batch, COLUMNS)
            batch = []
    if batch:
        Procedure.objects.using(schema_editor.connection.alias).bulk_update(batch, COLUMNS)


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
        migrations.AddField(
            model_name="procedure",
            name="name_folded",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Tên thủ tục viết thường, bỏ dấu, để tìm kiếm không dấu; tự cập nhật khi tên thay đổi.",
                verbose_name="tên không dấu",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(index_create, index_drop),
    ]
