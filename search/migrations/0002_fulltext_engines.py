"""Engine-specific full-text structures for the database search backend.

PostgreSQL: unaccent + pg_trgm, an IMMUTABLE unaccent wrapper (usable in index expressions), a generated
weighted tsvector over the original and folded text with a GIN index, and a trigram index on the folded
name (typo tolerance, autocomplete LIKE). SQLite: an FTS5 table keyed by the document id.
Other databases get nothing (the project supports these two).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION search_immutable_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('simple', name_text), 'A') ||
         setweight(to_tsvector('simple', name_folded), 'B') ||
         setweight(to_tsvector('simple', body_text), 'C') ||
         setweight(to_tsvector('simple', body_folded), 'D')
       ) STORED""",
    "CREATE INDEX search_document_vector_idx ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_document_name_trgm_idx ON search_searchdocument USING gin (name_folded gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_name_trgm_idx",
    "DROP INDEX IF EXISTS search_document_vector_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS search_immutable_unaccent(text)",
]
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
         name_text, name_folded, body_text, body_folded,
         tokenize = "unicode61 remove_diacritics 0"
       )""",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index_and_aids")]

    operations = [migrations.RunPython(forward, backward)]
