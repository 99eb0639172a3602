"""Reading the search indexes: the one entry point views, the API and other apps call.

`procedure_search` asks the configured backend and falls back to the database backend when Elasticsearch
is down or slow; it adds what is the same for every backend (best bets, "did you mean", zero-result log).
"""

import hashlib
import logging
from collections import Counter, defaultdict
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache

from search.backends import BackendUnavailable, SearchRequest, SearchResults, database_backend, search_backend
from search.backends.base import Candidate, SearchBackend, SearchHit
from search.documents import FACETS
from search.memo import memo_clear, memo_get, memo_version
from search.models import PromotedResult, SearchDocument
from search.query import ParsedQuery, query_parse
from search.text import fold_token, tokens, within_one_edit

logger = logging.getLogger(__name__)

VOCABULARY_CACHE_KEY = "search:vocabulary"
PAGE_SIZE = 10
MAX_PAGE = 100


def vocabulary_clear() -> None:
    memo_clear(VOCABULARY_CACHE_KEY)


def search_vocabulary() -> dict[str, tuple[str, int]]:
    """Folded syllable → (most frequent spelling with diacritics, number of procedure names using it)."""
    return memo_get(VOCABULARY_CACHE_KEY, _vocabulary_build)


def _vocabulary_build() -> dict[str, tuple[str, int]]:
    names_using: Counter = Counter()  # spelling → number of names; folding each distinct spelling once is cheap
    for name in SearchDocument.objects.values_list("name", flat=True).iterator(chunk_size=2000):
        names_using.update(token for token in set(tokens(name)) if token.isalpha())
    spellings: dict[str, Counter] = defaultdict(Counter)
    for token, count in names_using.items():
        spellings[fold_token(token)][token] += count
    return {folded: (counter.most_common(1)[0][0], sum(counter.values())) for folded, counter in spellings.items()}


def _edit_distance(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def did_you_mean(query: ParsedQuery) -> str | None:
    """A corrected query built only from syllables of procedure names in the index, or None."""
    vocabulary = search_vocabulary()
    if not vocabulary or not query.folded:
        return None
    words: list[str] = []
    changed = False
    for original, folded in zip(query.tokens, query.folded, strict=True):
        if folded in vocabulary or not folded.isalpha():
            words.append(original)
            continue
        limit = 1 if len(folded) <= 4 else 2
        best = None
        for known, (spelling, frequency) in vocabulary.items():
            if abs(len(known) - len(folded)) > limit or known[:1] != folded[:1] and limit == 1:
                continue
            distance = 1 if within_one_edit(folded, known) else _edit_distance(folded, known, limit)
            if distance <= limit and (best is None or (distance, -frequency) < best[0]):
                best = ((distance, -frequency), spelling)
        if best is None:
            return None
        words.append(best[1])
        changed = True
    return " ".join(words) if changed else None


def _promoted(query: ParsedQuery, backend: SearchBackend) -> list[SearchHit]:
    if not query.folded:
        return []
    wanted = query.folded_text
    pins = [pin for pin in PromotedResult.objects.order_by("sort_order", "pk") if " ".join(_fold(pin.query)) == wanted]
    if not pins:
        return []
    docs = {
        doc.procedure_id: doc for doc in SearchDocument.objects.filter(procedure_id__in=[p.procedure_id for p in pins])
    }
    hits = []
    for pin in pins:
        doc = docs.get(pin.procedure_id)
        if doc is None:  # not in force: never promote what the public cannot use
            continue
        candidate = Candidate(
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
        )
        hits.append(replace(backend.hit_from_candidate(query, candidate, score=float("inf")), promoted=True))
    return hits


def _fold(text: str) -> list[str]:
    return [fold_token(token) for token in tokens(text)]


def clean_filters(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Only known facets, non-empty values (never with NUL, which PostgreSQL text cannot hold)."""
    return {facet: [v for v in raw.get(facet, []) if v and "\x00" not in v][:20] for facet in FACETS if raw.get(facet)}


RESULTS_CACHE_KEY = "search:results"


def search_results_clear() -> None:
    """Forget every cached answer (the index, synonyms or best bets changed)."""
    memo_clear(RESULTS_CACHE_KEY)


def _results_cache_key(request: SearchRequest, backend_name: str) -> str:
    version = memo_version(RESULTS_CACHE_KEY, timeout=None)
    filters = sorted((facet, sorted(values)) for facet, values in request.filters.items() if values)
    raw = repr((request.query.raw.strip().casefold(), filters, request.page, request.page_size, backend_name))
    return f"{RESULTS_CACHE_KEY}:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def procedure_search(
    *, q: str, filters: dict[str, list[str]] | None = None, page: int = 1, page_size: int = PAGE_SIZE, log: bool = True
) -> SearchResults:
    """Search the procedures in force; never raises because Elasticsearch is unavailable.

    Page 1 starts with staff-pinned best bets for this query; zero-result queries are logged for review.
    Answers are cached for SEARCH_RESULTS_CACHE_SECONDS (popular queries repeat); any index, synonym or
    best-bet change clears the cache, and an answer from the fallback backend is never cached.
    """
    query = query_parse(q)
    page = min(max(1, page), MAX_PAGE)
    request = SearchRequest(query=query, filters=clean_filters(filters or {}), page=page, page_size=page_size)
    backend = search_backend()
    seconds = settings.SEARCH_RESULTS_CACHE_SECONDS
    key = _results_cache_key(request, backend.backend) if seconds else None
    results = cache.get(key) if key else None
    if results is None:
        results = _procedure_search_uncached(request, backend)
        if key and not results.fallback:
            cache.set(key, results, seconds)
    if log and results.count == 0 and query.folded:
        from search.services.zero_results import zero_result_record

        zero_result_record(query=query.raw, query_folded=query.folded_text)
    return results


def _procedure_search_uncached(request: SearchRequest, backend) -> SearchResults:
    query, page, page_size = request.query, request.page, request.page_size
    fallback = False
    try:
        results = backend.search(request)
    except BackendUnavailable as exc:
        logger.warning("Search falls back to the database: %s", exc)
        backend = database_backend()
        results = backend.search(request)
        fallback = True
    results.fallback = fallback
    promoted = _promoted(query, backend) if not request.filters else []
    if promoted:
        pinned = {hit.procedure_id for hit in promoted}
        rest = [hit for hit in results.hits if hit.procedure_id not in pinned]
        if page == 1:
            results.hits = (promoted + rest)[: max(page_size, len(promoted))]
        else:
            results.hits = rest
        results.count = max(results.count, len(promoted))
    if results.count == 0 or results.relaxed:
        results.did_you_mean = did_you_mean(query)
    return results


def procedure_suggest(*, q: str, limit: int = 8) -> list[SearchHit]:
    """Procedure names that continue what was typed (autocomplete), from the configured backend."""
    query = query_parse(q, expand=False)
    if len(query.folded_text) < 2:
        return []
    backend = search_backend()
    try:
        candidates = backend.suggest(query, limit=limit)
    except BackendUnavailable:
        backend = database_backend()
        candidates = backend.suggest(query, limit=limit)
    return [backend.hit_from_candidate(query, candidate, score=0.0) for candidate in candidates]
