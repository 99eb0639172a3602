"""The one search interface; each engine implements candidate retrieval, facets and indexing.

The shared `SearchBackend.search()` orders candidates with `search.ranking`, so every engine presents
results the same way and views never branch on the engine.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from search.documents import FACETS, IndexDocument
from search.query import ParsedQuery
from search.ranking import candidate_score, highlight

# Candidates the shared ranking re-scores (the engine's best by its own score); deeper pages widen it.
RESCORE_WINDOW = 50


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 10

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Candidate:
    """A matching document as a backend returns it, before the shared ranking."""

    procedure_id: int
    code: str
    slug: str
    name: str
    name_text: str
    name_folded: str
    body: str
    body_folded: str
    field_name: str
    agency_name: str
    online_service_level: str
    display: dict[str, Any]
    native: float = 0.0


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
    relaxed: bool = False
    did_you_mean: str | None = None
    code_match: SearchHit | None = None

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


@dataclass
class Retrieval:
    count: int
    candidates: list[Candidate]
    facets: dict[str, list[tuple[str, str, int]]]


class BackendUnavailable(Exception):
    """The engine did not answer (down, slow or refused); callers fall back to the database."""


class SearchBackend(ABC):
    backend: str = ""
    engine: str = ""
    supports_fuzzy: bool = False
    rescore_window: int = RESCORE_WINDOW

    # --- engine-specific -------------------------------------------------------------------------------
    @abstractmethod
    def retrieve(self, request: SearchRequest, *, strict: bool, limit: int) -> Retrieval:
        """Matching documents (count, best `limit` by the engine's own score, facet counts)."""

    @abstractmethod
    def by_code(self, code: str) -> Candidate | None:
        """The document with this national code, if in the index."""

    @abstractmethod
    def suggest(self, query: ParsedQuery, *, limit: int) -> list[Candidate]:
        """Procedures whose name continues what was typed (the last syllable may be partial)."""

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

    # --- shared ----------------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        query = request.query
        code_match = None
        if query.code:
            found = self.by_code(query.code)
            if found is not None:
                code_match = self.hit_from_candidate(query, found, score=float("inf"))
        if query.is_empty:
            return SearchResults(0, [], {}, self.backend, self.engine, request.page, request.page_size)
        window = max(self.rescore_window, request.offset + request.page_size)
        retrieval = self.retrieve(request, strict=True, limit=window)
        relaxed = False
        if retrieval.count == 0 and code_match is None:  # a national code found its procedure: nothing to relax
            retrieval = self.retrieve(request, strict=False, limit=window)
            relaxed = True
        ranked = self._rank(query, retrieval.candidates)
        if code_match is not None:
            ranked = [candidate for candidate in ranked if candidate[1].procedure_id != code_match.procedure_id]
        count = max(retrieval.count, len(ranked) + (code_match is not None))
        start, stop = request.offset, request.offset + request.page_size
        if code_match is not None:  # the code match takes the first slot of page 1
            start, stop = max(0, start - 1), stop - 1
        # Highlighting is the costly part of presenting a hit: only the page shown gets it.
        page_hits = [self.hit_from_candidate(query, candidate, score=score) for score, candidate in ranked[start:stop]]
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
            relaxed=relaxed,
            code_match=code_match,
        )

    def _rank(self, query: ParsedQuery, candidates: list[Candidate]) -> list[tuple[float, Candidate]]:
        """Candidates with the shared relevance score, best first."""
        top = max((c.native for c in candidates), default=0.0) or 1.0
        scored = [
            (
                candidate_score(
                    query,
                    name_text=candidate.name_text,
                    name_folded=candidate.name_folded,
                    body_folded=candidate.body_folded,
                    native=candidate.native / top,
                    fuzzy=self.supports_fuzzy,
                ),
                candidate,
            )
            for candidate in candidates
        ]
        scored.sort(key=lambda pair: (-pair[0], len(pair[1].name), pair[1].code))
        return scored

    @staticmethod
    def hit_from_candidate(query: ParsedQuery, candidate: Candidate, *, score: float) -> SearchHit:
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
            highlight=highlight(query, name=candidate.name, body=candidate.body),
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
