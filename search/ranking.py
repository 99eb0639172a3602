"""One ranking policy for every backend: how well a procedure answers a parsed query.

A procedure's relevance is how much of the query it covers — each term weighted by how much it tells
procedures apart, worth most in the name, less in the body (keywords, description, results, applicants) and
least in the steps — for the best reading of the query (as typed, or with everyday names replaced, worth a
little less). The engines compute that coverage and the static priors themselves (`Blend`); the shared
re-ranking here refines the best few with what needs the name's words: adjacent query terms adjacent in the
name, the share of the name's core the query covers (the general procedure before its specialised variants)
and diacritics typed exactly.
"""

import html
import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property

from search.query import ParsedQuery, Reading
from search.text import fold_token

SNIPPET_CHARS = 220


@dataclass(frozen=True)
class Blend:
    """The weights of the ranking; every engine reads the same ones (measured with bench/search_quality.py)."""

    body: float = 0.5  # a term found in the body instead of the name
    context: float = 0.25  # ... in the steps
    threshold: float = 0.5  # share of a reading a procedure must cover to match at all
    proximity: float = 0.3  # adjacent query terms adjacent in the name
    core: float = 0.3  # share of the name's core covered by the query
    whole: float = 0.2  # share of the whole name covered by the query
    brevity: float = 0.3  # engines: a short name core (query length ÷ core length, at most 1)
    level: float = 0.1  # handled at one of the province's own levels
    # Demand and "thường dùng". Measured with bench/search_prior.py on simulated demand: at 0.1, nDCG@10 moves
    # -0.011 if demand were unrelated to the queries and +0.017 if it follows what people look for.
    popularity: float = 0.1
    accent: float = 0.002  # diacritics typed exactly as in the name: they break ties, never outweigh words


BLEND = Blend()


@dataclass
class Signals:
    """What the re-ranking reads of one candidate (from the engine's hit)."""

    name: str
    name_folded: list[str]
    name_text: list[str]
    head: list[str]
    body: set[str] = field(default_factory=set)  # folded syllables of the body (or the terms the engine saw there)
    context: set[str] = field(default_factory=set)
    local: float = 1.0  # how close to the citizen its levels are (commune 1, province, ministry 0)
    prior: float = 0.0  # popularity 0..1

    # Read for every reading of the query; a candidate's signals are made once and not changed after.
    @cached_property
    def name_set(self) -> set[str]:
        return set(self.name_folded)

    @cached_property
    def name_pairs(self) -> set[tuple[str, str]]:
        return set(itertools.pairwise(self.name_folded))


def _field_factor(option: str, signals: Signals, name_set: set[str], blend: Blend) -> float:
    if option in name_set:
        return 1.0
    if option in signals.body:
        return blend.body
    if option in signals.context:
        return blend.context
    return 0.0


def reading_coverage(
    reading: Reading, signals: Signals, *, blend: Blend = BLEND, factors: dict[str, float] | None = None
) -> float:
    """Weighted share of the reading's terms the candidate contains (name 1, body, steps less). `factors`: where
    each option was found, kept across the readings of one candidate (they share most of their options)."""
    if factors is None:
        factors = {}
    name_set = signals.name_set
    got = 0.0
    for term in reading.terms:
        best = 0.0
        for option, quality in term.options:
            factor = factors.get(option)
            if factor is None:
                factor = factors[option] = _field_factor(option, signals, name_set, blend)
            best = max(best, quality * factor)
        got += term.weight * best
    return got / reading.total


def _proximity(reading: Reading, signals: Signals) -> float:
    pairs = reading.adjacent
    if not pairs:
        return 1.0 if reading.terms and {o for o, _q in reading.terms[0].options} & signals.name_set else 0.0
    name_pairs = signals.name_pairs
    total = hit = 0.0
    for weight, spellings in pairs:
        total += weight
        if not spellings.isdisjoint(name_pairs):
            hit += weight
    return hit / total if total else 0.0


def _covered(words: list[str], reading: Reading) -> float:
    """Share of `words` (a name or its core) that the reading's terms account for."""
    if not words:
        return 0.0
    wanted = reading.wanted
    return sum(1 for word in words if word in wanted) / len(words)


def _accent(query: ParsedQuery, signals: Signals) -> float:
    typed = [token for token in query.tokens if fold_token(token) != token and token.isalpha()]
    if not typed:
        return 0.0
    name = set(signals.name_text)
    return sum(1 for token in typed if token in name) / len(typed)


def candidate_score(query: ParsedQuery, signals: Signals, *, blend: Blend = BLEND) -> float:
    """The full relevance of one candidate (higher is better); 0 when it covers too little of every reading."""
    best = 0.0
    most = 1 + blend.proximity + blend.core + blend.whole  # what full proximity and shares multiply coverage by
    factors: dict[str, float] = {}
    for reading in query.readings:
        if reading.weight * most <= best:  # even a full match on this reading would not score higher
            continue
        coverage = reading_coverage(reading, signals, blend=blend, factors=factors)
        if coverage < blend.threshold or coverage * most * reading.weight <= best:
            continue
        score = coverage * (
            1
            + blend.proximity * _proximity(reading, signals)
            + blend.core * _covered(signals.head, reading)
            + blend.whole * _covered(signals.name_folded, reading)
        )
        best = max(best, score * reading.weight)
    if best == 0.0:
        return 0.0
    return (
        best + blend.level * signals.local + blend.popularity * signals.prior + blend.accent * _accent(query, signals)
    )


# A character reference html.escape wrote (left whole), or a syllable.
_MARK_RE = re.compile(r"&#?\w+;|[^\W_]+")


def _mark(text: str, wanted: frozenset[str]) -> str:
    """HTML-escaped `text` with every syllable whose folded form is wanted wrapped in <mark> (escaped once as a
    whole: syllables hold no character to escape)."""

    def marked(match: re.Match) -> str:
        word = match.group(0)
        if word[0] == "&" or fold_token(word.casefold()) not in wanted:
            return word
        return f"<mark>{word}</mark>"

    return _MARK_RE.sub(marked, html.escape(text))


def highlight(query: ParsedQuery, *, name: str, body: str) -> dict[str, str]:
    """Highlighted name and a snippet of the body around the first matching syllable (safe HTML)."""
    wanted = query.all_folded_tokens
    snippet = body
    if len(body) > SNIPPET_CHARS:
        start = 0
        for match in re.finditer(r"[^\W_]+", body):
            if fold_token(match.group(0).casefold()) in wanted:
                start = max(0, match.start() - 60)
                break
        snippet = ("…" if start else "") + body[start : start + SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
    return {"name": _mark(name, wanted), "snippet": _mark(snippet, wanted)}
