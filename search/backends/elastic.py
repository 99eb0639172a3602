"""The Elasticsearch backend (elasticsearch-dsl), for the built-in analyzers only.

Text is folded in Python before indexing (the minimal distribution has no asciifolding or ICU), so the
mapping works on any cluster. Readers and writers use an alias; `rebuild` fills a new index and swaps the
alias atomically (zero downtime). Every request has the short search timeout; a transport error becomes
`BackendUnavailable` so the caller can fall back to the database.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, streaming_bulk
from elasticsearch_dsl import Q, Search

from search.backends.base import (
    BackendUnavailable,
    Candidate,
    Retrieval,
    SearchBackend,
    SearchRequest,
    SearchResults,
)
from search.documents import FACETS, IndexDocument
from search.query import ParsedQuery

INDEX_TIMEOUT_SECONDS = 30
# Terms a fuzzy syllable may expand to (the default 50 makes typo queries several times slower).
FUZZY_MAX_EXPANSIONS = 10
_FACET_FIELDS = {facet: f"f_{facet}" for facet in FACETS}
_SOURCE = [
    "procedure_id",
    "code",
    "slug",
    "name",
    "name_text",
    "name_folded",
    "body",
    "body_folded",
    "field_name",
    "agency_name",
    "online_service_level",
    "display",
]

MAPPING = {
    "dynamic": "strict",
    "properties": {
        "procedure_id": {"type": "long"},
        "code": {"type": "keyword"},
        "slug": {"type": "keyword"},
        "name": {"type": "text", "index": False},
        "name_text": {"type": "text", "analyzer": "whitespace"},
        "name_folded": {"type": "text", "analyzer": "whitespace", "index_phrases": True},
        "body": {"type": "text", "index": False},
        "body_text": {"type": "text", "analyzer": "whitespace"},
        "body_folded": {"type": "text", "analyzer": "whitespace"},
        "field_name": {"type": "keyword", "index": False},
        "agency_name": {"type": "keyword", "index": False},
        "online_service_level": {"type": "keyword"},
        "display": {"type": "object", "enabled": False},
        **{name: {"type": "keyword"} for name in _FACET_FIELDS.values()},
        **{f"{name}_pair": {"type": "keyword"} for name in _FACET_FIELDS.values()},
    },
}
SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}
PAIR_SEPARATOR = "\u001f"


def _unavailable(exc: Exception) -> BackendUnavailable:
    return BackendUnavailable(f"{exc.__class__.__name__}: {exc}")


class ElasticsearchBackend(SearchBackend):
    backend = "elasticsearch"
    engine = "elasticsearch"
    supports_fuzzy = True

    def __init__(self, *, url: str, prefix: str, timeout: float) -> None:
        self.url = url
        self.alias = f"{prefix}_procedures"
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)
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
            "name_text": doc.name_text,
            "name_folded": doc.name_folded,
            "body": doc.body,
            "body_text": doc.body_text,
            "body_folded": doc.body_folded,
            "field_name": doc.field_name,
            "agency_name": doc.agency_name,
            "online_service_level": doc.online_service_level,
            "display": doc.display,
        }
        for facet, name in _FACET_FIELDS.items():
            values = doc.facets.get(facet, [])
            source[name] = [value for value, _label in values]
            source[f"{name}_pair"] = [f"{value}{PAIR_SEPARATOR}{label}" for value, label in values]
        return source

    @staticmethod
    def _candidate(source: dict, native: float) -> Candidate:
        return Candidate(native=native, **{key: source.get(key) or ({} if key == "display" else "") for key in _SOURCE})

    def _text_query(self, query: ParsedQuery, *, strict: bool, partial: bool = True):
        """Strict: every syllable of a reading (across name and body). Relaxed: typos tolerated (fuzziness,
        first letter exact, few expansions), every syllable (`partial=False`) or most of them."""
        alternatives = []
        for alternative in query.alternatives:
            if not alternative.tokens:
                continue
            text = alternative.text
            if strict:
                match = Q(
                    "multi_match",
                    query=text,
                    fields=["name_folded^3", "body_folded"],
                    type="cross_fields",
                    operator="and",
                    boost=alternative.weight,
                )
            else:
                match = Q(
                    "multi_match",
                    query=text,
                    fields=["name_folded^3", "body_folded"],
                    fuzziness="AUTO",
                    prefix_length=1,
                    max_expansions=FUZZY_MAX_EXPANSIONS,
                    minimum_should_match="100%" if not partial else "1<60%",
                    boost=alternative.weight,
                )
            alternatives.append(match)
        should = [
            Q("match_phrase", name_folded={"query": query.folded_text, "boost": 4}),
            Q("match", name_text={"query": " ".join(query.tokens), "boost": 1}),
        ]
        return Q("bool", must=[Q("bool", should=alternatives, minimum_should_match=1)], should=should)

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

    def retrieve(self, request: SearchRequest, *, strict: bool, limit: int) -> Retrieval:
        if not strict and len(request.query.folded) > 1:
            # Typos first: every syllable, fuzzily (a small, precise match); then most of the syllables.
            found = self._retrieve(request, self._text_query(request.query, strict=False, partial=False), limit)
            if found.count:
                return found
        return self._retrieve(request, self._text_query(request.query, strict=strict), limit)

    def _retrieve(self, request: SearchRequest, text_query, limit: int) -> Retrieval:
        """One request: hits filtered by `post_filter`, facets as aggregations that apply every filter but
        their own (disjunctive faceting), all in filter context (cached, unscored)."""
        search = self._search().query(text_query)
        filters = self._filter_clauses(request.filters)
        if filters:
            search = search.post_filter("bool", filter=filters)
        search = search.source(_SOURCE).extra(size=limit, track_total_hits=True)
        nested = set()
        for facet, name in _FACET_FIELDS.items():
            others = self._filter_clauses(request.filters, skip=facet)
            terms = {"field": f"{name}_pair", "size": 50}
            if others:
                nested.add(facet)
                search.aggs.bucket(facet, "filter", Q("bool", filter=others)).bucket("values", "terms", **terms)
            else:
                search.aggs.bucket(facet, "terms", **terms)
        try:
            response = search.execute()
        except NotFoundError:
            return Retrieval(0, [], {})
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        self.last_took = (self.last_took or 0) + response.took  # every request of this search
        candidates = [self._candidate(hit.to_dict(), float(hit.meta.score or 0.0)) for hit in response]
        facets: dict[str, list[tuple[str, str, int]]] = {}
        for facet in FACETS:
            agg = getattr(response.aggregations, facet)
            buckets = agg["values"].buckets if facet in nested else agg.buckets
            facets[facet] = [
                (*bucket.key.split(PAIR_SEPARATOR, 1), bucket.doc_count) for bucket in buckets if bucket.doc_count
            ]
        return Retrieval(response.hits.total.value, candidates, facets)

    def by_code(self, code: str) -> Candidate | None:
        try:
            response = self._search().filter("term", code=code).source(_SOURCE).extra(size=1).execute()
        except NotFoundError:
            return None
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        return self._candidate(response[0].to_dict(), 1.0) if len(response) else None

    def suggest(self, query: ParsedQuery, *, limit: int) -> list[Candidate]:
        if not query.folded:
            return []
        search = self._search().query(
            "match_phrase_prefix", name_folded={"query": query.folded_text, "max_expansions": 50}
        )
        try:
            response = search.source(_SOURCE).extra(size=limit * 3).execute()
        except NotFoundError:
            return []
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        text = query.folded_text
        candidates = [self._candidate(hit.to_dict(), float(hit.meta.score or 0.0)) for hit in response]
        candidates.sort(key=lambda c: (not c.name_folded.startswith(text), len(c.name_folded)))
        return candidates[:limit]

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
