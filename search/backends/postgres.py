"""The database backend on PostgreSQL: postings from GIN indexes on one `simple` tsvector per field (generated
columns of the documents table, so writes need nothing more)."""

from search.backends.sql import DOC_TABLE, SqlBackend, SqlDialect


def _lexeme(word: str) -> str:
    """`word` quoted as one tsquery lexeme."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresSql(SqlDialect):
    greatest_function = "GREATEST"
    least_function = "LEAST"
    position_function = "strpos"
    bit_union = "bit_or"
    bigint = "::bigint"

    def flag(self, condition: str) -> str:
        return f"({condition})::int"

    def posting(self, field: str, word: str, bit: int) -> tuple[str, list]:
        """The documents through the field's GIN index, with their facet combination and priors taken on the
        way (the row is at hand)."""
        column = "name_vec" if field == "name" else "body_vec"
        return (
            f"SELECT id, {bit}::bigint AS bit, facet_combo AS combo, local, popularity FROM {DOC_TABLE} "
            f"WHERE {column} @@ to_tsquery('simple', %s)",
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
        # The GIN indexes are always the way in: for common syllables the planner may estimate a sequential
        # scan, which decompresses every vector, several times slower than the bitmap scan. One short
        # statement: starting parallel workers costs more than it saves. Nor JIT: the statement's cost
        # estimate (many posting scans) passes jit_above_cost, and compiling its long scoring expressions
        # takes hundreds of milliseconds — longer than the statement runs without it. Local settings (end with
        # the ranking's transaction, whatever happens), set in one round trip.
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),"
            " set_config('jit', 'off', true)"
        )
