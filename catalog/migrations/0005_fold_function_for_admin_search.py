"""The SQL function ``catalog_fold(text)`` on PostgreSQL (catalog.folding); SQLite registers it per connection."""

from django.db import migrations

from catalog.folding import FUNCTION_NAME, postgres_function_sql


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgres_function_sql())


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION_NAME}(text)")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_vietnamese_collation")]

    operations = [migrations.RunPython(create_function, drop_function)]
