"""The database backend on SQLite: postings from an FTS5 table (`search_fts`) kept beside the documents."""

from search.backends.sql import DOC_TABLE, SqlBackend, SqlDialect
from search.documents import IndexDocument

FTS_TABLE = "search_fts"


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class SqliteSql(SqlDialect):
    posting_columns = ()  # FTS5 has the ids only: the documents' covering index gives the rest (`candidates`)

    def flag(self, condition: str) -> str:
        return f"({condition})"

    def posting(self, field: str, word: str, bit: int) -> tuple[str, list]:
        """FTS5's posting list of `word` in the column; the documents are joined later (`candidates`)."""
        column = "name_folded" if field == "name" else "body_folded"
        return (
            f"SELECT rowid AS id, {bit} AS bit FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [f"{{{column}}} : {_phrase(word)}"],
        )

    def candidates(self) -> str:
        return f"a JOIN {DOC_TABLE} d INDEXED BY search_doc_rank_idx ON d.id = a.id"

    def in_list(self, column: str, values: list[int]) -> tuple[str, list]:
        if not values:
            return "0", []
        return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)

    def name_match(self, whole: list[str], last: str) -> tuple[str, list]:
        terms = [_phrase(word) for word in whole] + [f"{_phrase(last)}*"]
        return (
            f"d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            ["{name_folded} : (" + " AND ".join(terms) + ")"],
        )


class SqliteBackend(SqlBackend):
    engine = "sqlite-fts5"
    sql = SqliteSql()

    def _postings_write(self, cursor, rows: list[tuple[int, IndexDocument]]) -> None:
        if not rows:
            return
        self._postings_delete(cursor, [pk for pk, _doc in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, name_folded, body_folded) VALUES (%s, %s, %s)",
            [(pk, doc.name_folded, doc.body_folded) for pk, doc in rows],
        )

    def _postings_delete(self, cursor, pks: list[int]) -> None:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in pks])

    def _postings_clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
