"""A parsed query turned into what every engine evaluates: distinct options, readings, pairs, retrieval set.

The engines compute the same additive first-stage score (`search.ranking.Blend`), for the best reading:

    reading weight × (coverage + proximity × adjacent pairs in the name + core × share of the name's core
    covered + whole × share of the name covered), if coverage ≥ threshold,
    plus level × nearness + popularity × popularity

over the query's likeliest readings (`engine_readings`), where coverage is the weighted share of the reading's
terms found (name 1, body `Blend.body`, steps `Blend.context`, times the option's quality).
`search.ranking.candidate_score` then re-ranks the engine's best few with the multiplicative form and the
typed diacritics.

The retrieval set says which postings select the candidates, by their cost in rows (the lexicon's counts):
for each reading, the cheapest terms whose postings every procedure able to reach the threshold is in
(`bound_postings`), plus the postings of rare options and, within a row budget, name postings of the
options that weigh most per row — they sharpen the database engines' first score. Elasticsearch filters
its candidates the same way.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from search.lexicon import Lexicon
from search.query import ParsedQuery, Reading
from search.ranking import BLEND, Blend

EPSILON = 1e-9
MAX_OPTIONS = 60  # bit masks of options must fit in a signed 64-bit integer
PAIR_OPTIONS = 2  # options per side of an adjacent pair tried as a phrase
RARE_SHARE = 0.02  # an option in at most this share of procedures is rare: its postings are always read (cheap)
NAME_SHARE = 0.5  # an option in at most this share of names may have its name postings read to sharpen the first score
NAME_BUDGET = 1.0  # ... those read: at most this many rows per indexed procedure, the most telling per row first
# Readings the engines rank with: the likeliest (the query's readings come best first). Every reading costs the
# engines a pass over its terms' postings, and the unlikeliest (two or three substitutions at once, often long
# catalog phrases of common syllables) were most of the slowest searches' time while adding nothing measurable
# (bench/search_quality.py: the same nDCG@10 and success@3 with 4, 5 or 12; 3 lose everyday words). The shared
# re-ranking still scores the candidates with every reading.
ENGINE_READINGS = 5


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
    # Every procedure that can reach the threshold on this reading holds one of these in its name or body.
    bound_names: tuple[int, ...] = ()
    bound_bodies: tuple[int, ...] = ()


@dataclass(frozen=True)
class QueryPlan:
    options: tuple[str, ...]  # distinct folded syllables, in first-seen order
    phrases: tuple[str, ...]  # distinct "a b" pairs tried as phrases in the name
    readings: tuple[PlanReading, ...]
    retrieval: tuple[int, ...]  # options whose body postings select the candidates (and whose name postings do)
    name_retrieval: tuple[int, ...]  # options whose name postings select the candidates (retrieval's among them)
    # The least of those: every procedure that can match holds one of `bound_names` in its name or one of
    # `bound_bodies` in its body (the rest sharpens the database engines' first score).
    bound_names: tuple[int, ...]
    bound_bodies: tuple[int, ...]
    blend: Blend

    @property
    def is_empty(self) -> bool:
        return not self.readings


def bound_postings(
    terms: list[PlanTerm], words: list[str], lexicon: Lexicon, *, name: set[int], body: set[int], blend: Blend
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The options (in the name, in the body) whose postings every procedure that can reach the threshold of
    this reading appears in, choosing the fewest posting rows (by the lexicon's counts; postings in `name` and
    `body`, already chosen for another reading, cost nothing).

    A term can be read in the name and the body (a procedure in neither postings has it at most in the steps,
    counted as nothing here), in the name only (at most `blend.body` of its share is left unseen) or not at all
    (its whole share). A procedure in none of the postings read covers at most the sum of what is left; that
    must stay below the threshold. Greedy by share removed per row read, then undoing dear steps not needed."""
    # levels: 0 not read, 1 name, 2 name and body; what a term leaves unseen at each level, and the step's cost
    left = (1.0, blend.body, 0.0)

    def cost(term: PlanTerm, level: int) -> int:
        rows = 0
        for k, _quality in term.options:
            if level == 1 and k not in name and k not in body:
                rows += lexicon.name_df.get(words[k], 0)
            if level == 2 and k not in body:
                rows += lexicon.df.get(words[k], 0)
        return rows

    # What each step costs depends on the term alone here: worked out once (the greedy loop asks many times).
    price_of = [(0, cost(term, 1), cost(term, 2)) for term in terms]
    levels = [0] * len(terms)
    unseen = sum(term.share for term in terms)
    limit = blend.threshold - 2 * EPSILON
    while unseen >= limit:
        best = None
        for i, term in enumerate(terms):
            for level in range(levels[i] + 1, 3):
                gain = term.share * (left[levels[i]] - left[level])
                price = sum(price_of[i][levels[i] + 1 : level + 1])
                ratio = price / gain if gain > 0 else float("inf")
                if best is None or ratio < best[0]:
                    best = (ratio, i, level, gain)
        if best is None or best[3] <= 0:
            break
        _ratio, i, level, gain = best
        levels[i] = level
        unseen -= gain
    # Undo the dearest steps that the rest makes unnecessary.
    for i in sorted(range(len(terms)), key=lambda i: -price_of[i][2] - price_of[i][1]):
        while levels[i] > 0:
            back = terms[i].share * (left[levels[i] - 1] - left[levels[i]])
            if unseen + back >= limit:
                break
            levels[i] -= 1
            unseen += back
    names = tuple(k for term, level in zip(terms, levels, strict=True) if level >= 1 for k, _q in term.options)
    bodies = tuple(k for term, level in zip(terms, levels, strict=True) if level == 2 for k, _q in term.options)
    return names, bodies


def engine_readings(readings: Iterable[Reading]) -> list[Reading]:
    """The readings the engines rank with: the `ENGINE_READINGS` likeliest, leaving out each one that holds every
    syllable of a likelier reading kept before it ("sổ đỏ" read as the long catalog name that begins with the
    shorter one). A procedure that fully matches it fully matches the likelier reading too, so it changes little
    of which procedures come first (its partial matches are no longer counted), while costing the engines a pass
    over many common syllables
    (bench/search_quality.py: the same nDCG@10 and success@3 with and without it; bench/search_speed.py:
    Elasticsearch's p95 fell by a fifth). The shared re-ranking still scores the candidates with it."""
    kept: list[Reading] = []
    for reading in readings:
        if len(kept) == ENGINE_READINGS:
            break
        syllables = set(reading.tokens)
        if not any(likelier.weight >= reading.weight and syllables.issuperset(likelier.tokens) for likelier in kept):
            kept.append(reading)
    return kept


def query_plan(query: ParsedQuery, lexicon: Lexicon, *, blend: Blend = BLEND) -> QueryPlan:
    options: dict[str, int] = {}
    phrases: dict[str, int] = {}
    readings = []
    retrieval: set[int] = set()
    name_retrieval: set[int] = set()
    bound_names: set[int] = set()
    bound_bodies: set[int] = set()
    worth: dict[int, float] = {}  # option → the most a match on it adds to a reading's weighted coverage

    def option(word: str) -> int | None:
        if word not in options:
            if len(options) >= MAX_OPTIONS:
                return None
            options[word] = len(options)
        return options[word]

    docs = max(1, lexicon.docs)
    for reading in engine_readings(query.readings):
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
        # Candidates must hold, in name or body, terms worth more than 1 - threshold of this reading (a
        # procedure without any of them cannot reach the threshold): the cheapest such terms by their postings.
        words = list(options)
        names, bodies = bound_postings(terms, words, lexicon, name=bound_names, body=bound_bodies, blend=blend)
        bound_names.update(names)
        bound_bodies.update(bodies)
        readings.append(PlanReading(reading.weight, tuple(terms), tuple(pairs), names, bodies))
        # Rare options' postings are short: reading them sharpens the first score at little cost.
        for term in terms:
            for index, quality in term.options:
                if lexicon.df.get(words[index], 0) <= RARE_SHARE * docs:
                    retrieval.add(index)
                worth[index] = max(worth.get(index, 0.0), reading.weight * term.share * quality)
    # Name postings sharpen the first score (which decides the candidates scored exactly) most per row read
    # where the option weighs much and is in few names; within a budget, so long queries stay cheap.
    retrieval |= bound_bodies
    name_retrieval |= bound_names
    words = list(options)
    budget = NAME_BUDGET * docs
    for index in sorted(worth, key=lambda k: -worth[k] / max(1, lexicon.name_df.get(words[k], 0))):
        rows = lexicon.name_df.get(words[index], 0)
        if index in name_retrieval or index in retrieval or rows > min(budget, NAME_SHARE * docs):
            continue
        budget -= rows
        name_retrieval.add(index)
    return QueryPlan(
        options=tuple(options),
        phrases=tuple(phrases),
        readings=tuple(readings),
        retrieval=tuple(sorted(retrieval)),
        name_retrieval=tuple(sorted(name_retrieval | retrieval)),
        blend=blend,
        bound_names=tuple(sorted(bound_names | bound_bodies)),
        bound_bodies=tuple(sorted(bound_bodies)),
    )
