"""PostgreSQL: the documents table keeps its long texts and vectors out of line (TOAST), so a row is a few
hundred bytes instead of a few kilobytes.

The database ranking's first phase reads every candidate's row through the GIN posting lists (its id, facet
combination and priors); with the long values inline, 20,000 documents took ~5,000 pages, with them out of
line ~1,400, and each posting list read touches that many fewer. `VACUUM FULL` rewrites the rows already
there (an exclusive lock for the few seconds it takes; new rows follow the setting on their own). SQLite
reads those columns from a covering index instead (0010).
"""

from django.db import migrations

TABLE = "search_searchdocument"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")
        schema_editor.execute(f"VACUUM FULL {TABLE}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction

    dependencies = [("search", "0010_document_rank_covering_index")]

    operations = [migrations.RunPython(forward, backward, atomic=False)]
