"""PostgreSQL: a narrow posting table (`search_posting`) beside the documents, one row per distinct word of a
document's folded name or body, carrying what the database ranking's first phase needs of the document (its
facet combination and priors).

Its btree index (word, field, document) INCLUDE (combo, local, popularity) makes each posting list one
index-only range scan: the GIN bitmap scans it replaces visited, for a common syllable, most pages of the wide
documents table (search.backends.postgres). The words are the lexemes of the documents' `simple` tsvectors
(`name_vec`, `body_vec`), so a posting list holds exactly the documents the GIN index gives for that word.
The backend's writes keep them in step (in the documents' transaction); triggers on the documents table
remove the postings of documents deleted any other way (a cascade from the catalog) or truncated (`manage.py
flush`, transactional tests) — a foreign key would make the documents table impossible to truncate alone.
Autovacuum visits the table after a smaller share of inserts than by default: index-only scans need pages
marked all-visible. SQLite reads its postings from FTS5 (0007) and has no such table.
"""

from django.db import migrations

TABLE = "search_posting"

POSTGRES_FORWARD = [
    f"""CREATE TABLE {TABLE} (
         word text NOT NULL,
         field "char" NOT NULL,
         document_id bigint NOT NULL,
         combo bigint NOT NULL,
         local double precision NOT NULL,
         popularity double precision NOT NULL
       ) WITH (autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_vacuum_scale_factor = 0.05)""",
    f"""INSERT INTO {TABLE} (word, field, document_id, combo, local, popularity)
        SELECT w.lexeme, 'n', d.id, d.facet_combo, d.local, d.popularity
        FROM search_searchdocument d CROSS JOIN LATERAL unnest(d.name_vec) w
        UNION ALL
        SELECT w.lexeme, 'b', d.id, d.facet_combo, d.local, d.popularity
        FROM search_searchdocument d CROSS JOIN LATERAL unnest(d.body_vec) w""",
    f"""CREATE INDEX search_posting_word_idx ON {TABLE} (word, field, document_id)
        INCLUDE (combo, local, popularity)""",
    f"CREATE INDEX search_posting_document_idx ON {TABLE} (document_id)",
    f"""CREATE FUNCTION search_posting_forget_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {TABLE} p USING gone WHERE p.document_id = gone.id;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER search_posting_follow_delete AFTER DELETE ON search_searchdocument
       REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION search_posting_forget_deleted()""",
    f"""CREATE FUNCTION search_posting_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE {TABLE};
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER search_posting_follow_truncate AFTER TRUNCATE ON search_searchdocument
       FOR EACH STATEMENT EXECUTE FUNCTION search_posting_forget_all()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_posting_follow_truncate ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_posting_follow_delete ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_posting_forget_all()",
    "DROP FUNCTION IF EXISTS search_posting_forget_deleted()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0011_document_texts_out_of_line")]

    operations = [migrations.RunPython(forward, backward)]
