"""Reading the search indexes: the one entry point views, the API and other apps call.

`procedure_search` asks the configured backend and falls back to the database backend when Elasticsearch
is down or slow; it adds what is the same for every backend (best bets, "did you mean"). It only reads: the
search page and the API queue queries that found nothing for the zero-result log once they have answered
(`search.services.zero_results`).
"""

import hashlib
import logging
import re
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache

from config.versioned_cache import version_bump, versioned_key, versions_read_together
from search.backends import BackendUnavailable, SearchRequest, SearchResults, database_backend, search_backend
from search.backends.base import MAX_PAGE, Candidate, SearchBackend, SearchHit
from search.documents import FACETS
from search.facets import FACETS_CACHE_KEY
from search.models import PromotedResult, SearchDocument
from search.query import SYNONYM_CACHE_KEY, ParsedQuery, query_parse, query_text
from search.text import fold_token, folded_tokens, name_parts, tokens
from search.vocabulary import LEXICON_CACHE_KEY, search_lexicon

logger = logging.getLogger(__name__)

PAGE_SIZE = 10


def did_you_mean(query: ParsedQuery) -> str | None:
    """A corrected query in the catalog's own words, or None.

    A query whose keyboard leftovers or run-together words were undone is shown as read ("đăng ký kết hôn");
    otherwise each syllable the catalog does not use is replaced by the catalog syllable one edit away that
    its neighbours go with (or the most used one).
    """
    if query.corrected and query.suggestion:
        return query.suggestion
    lexicon = search_lexicon()
    if not query.folded or not lexicon.docs:
        return None
    words: list[str] = []
    changed = False
    for i, (original, folded) in enumerate(zip(query.tokens, query.folded, strict=True)):
        if lexicon.known(folded) or not folded.isalpha():
            words.append(original)
            continue
        before = query.folded[i - 1] if i else None
        after = query.folded[i + 1] if i + 1 < len(query.folded) else None
        options = lexicon.typo_candidates(folded)
        if not options:
            return None
        best = max(
            options,
            key=lambda word: (
                (lexicon.bigram(before, word) if before else 0) + (lexicon.bigram(word, after) if after else 0),
                lexicon.df.get(word, 0),
            ),
        )
        words.append(lexicon.spelling(best) or best)
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
            field_name=doc.field_name,
            agency_name=doc.agency_name,
            online_service_level=doc.online_service_level,
            display=doc.display,
        )
        hit = backend.hit_from_candidate(query, candidate, score=float("inf"), body=doc.body)
        hits.append(replace(hit, promoted=True))
    return hits


def _fold(text: str) -> list[str]:
    return [fold_token(token) for token in tokens(text)]


def clean_filters(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Only known facets, non-empty values (never with NUL, which PostgreSQL text cannot hold)."""
    return {facet: [v for v in raw.get(facet, []) if v and "\x00" not in v][:20] for facet in FACETS if raw.get(facet)}


RESULTS_CACHE_KEY = "search:results"
# The cached things a search reads under their versions: the answers, the vocabulary, synonyms and facets.
SEARCH_VERSIONS = (RESULTS_CACHE_KEY, LEXICON_CACHE_KEY, SYNONYM_CACHE_KEY, FACETS_CACHE_KEY)
CACHE_HEADER = "X-Search-Cache"  # "hit" or "miss" on search answers (load tests read the hit rate)


def search_results_clear() -> None:
    """Forget every cached answer (the index, synonyms or best bets changed)."""
    version_bump(RESULTS_CACHE_KEY)


def _results_cache_key(q: str, filters: dict[str, list[str]], page: int, page_size: int, backend_name: str) -> str:
    """The answer's key: what was asked, as the query analysis reads it (so a cached answer costs no analysis)."""
    chosen = sorted((facet, sorted(values)) for facet, values in filters.items() if values)
    raw = repr((query_text(q).casefold(), chosen, page, page_size, backend_name))
    return versioned_key(RESULTS_CACHE_KEY, hashlib.sha256(raw.encode()).hexdigest())


def procedure_search(
    *, q: str, filters: dict[str, list[str]] | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> SearchResults:
    """Search the procedures in force; never raises because Elasticsearch is unavailable.

    Page 1 starts with staff-pinned best bets for this query.
    Answers are cached for SEARCH_RESULTS_CACHE_SECONDS (popular queries repeat); any index, synonym or
    best-bet change clears the cache, and an answer from the fallback backend is never cached. The query is
    analysed only when the answer is not in the cache.
    """
    with versions_read_together(*SEARCH_VERSIONS):  # one round trip to the shared cache instead of four
        return _procedure_search(q=q, filters=filters, page=page, page_size=page_size)


def _procedure_search(*, q: str, filters: dict[str, list[str]] | None, page: int, page_size: int) -> SearchResults:
    page = min(max(1, page), MAX_PAGE)
    filters = clean_filters(filters or {})
    backend = search_backend()
    seconds = settings.SEARCH_RESULTS_CACHE_SECONDS
    key = _results_cache_key(q, filters, page, page_size, backend.backend) if seconds else None
    results = cache.get(key) if key else None
    if results is not None:
        results.cached = True
        return results
    lexicon = search_lexicon()
    request = SearchRequest(
        query=query_parse(q, lexicon=lexicon), lexicon=lexicon, filters=filters, page=page, page_size=page_size
    )
    results = _procedure_search_uncached(request, backend)
    if key and not results.fallback:
        cache.set(key, results, seconds)
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
    if results.count == 0 or results.relaxed or query.corrected:
        results.did_you_mean = did_you_mean(query)
    return results


def procedure_suggest(*, q: str, limit: int = 8) -> list[SearchHit]:
    """Procedure names holding every typed syllable, anywhere in the name, the last one possibly unfinished,
    with or without diacritics ("cap doi can" → "Cấp đổi thẻ căn cước"): names holding them in the typed
    order and close together (the tightest first), else in any order; the same name only once (copies of a
    procedure at other levels or in other provinces), most used and nearest level first."""
    query = query_parse(q, expand=False)
    if len(query.folded_text) < 2:
        return []
    backend = search_backend()
    try:
        candidates = backend.suggest(query, limit=limit)
    except BackendUnavailable:
        backend = database_backend()
        candidates = backend.suggest(query, limit=limit)
    words = list(query.folded)
    spans = {id(c): _ordered_span(words, folded_tokens(name_parts(c.name)[0])) for c in candidates}
    close = sorted((c for c in candidates if spans[id(c)] is not None), key=lambda c: spans[id(c)])
    if close:  # names holding the typed words in order and together; scattered matches only when there are none
        candidates = close
    seen: set[str] = set()
    hits = []
    for candidate in candidates:
        key = _name_key(candidate.name)
        if key in seen:
            continue
        seen.add(key)
        hits.append(backend.hit_from_candidate(query, candidate, score=0.0))
        if len(hits) >= limit:
            break
    return hits


def _ordered_span(words: list[str], name: list[str], *, slack: int = 2) -> int | None:
    """The fewest syllables of the name holding the typed words in order (the last one possibly unfinished),
    or None when they are not there within len(words) + slack syllables."""
    *whole, last = words
    best = None
    for start, word in enumerate(name):
        if word != (whole[0] if whole else word) or (not whole and not word.startswith(last)):
            continue
        position, found = start, True
        for wanted in whole[1:]:
            position = next((i for i in range(position + 1, len(name)) if name[i] == wanted), -1)
            if position < 0:
                found = False
                break
        if whole and found:
            position = next((i for i in range(position + 1, len(name)) if name[i].startswith(last)), -1)
            found = position >= 0
        span = position - start + 1
        if found and span <= len(words) + slack and (best is None or span < best):
            best = span
    return best


def _name_key(name: str) -> str:
    """A procedure name without its level qualifier, casing and punctuation: copies share it."""
    return " ".join(folded_tokens(_LEVEL_QUALIFIER_RE.sub(" ", name)))


_LEVEL_QUALIFIER_RE = re.compile(r"\((?:thực hiện )?(?:tại )?cấp [^)]*\)|\bthực hiện tại cấp \w+", re.IGNORECASE)
