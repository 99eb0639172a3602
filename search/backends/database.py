"""The database backend: the `SearchDocument` table matched with SQLite FTS5 or PostgreSQL full text.

Text arrives already casefolded and folded (search.text), so FTS5's `unicode61` tokenizer (diacritics
kept) and PostgreSQL's `simple` configuration only split words. PostgreSQL adds typo tolerance with
pg_trgm word similarity on the folded name; SQLite has no fuzzy matching.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from search.backends.base import Candidate, Retrieval, SearchBackend, SearchRequest
from search.documents import IndexDocument
from search.models import SearchDocument, SearchFacetValue
from search.query import ParsedQuery

BATCH = 500
FTS_TABLE = "search_fts"
DOC_TABLE = SearchDocument._meta.db_table
FACET_TABLE = SearchFacetValue._meta.db_table
# Minimum pg_trgm word similarity for a typo to count as a match on the folded name.
TRIGRAM_THRESHOLD = 0.5


def _candidate(doc: SearchDocument, native: float) -> Candidate:
    return Candidate(
        procedure_id=doc.procedure_id,
        code=doc.code,
        slug=doc.slug,
        name=doc.name,
        name_text=doc.name_text,
        name_folded=doc.name_folded,
        body=doc.body,
        body_folded=doc.body_folded,
        field_name=doc.field_name,
        agency_name=doc.agency_name,
        online_service_level=doc.online_service_level,
        display=doc.display,
        native=native,
    )


class DatabaseBackend(SearchBackend):
    backend = "database"

    def __init__(self) -> None:
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            self.engine = "postgresql"
            self.supports_fuzzy = True
        elif self.vendor == "sqlite":
            self.engine = "sqlite-fts5"
            self.supports_fuzzy = False
        else:  # pragma: no cover - the project runs on these two only
            raise NotImplementedError(f"No database search for {self.vendor}")

    # --- matching SQL ------------------------------------------------------------------------------------
    def _match(self, query: ParsedQuery, *, strict: bool) -> tuple[str, list, str, list]:
        """(SQL selecting (id, rank) of matching documents, params, rank expression, its params)."""
        alternatives = [a.tokens for a in query.alternatives if a.tokens]
        if self.vendor == "sqlite":

            def quote(token: str) -> str:
                return '"' + token.replace('"', '""') + '"'

            if strict:
                expr = " OR ".join("(" + " AND ".join(quote(t) for t in alt) + ")" for alt in alternatives)
            else:
                phrases = [quote(" ".join(alt)) for alt in alternatives if len(alt) > 1]
                expr = " OR ".join([*phrases, *(quote(t) for t in query.all_folded_tokens)])
            match = "{name_folded body_folded} : (" + expr + ")"
            sql = f"SELECT rowid AS id, -bm25({FTS_TABLE}, 0, 8.0, 0, 1.0) AS rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
            return sql, [match], "", []

        def lexeme(token: str) -> str:
            return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"

        if strict:
            tsquery = " | ".join("(" + " & ".join(lexeme(t) for t in alt) + ")" for alt in alternatives)
        else:
            phrases = ["(" + " <-> ".join(lexeme(t) for t in alt) + ")" for alt in alternatives if len(alt) > 1]
            tsquery = " | ".join([*phrases, *(lexeme(t) for t in query.all_folded_tokens)])
        if strict:
            sql = (
                f"SELECT id, ts_rank_cd(search_vector, q) AS rank FROM {DOC_TABLE}, to_tsquery('simple', %s) q "
                "WHERE search_vector @@ q"
            )
            return sql, [tsquery], "", []
        text = query.folded_text
        sql = (
            f"SELECT id, ts_rank_cd(search_vector, q) + word_similarity(%s, name_folded) AS rank "
            f"FROM {DOC_TABLE}, to_tsquery('simple', %s) q "
            f"WHERE search_vector @@ q OR (%s <%% name_folded AND word_similarity(%s, name_folded) >= {TRIGRAM_THRESHOLD})"
        )
        return sql, [text, tsquery, text, text], "", []

    def _filter_sql(self, filters: dict[str, list[str]]) -> tuple[str, list]:
        clauses, params = [], []
        for facet, values in sorted(filters.items()):
            if not values:
                continue
            placeholders = ", ".join(["%s"] * len(values))
            clauses.append(
                f"m.id IN (SELECT document_id FROM {FACET_TABLE} WHERE facet = %s AND value IN ({placeholders}))"
            )
            params += [facet, *values]
        return (" AND ".join(clauses), params)

    def retrieve(self, request: SearchRequest, *, strict: bool, limit: int) -> Retrieval:
        match_sql, match_params, _, _ = self._match(request.query, strict=strict)
        filter_sql, filter_params = self._filter_sql(request.filters)
        where = f"WHERE {filter_sql}" if filter_sql else ""
        base = f"SELECT m.id, m.rank FROM ({match_sql}) m {where}"
        params = [*match_params, *filter_params]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({base}) c", params)
            count = cursor.fetchone()[0]
            if count == 0:
                return Retrieval(0, [], {})
            cursor.execute(f"{base} ORDER BY m.rank DESC, m.id LIMIT %s", [*params, limit])
            ranked = cursor.fetchall()
            cursor.execute(
                f"SELECT facet, value, label, count(*) FROM {FACET_TABLE} "
                f"WHERE document_id IN (SELECT id FROM ({base}) f) GROUP BY facet, value, label",
                params,
            )
            facet_rows = cursor.fetchall()
        docs = SearchDocument.objects.in_bulk([row[0] for row in ranked])
        candidates = [_candidate(docs[pk], float(rank or 0.0)) for pk, rank in ranked if pk in docs]
        facets: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for facet, value, label, n in facet_rows:
            facets[facet].append((value, label, n))
        return Retrieval(count, candidates, dict(facets))

    def by_code(self, code: str) -> Candidate | None:
        doc = SearchDocument.objects.filter(code=code).first()
        return _candidate(doc, 1.0) if doc else None

    def suggest(self, query: ParsedQuery, *, limit: int) -> list[Candidate]:
        text = query.folded_text
        if not text:
            return []
        starts = list(SearchDocument.objects.filter(name_folded__startswith=text).order_by("name_folded")[:limit])
        rest = limit - len(starts)
        if rest > 0:
            seen = [doc.pk for doc in starts]
            starts += list(
                SearchDocument.objects.filter(name_folded__contains=" " + text)
                .exclude(pk__in=seen)
                .order_by("name_folded")[: rest * 3]
            )
        starts.sort(key=lambda doc: (not doc.name_folded.startswith(text), len(doc.name_folded)))
        return [_candidate(doc, 0.0) for doc in starts[:limit]]

    # --- writing -----------------------------------------------------------------------------------------
    def _fts_write(self, cursor, rows: list[tuple[int, IndexDocument]]) -> None:
        if self.vendor != "sqlite" or not rows:
            return
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _doc in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, name_text, name_folded, body_text, body_folded) VALUES (%s, %s, %s, %s, %s)",
            [(pk, d.name_text, d.name_folded, d.body_text, d.body_folded) for pk, d in rows],
        )

    @staticmethod
    def _fields(doc: IndexDocument) -> dict:
        return {
            "version_id": doc.version_id,
            "code": doc.code,
            "slug": doc.slug,
            "name": doc.name,
            "name_text": doc.name_text,
            "name_folded": doc.name_folded,
            "body": doc.body,
            "body_text": doc.body_text,
            "body_folded": doc.body_folded,
            "field_slug": doc.field_slug,
            "field_name": doc.field_name,
            "agency_name": doc.agency_name,
            "online_service_level": doc.online_service_level,
            "display": doc.display,
        }

    @staticmethod
    def _facet_rows(pk: int, doc: IndexDocument) -> list[SearchFacetValue]:
        return [
            SearchFacetValue(document_id=pk, facet=facet, value=value[:255], label=label[:500])
            for facet, values in doc.facets.items()
            for value, label in values
        ]

    def index(self, documents: list[IndexDocument]) -> None:
        if not documents:
            return
        with transaction.atomic():
            rows: list[tuple[int, IndexDocument]] = []
            for doc in documents:
                row, _created = SearchDocument.objects.update_or_create(
                    procedure_id=doc.procedure_id, defaults=self._fields(doc)
                )
                rows.append((row.pk, doc))
            SearchFacetValue.objects.filter(document_id__in=[pk for pk, _ in rows]).delete()
            SearchFacetValue.objects.bulk_create([fv for pk, doc in rows for fv in self._facet_rows(pk, doc)])
            with connection.cursor() as cursor:
                self._fts_write(cursor, rows)

    def remove(self, procedure_ids: list[int]) -> None:
        with transaction.atomic():
            pks = list(SearchDocument.objects.filter(procedure_id__in=procedure_ids).values_list("pk", flat=True))
            if self.vendor == "sqlite" and pks:
                with connection.cursor() as cursor:
                    cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in pks])
            SearchDocument.objects.filter(pk__in=pks).delete()

    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Callable[[int], None] | None = None) -> int:
        done = 0
        with transaction.atomic():
            SearchFacetValue.objects.all().delete()
            SearchDocument.objects.all().delete()
            with connection.cursor() as cursor:
                if self.vendor == "sqlite":
                    cursor.execute(f"DELETE FROM {FTS_TABLE}")
            batch: list[IndexDocument] = []
            for doc in documents:
                batch.append(doc)
                if len(batch) >= BATCH:
                    self._bulk_insert(batch)
                    done += len(batch)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                self._bulk_insert(batch)
                done += len(batch)
                if progress:
                    progress(len(batch))
        return done

    def _bulk_insert(self, batch: list[IndexDocument]) -> None:
        created = SearchDocument.objects.bulk_create(
            [SearchDocument(procedure_id=doc.procedure_id, **self._fields(doc)) for doc in batch]
        )
        if created and created[0].pk is None:  # backends that do not return ids
            by_procedure = dict(
                SearchDocument.objects.filter(procedure_id__in=[d.procedure_id for d in batch]).values_list(
                    "procedure_id", "pk"
                )
            )
        else:
            by_procedure = {row.procedure_id: row.pk for row in created}
        rows = [(by_procedure[doc.procedure_id], doc) for doc in batch]
        SearchFacetValue.objects.bulk_create([fv for pk, doc in rows for fv in self._facet_rows(pk, doc)])
        with connection.cursor() as cursor:
            self._fts_write(cursor, rows)

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("procedure_id", flat=True))
