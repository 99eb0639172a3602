"""The one search interface; each engine implements retrieval (ranked in the engine), facets and indexing.

Every engine ranks with the same first-stage score (`search.plan`); the shared `SearchBackend.search()` then
re-ranks at most the engine's best `RERANK_WINDOW` with `search.ranking.candidate_score`, so every engine
presents results the same way and views never branch on the engine.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from search.documents import FACETS, IndexDocument
from search.lexicon import Lexicon
from search.plan import QueryPlan, query_plan
from search.query import ParsedQuery
from search.ranking import Signals, candidate_score, highlight, reading_coverage
from search.text import folded_tokens, name_head, name_parts, tokens

# Candidates the shared ranking re-scores (the engine's best by its own score).
RERANK_WINDOW = 20
# The deepest page a search opens (the page and the API refuse or clamp beyond it): every engine ranks that deep.
MAX_PAGE = 100
# What an engine returns for each hit: what the page shows, and the priors the re-ranking reads.
DISPLAY_FIELDS = (
    "procedure_id",
    "code",
    "slug",
    "name",
    "field_name",
    "agency_name",
    "online_service_level",
    "display",
    "local",
    "popularity",
)


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    # The catalog's vocabulary (search.vocabulary) the query is planned against: the caller hands it in.
    lexicon: Lexicon = field(kw_only=True, compare=False, repr=False)
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 10

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Candidate:
    """A matching document as an engine returns it: what the page shows, and what the re-ranking reads."""

    procedure_id: int
    code: str
    slug: str
    name: str
    field_name: str
    agency_name: str
    online_service_level: str
    display: dict[str, Any]
    score: float = 0.0  # the engine's first-stage score
    local: float = 0.0
    popularity: float = 0.0
    body_terms: frozenset[str] = frozenset()  # query syllables the engine found in the body
    context_terms: frozenset[str] = frozenset()  # ... in the steps
    body: str | None = None  # the displayed body, when the engine fetched it with the hit (for highlighting)


@dataclass
class SearchHit:
    procedure_id: int
    code: str
    slug: str
    name: str
    url: str
    field: str
    levels: list[str]
    agency: str
    channels: list[str]
    online_service_level: str
    highlight: dict[str, str]
    score: float
    promoted: bool = False


@dataclass
class FacetBucket:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    count: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]]
    backend: str  # "database" or "elasticsearch"
    engine: str  # "sqlite-fts5", "postgresql" or "elasticsearch"
    page: int = 1
    page_size: int = 10
    fallback: bool = False
    relaxed: bool = False  # the best result covers the query only partly
    cached: bool = False  # served from the answer cache (SEARCH_RESULTS_CACHE_SECONDS)
    did_you_mean: str | None = None
    code_match: SearchHit | None = None

    @property
    def num_pages(self) -> int:
        """The pages that can be opened: the matches' pages, at most `MAX_PAGE` (the rest are not listed)."""
        return min(MAX_PAGE, max(1, -(-self.count // self.page_size)))


@dataclass
class Retrieval:
    count: int
    candidates: list[Candidate]  # best first by the engine's score
    facets: dict[str, list[tuple[str, str, int]]]


@lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(folded syllables, original syllables, folded core) of a procedure name's main text: the same names come
    back search after search, and tokenising them was a large share of the re-ranking's time."""
    main, _remarks = name_parts(name)
    return tuple(folded_tokens(main)), tuple(tokens(main)), tuple(name_head(name))


def _signals(candidate: Candidate) -> Signals:
    name_folded, name_text, head = _name_words(candidate.name)
    return Signals(
        name=candidate.name,
        name_folded=list(name_folded),
        name_text=list(name_text),
        head=list(head),
        body=set(candidate.body_terms),
        context=set(candidate.context_terms),
        local=candidate.local,
        prior=candidate.popularity,
    )


class BackendUnavailable(Exception):
    """The engine did not answer (down, slow or refused); callers fall back to the database."""


class SearchBackend(ABC):
    backend: str = ""
    engine: str = ""

    # --- engine-specific -------------------------------------------------------------------------------
    @abstractmethod
    def retrieve(self, request: SearchRequest, plan: QueryPlan, *, limit: int) -> Retrieval:
        """Matching documents: how many, the best `limit` by the first-stage score, and facet counts."""

    @abstractmethod
    def by_code(self, code: str) -> Candidate | None:
        """The document with this national code, if in the index."""

    @abstractmethod
    def suggest(self, query: ParsedQuery, *, limit: int) -> list[Candidate]:
        """Procedures whose name holds every typed syllable (the last one may be unfinished), best first."""

    @abstractmethod
    def index(self, documents: list[IndexDocument]) -> None:
        """Add or replace these documents."""

    @abstractmethod
    def remove(self, procedure_ids: list[int]) -> None:
        """Remove the documents of these procedures (no longer in force)."""

    @abstractmethod
    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Callable[[int], None] | None = None) -> int:
        """Replace the whole index with `documents`; readers keep the old index until the swap."""

    @abstractmethod
    def indexed_ids(self) -> set[int]:
        """Procedure ids currently in the index."""

    def bodies(self, procedure_ids: list[int]) -> dict[int, str]:
        """The displayed body text of these procedures (highlighting, when the hits did not bring it)."""
        from search.models import SearchDocument

        return dict(SearchDocument.objects.filter(procedure_id__in=procedure_ids).values_list("procedure_id", "body"))

    # --- shared ----------------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        query = request.query
        code_match = None
        if query.code:
            found = self.by_code(query.code)
            if found is not None:
                code_match = self.hit_from_candidate(query, found, score=float("inf"), body="")
        plan = query_plan(query, request.lexicon)
        if query.is_empty or plan.is_empty:
            return SearchResults(
                int(code_match is not None),
                [code_match] if code_match and request.page == 1 else [],
                {},
                self.backend,
                self.engine,
                request.page,
                request.page_size,
                code_match=code_match,
            )
        limit = max(RERANK_WINDOW, request.offset + request.page_size + 1)
        retrieval = self.retrieve(request, plan, limit=limit)
        ranked = self.rerank(query, retrieval.candidates)
        if code_match is not None:
            ranked = [pair for pair in ranked if pair[1].procedure_id != code_match.procedure_id]
        count = max(retrieval.count, len(ranked) + (code_match is not None))
        start, stop = request.offset, request.offset + request.page_size
        if code_match is not None:  # the code match takes the first slot of page 1
            start, stop = max(0, start - 1), stop - 1
        page = ranked[start:stop]
        # Bodies to highlight that did not come with the hit.
        missing = [c.procedure_id for _s, c in page if c.body is None]
        bodies = self.bodies(missing) if missing else {}
        page_hits = [
            self.hit_from_candidate(
                query,
                candidate,
                score=score,
                body=candidate.body if candidate.body is not None else bodies.get(candidate.procedure_id, ""),
            )
            for score, candidate in page
        ]
        if code_match is not None and request.page == 1:
            page_hits = [code_match, *page_hits]
        return SearchResults(
            count=count,
            hits=page_hits,
            facets=self._facets(retrieval.facets, request.filters),
            backend=self.backend,
            engine=self.engine,
            page=request.page,
            page_size=request.page_size,
            relaxed=not ranked or reading_coverage(query.readings[0], _signals(ranked[0][1])) < 1.0,
            code_match=code_match,
        )

    @staticmethod
    def rerank(query: ParsedQuery, candidates: list[Candidate]) -> list[tuple[float, Candidate]]:
        """The engine's best `RERANK_WINDOW` re-scored with the full ranking; the rest keep the engine's order."""
        head = [(candidate_score(query, _signals(candidate)), candidate) for candidate in candidates[:RERANK_WINDOW]]
        head.sort(key=lambda pair: (-pair[0], len(pair[1].name), pair[1].code))
        return head + [(candidate.score, candidate) for candidate in candidates[RERANK_WINDOW:]]

    @staticmethod
    def hit_from_candidate(query: ParsedQuery, candidate: Candidate, *, score: float, body: str = "") -> SearchHit:
        return SearchHit(
            procedure_id=candidate.procedure_id,
            code=candidate.code,
            slug=candidate.slug,
            name=candidate.name,
            url=candidate.display.get("url", ""),
            field=candidate.field_name,
            levels=list(candidate.display.get("levels", [])),
            agency=candidate.agency_name,
            channels=list(candidate.display.get("channels", [])),
            online_service_level=candidate.online_service_level,
            highlight=highlight(query, name=candidate.name, body=body),
            score=score,
        )

    @staticmethod
    def _facets(
        raw: dict[str, list[tuple[str, str, int]]], filters: dict[str, list[str]]
    ) -> dict[str, list[FacetBucket]]:
        out: dict[str, list[FacetBucket]] = {}
        for facet in FACETS:
            selected = set(filters.get(facet, []))
            buckets = [
                FacetBucket(value=value, label=label, count=count, selected=value in selected)
                for value, label, count in raw.get(facet, [])
            ]
            buckets.sort(key=lambda b: (not b.selected, -b.count, b.label))
            out[facet] = buckets
        return out
