"""Query analysis shared by all backends: what the person typed, read against the catalog's own vocabulary.

The raw query becomes one or more *readings* (the query as typed, and with everyday names replaced by the
catalog's words), each a list of *terms*. A term is one syllable position: the folded spellings that
satisfy it (as typed first; then typo, regional and number variants, each with a lower quality) and how much
it matters (its rarity in the catalog; question words and filler count little). Backends score a procedure
by how much of a reading it covers; nothing here is tuned to a single query:

- Telex/VNI leftovers are undone against the catalog's syllables ("caaps" → "cấp", "ky1" → "ký");
- run-together input is split into catalog syllables ("lylichtuphap" → "ly lich tu phap");
- unknown or out-of-context syllables get the catalog's syllables one edit away or under the regional
  spelling rules (sanh/sinh, n/ng, s/x...) as options, chosen by which neighbours the catalog uses;
- abbreviations are spelled out from the names that spell them ("pccc" → "phòng cháy chữa cháy"), and
  spelled-out phrases also find the abbreviation the names use ("bảo hiểm xã hội" → "bhxh");
- synonym groups (staff-edited everyday names) give further readings.
"""

import itertools
import math
from dataclasses import dataclass
from functools import cached_property

from catalog.text import fold_diacritics
from config.versioned_cache import version_bump, versioned_local
from search.lexicon import Lexicon
from search.text import (
    fold_token,
    folded_tokens,
    is_syllable,
    keyboard_decode,
    national_code,
    regional_variants,
    tokens,
)

SYNONYM_CACHE_KEY = "search:synonym-groups"
SYNONYM_CACHE_SECONDS = 300  # also re-read this often (groups written without the signal: data migrations)
MAX_READINGS = 12
MAX_SUBSTITUTIONS = 3
SYNONYM_WEIGHT = 0.9
ACRONYM_WEIGHT = 0.9
CONTRACTION_WEIGHT = 0.95
VARIANT_QUALITY = 0.8  # a syllable read as a typo, regional or number variant of what was typed
MAX_VARIANTS = 3
FILLER_FACTOR = 0.1
BENEFICIARY_FACTOR = 0.3
UNSUPPORTED_FACTOR = 0.6
RARE_DF = 2  # a syllable this rare in the catalog may be a typo of one its neighbours go with
SEGMENT_MIN_LENGTH = 4
UNKNOWN_DF_SHARE = 0.01  # an unknown syllable weighs as one used by 1 % of procedures

# Question words and filler: they shape a question, not what it is about. They are recognised without
# diacritics (the same whether typed with or without them, so diacritics never change how a query is read):
# phrases, and single words whose folded form is not also a content word ("khong", not "co" for cơ/có).
FILLER_PHRASES = tuple(
    tuple(tokens(phrase))
    for phrase in (
        "như thế nào",
        "làm thế nào",
        "thế nào",
        "làm sao",
        "ra sao",
        "thì sao",
        "ở đâu",
        "chỗ nào",
        "mất bao lâu",
        "bao lâu",
        "bao nhiêu",
        "hết bao nhiêu",
        "có được không",
        "được không",
        "hay không",
        "có phải",
        "có cần",
        "cần những giấy tờ gì",
        "cần giấy tờ gì",
        "những giấy tờ gì",
        "giấy tờ gì",
        "hồ sơ gì",
        "thủ tục gì",
        "những gì",
        "là gì",
        "phải làm gì",
        "làm gì",
        "khi nào",
        "lúc nào",
        "xin hỏi",
        "cho hỏi",
        "cho em hỏi",
        "cho tôi hỏi",
    )
)
# "cho con", "cho mẹ": for whom the paper is, which the procedure's name rarely says.
BENEFICIARY_PHRASES = tuple(
    tuple(tokens(phrase))
    for phrase in ("cho con", "cho bé", "cho cháu", "cho tôi", "cho em", "cho mình", "cho vợ", "cho chồng",
                   "cho bố", "cho mẹ", "cho ba", "cho má", "cho gia đình", "của tôi", "của mình")
)  # fmt: skip
FILLER_FOLDED_WORDS = frozenset(["gi", "khong", "ko", "hok", "nhe", "toi", "nao"])
NUMBER_WORDS = dict(enumerate(["khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"]))


@dataclass(frozen=True)
class Term:
    """One syllable position of a reading: accepted folded spellings (quality 0..1, as typed first)."""

    options: tuple[tuple[str, float], ...]
    weight: float
    original: str | None = None  # as typed, when typed with diacritics (exact spellings rank first)
    typed: bool = True  # False for the catalog's words a synonym put in

    @property
    def folded(self) -> str:
        return self.options[0][0]


def _distinct(terms: list[Term]) -> tuple[Term, ...]:
    """Terms with a repeated syllable kept once (at its highest weight): "sổ ... sổ" is one thing asked."""
    best: dict[str, Term] = {}
    for term in terms:
        if term.folded not in best or best[term.folded].weight < term.weight:
            best[term.folded] = term
    kept = set()
    out = []
    for term in terms:
        if term.folded not in kept and best[term.folded] is term:
            kept.add(term.folded)
            out.append(term)
    return tuple(out)


@dataclass(frozen=True)
class Reading:
    """One way to read the query; `weight` is what a full match on it is worth (1.0 = as typed)."""

    terms: tuple[Term, ...]
    weight: float

    @property
    def text(self) -> str:
        return " ".join(term.folded for term in self.terms)

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(term.folded for term in self.terms)

    # The re-ranking reads these for every candidate: worked out once per reading (kept beside the fields).
    @cached_property
    def total(self) -> float:
        return sum(term.weight for term in self.terms) or 1.0

    @cached_property
    def wanted(self) -> frozenset[str]:
        """Every option of every term."""
        return frozenset(option for term in self.terms for option, _quality in term.options)

    @cached_property
    def adjacent(self) -> tuple[tuple[float, frozenset[tuple[str, str]]], ...]:
        """Per pair of neighbouring terms: its weight (the lesser term's) and the option pairs that spell it."""
        return tuple(
            (
                min(first.weight, second.weight),
                frozenset((a, b) for a, _qa in first.options for b, _qb in second.options),
            )
            for first, second in itertools.pairwise(self.terms)
        )


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    tokens: tuple[str, ...]  # as typed, casefolded, keyboard leftovers undone and run-together words split
    folded: tuple[str, ...]
    readings: tuple[Reading, ...]
    code: str | None
    corrected: bool = False  # the typed words were changed (keyboard leftovers, run-together words)
    suggestion: str | None = None  # the corrected query spelled with the catalog's diacritics

    @property
    def folded_text(self) -> str:
        return " ".join(self.folded)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def is_empty(self) -> bool:
        return not self.folded

    @cached_property
    def all_folded_tokens(self) -> frozenset[str]:
        """Every folded syllable any reading accepts (highlighting every hit of the page)."""
        return frozenset(option for reading in self.readings for term in reading.terms for option, _q in term.options)

    @property
    def alternatives(self) -> tuple[Reading, ...]:
        return self.readings


@dataclass(frozen=True)
class SynonymGroup:
    """Folded term sequences that name the same thing; in a one-way group the everyday terms (all but the
    first) are read as the first (the catalog's wording), not the reverse."""

    terms: tuple[tuple[str, ...], ...]
    one_way: bool = False


# --- synonyms -----------------------------------------------------------------------------------------------
def synonym_groups() -> list[SynonymGroup]:
    """Active synonym groups, folded (kept in each process; staff edits make every process read them again)."""
    return versioned_local(SYNONYM_CACHE_KEY, _synonym_groups_read, timeout=SYNONYM_CACHE_SECONDS)


def _synonym_groups_read() -> list[SynonymGroup]:
    from search.models import Synonym

    groups = []
    for synonym in Synonym.objects.filter(active=True):
        terms = [tuple(folded_tokens(term)) for term in synonym.term_list()]
        terms = [term for term in dict.fromkeys(terms) if term]
        if len(terms) > 1:
            groups.append(SynonymGroup(tuple(terms), one_way=synonym.one_way))
    return groups


def synonym_cache_clear() -> None:
    version_bump(SYNONYM_CACHE_KEY)


# --- analysis -----------------------------------------------------------------------------------------------
def _has_diacritics(token: str) -> bool:
    return fold_diacritics(token) != token


def _repair(token: str, lexicon: Lexicon) -> list[str]:
    """The typed token, or what it stands for: a syllable with its Telex/VNI keys undone, or the catalog
    syllables a run-together word splits into."""
    folded = fold_token(token)
    if lexicon.known(folded) or not any(ch.isalpha() for ch in token):
        return [token]
    decoded = keyboard_decode(token)
    if decoded:
        letters, tone = decoded
        base = fold_token(letters)
        if is_syllable(base) and lexicon.known(base):
            return [lexicon.spelling(base, letters=letters, tone=tone) or lexicon.spelling(base) or base]
    if token.isalpha() and len(folded) >= SEGMENT_MIN_LENGTH:
        parts = segment(folded, lexicon)
        if parts:
            return parts
    return [token]


def segment(folded: str, lexicon: Lexicon) -> list[str] | None:
    """Split a run-together folded word into catalog syllables (most probable split under the catalog's
    syllable and name-bigram counts), or None when no split uses only known syllables."""
    n = len(folded)

    def unigram(word: str) -> float:
        return math.log((lexicon.df.get(word, 0) + 0.1) / (lexicon.docs + 1))

    # best[i] = {last syllable: (log probability, split)} for folded[:i]
    best: list[dict[str, tuple[float, list[str]]]] = [{} for _ in range(n + 1)]
    best[0][""] = (0.0, [])
    for i in range(n):
        for last, (score, split) in best[i].items():
            for j in range(i + 1, min(n, i + 7) + 1):
                piece = fold_token(folded[i:j])
                if not (is_syllable(piece) and lexicon.df.get(piece, 0) >= 2):
                    continue
                pair = lexicon.bigram(last, piece) if last else 0
                step = unigram(piece) + (math.log1p(pair) if pair else 0.0) - 1.0
                candidate = (score + step, [*split, piece])
                if piece not in best[j] or candidate[0] > best[j][piece][0]:
                    best[j][piece] = candidate
    if not best[n]:
        return None
    split = max(best[n].values(), key=lambda entry: entry[0])[1]
    return split if len(split) > 1 else None


def _support(lexicon: Lexicon, word: str, before: str | None, after: str | None) -> int:
    return (lexicon.bigram(before, word) if before else 0) + (lexicon.bigram(word, after) if after else 0)


def _variants(folded: str, before: str | None, after: str | None, lexicon: Lexicon) -> list[tuple[str, float]]:
    """Other readings of a typed syllable: number words, and — when the catalog does not know it or its
    neighbours never go with it — catalog syllables one edit away or under the regional spelling rules,
    preferring those the catalog uses next to the same neighbours."""
    out: list[tuple[str, float]] = []
    if folded.isascii() and folded.isdigit() and int(folded) in NUMBER_WORDS:
        out.append((NUMBER_WORDS[int(folded)], VARIANT_QUALITY))
    elif folded in NUMBER_WORDS.values():
        out.append((str(list(NUMBER_WORDS.values()).index(folded)), VARIANT_QUALITY))
    if not folded.isalpha():
        return out
    known = lexicon.known(folded)
    if known and (lexicon.df.get(folded, 0) > RARE_DF or _support(lexicon, folded, before, after) > 0):
        return out
    candidates = {word for word in regional_variants(folded) if lexicon.known(word) and is_syllable(word)}
    candidates.update(lexicon.typo_candidates(folded))
    scored = []
    for word in candidates:
        support = _support(lexicon, word, before, after)
        if known and support < 2:
            continue  # a known syllable is only re-read where the catalog clearly writes another one
        scored.append((support, lexicon.df.get(word, 0), word))
    scored.sort(reverse=True)
    out += [(word, VARIANT_QUALITY) for _support_count, _df, word in scored[:MAX_VARIANTS]]
    return out


def _weight(folded: str, lexicon: Lexicon) -> float:
    if lexicon.known(folded):
        return lexicon.idf(folded)
    n = max(1.0, UNKNOWN_DF_SHARE * lexicon.docs)
    return math.log(1.0 + (lexicon.docs - n + 0.5) / (n + 0.5)) if lexicon.docs else 1.0


def _fillers(folded: list[str], phrases=FILLER_PHRASES, words=FILLER_FOLDED_WORDS) -> set[int]:
    """Positions of question words and filler (or other low-weight phrases) in the folded tokens."""
    out: set[int] = set()
    for phrase in phrases:
        size = len(phrase)
        target = [fold_token(word) for word in phrase]
        for i in range(len(folded) - size + 1):
            if folded[i : i + size] == target:
                out.update(range(i, i + size))
    out.update(i for i, word in enumerate(folded) if word in words)
    return out


COMPOUND_MIN_NAMES = 2


def _compounds(terms: list[Term], low: set[int], lexicon: Lexicon) -> list[Term]:
    """Two typed syllables the catalog writes together in names ("tốt nghiệp", "hộ tịch") are one word: they
    weigh alike (their mean), so a procedure holding only the rarer half ("thực hành *tốt*") is not taken for
    one about the word. Pairs are taken greedily, the most used first, each syllable in one pair at most."""
    pairs = []
    for i in range(len(terms) - 1):
        if i in low or i + 1 in low:
            continue
        count = lexicon.bigram(terms[i].folded, terms[i + 1].folded)
        if count >= COMPOUND_MIN_NAMES:
            pairs.append((count, i))
    out = list(terms)
    taken: set[int] = set()
    for _count, i in sorted(pairs, reverse=True):
        if i in taken or i + 1 in taken:
            continue
        taken.update((i, i + 1))
        mean = (terms[i].weight + terms[i + 1].weight) / 2
        out[i] = Term(terms[i].options, mean, terms[i].original, terms[i].typed)
        out[i + 1] = Term(terms[i + 1].options, mean, terms[i + 1].original, terms[i + 1].typed)
    return out


def _situation_words(terms: list[Term], low: set[int], lexicon: Lexicon) -> list[Term]:
    """Typed terms the catalog never writes next to their neighbours, in a reading that elsewhere speaks the
    catalog's language, weigh less: they describe the situation ("mở quán *cà phê*"), not the procedure.
    `low` holds the ids of filler terms (left out of the neighbourhood)."""
    content = [i for i, term in enumerate(terms) if id(term) not in low and is_syllable(term.folded)]
    if len(content) < 3:
        return terms

    def linked(i: int, j: int) -> bool:
        return any(lexicon.bigram(a, b) for a, _qa in terms[i].options for b, _qb in terms[j].options)

    supported = {i for i in content if not terms[i].typed}
    for i, j in itertools.pairwise(content):
        if terms[i].typed and terms[j].typed and linked(i, j):
            supported.update((i, j))
    if not supported:
        return terms
    return [
        Term(term.options, term.weight * UNSUPPORTED_FACTOR, term.original, term.typed)
        if i in content and i not in supported and term.typed
        else term
        for i, term in enumerate(terms)
    ]


def _find(haystack: tuple[str, ...], needle: tuple[str, ...]) -> list[int]:
    width = len(needle)
    return [i for i in range(len(haystack) - width + 1) if haystack[i : i + width] == needle]


def _substitutions(
    folded: tuple[str, ...], lexicon: Lexicon, groups: list[SynonymGroup]
) -> list[tuple[int, int, tuple[str, ...], float]]:
    """(start, stop, replacement, weight) for every everyday name, abbreviation or spelled-out phrase found."""
    options: list[tuple[int, int, tuple[str, ...], float]] = []
    present = set(folded)  # most groups share no word with the query: skip them without scanning it
    for group in groups:
        # One-way: the everyday terms (all but the first) are read as the catalog's term (the first).
        triggers = group.terms[1:] if group.one_way else group.terms
        for term in triggers:
            if term[0] not in present:
                continue
            targets = group.terms[:1] if group.one_way else group.terms
            for start in _find(folded, term):
                for other in targets:
                    if other != term:
                        options.append((start, start + len(term), other, SYNONYM_WEIGHT))
    for i, word in enumerate(folded):
        if word.isalpha() and not is_syllable(word) and word in lexicon.acronyms:
            options.append((i, i + 1, lexicon.acronyms[word], ACRONYM_WEIGHT))
    for size in range(2, 6):
        for i in range(len(folded) - size + 1):
            gram = folded[i : i + size]
            initials = "".join(word[0] for word in gram)
            if lexicon.acronyms.get(initials) == gram:
                options.append((i, i + size, (initials,), CONTRACTION_WEIGHT))
    return list(dict.fromkeys(options))


def _typed(raw: str, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """The typed tokens with keyboard leftovers undone and run-together words split, and the same spelled with
    the catalog's diacritics where they were repaired."""
    typed: list[str] = []
    spelled: list[str] = []
    for token in tokens(raw):
        repaired = _repair(token, lexicon)
        typed += repaired
        if repaired == [token]:
            spelled.append(token)
        else:
            spelled += [(lexicon.spelling(part) or part) if part == fold_token(part) else part for part in repaired]
    return typed, spelled


def _typed_terms(
    typed: list[str], folded: tuple[str, ...], lexicon: Lexicon, *, fillers: set[int], beneficiaries: set[int]
) -> list[Term]:
    """One term per typed token: its spelling variants and its weight (fillers and beneficiaries weigh less)."""
    terms: list[Term] = []
    for i, token in enumerate(typed):
        before = folded[i - 1] if i else None
        after = folded[i + 1] if i + 1 < len(folded) else None
        options = [(folded[i], 1.0), *_variants(folded[i], before, after, lexicon)]
        weight = _weight(folded[i], lexicon)
        if not lexicon.known(folded[i]) and len(options) > 1:
            weight = max(_weight(option, lexicon) for option, _quality in options[1:])
        if i in fillers:
            weight *= FILLER_FACTOR
        elif i in beneficiaries:
            weight *= BENEFICIARY_FACTOR
        terms.append(Term(tuple(options), weight, token if _has_diacritics(token) else None))
    return terms


def query_text(raw: str | None) -> str:
    """The query as read: without NUL characters and surrounding spaces, at most 255 characters."""
    return (raw or "").replace("\x00", " ").strip()[:255]


def query_analyse(raw: str, *, lexicon: Lexicon, groups: list[SynonymGroup], expand: bool = True) -> ParsedQuery:
    """Read the raw query against the catalog (pure: the lexicon and synonym groups are given)."""
    raw = query_text(raw)
    typed, spelled = _typed(raw, lexicon)
    corrected = typed != tokens(raw)
    folded = tuple(fold_token(token) for token in typed)
    fillers = _fillers(list(folded))
    beneficiaries = _fillers(list(folded), BENEFICIARY_PHRASES, frozenset()) - fillers
    typed_terms = _typed_terms(typed, folded, lexicon, fillers=fillers, beneficiaries=beneficiaries)
    typed_terms = _compounds(typed_terms, fillers | beneficiaries, lexicon)
    readings = [Reading(tuple(typed_terms), 1.0)] if typed_terms else []
    if expand and typed_terms:
        readings += _expanded_readings(folded, typed_terms, lexicon, groups)
    low = {id(typed_terms[i]) for i in fillers | beneficiaries}
    readings = [Reading(_distinct(_situation_words(list(r.terms), low, lexicon)), r.weight) for r in readings]
    return ParsedQuery(
        raw=raw,
        tokens=tuple(typed),
        folded=folded,
        readings=tuple(readings[:MAX_READINGS]),
        code=national_code(raw),
        corrected=corrected,
        suggestion=" ".join(spelled) if corrected else None,
    )


def _expanded_readings(
    folded: tuple[str, ...], typed_terms: list[Term], lexicon: Lexicon, groups: list[SynonymGroup]
) -> list[Reading]:
    """The likeliest readings with everyday names replaced by the catalog's words (at most `MAX_SUBSTITUTIONS`
    at once). A long question has dozens of combinations: each is weighed and keyed by its syllables first, and
    only the kept ones are built."""
    options = _substitutions(folded, lexicon, groups)
    typed_words = [term.folded for term in typed_terms]
    best: dict[tuple[str, ...], tuple[float, list]] = {}  # syllables → (weight, spans), first seen first
    for size in range(1, MAX_SUBSTITUTIONS + 1):
        for chosen in itertools.combinations(options, size):
            spans = sorted(chosen)
            if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
                continue
            words: list[str] = []
            position = 0
            weight = 1.0
            for start, stop, replacement, factor in spans:
                words += typed_words[position:start]
                words += replacement
                position = stop
                weight *= factor
            key = (*words, *typed_words[position:])
            if key != folded and (key not in best or best[key][0] < weight):
                best[key] = (weight, spans)
    kept = sorted(best.values(), key=lambda found: -found[0])[: MAX_READINGS - 1]
    return [Reading(_distinct(_substituted(typed_terms, spans, lexicon)), weight) for weight, spans in kept]


def _substituted(typed_terms: list[Term], spans: list, lexicon: Lexicon) -> list[Term]:
    terms: list[Term] = []
    position = 0
    for start, stop, replacement, _factor in spans:
        terms += typed_terms[position:start]
        # The everyday name and the catalog's words say the same thing: they weigh the same in total.
        span = sum(term.weight for term in typed_terms[start:stop])
        rarity = [_weight(word, lexicon) for word in replacement]
        terms += [
            Term(((word, 1.0),), span * share / sum(rarity), typed=False)
            for word, share in zip(replacement, rarity, strict=True)
        ]
        position = stop
    return terms + typed_terms[position:]


def query_parse(raw: str, *, lexicon: Lexicon | None = None, expand: bool = True) -> ParsedQuery:
    """Normalise and read the raw query once, against `lexicon` (default: the stored vocabulary); every
    backend searches from this."""
    from search.vocabulary import search_lexicon

    return query_analyse(
        raw,
        lexicon=lexicon if lexicon is not None else search_lexicon(),
        groups=synonym_groups() if expand else [],
        expand=expand,
    )
