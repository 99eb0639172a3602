"""Full-text structures per field for the database backend's two-phase ranking (search.backends.database).

PostgreSQL: one generated `simple` tsvector per field (name, body) with a GIN index each, so the documents
holding one syllable in one field come from the index alone (no weight recheck); the weighted vector and the
trigram index of the previous ranking go. SQLite: the FTS5 table keeps the folded name and body only.
Run `manage.py search_reindex` after migrating: it fills the new ranking fields and the vocabulary.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_document_name_trgm_idx",
    "DROP INDEX IF EXISTS search_document_vector_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    """ALTER TABLE search_searchdocument ADD COLUMN name_vec tsvector
       GENERATED ALWAYS AS (to_tsvector('simple', name_folded)) STORED""",
    """ALTER TABLE search_searchdocument ADD COLUMN body_vec tsvector
       GENERATED ALWAYS AS (to_tsvector('simple', body_folded)) STORED""",
    "CREATE INDEX search_document_name_vec_idx ON search_searchdocument USING gin (name_vec)",
    "CREATE INDEX search_document_body_vec_idx ON search_searchdocument USING gin (body_vec)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_body_vec_idx",
    "DROP INDEX IF EXISTS search_document_name_vec_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS body_vec",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS name_vec",
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('simple', name_text), 'A') ||
         setweight(to_tsvector('simple', name_folded), 'B') ||
         setweight(to_tsvector('simple', body_text), 'C') ||
         setweight(to_tsvector('simple', body_folded), 'D')
       ) STORED""",
    "CREATE INDEX search_document_vector_idx ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_document_name_trgm_idx ON search_searchdocument USING gin (name_folded gin_trgm_ops)",
]
SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(name_folded, body_folded, tokenize = "unicode61 remove_diacritics 0")""",
    "INSERT INTO search_fts (rowid, name_folded, body_folded) SELECT id, name_folded, body_folded FROM search_searchdocument",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
         name_text, name_folded, body_text, body_folded,
         tokenize = "unicode61 remove_diacritics 0"
       )""",
    """INSERT INTO search_fts (rowid, name_text, name_folded, body_text, body_folded)
       SELECT id, name_text, name_folded, body_text, body_folded FROM search_searchdocument""",
]


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
    dependencies = [("search", "0006_document_ranking_fields_lexicon_one_way_synonyms")]

    operations = [migrations.RunPython(forward, backward)]
