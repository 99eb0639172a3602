"""A parsed query turned into what every engine evaluates: distinct options, readings, pairs, retrieval set.

The engines compute the same additive first-stage score (`search.ranking.Blend`), for the best reading:

    reading weight × (coverage + proximity × adjacent pairs in the name + core × share of the name's core
    covered + whole × share of the name covered), if coverage ≥ threshold,
    plus level × nearness + popularity × popularity

where coverage is the weighted share of the reading's terms found (name 1, body `Blend.body`, steps
`Blend.context`, times the option's quality). `search.ranking.candidate_score` then re-ranks the engine's
best few with the multiplicative form and the typed diacritics.
"""

from dataclasses import dataclass

from search.lexicon import Lexicon
from search.query import ParsedQuery
from search.ranking import BLEND, Blend

MAX_OPTIONS = 60  # bit masks of options must fit in a signed 64-bit integer
PAIR_OPTIONS = 2  # options per side of an adjacent pair tried as a phrase
COMMON_SHARE = 0.3  # an option in more procedures than this is common: its body postings are not read when avoidable
COMMON_NAME_SHARE = 0.5  # ... and in more names than this, nor its name postings


@dataclass(frozen=True)
class PlanTerm:
    share: float  # the term's weight over the reading's total
    options: tuple[tuple[int, float], ...]  # (option index, quality)


@dataclass(frozen=True)
class PlanPair:
    share: float  # the pair's proximity weight over the reading's pairs
    phrases: tuple[int, ...]  # indexes into QueryPlan.phrases


@dataclass(frozen=True)
class PlanReading:
    weight: float
    terms: tuple[PlanTerm, ...]
    pairs: tuple[PlanPair, ...]


@dataclass(frozen=True)
class QueryPlan:
    options: tuple[str, ...]  # distinct folded syllables, in first-seen order
    phrases: tuple[str, ...]  # distinct "a b" pairs tried as phrases in the name
    readings: tuple[PlanReading, ...]
    retrieval: tuple[int, ...]  # options whose body postings select the candidates (and whose name postings do)
    name_retrieval: tuple[int, ...]  # options whose name postings select the candidates
    blend: Blend

    @property
    def is_empty(self) -> bool:
        return not self.readings


def query_plan(query: ParsedQuery, lexicon: Lexicon, *, blend: Blend = BLEND) -> QueryPlan:
    options: dict[str, int] = {}
    phrases: dict[str, int] = {}
    readings = []
    retrieval: set[int] = set()
    name_retrieval: set[int] = set()

    def option(word: str) -> int | None:
        if word not in options:
            if len(options) >= MAX_OPTIONS:
                return None
            options[word] = len(options)
        return options[word]

    docs = max(1, lexicon.docs)
    for reading in query.readings:
        total = reading.total
        terms = []
        for term in reading.terms:
            indexed = tuple((index, quality) for word, quality in term.options if (index := option(word)) is not None)
            if indexed:
                terms.append(PlanTerm(term.weight / total, indexed))
        if not terms:
            continue
        pairs = []
        weights = [min(a.weight, b.weight) for a, b in zip(reading.terms, reading.terms[1:], strict=False)]
        pair_total = sum(weights) or 1.0
        for (first, second), weight in zip(zip(reading.terms, reading.terms[1:], strict=False), weights, strict=True):
            found = []
            for a, _qa in first.options[:PAIR_OPTIONS]:
                for b, _qb in second.options[:PAIR_OPTIONS]:
                    phrase = f"{a} {b}"
                    found.append(phrases.setdefault(phrase, len(phrases)))
            pairs.append(PlanPair(weight / pair_total, tuple(found)))
        readings.append(PlanReading(reading.weight, tuple(terms), tuple(pairs)))
        # Candidates must hold, in name or body, terms worth more than 1 - threshold of this reading (a
        # procedure without any of them cannot reach the threshold); rare options always take part (cheap).
        need = 1.0 - blend.threshold
        taken = 0.0
        for term in sorted(terms, key=lambda t: -t.share):
            if taken > need:
                break
            taken += term.share
            retrieval.update(index for index, _quality in term.options)
        words = list(options)
        for term in terms:
            for index, _quality in term.options:
                if lexicon.df.get(words[index], 0) <= COMMON_SHARE * docs:
                    retrieval.add(index)
                if lexicon.name_df.get(words[index], 0) <= COMMON_NAME_SHARE * docs:
                    name_retrieval.add(index)
    return QueryPlan(
        options=tuple(options),
        phrases=tuple(phrases),
        readings=tuple(readings),
        retrieval=tuple(sorted(retrieval)),
        name_retrieval=tuple(sorted(name_retrieval | retrieval)),
        blend=blend,
    )
