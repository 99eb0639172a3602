"""The ICU collation ``vietnamese`` on PostgreSQL (catalog.collation); SQLite registers it per connection."""

from django.db import migrations


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE COLLATION IF NOT EXISTS vietnamese (provider = icu, locale = 'vi-u-ka-shifted')"
        )


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS vietnamese")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_widen_long_published_texts")]

    operations = [migrations.RunPython(create_collation, drop_collation)]
