"""PostgreSQL support for the admin's accent-insensitive search and Vietnamese order of procedures.

``catalog_fold(text)`` (catalog.folding: lower(unaccent(text)), IMMUTABLE); trigram indexes on the folded
name and code of procedures, so "khai sinh" does not fold 20,000 names per keystroke; an index on the
Vietnamese sort key of names (catalog.collation), so a listing page is read in order without sorting the
catalog. SQLite registers the function per connection and needs none of this.
"""

from django.db import migrations

from catalog.collation import _SQL_LEADING_NON_LETTERS, COLLATION_NAME
from catalog.folding import FUNCTION_NAME, postgres_function_sql

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    postgres_function_sql(),
    f"CREATE INDEX IF NOT EXISTS catalog_procedure_name_folded_trgm ON catalog_procedure "
    f"USING gin ({FUNCTION_NAME}(name) gin_trgm_ops)",
    f"CREATE INDEX IF NOT EXISTS catalog_procedure_code_folded_trgm ON catalog_procedure "
    f"USING gin ({FUNCTION_NAME}(code) gin_trgm_ops)",
    f"CREATE INDEX IF NOT EXISTS catalog_procedure_name_vietnamese ON catalog_procedure "
    f"((regexp_replace(name, '{_SQL_LEADING_NON_LETTERS}', '') COLLATE \"{COLLATION_NAME}\"), id)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS catalog_procedure_name_vietnamese",
    "DROP INDEX IF EXISTS catalog_procedure_code_folded_trgm",
    "DROP INDEX IF EXISTS catalog_procedure_name_folded_trgm",
    f"DROP FUNCTION IF EXISTS {FUNCTION_NAME}(text)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_decision_legal_documents_late_signing_national_codes")]

    operations = [migrations.RunPython(forward, backward)]
