"""The Elasticsearch backend (the client's `elasticsearch.dsl`), for the built-in analyzers only.

Text is folded in Python before indexing (the minimal distribution has no asciifolding or ICU), so the
mapping works on any cluster. Readers and writers use an alias; `rebuild` fills a new index and swaps the
alias atomically (zero downtime). Every request has the short search timeout; a transport error becomes
`BackendUnavailable` so the caller can fall back to the database.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import Q, Search
from elasticsearch.helpers import BulkIndexError, streaming_bulk
from elasticsearch.serializer import OrjsonSerializer

from search.backends.base import (
    DISPLAY_FIELDS,
    BackendUnavailable,
    Candidate,
    Retrieval,
    SearchBackend,
    SearchRequest,
    SearchResults,
)
from search.documents import FACETS, IndexDocument
from search.facets import facet_combination, facet_counts_filtered, facet_keys, facet_table
from search.plan import QueryPlan
from search.query import ParsedQuery

INDEX_TIMEOUT_SECONDS = 30
EPSILON = 1e-9
_FACET_FIELDS = {facet: f"f_{facet}" for facet in FACETS}
_SOURCE = list(DISPLAY_FIELDS)
# Ranked hits bring their body too: the shared highlighting marks the shown page (search.ranking.highlight).
_RANKED_SOURCE = [*DISPLAY_FIELDS, "body"]
# Text fields of a hit copied into its `Candidate` (empty when missing).
_TEXT_FIELDS = ("code", "slug", "name", "field_name", "agency_name", "online_service_level")
_FOLDED = {"type": "text", "analyzer": "whitespace", "norms": False, "index_options": "docs"}

MAPPING = {
    "dynamic": "strict",
    "properties": {
        "procedure_id": {"type": "long"},
        "code": {"type": "keyword"},
        "slug": {"type": "keyword"},
        # Displayed texts (analysed with offsets for highlighting; the page's marks are now made by the shared
        # search.ranking.highlight, which costs less than Elasticsearch's highlighter on every candidate).
        "name": {"type": "text", "analyzer": "standard", "index_options": "offsets"},
        "body": {"type": "text", "analyzer": "standard", "index_options": "offsets"},
        # Folded texts the ranking matches (whitespace tokens: search.text did the analysis).
        "name_folded": {"type": "text", "analyzer": "whitespace", "norms": False, "index_phrases": True},
        "head_folded": _FOLDED,
        "body_folded": _FOLDED,
        "context_terms": _FOLDED,
        "name_length": {"type": "short"},
        "head_length": {"type": "short"},
        "local": {"type": "float"},
        "popularity": {"type": "float"},
        "field_name": {"type": "keyword", "index": False},
        "agency_name": {"type": "keyword", "index": False},
        "online_service_level": {"type": "keyword"},
        "display": {"type": "object", "enabled": False},
        **{name: {"type": "keyword"} for name in _FACET_FIELDS.values()},
        # The document's facet combination (search.facets): the facet counts are one aggregation over it.
        "facet_combo": {"type": "keyword"},
    },
}
# An index an earlier release built (its documents have no facet combination): searches answer from the database
# until it is rebuilt, and the writes its strict mapping refuses wait in the retry queue.
OUTDATED_INDEX = "the index predates facet combinations: run manage.py search_reindex"
SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}


def _unavailable(exc: Exception) -> BackendUnavailable:
    return BackendUnavailable(f"{exc.__class__.__name__}: {exc}")


class ElasticsearchBackend(SearchBackend):
    backend = "elasticsearch"
    engine = "elasticsearch"
    supports_fuzzy = True

    def __init__(self, *, url: str, prefix: str, timeout: float) -> None:
        self.url = url
        self.alias = f"{prefix}_procedures"
        # orjson reads and writes the long ranking requests and their hits several times faster than json.
        serializer = OrjsonSerializer()
        self.client = Elasticsearch(
            url,
            request_timeout=timeout,
            max_retries=0,
            retry_on_timeout=False,
            serializers={"application/json": serializer, "application/vnd.elasticsearch+json": serializer},
        )
        self.last_took: int | None = None  # server-side milliseconds of the last search, all requests (benchmarks)

    # --- helpers -----------------------------------------------------------------------------------------
    def _search(self) -> Search:
        return Search(using=self.client, index=self.alias)

    def _writer(self) -> Elasticsearch:
        return self.client.options(request_timeout=INDEX_TIMEOUT_SECONDS)

    @staticmethod
    def _source(doc: IndexDocument) -> dict:
        source = {
            "procedure_id": doc.procedure_id,
            "code": doc.code,
            "slug": doc.slug,
            "name": doc.name,
            "body": doc.body,
            "name_folded": doc.name_folded,
            "head_folded": doc.head_folded,
            "body_folded": doc.body_folded,
            "context_terms": doc.context_terms,
            "name_length": max(1, len(doc.name_folded.split())),
            "head_length": max(1, len(doc.head_folded.split())),
            "local": doc.local,
            "popularity": doc.popularity,
            "field_name": doc.field_name,
            "agency_name": doc.agency_name,
            "online_service_level": doc.online_service_level,
            "display": doc.display,
        }
        for facet, name in _FACET_FIELDS.items():
            source[name] = [value for value, _label in doc.facets.get(facet, [])]
        source["facet_combo"] = str(facet_combination(facet_keys(doc.facets)))
        return source

    @staticmethod
    def _candidate(hit: dict) -> Candidate:
        """A hit of the raw response (plain dicts: wrapping thousands of values in `elasticsearch.dsl`'s
        response objects cost more than reading them)."""
        source = hit.get("_source") or {}
        matched = hit.get("matched_queries") or ()
        text = {key: source.get(key) or "" for key in _TEXT_FIELDS}
        return Candidate(
            procedure_id=source["procedure_id"],
            **text,
            display=source.get("display") or {},
            score=float(hit.get("_score") or 0.0),
            local=float(source.get("local") or 0.0),
            popularity=float(source.get("popularity") or 0.0),
            body_terms=frozenset(name[2:] for name in matched if name.startswith("b:")),
            context_terms=frozenset(name[2:] for name in matched if name.startswith("c:")),
            body=source.get("body"),
        )

    def _hits(self, search: Search, body: dict | None = None) -> dict:
        """The raw response of `search` (or of `body`, a request written out already)."""
        return self.client.search(index=self.alias, body=body if body is not None else search.to_dict()).body

    @staticmethod
    def _ranking_query(plan: QueryPlan) -> dict:
        """The first-stage score of search.plan: per reading, coverage (at least the threshold) plus adjacent
        pairs, core and whole-name shares; the best reading; plus the level and popularity priors.

        Written as the request's JSON directly: a long query has thousands of clauses, and building and
        serialising them as `elasticsearch.dsl` objects cost more than Elasticsearch takes to run them."""
        blend = plan.blend
        words = plan.options

        def constant(filter_: dict, boost: float, name: str | None = None) -> dict:
            body = {"filter": filter_, "boost": boost}
            if name:
                body["_name"] = name
            return {"constant_score": body}

        readings = []
        for reading in plan.readings:
            coverage = []
            for term in reading.terms:
                choices = []
                for k, quality in term.options:
                    word = words[k]
                    choices += [
                        constant({"term": {"name_folded": word}}, term.share * quality),
                        constant({"term": {"body_folded": word}}, term.share * quality * blend.body, f"b:{word}"),
                        constant({"term": {"context_terms": word}}, term.share * quality * blend.context, f"c:{word}"),
                    ]
                coverage.append({"dis_max": {"queries": choices}})
            # Lucene hands the reading's boost down to every clause: the coverage seen here is already times it.
            extras = []
            if reading.pairs:
                for pair in reading.pairs:
                    phrases = [{"match_phrase": {"name_folded": plan.phrases[j]}} for j in pair.phrases]
                    extras.append(constant({"bool": {"should": phrases}}, blend.proximity * pair.share))
            else:
                options = [words[k] for k, _q in reading.terms[0].options]
                extras.append(constant({"terms": {"name_folded": options}}, blend.proximity))
            for field, length, weight in (
                ("head_folded", "head_length", blend.core),
                ("name_folded", "name_length", blend.whole),
            ):
                # weight × terms found ÷ the field's syllables (no scripting: the minimal distribution has none)
                found = [
                    constant({"terms": {field: [words[k] for k, _q in term.options]}}, weight) for term in reading.terms
                ]
                extras.append(
                    {
                        "function_score": {
                            "query": {"bool": {"should": found}},
                            "functions": [
                                {"field_value_factor": {"field": length, "modifier": "reciprocal", "missing": 1}}
                            ],
                            "boost_mode": "multiply",
                        }
                    }
                )
            # Only documents holding one of the reading's bound options in the name or the body can reach its
            # threshold (search.plan). Required inside the coverage query, the filter leads: the clauses of the
            # reading's (often common) syllables are only advanced to those documents and scored there.
            bound = {
                "bool": {
                    "should": [
                        {"terms": {"name_folded": [words[k] for k in reading.bound_names]}},
                        {"terms": {"body_folded": [words[k] for k in reading.bound_bodies]}},
                    ]
                }
            }
            covered = {
                "function_score": {
                    "query": {"bool": {"filter": [bound], "should": coverage}},
                    "min_score": (blend.threshold - EPSILON) * reading.weight,
                }
            }
            readings.append({"bool": {"must": [covered], "should": extras, "boost": reading.weight}})
        return {
            "function_score": {
                "query": {"dis_max": {"queries": readings}},
                "functions": [
                    {"field_value_factor": {"field": "local", "factor": blend.level, "missing": 0}},
                    {"field_value_factor": {"field": "popularity", "factor": blend.popularity, "missing": 0}},
                ],
                "score_mode": "sum",
                "boost_mode": "sum",
            }
        }

    @staticmethod
    def _filter_clauses(filters: dict[str, list[str]], *, skip: str | None = None) -> list:
        return [
            Q("terms", **{_FACET_FIELDS[facet]: values})
            for facet, values in sorted(filters.items())
            if values and facet in _FACET_FIELDS and facet != skip
        ]

    # --- reading -----------------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        self.last_took = 0
        return super().search(request)

    def retrieve(self, request: SearchRequest, plan: QueryPlan, *, limit: int) -> Retrieval:
        """One request: hits ranked by the first-stage score with their bodies, filtered by `post_filter`; the
        matches per facet combination as one aggregation (it ignores the post filter), summed into facet counts
        that apply every filter but their own (disjunctive faceting, search.facets)."""
        search = self._search()
        filters = self._filter_clauses(request.filters)
        if filters:
            search = search.post_filter("bool", filter=filters)
        search = search.source(_RANKED_SOURCE).extra(size=limit, track_total_hits=True)
        body = search.to_dict()
        body["query"] = self._ranking_query(plan)
        # Every combination in the index fits (a terms aggregation returns only those with matches).
        table = facet_table()
        body["aggs"] = {"combos": {"terms": {"field": "facet_combo", "size": max(1000, 2 * len(table.combos))}}}
        try:
            response = self._hits(search, body)
        except NotFoundError:
            return Retrieval(0, [], {})
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        self.last_took = (self.last_took or 0) + response["took"]  # every request of this search
        matches = [(int(b["key"]), b["doc_count"]) for b in response["aggregations"]["combos"]["buckets"]]
        if response["hits"]["total"]["value"] and not matches:  # every document has a combination
            raise BackendUnavailable(OUTDATED_INDEX)
        candidates = [self._candidate(hit) for hit in response["hits"]["hits"]]
        return Retrieval(
            response["hits"]["total"]["value"], candidates, facet_counts_filtered(matches, request.filters, table=table)
        )

    def by_code(self, code: str) -> Candidate | None:
        try:
            hits = self._hits(self._search().filter("term", code=code).source(_SOURCE).extra(size=1))["hits"]["hits"]
        except NotFoundError:
            return None
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        return self._candidate(hits[0]) if hits else None

    def suggest(self, query: ParsedQuery, *, limit: int) -> list[Candidate]:
        words = list(query.folded)
        if not words:
            return []
        *whole, last = words
        matching = [Q("term", name_folded=word) for word in whole] + [Q("prefix", name_folded=last)]
        ranked = Q(
            "function_score",
            query=Q(
                "bool",
                filter=matching,
                should=[Q("match_phrase_prefix", name_folded={"query": " ".join(words), "boost": 2})],
            ),
            functions=[
                {"field_value_factor": {"field": "popularity", "missing": 0}},
                {"field_value_factor": {"field": "local", "factor": 0.5, "missing": 0}},
            ],
            score_mode="sum",
            boost_mode="sum",
        )
        search = self._search().query(ranked).sort("_score", {"name_length": "asc"}, "procedure_id")
        try:
            hits = self._hits(search.source(_SOURCE).extra(size=limit * 5))["hits"]["hits"]
        except NotFoundError:
            return []
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        return [self._candidate(hit) for hit in hits]

    # --- writing -----------------------------------------------------------------------------------------
    def _concrete_indices(self) -> list[str]:
        try:
            return list(self._writer().indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def _create_index(self) -> str:
        name = f"{self.alias}_{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
        self._writer().indices.create(index=name, mappings=MAPPING, settings=SETTINGS)
        return name

    def ensure_index(self) -> None:
        """Create the first index behind the alias when there is none."""
        if not self._concrete_indices():
            name = self._create_index()
            self._writer().indices.put_alias(index=name, name=self.alias)

    def _bulk(self, index: str, actions: Iterable[dict], progress: Callable[[int], None] | None = None) -> int:
        done = 0
        try:
            for ok, _item in streaming_bulk(self._writer(), actions, index=index, chunk_size=500, raise_on_error=True):
                if ok:
                    done += 1
                    if progress and done % 500 == 0:
                        progress(500)
        except BulkIndexError as exc:
            raise _unavailable(exc) from exc
        if progress and done % 500:
            progress(done % 500)
        return done

    def index(self, documents: list[IndexDocument]) -> None:
        if not documents:
            return
        try:
            self.ensure_index()
            self._bulk(self.alias, ({"_id": doc.procedure_id, "_source": self._source(doc)} for doc in documents))
            self._writer().indices.refresh(index=self.alias)
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc

    def remove(self, procedure_ids: list[int]) -> None:
        if not procedure_ids:
            return
        try:
            self.ensure_index()
            self._bulk(self.alias, ({"_op_type": "delete", "_id": pk} for pk in procedure_ids), None)
        except BulkIndexError:
            pass  # not_found deletes: already gone
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        try:
            self._writer().indices.refresh(index=self.alias)
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc

    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Callable[[int], None] | None = None) -> int:
        writer = self._writer()
        old = self._concrete_indices()
        new = self._create_index()
        try:
            writer.indices.put_settings(index=new, settings={"refresh_interval": "-1"})
            done = self._bulk(new, ({"_id": d.procedure_id, "_source": self._source(d)} for d in documents), progress)
            writer.indices.put_settings(index=new, settings={"refresh_interval": SETTINGS["refresh_interval"]})
            writer.indices.refresh(index=new)
            # A rebuilt index is read-mostly: one segment makes every query (and its aggregations) cheaper.
            writer.indices.forcemerge(index=new, max_num_segments=1)
        except Exception:
            writer.indices.delete(index=new, ignore_unavailable=True)
            raise
        actions = [{"add": {"index": new, "alias": self.alias}}]
        actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
        writer.indices.update_aliases(actions=actions)
        for name in old:
            writer.indices.delete(index=name, ignore_unavailable=True)
        return done

    def indexed_ids(self) -> set[int]:
        try:
            self._writer().indices.refresh(index=self.alias)
            search = self._search().source(False).params(size=1000)
            return {int(hit.meta.id) for hit in search.scan()}
        except NotFoundError:
            return set()
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests, fresh starts)."""
        writer = self._writer()
        for name in self._concrete_indices():
            writer.indices.delete(index=name, ignore_unavailable=True)
