"""Query parsing shared by all backends: normalisation, folding, national codes and synonym expansion."""

from dataclasses import dataclass

from django.core.cache import cache

from search.text import fold_token, folded_tokens, national_code, tokens

SYNONYM_CACHE_KEY = "search:synonym-groups"
MAX_ALTERNATIVES = 8
SYNONYM_WEIGHT = 0.9


@dataclass(frozen=True)
class Alternative:
    """One way to read the query: folded syllables, and how much a match on it is worth (1.0 = as typed)."""

    tokens: tuple[str, ...]
    weight: float

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    tokens: tuple[str, ...]  # original casefolded syllables (diacritics kept)
    folded: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    code: str | None

    @property
    def folded_text(self) -> str:
        return " ".join(self.folded)

    @property
    def is_empty(self) -> bool:
        return not self.folded

    @property
    def all_folded_tokens(self) -> list[str]:
        seen: dict[str, None] = {}
        for alternative in self.alternatives:
            for token in alternative.tokens:
                seen.setdefault(token, None)
        return list(seen)


def synonym_groups() -> list[list[tuple[str, ...]]]:
    """Active synonym groups as folded token sequences (cached; cleared when staff edit a group)."""
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        from search.models import Synonym

        groups = []
        for synonym in Synonym.objects.filter(active=True):
            terms = [tuple(folded_tokens(term)) for term in synonym.term_list()]
            terms = sorted({term for term in terms if term}, key=len, reverse=True)
            if len(terms) > 1:
                groups.append(terms)
        cache.set(SYNONYM_CACHE_KEY, groups, 300)
    return groups


def synonym_cache_clear() -> None:
    cache.delete(SYNONYM_CACHE_KEY)


def _find(haystack: tuple[str, ...], needle: tuple[str, ...]) -> int:
    width = len(needle)
    for i in range(len(haystack) - width + 1):
        if haystack[i : i + width] == needle:
            return i
    return -1


def query_expand(folded: tuple[str, ...], groups: list[list[tuple[str, ...]]]) -> tuple[Alternative, ...]:
    """The query as typed plus each reading with one everyday name replaced by its synonyms."""
    alternatives = [Alternative(folded, 1.0)]
    seen = {folded}
    for group in groups:
        for term in group:
            start = _find(folded, term)
            if start < 0:
                continue
            for other in group:
                if other == term:
                    continue
                variant = folded[:start] + other + folded[start + len(term) :]
                if variant not in seen and len(alternatives) < MAX_ALTERNATIVES:
                    seen.add(variant)
                    alternatives.append(Alternative(variant, SYNONYM_WEIGHT))
            break
    return tuple(alternatives)


def query_parse(raw: str, *, expand: bool = True) -> ParsedQuery:
    """Normalise the raw query once; every backend searches from this."""
    # NUL cannot be stored or compared in PostgreSQL text (DataError): it is never part of a query.
    raw = (raw or "").replace("\x00", " ").strip()[:255]
    original = tuple(tokens(raw))
    folded = tuple(fold_token(token) for token in original)
    alternatives = query_expand(folded, synonym_groups()) if expand and folded else (Alternative(folded, 1.0),)
    return ParsedQuery(raw=raw, tokens=original, folded=folded, alternatives=alternatives, code=national_code(raw))
