"""The database backend on PostgreSQL: one `simple` tsvector per field (generated columns of the documents
table, GIN-indexed: suggestions) and, for the ranking, a narrow posting table (`search_posting`, migration
0012) of their lexemes, one row per (word, field, document) with the document's facet combination and
priors, so each posting list is one index-only range scan instead of a bitmap scan over the wide documents
table. The writes keep it in step (the `_postings_*` hooks, in the documents' transaction; triggers follow
documents deleted or truncated any other way, migration 0012)."""

import re

from search.backends.sql import DOC_TABLE, SqlBackend, SqlDialect
from search.documents import IndexDocument

POSTING_TABLE = "search_posting"
FIELD_CODES = {"name": "n", "body": "b"}
FIELD_VECTORS = {"name": "name_vec", "body": "body_vec"}
# A word the `simple` parser keeps whole as one lexeme: its posting list is the table's rows for that word.
_ONE_LEXEME_RE = re.compile(r"[a-z0-9]+")


def _lexeme(word: str) -> str:
    """`word` quoted as one tsquery lexeme."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresSql(SqlDialect):
    greatest_function = "GREATEST"
    least_function = "LEAST"
    position_function = "strpos"
    bit_union = "bit_or"
    bigint = "::bigint"
    real = "::float8"

    def flag(self, condition: str) -> str:
        return f"({condition})::int"

    def posting(self, field: str, word: str, bit: int) -> tuple[str, list]:
        """The word's posting list in the field from the posting table (an index-only scan, the facet combination
        and priors in the index); a word the tsvector parser would split (rare punctuation) through the GIN
        index of the documents table instead, which parses it the same way as the documents."""
        if _ONE_LEXEME_RE.fullmatch(word):
            return (
                f"SELECT document_id AS id, {bit}::bigint AS bit, combo, local, popularity FROM {POSTING_TABLE} "
                f"WHERE word = %s AND field = '{FIELD_CODES[field]}'",
                [word],
            )
        return (
            f"SELECT id, {bit}::bigint AS bit, facet_combo AS combo, local, popularity FROM {DOC_TABLE} "
            f"WHERE {FIELD_VECTORS[field]} @@ to_tsquery('simple', %s)",
            [_lexeme(word)],
        )

    def candidates(self) -> str:
        return "a CROSS JOIN LATERAL (SELECT a.id, a.combo AS facet_combo, a.local, a.popularity) d"

    def in_list(self, column: str, values: list[int]) -> tuple[str, list]:
        if not values:
            return "FALSE", []
        return f"{column} = ANY(%s::bigint[])", [values]

    def name_match(self, whole: list[str], last: str) -> tuple[str, list]:
        terms = [_lexeme(word) for word in whole] + [_lexeme(last) + ":*"]
        return "d.name_vec @@ to_tsquery('simple', %s)", [" & ".join(terms)]


class PostgresBackend(SqlBackend):
    engine = "postgresql"
    sql = PostgresSql()

    def _session(self, cursor) -> None:
        # The indexes are always the way in: for common syllables the planner may estimate a sequential scan
        # (of the posting table, or of the documents for a word read through GIN), several times slower. One
        # short statement: starting parallel workers costs more than it saves. Nor JIT: the statement's cost
        # estimate (many posting scans) passes jit_above_cost, and compiling its long scoring expressions
        # takes hundreds of milliseconds — longer than the statement runs without it. Local settings (end with
        # the ranking's transaction, whatever happens), set in one round trip.
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),"
            " set_config('jit', 'off', true)"
        )

    # --- the posting table, in the documents' transaction -----------------------------------------------------
    def _postings_write(self, cursor, rows: list[tuple[int, IndexDocument]]) -> None:
        """The documents' postings from their stored vectors (the same lexemes the GIN indexes hold)."""
        if not rows:
            return
        pks = [pk for pk, _doc in rows]
        self._postings_delete(cursor, pks)
        cursor.execute(
            f"""INSERT INTO {POSTING_TABLE} (word, field, document_id, combo, local, popularity)
                SELECT w.lexeme, 'n', d.id, d.facet_combo, d.local, d.popularity
                FROM {DOC_TABLE} d CROSS JOIN LATERAL unnest(d.name_vec) w WHERE d.id = ANY(%s)
                UNION ALL
                SELECT w.lexeme, 'b', d.id, d.facet_combo, d.local, d.popularity
                FROM {DOC_TABLE} d CROSS JOIN LATERAL unnest(d.body_vec) w WHERE d.id = ANY(%s)""",
            [pks, pks],
        )

    def _postings_delete(self, cursor, pks: list[int]) -> None:
        cursor.execute(f"DELETE FROM {POSTING_TABLE} WHERE document_id = ANY(%s)", [pks])

    def _postings_clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {POSTING_TABLE}")

    def _postings_settle(self, cursor) -> None:
        """Index-only scans read the heap for rows on pages not yet marked all-visible: after a rebuild, every
        posting until autovacuum comes by (within a minute or so). VACUUM marks them now, and ANALYZE gives the
        planner the new word counts. A rebuild also leaves the word index twice its size (the old postings were
        still there while the new ones went in, and the freed pages stay half empty): each rebuild made it larger
        and every posting list read touched more pages. REINDEX CONCURRENTLY builds it again compact without
        blocking searches or writes. None of this can run inside a transaction (a rebuild that is part of a
        larger one leaves it to autovacuum, and the index as it is)."""
        cursor.execute(f"VACUUM (ANALYZE) {POSTING_TABLE}")
        cursor.execute(f"REINDEX TABLE CONCURRENTLY {POSTING_TABLE}")
