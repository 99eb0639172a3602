"""The database backends' shared part: the `SearchDocument` table ranked in SQL (`search.backends.sqlite`
spells it for SQLite FTS5, `search.backends.postgres` for PostgreSQL full text).

Text arrives already casefolded and folded (search.text), so FTS5's `unicode61` tokenizer and PostgreSQL's
`simple` configuration only split words. One statement ranks in two phases (search.plan):

1. *Candidates*: the postings the plan reads (search.plan: in the name and the body for the cheapest terms
   that bound the candidates, in the name only for others; FTS5 column queries, on PostgreSQL index-only
   range scans of a narrow posting table that carries each document's facet combination and priors) are
   unioned and folded into one bit mask per document; the mask gives each document
   its coverage by those options, an optimistic bound on its coverage by all of them (`possible`), and a
   first score — computed once per distinct mask (many documents share one), the priors added per document.
   The best `CANDIDATES` go on (more when the page asked for lies deeper, so every page the count promises
   can be opened).
2. *Score*: for those, every option is tested in the padded folded name, core, body and steps (string
   positions on values concatenated once), giving the first-stage score of `search.plan` exactly; the
   masks of the options found in the body and steps go back with each hit for the shared re-ranking.

The count and facet counts are exact for the documents scored in phase 2; of the others, those whose postings
read already reach the threshold (sure matches) are counted, so beyond the candidates the count may miss
documents that would match only through the postings not read.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from search.backends.base import DISPLAY_FIELDS, RERANK_WINDOW, Candidate, Retrieval, SearchBackend, SearchRequest
from search.documents import FACETS, IndexDocument
from search.facets import (
    facet_combination,
    facet_combinations,
    facet_counts,
    facet_keys,
    facets_cache_clear,
)
from search.models import SearchDocument, SearchFacetValue
from search.plan import PlanReading, QueryPlan
from search.query import ParsedQuery

BATCH = 500
CANDIDATES = 200  # documents scored exactly (phase 2); more when the page asked for lies deeper
MAX_BITS = 62  # postings (an option in the name, or in the body) in the phase-1 mask
DOC_TABLE = SearchDocument._meta.db_table
EPSILON = 1e-9


def _candidate(
    row: dict, *, score: float = 0.0, body_terms=frozenset(), context_terms=frozenset(), body: str | None = None
) -> Candidate:
    return Candidate(
        procedure_id=row["procedure_id"],
        code=row["code"],
        slug=row["slug"],
        name=row["name"],
        field_name=row["field_name"],
        agency_name=row["agency_name"],
        online_service_level=row["online_service_level"],
        display=row["display"],
        score=score,
        local=row["local"],
        popularity=row["popularity"],
        body_terms=body_terms,
        context_terms=context_terms,
        body=body,
    )


class SqlDialect(ABC):
    """The few places where the engines spell the ranking SQL differently."""

    greatest_function = "max"
    least_function = "min"
    position_function = "instr"
    bit_union = "sum"  # folds the postings' bits into one mask per document
    bigint = ""  # the cast that makes a 0/1 flag a 64-bit integer before it is shifted
    real = ""  # the cast that makes a literal a floating-point number (not an exact decimal)
    # What a posting row carries of its document besides (id, bit) — phase 1 then needs no document lookup —
    # or nothing, when `candidates` joins the documents for it.
    posting_columns: tuple[str, ...] = ("combo", "local", "popularity")

    def number(self, value: float) -> str:
        """`value` as a floating-point literal: the scores are computed in floating point as in Python."""
        return f"{float(value)!r}{self.real}"

    def greatest(self, parts: list[str]) -> str:
        if not parts:
            return self.number(0.0)
        return parts[0] if len(parts) == 1 else f"{self.greatest_function}({', '.join(parts)})"

    def least(self, parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else f"{self.least_function}({', '.join(parts)})"

    def position(self, haystack: str) -> str:
        return f"{self.position_function}({haystack}, %s) > 0"

    @abstractmethod
    def flag(self, condition: str) -> str:
        """The condition as 0 or 1."""

    @abstractmethod
    def posting(self, field: str, word: str, bit: int) -> tuple[str, list]:
        """SELECT id, bit and the `posting_columns` of the documents holding `word` in `field` ("name" or
        "body")."""

    @abstractmethod
    def candidates(self) -> str:
        """The FROM clause of phase 1 over the grouped postings `a` (id, mask `m` and the `posting_columns`),
        giving `d.facet_combo`, `d.local` and `d.popularity`."""

    @abstractmethod
    def in_list(self, column: str, values: list[int]) -> tuple[str, list]:
        """`column` is one of `values` (none: false)."""

    @abstractmethod
    def name_match(self, whole: list[str], last: str) -> tuple[str, list]:
        """Documents `d` whose name holds every word of `whole` and a word starting with `last`."""


class _Ranking:
    """The SQL of one search (see the module docstring), with its parameters in textual order."""

    def __init__(self, sql: SqlDialect, plan: QueryPlan) -> None:
        self.sql = sql
        self.plan = plan
        self.blend = plan.blend
        # One bit per posting list read: (option, "name") for name_retrieval, (option, "body") for retrieval,
        # the options that select candidates first.
        postings = [(k, "name") for k in plan.retrieval] + [(k, "body") for k in plan.retrieval]
        postings += [(k, "name") for k in plan.name_retrieval if k not in plan.retrieval]
        self.bits = {posting: bit for bit, posting in enumerate(postings[:MAX_BITS])}
        self.retrieval = sorted({k for k, _field in self.bits})

    # phase 1 -------------------------------------------------------------------------------------------------
    def postings(self) -> tuple[str, list]:
        parts, params = [], []
        for (option, field), bit in self.bits.items():
            part, part_params = self.sql.posting(field, self.plan.options[option], 1 << bit)
            parts.append(part)
            params += part_params
        return " UNION ALL ".join(parts), params

    def _partial(self, reading: PlanReading) -> tuple[str, float]:
        """(SQL of the reading's coverage by the postings read, what the others could add at most)."""
        parts = []
        slack = 0.0
        for term in reading.terms:
            found = []
            unseen = 0.0  # the best this term could still score where no posting was read
            for k, quality in term.options:
                name, body = self.bits.get((k, "name")), self.bits.get((k, "body"))
                if name is not None:
                    found.append(f"{self.sql.number(quality)} * ((a.m >> {name}) & 1)")
                else:
                    unseen = max(unseen, quality)
                if body is not None:
                    found.append(f"{self.sql.number(quality * self.blend.body)} * ((a.m >> {body}) & 1)")
                else:
                    unseen = max(unseen, quality * self.blend.body)
                unseen = max(unseen, quality * self.blend.context)
            slack += term.share * unseen
            if found:
                parts.append(f"{self.sql.number(term.share)} * {self.sql.greatest(found)}")
        return (" + ".join(parts) or self.sql.number(0.0)), slack

    def phase1(self) -> tuple[str, str, str, str, str]:
        """(partial coverage columns r0, r1... of a mask `a.m`; its first score, possible and sure conditions over
        them; the priors of a document `d`): a document is possible when what it could still match reaches the
        threshold, sure when what it matched does. All but the priors depend on the mask alone."""
        columns, scores, bounds, found = [], [], [], []
        for index, reading in enumerate(self.plan.readings):
            partial, slack = self._partial(reading)
            columns.append(f"{partial} AS r{index}")
            scores.append(f"{self.sql.number(reading.weight)} * r{index}")
            bounds.append(f"r{index} + {self.sql.number(slack)}")
            found.append(f"r{index}")
        priors = (
            f"{self.sql.number(self.blend.level)} * d.local + {self.sql.number(self.blend.popularity)} * d.popularity"
        )
        threshold = self.sql.number(self.blend.threshold - EPSILON)
        return (
            ", ".join(columns),
            self.sql.greatest(scores),
            f"{self.sql.greatest(bounds)} >= {threshold}",
            f"{self.sql.greatest(found)} >= {threshold}",
            priors,
        )

    # phase 2 -------------------------------------------------------------------------------------------------
    def flags(self) -> tuple[str, list]:
        """Columns n_k, h_k, b_k, c_k (option k in name, core, body, steps) and p_j (phrase j in the name)."""
        columns, params = [], []
        for k, word in enumerate(self.plan.options):
            for prefix, haystack in (("n", "x.n"), ("h", "x.h"), ("b", "x.b"), ("c", "x.c")):
                columns.append(f"{self.sql.flag(self.sql.position(haystack))} AS {prefix}{k}")
                params.append(f" {word} ")
        for j, phrase in enumerate(self.plan.phrases):
            columns.append(f"{self.sql.flag(self.sql.position('x.n'))} AS p{j}")
            params.append(f" {phrase} ")
        return ", ".join(columns), params

    def coverages(self) -> str:
        """Columns v0, v1...: each reading's coverage of a candidate (from the flags of phase 2)."""
        blend, sql = self.blend, self.sql
        columns = []
        for index, reading in enumerate(self.plan.readings):
            coverage = []
            for term in reading.terms:
                found = []
                for k, quality in term.options:
                    found += [
                        f"{self.sql.number(quality)} * n{k}",
                        f"{self.sql.number(quality * blend.body)} * b{k}",
                        f"{self.sql.number(quality * blend.context)} * c{k}",
                    ]
                coverage.append(f"{self.sql.number(term.share)} * {sql.greatest(found)}")
            columns.append(f"{' + '.join(coverage)} AS v{index}")
        return ", ".join(columns)

    def _reading_score(self, index: int, reading: PlanReading) -> str:
        blend, sql = self.blend, self.sql
        in_head, in_name = [], []
        for term in reading.terms:
            in_head.append(sql.greatest([f"h{k}" for k, _q in term.options]))
            in_name.append(sql.greatest([f"n{k}" for k, _q in term.options]))
        cov = f"f.v{index}"
        if reading.pairs:
            proximity = " + ".join(
                f"{self.sql.number(pair.share)} * {sql.greatest([f'p{j}' for j in pair.phrases])}"
                for pair in reading.pairs
            )
        else:
            proximity = in_name[0]
        one = sql.number(1.0)
        core = sql.least([one, f"({' + '.join(in_head)}) * {one} / {sql.greatest(['f.head_length', '1'])}"])
        whole = sql.least([one, f"({' + '.join(in_name)}) * {one} / {sql.greatest(['f.name_length', '1'])}"])
        total = (
            f"{cov} + {self.sql.number(blend.proximity)} * ({proximity}) + {self.sql.number(blend.core)} * {core}"
            f" + {self.sql.number(blend.whole)} * {whole}"
        )
        return f"CASE WHEN {cov} >= {self.sql.number(blend.threshold - EPSILON)} THEN {self.sql.number(reading.weight)} * ({total}) ELSE {sql.number(0.0)} END"

    def score(self) -> str:
        readings = self.sql.greatest(
            [self._reading_score(index, reading) for index, reading in enumerate(self.plan.readings)]
        )
        return f"{readings} + {self.sql.number(self.blend.level)} * f.local + {self.sql.number(self.blend.popularity)} * f.popularity"

    def masks(self) -> tuple[str, str]:
        cast = self.sql.bigint
        body = " + ".join(f"(b{k}{cast} << {k})" for k in range(len(self.plan.options))) or "0"
        steps = " + ".join(f"(c{k}{cast} << {k})" for k in range(len(self.plan.options))) or "0"
        return body, steps


class SqlBackend(SearchBackend):
    """Ranking, suggestions and writing on the `SearchDocument` table; subclasses give the engine's SQL
    (`sql`) and keep its full-text structures in step with the table (the `_postings_*` hooks)."""

    backend = "database"
    sql: SqlDialect

    def _session(self, cursor) -> None:
        """Settings for the ranking statement, inside its transaction (none by default)."""

    def _postings_write(self, cursor, rows: list[tuple[int, IndexDocument]]) -> None:
        """Index these (document id, document) pairs where the engine keeps text apart from the table."""

    def _postings_delete(self, cursor, pks: list[int]) -> None:
        """Forget these document ids there."""

    def _postings_clear(self, cursor) -> None:
        """Forget every document there."""

    def _postings_settle(self, cursor) -> None:
        """After a rebuild committed (outside any transaction): make the new structures fast to read."""

    # --- ranking ---------------------------------------------------------------------------------------------
    def retrieve(self, request: SearchRequest, plan: QueryPlan, *, limit: int) -> Retrieval:
        ranking = _Ranking(self.sql, plan)
        if not ranking.retrieval:
            return Retrieval(0, [], {})
        filters = {facet: set(values) for facet, values in request.filters.items() if values and facet in FACETS}
        statement, params = self._statement(ranking, filters, limit=limit)
        with transaction.atomic(), connection.cursor() as cursor:
            self._session(cursor)
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        count = 0
        ranked: list[tuple[int, float, int, int]] = []
        grouped: list[tuple[int, list[int]]] = []
        for kind, key, number, *rest in rows:
            if kind == 0:
                count = int(number or 0)
            elif kind == 1:
                ranked.append((key, float(number), int(rest[0] or 0), int(rest[1] or 0)))
            else:
                grouped.append((key, [int(n or 0) for n in rest]))
        # The page shown lies among the re-ranked head or, deeper, at the page's place in the engine's order.
        shown = {r[0] for r in ranked[:RERANK_WINDOW]}
        shown |= {r[0] for r in ranked[request.offset : request.offset + request.page_size]}
        return Retrieval(count, self._candidates(plan, ranked, with_body=shown), facet_counts(grouped))

    def _facet_conditions(self, filters: dict[str, set[str]]) -> tuple[str, list]:
        """Phase-1 columns ok_<facet>: the document's facet combination passes that facet's filter."""
        combos = facet_combinations()
        columns, params = [], []
        for facet, values in filters.items():
            allowed = [combo for combo, keys in combos.items() if values.intersection(keys.get(facet, ()))]
            condition, condition_params = self.sql.in_list("d.facet_combo", allowed)
            columns.append(f", {self.sql.flag(condition)} AS ok_{facet}")  # condition on d.facet_combo
            params += condition_params
        return "".join(columns), params

    def _statement(self, ranking: _Ranking, filters: dict[str, set[str]], *, limit: int) -> tuple[str, list]:
        """The one ranking statement: rows (0, count), (1, id, score, body mask, steps mask) best first, and
        (2, facet combination, count per facet with every filter but that facet's)."""
        sql = self.sql

        def passes(skip: str | None = None) -> str:
            return " AND ".join(f"ok_{facet} = 1" for facet in filters if facet != skip) or "1 = 1"

        ok_columns, ok_params = self._facet_conditions(filters)
        postings, posting_params = ranking.postings()
        partials, first, possible, sure, priors = ranking.phase1()
        flags, flag_params = ranking.flags()
        body_mask, steps_mask = ranking.masks()
        ok_select = "".join(f", p.ok_{facet}" for facet in filters)
        counts = ", ".join(f"count(*) FILTER (WHERE {passes(facet)})" for facet in FACETS)
        nothing = "CAST(NULL AS BIGINT)"
        carried = "".join(f", {column}" for column in sql.posting_columns)
        carried_max = "".join(f", max({column}) AS {column}" for column in sql.posting_columns)
        # The postings are read once, straight into the grouping (NOT MATERIALIZED: SQLite otherwise writes them
        # all to a temporary table first; PostgreSQL inlines a CTE read once anyway).
        statement = f"""
            WITH hits(id, bit{carried}) AS NOT MATERIALIZED ({postings}),
            a AS (SELECT id, {sql.bit_union}(bit) AS m{carried_max} FROM hits GROUP BY id),
            u AS MATERIALIZED (
                SELECT m, {partials} FROM (SELECT DISTINCT m FROM a) a
            ),
            ms AS MATERIALIZED (
                SELECT m, {first} AS s0, CASE WHEN {sure} THEN 1 ELSE 0 END AS sure FROM u WHERE {possible}
            ),
            poss AS MATERIALIZED (
                SELECT d.id, d.facet_combo AS combo, ms.s0 + {priors} AS s1, ms.sure{ok_columns}
                FROM {sql.candidates()} JOIN ms ON ms.m = a.m
            ),
            top AS MATERIALIZED (
                SELECT id, combo, sure{ok_select} FROM poss p WHERE {passes()} ORDER BY s1 DESC, id
                LIMIT {max(CANDIDATES, int(limit))}
            ),
            x AS MATERIALIZED (
                SELECT d.id, d.name_length, d.head_length, d.local, d.popularity,
                       ' ' || d.name_folded || ' ' AS n, ' ' || d.head_folded || ' ' AS h,
                       ' ' || d.body_folded || ' ' AS b, ' ' || d.context_terms || ' ' AS c
                FROM top t JOIN {DOC_TABLE} d ON d.id = t.id
            ),
            f AS MATERIALIZED (
                SELECT x.id, x.name_length, x.head_length, x.local, x.popularity, {flags} FROM x
            ),
            g AS MATERIALIZED (SELECT f.*, {ranking.coverages()} FROM f),
            e AS MATERIALIZED (
                SELECT f.id, {ranking.score()} AS score, {body_mask} AS bm, {steps_mask} AS cm FROM g f
            ),
            passed AS MATERIALIZED (SELECT id, score, bm, cm FROM e WHERE score > 0),
            matched AS MATERIALIZED (
                SELECT p.id, p.combo{ok_select} FROM poss p WHERE p.sure = 1
                UNION ALL
                SELECT p.id, p.combo{ok_select} FROM top p JOIN passed ON passed.id = p.id WHERE p.sure = 0
            )
            SELECT 0, {nothing}, count(*) * 1.0, {nothing}, {nothing}, {nothing}, {nothing}, {nothing}
            FROM matched WHERE {passes()}
            UNION ALL
            SELECT * FROM (
                SELECT 1, id, score * 1.0, bm, cm, {nothing}, {nothing}, {nothing}
                FROM passed ORDER BY score DESC, id LIMIT {int(limit)}
            ) ranked
            UNION ALL
            SELECT 2, combo, CAST(NULL AS DOUBLE PRECISION), {counts} FROM matched GROUP BY combo
        """
        return statement, [*posting_params, *ok_params, *flag_params]

    def _candidates(
        self, plan: QueryPlan, ranked: list[tuple[int, float, int, int]], *, with_body: set[int]
    ) -> list[Candidate]:
        """The ranked documents' displayed fields; the body too for those in `with_body` (the page may show them:
        fetched in the same query instead of a second one after the re-ranking)."""
        if not ranked:
            return []
        # Plain SQL: the ORM's query building and row handling cost more than the query itself here.
        shown, shown_params = self.sql.in_list("id", sorted(with_body))
        wanted, wanted_params = self.sql.in_list("id", [r[0] for r in ranked])
        columns = ("id", "shown_body", *DISPLAY_FIELDS)
        display = SearchDocument._meta.get_field("display")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, CASE WHEN {shown} THEN body END, {', '.join(DISPLAY_FIELDS)} FROM {DOC_TABLE} "
                f"WHERE {wanted}",
                [*shown_params, *wanted_params],
            )
            rows = {row[0]: dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}
        for row in rows.values():
            row["display"] = display.from_db_value(row["display"], None, connection)

        def terms(mask: int) -> frozenset[str]:
            return frozenset(word for k, word in enumerate(plan.options) if mask >> k & 1)

        return [
            _candidate(
                rows[pk], score=score, body_terms=terms(body), context_terms=terms(steps), body=rows[pk]["shown_body"]
            )
            for pk, score, body, steps in ranked
            if pk in rows
        ]

    def by_code(self, code: str) -> Candidate | None:
        row = SearchDocument.objects.filter(code=code).values(*DISPLAY_FIELDS).first()
        return _candidate(row, score=1.0) if row else None

    # --- suggestions -----------------------------------------------------------------------------------------
    def suggest(self, query: ParsedQuery, *, limit: int) -> list[Candidate]:
        words = list(query.folded)
        if not words:
            return []
        *whole, last = words
        typed = " ".join(words)
        match, params = self.sql.name_match(whole, last)
        position = self.sql.position("' ' || d.name_folded")
        statement = f"""
            SELECT d.id FROM {DOC_TABLE} d WHERE {match}
            ORDER BY {self.sql.flag(position)} DESC, d.popularity DESC, d.local DESC, length(d.name_folded), d.id
            LIMIT {int(limit) * 5}
        """
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, f" {typed}"])
            ids = [row[0] for row in cursor.fetchall()]
        rows = {row["id"]: row for row in SearchDocument.objects.filter(pk__in=ids).values("id", *DISPLAY_FIELDS)}
        return [_candidate(rows[pk]) for pk in ids if pk in rows]

    # --- writing -----------------------------------------------------------------------------------------
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
            "head_folded": doc.head_folded,
            "body": doc.body,
            "body_text": doc.body_text,
            "body_folded": doc.body_folded,
            "context_terms": doc.context_terms,
            "name_length": len(doc.name_folded.split()),
            "head_length": len(doc.head_folded.split()),
            "local": doc.local,
            "popularity": doc.popularity,
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
        facets_cache_clear()
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
                self._postings_write(cursor, rows)

    def remove(self, procedure_ids: list[int]) -> None:
        facets_cache_clear()
        with transaction.atomic():
            pks = list(SearchDocument.objects.filter(procedure_id__in=procedure_ids).values_list("pk", flat=True))
            if pks:
                with connection.cursor() as cursor:
                    self._postings_delete(cursor, pks)
            SearchDocument.objects.filter(pk__in=pks).delete()

    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Callable[[int], None] | None = None) -> int:
        done = 0
        facets_cache_clear()
        with transaction.atomic():
            with connection.cursor() as cursor:  # first: then nothing is left to follow the documents' deletion
                self._postings_clear(cursor)
            SearchFacetValue.objects.all().delete()
            SearchDocument.objects.all().delete()
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
        if not connection.in_atomic_block:  # committed: readers see the new index
            with connection.cursor() as cursor:
                self._postings_settle(cursor)
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
            self._postings_write(cursor, rows)

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("procedure_id", flat=True))
