"""The database backend: the `SearchDocument` table matched with SQLite FTS5 or PostgreSQL full text.

Text arrives already casefolded and folded (search.text), so FTS5's `unicode61` tokenizer (diacritics
kept) and PostgreSQL's `simple` configuration only split words. PostgreSQL adds typo tolerance from the
catalog's own vocabulary (syllables one edit away); SQLite has no fuzzy matching.
"""

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations

from django.db import connection, transaction

from search.backends.base import Candidate, Retrieval, SearchBackend, SearchRequest
from search.documents import FACETS, IndexDocument
from search.memo import memo_clear, memo_get
from search.models import SearchDocument, SearchFacetValue
from search.query import ParsedQuery
from search.text import fuzzy_variants

BATCH = 500
FACET_LABELS_CACHE_KEY = "search:facet-labels"
FACET_COMBOS_CACHE_KEY = "search:facet-combinations"
FTS_TABLE = "search_fts"
DOC_TABLE = SearchDocument._meta.db_table
FACET_TABLE = SearchFacetValue._meta.db_table
# Relaxed matching on PostgreSQL: the share of the typed syllables a document must contain, and how many
# syllables of a long query take part (the combinations grow quickly).
RELAXED_SHARE = 0.6
RELAXED_MAX_TOKENS = 7


def fuzzy_vocabulary() -> dict[str, tuple[str, int]]:
    """The syllables of procedure names in the index (cached by the selectors)."""
    from search.selectors import search_vocabulary

    return search_vocabulary()


def facet_keys(facets: dict[str, list[tuple[str, str]]]) -> dict[str, list[str]]:
    """The document's facet values (per facet, sorted); labels come from `facet_labels`."""
    return {facet: sorted({value[:255] for value, _label in facets.get(facet, [])}) for facet in FACETS}


def facet_combination(keys: dict[str, list[str]]) -> int:
    """A stable 64-bit id of a facet combination (documents with the same facet values share it)."""
    digest = hashlib.blake2b(json.dumps(keys, sort_keys=True).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def facet_combinations() -> dict[int, dict[str, list[str]]]:
    """Combination id → its facet values, for every combination in the index (cached; writes clear it)."""
    return memo_get(
        FACET_COMBOS_CACHE_KEY,
        lambda: dict(SearchDocument.objects.values_list("facet_combo", "facet_keys").distinct()),
    )


def facet_labels() -> dict[tuple[str, str], str]:
    """(facet, value) → label of every facet value in the index (cached; index writes clear it)."""
    return memo_get(
        FACET_LABELS_CACHE_KEY,
        lambda: {
            (facet, value): label
            for facet, value, label in SearchFacetValue.objects.values_list("facet", "value", "label").distinct()
        },
    )


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
            # BM25 over name and body picks candidates less sharply than the PostgreSQL name rank: a wider
            # window keeps SQLite's relevance (speed is not its job: it is the embedded default).
            self.rescore_window = 100
        else:  # pragma: no cover - the project runs on these two only
            raise NotImplementedError(f"No database search for {self.vendor}")

    # --- matching SQL ------------------------------------------------------------------------------------
    def retrieve(self, request: SearchRequest, *, strict: bool, limit: int) -> Retrieval:
        if self.vendor == "postgresql":
            return self._retrieve_postgresql(request, strict=strict, limit=limit)
        return self._retrieve_sqlite(request, strict=strict, limit=limit)

    @staticmethod
    def _candidates(ranked: list[tuple[int, float]]) -> list[Candidate]:
        docs = SearchDocument.objects.defer("body_text", "facet_keys").in_bulk([pk for pk, _rank in ranked])
        return [_candidate(docs[pk], float(rank or 0.0)) for pk, rank in ranked if pk in docs]

    # SQLite FTS5 ---------------------------------------------------------------------------------------------
    @staticmethod
    def _sqlite_match(query: ParsedQuery, *, strict: bool) -> str:
        def quote(token: str) -> str:
            return '"' + token.replace('"', '""') + '"'

        alternatives = [a.tokens for a in query.alternatives if a.tokens]
        if strict:
            expr = " OR ".join("(" + " AND ".join(quote(t) for t in alt) + ")" for alt in alternatives)
        else:
            phrases = [quote(" ".join(alt)) for alt in alternatives if len(alt) > 1]
            expr = " OR ".join([*phrases, *(quote(t) for t in query.all_folded_tokens)])
        return "{name_folded body_folded} : (" + expr + ")"

    @staticmethod
    def _sqlite_filters(filters: dict[str, list[str]], *, skip: str | None = None) -> tuple[str, list]:
        clauses, params = [], []
        for facet, values in sorted(filters.items()):
            if not values or facet == skip:
                continue
            placeholders = ", ".join(["%s"] * len(values))
            clauses.append(
                f"m.id IN (SELECT document_id FROM {FACET_TABLE} WHERE facet = %s AND value IN ({placeholders}))"
            )
            params += [facet, *values]
        return (" AND ".join(clauses), params)

    def _retrieve_sqlite(self, request: SearchRequest, *, strict: bool, limit: int) -> Retrieval:
        match_sql = (
            f"SELECT rowid AS id, -bm25({FTS_TABLE}, 0, 8.0, 0, 1.0) AS rank FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s"
        )
        match_params = [self._sqlite_match(request.query, strict=strict)]

        def matches(skip: str | None = None) -> tuple[str, list]:
            filter_sql, filter_params = self._sqlite_filters(request.filters, skip=skip)
            where = f"WHERE {filter_sql}" if filter_sql else ""
            return f"SELECT m.id, m.rank FROM ({match_sql}) m {where}", [*match_params, *filter_params]

        base, params = matches()
        facets: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({base}) c", params)
            count = cursor.fetchone()[0]
            if count == 0 and not request.filters:
                return Retrieval(0, [], {})
            cursor.execute(f"{base} ORDER BY m.rank DESC, m.id LIMIT %s", [*params, limit])
            ranked = cursor.fetchall()
            # Disjunctive facets: a facet's own filter does not narrow its counts (the other values stay visible).
            filtered = [facet for facet in FACETS if request.filters.get(facet)]
            cursor.execute(
                f"SELECT facet, value, label, count(*) FROM {FACET_TABLE} "
                f"WHERE document_id IN (SELECT id FROM ({base}) f) GROUP BY facet, value, label",
                params,
            )
            rows = [row for row in cursor.fetchall() if row[0] not in filtered]
            for facet in filtered:
                own, own_params = matches(skip=facet)
                cursor.execute(
                    f"SELECT facet, value, label, count(*) FROM {FACET_TABLE} "
                    f"WHERE facet = %s AND document_id IN (SELECT id FROM ({own}) f) GROUP BY facet, value, label",
                    [facet, *own_params],
                )
                rows += cursor.fetchall()
        for facet, value, label, n in rows:
            facets[facet].append((value, label, n))
        return Retrieval(count, self._candidates(ranked), dict(facets))

    # PostgreSQL ------------------------------------------------------------------------------------------------
    @staticmethod
    def _lexeme(token: str) -> str:
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def _pg_tsqueries(
        self, query: ParsedQuery, *, strict: bool, partial: bool = True
    ) -> tuple[str, dict[str, list[str]]]:
        """(tsquery text matching documents, each syllable's accepted spellings for the name ranking)."""
        lexeme = self._lexeme
        alternatives = [a.tokens for a in query.alternatives if a.tokens]
        if strict:
            match = " | ".join("(" + " & ".join(lexeme(t) for t in alt) + ")" for alt in alternatives)
            return match, {t: [t] for alt in alternatives for t in alt}
        # Relaxed (the strict match found nothing): syllables not in the catalog vocabulary also match the
        # known syllables one edit away (typos), and the query as typed needs only most of its syllables.
        known = fuzzy_vocabulary()
        variants: dict[str, list[str]] = {}

        def term(token: str) -> str:
            if token not in variants:
                variants[token] = [token, *fuzzy_variants(token, known)]
            return "(" + " | ".join(lexeme(t) for t in variants[token]) + ")"

        clauses = ["(" + " & ".join(term(t) for t in alt) + ")" for alt in alternatives]
        if not partial:
            return " | ".join(dict.fromkeys(clauses)), variants
        clauses = []
        for alt in alternatives:
            tokens = list(dict.fromkeys(alt))[:RELAXED_MAX_TOKENS]
            need = max(1, math.floor(len(tokens) * RELAXED_SHARE))  # as Elasticsearch's "1<60%"
            clauses += ["(" + " & ".join(term(t) for t in subset) + ")" for subset in combinations(tokens, need)]
        return " | ".join(dict.fromkeys(clauses)), variants

    @staticmethod
    def _pg_name_rank(query: ParsedQuery, variants: dict[str, list[str]]) -> tuple[str, list]:
        """SQL scoring a matched document by its name alone (cheap string tests on the in-row folded name): the
        share of the typed syllables in the name plus a bonus for the typed phrase; an everyday-name reading
        (synonym) scores when its phrase is in the name. The shared Python ranking then orders this window."""
        readings, params = [], []
        for position, alternative in enumerate(query.alternatives):
            alt = alternative.tokens
            if not alt:
                continue
            if position == 0:
                parts = []
                for token in alt:
                    options = variants.get(token, [token])
                    parts.append("(" + " OR ".join(["strpos(n, %s) > 0"] * len(options)) + ")::int")
                    params += [f" {option} " for option in options]
                reading = f"({' + '.join(parts)})::float8 / {len(alt)}"
                if len(alt) > 1:
                    reading += " + 2 * (strpos(n, %s) > 0)::int"
                    params.append(f" {' '.join(alt)} ")
            else:
                reading = "3 * (strpos(n, %s) > 0)::int"
                params.append(f" {' '.join(alt)} ")
            readings.append(f"({reading}) * {alternative.weight:.3f}")
        return ("GREATEST(" + ", ".join(readings) + ")" if readings else "0.0"), params

    def _retrieve_postgresql(self, request: SearchRequest, *, strict: bool, limit: int) -> Retrieval:
        if not strict:
            # Typos first: every syllable, each also as the known syllables one edit away (a small, precise
            # match); only when that finds nothing, most of the syllables.
            match, variants = self._pg_tsqueries(request.query, strict=False, partial=False)
            if any(len(options) > 1 for options in variants.values()):
                found = self._pg_run(request, match, variants, limit=limit)
                if found.count:
                    return found
        match, variants = self._pg_tsqueries(request.query, strict=strict)
        return self._pg_run(request, match, variants, limit=limit)

    def _pg_run(self, request: SearchRequest, match: str, variants: dict[str, list[str]], *, limit: int) -> Retrieval:
        """One statement: the text match runs once; count, the best `limit` and the facets all come from it.

        The SQL rank is cheap (string tests on the in-row folded name, shorter first); the shared Python
        ranking re-scores that window. Facets: matches are grouped by their facet combination (one integer per
        document), each combination counted with every filter but the facet's own (disjunctive faceting);
        Python spreads the combinations over their values.
        """
        rank_sql, rank_params = self._pg_name_rank(request.query, variants)
        filters = {facet: set(values) for facet, values in request.filters.items() if values and facet in FACETS}
        combos = facet_combinations()
        # A filter is the set of combinations holding one of its values (looked up in Python, tested as ints).
        allowed = {
            facet: [combo for combo, keys in combos.items() if values.intersection(keys.get(facet, ()))]
            for facet, values in filters.items()
        }
        flag_sql = "".join(f", d.facet_combo = ANY(%s::bigint[]) AS ok_{facet}" for facet in filters)
        flag_params = [allowed[facet] for facet in filters]

        def passes(skip: str | None = None) -> str:
            return " AND ".join(f"m.ok_{facet}" for facet in filters if facet != skip) or "TRUE"

        counts = ", ".join(f"count(*) FILTER (WHERE {passes(facet)})" for facet in FACETS)
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT d.id, d.facet_combo AS combo, length(d.name_folded) AS len, {rank_sql} AS rank{flag_sql}
                FROM {DOC_TABLE} d, LATERAL (SELECT ' ' || d.name_folded || ' ' AS n) padded
                WHERE d.search_vector @@ to_tsquery('simple', %s)
            ),
            hits AS (SELECT id, rank, len FROM m WHERE {passes()})
            SELECT 0, count(*)::float8, NULL::bigint[] FROM hits
            UNION ALL (SELECT 1, rank, ARRAY[id] FROM hits ORDER BY rank DESC, len, id LIMIT %s)
            UNION ALL SELECT 2, NULL, ARRAY[combo, {counts}] FROM m GROUP BY combo
        """
        params = [*rank_params, *flag_params, match, limit]
        count = 0
        ranked: list[tuple[int, float]] = []
        grouped: list[tuple[int, list[int]]] = []
        with connection.cursor() as cursor:
            # The GIN index is always the way in: for common syllables the planner estimates a sequential scan,
            # which reads and decompresses every row, several times slower than the bitmap scan.
            cursor.execute("SET enable_seqscan = off")
            try:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            finally:
                cursor.execute("RESET enable_seqscan")
        for kind, number, ints in rows:
            if kind == 0:
                count = int(number)
            elif kind == 1:
                ranked.append((ints[0], number))
            else:
                grouped.append((ints[0], ints[1:]))
        if any(combo not in combos for combo, _ns in grouped):  # indexed since this process built them
            memo_clear(FACET_COMBOS_CACHE_KEY)
            combos = facet_combinations()
        raw: dict[str, dict[str, int]] = {facet: defaultdict(int) for facet in FACETS}
        for combo, ns in grouped:
            keys = combos.get(combo, {})
            for index, facet in enumerate(FACETS):
                if ns[index]:
                    for value in keys.get(facet, ()):
                        raw[facet][value] += ns[index]
        labels = facet_labels() if any(raw.values()) else {}
        facets = {
            facet: [(value, labels.get((facet, value), value), n) for value, n in buckets.items()]
            for facet, buckets in raw.items()
        }
        return Retrieval(count, self._candidates(ranked), facets)

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
        keys = facet_keys(doc.facets)
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
            "facet_keys": keys,
            "facet_combo": facet_combination(keys),
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
        memo_clear(FACET_LABELS_CACHE_KEY, FACET_COMBOS_CACHE_KEY)
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
        memo_clear(FACET_LABELS_CACHE_KEY, FACET_COMBOS_CACHE_KEY)
        with transaction.atomic():
            pks = list(SearchDocument.objects.filter(procedure_id__in=procedure_ids).values_list("pk", flat=True))
            if self.vendor == "sqlite" and pks:
                with connection.cursor() as cursor:
                    cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in pks])
            SearchDocument.objects.filter(pk__in=pks).delete()

    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Callable[[int], None] | None = None) -> int:
        done = 0
        memo_clear(FACET_LABELS_CACHE_KEY, FACET_COMBOS_CACHE_KEY)
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
