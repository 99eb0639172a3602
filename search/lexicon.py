"""The catalog's own vocabulary, learnt from the indexed procedures: what query analysis reads it against.

Everything here comes from the procedures in the index, nothing from a hand list: how many procedures use a
folded syllable (term importance), the spellings with diacritics behind it (undoing Telex leftovers, "did you
mean"), which syllables follow each other in names (choosing between readings of run-together or mistyped
input), a deletion index over the syllables (typo look-up) and the abbreviations the names spell out
("pccc" → "phòng cháy chữa cháy").
"""

import json
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from search.text import deletions, is_syllable, tone_signature, within_one_edit

ACRONYM_MIN_COUNT = 2  # procedures that must use an abbreviation and spell it out before it is trusted


@dataclass(frozen=True)
class LexiconSource:
    """The text of one indexed procedure, token-aligned: original (diacritics kept) and folded forms."""

    name_text: str
    name_folded: str
    body_text: str
    body_folded: str


@dataclass
class Lexicon:
    docs: int = 0
    df: dict[str, int] = field(default_factory=dict)  # folded token → procedures using it (anywhere)
    name_df: dict[str, int] = field(default_factory=dict)  # folded token → procedures using it in the name
    spellings: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # most used first
    bigrams: dict[str, int] = field(default_factory=dict)  # "a b" (folded, adjacent in a name) → names
    deletes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # deletion → syllables
    acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "pccc" → ("phong", "chay", ...)

    # --- reading ---------------------------------------------------------------------------------------------
    def known(self, folded: str) -> bool:
        return folded in self.df

    def idf(self, folded: str) -> float:
        """How much a syllable tells procedures apart (BM25's idf; unknown syllables count as rare)."""
        n = self.df.get(folded, 0)
        return math.log(1.0 + (self.docs - n + 0.5) / (n + 0.5))

    def bigram(self, first: str, second: str) -> int:
        return self.bigrams.get(f"{first} {second}", 0)

    def typo_candidates(self, folded: str) -> list[str]:
        """Syllables of the catalog one edit (insertion, deletion, substitution, transposition) away."""
        if len(folded) < 3:
            return []
        found: set[str] = set()
        for key in {folded, *deletions(folded)}:
            found.update(self.deletes.get(key, ()))
        return sorted(word for word in found if word != folded and within_one_edit(folded, word))

    def spelling(self, folded: str, *, letters: str | None = None, tone: str | None = None) -> str | None:
        """The catalog's spelling of a folded syllable: the one with these letters and tone when asked, else
        the most used one."""
        options = self.spellings.get(folded, ())
        if letters is None:
            return options[0][0] if options else None
        for spelling, _count in options:
            if tone_signature(spelling) == (letters, tone or ""):
                return spelling
        return None


def _acronym_like(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and not is_syllable(word)


class _Initials:
    """The initials of a text's syllables ("và" left out, as in "phòng cháy và chữa cháy" for PCCC), to find
    the runs of syllables that spell an abbreviation with str.find."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.keep = [i for i, word in enumerate(words) if word != "va"]
        self.initials = "".join(words[i][0] for i in self.keep)

    def spelled_out(self, acronym: str) -> set[tuple[str, ...]]:
        found = set()
        start = self.initials.find(acronym)
        while start >= 0:
            gram = tuple(self.words[self.keep[j]] for j in range(start, start + len(acronym)))
            if all(is_syllable(word) for word in gram):
                found.add(gram)
            start = self.initials.find(acronym, start + 1)
        return found


class _Counts:
    """What one pass over the indexed procedures counts (names counted once per distinct name)."""

    def __init__(self) -> None:
        self.docs = 0
        self.df: Counter = Counter()
        self.name_df: Counter = Counter()
        self.pairs: Counter = Counter()  # (spelling, folded) → uses
        self.names: Counter = Counter()
        self.spelled_out: dict[str, Counter] = defaultdict(Counter)
        self.acronym_like: dict[str, bool] = {}

    def add(self, source: LexiconSource) -> None:
        self.docs += 1
        name_folded = source.name_folded.split()
        body_folded = source.body_folded.split()
        name_set = set(name_folded)
        words = name_set.union(body_folded)
        self.df.update(words)
        self.name_df.update(name_set)
        self.names[source.name_folded] += 1
        self._acronyms(words, name_folded, body_folded)
        for text, folded in ((source.name_text.split(), name_folded), (source.body_text.split(), body_folded)):
            if len(text) == len(folded):
                self.pairs.update(zip(text, folded, strict=True))

    def _acronyms(self, words: set[str], name_folded: list[str], body_folded: list[str]) -> None:
        """Count the syllable runs of the name and body that spell out an abbreviation the text uses."""
        for word in words - self.acronym_like.keys():
            self.acronym_like[word] = _acronym_like(word)
        acronyms = [word for word in words if self.acronym_like[word]]
        if not acronyms:
            return
        in_name, in_body = _Initials(name_folded), _Initials(body_folded)
        for acronym in acronyms:
            for gram in in_name.spelled_out(acronym) | in_body.spelled_out(acronym):
                self.spelled_out[acronym][gram] += 1

    def spellings(self) -> dict[str, tuple[tuple[str, int], ...]]:
        spelled: dict[str, Counter] = defaultdict(Counter)
        for (original, fold), count in self.pairs.items():
            if original.isalpha():
                spelled[fold][original] += count
        return {fold: tuple(counter.most_common(6)) for fold, counter in spelled.items() if is_syllable(fold)}

    def bigrams(self) -> dict[str, int]:
        bigrams: Counter = Counter()
        for name, count in self.names.items():
            words = name.split()
            for first, second in zip(words, words[1:], strict=False):
                bigrams[f"{first} {second}"] += count
        return dict(bigrams)

    def deletes(self) -> dict[str, tuple[str, ...]]:
        deletes: dict[str, set[str]] = defaultdict(set)
        for word in self.df:
            if len(word) >= 2 and is_syllable(word):
                deletes[word].add(word)
                for key in deletions(word):
                    deletes[key].add(word)
        return {key: tuple(sorted(words)) for key, words in deletes.items()}

    def acronyms(self) -> dict[str, tuple[str, ...]]:
        return {
            acronym: counter.most_common(1)[0][0]
            for acronym, counter in self.spelled_out.items()
            if counter.most_common(1)[0][1] >= ACRONYM_MIN_COUNT
        }


def lexicon_build(sources: Iterable[LexiconSource]) -> Lexicon:
    """Learn the vocabulary from every indexed procedure (one pass; names counted once per distinct name)."""
    counts = _Counts()
    for source in sources:
        counts.add(source)
    return Lexicon(
        docs=counts.docs,
        df=dict(counts.df),
        name_df=dict(counts.name_df),
        spellings=counts.spellings(),
        bigrams=counts.bigrams(),
        deletes=counts.deletes(),
        acronyms=counts.acronyms(),
    )


def lexicon_dump(lexicon: Lexicon) -> bytes:
    """The lexicon as compressed JSON (stored once per index change, loaded by every process)."""
    data = {
        "docs": lexicon.docs,
        "df": lexicon.df,
        "name_df": lexicon.name_df,
        "spellings": lexicon.spellings,
        "bigrams": lexicon.bigrams,
        "deletes": lexicon.deletes,
        "acronyms": lexicon.acronyms,
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def lexicon_load(blob: bytes) -> Lexicon:
    data = json.loads(zlib.decompress(bytes(blob)))
    return Lexicon(
        docs=data["docs"],
        df=data["df"],
        name_df=data["name_df"],
        spellings={fold: tuple((s, n) for s, n in options) for fold, options in data["spellings"].items()},
        bigrams=data["bigrams"],
        deletes={key: tuple(words) for key, words in data["deletes"].items()},
        acronyms={key: tuple(words) for key, words in data["acronyms"].items()},
    )
