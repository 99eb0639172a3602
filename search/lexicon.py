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


def _spelled_out(acronym: str, words: list[str]) -> set[tuple[str, ...]]:
    """Runs of syllables in `words` whose initials spell `acronym` ("và" may sit between them, as in
    "phòng cháy và chữa cháy" for PCCC)."""
    found = set()
    size = len(acronym)
    for start, word in enumerate(words):
        if word[:1] != acronym[0]:
            continue
        gram, i = [], start
        while i < len(words) and len(gram) < size:
            if words[i] == "va" and gram and acronym[len(gram)] != "v":
                i += 1
                continue
            if words[i][:1] != acronym[len(gram)] or not is_syllable(words[i]):
                break
            gram.append(words[i])
            i += 1
        if len(gram) == size:
            found.add(tuple(gram))
    return found


def lexicon_build(sources: Iterable[LexiconSource]) -> Lexicon:
    """Learn the vocabulary from every indexed procedure (one pass; names counted once per distinct name)."""
    docs = 0
    df: Counter = Counter()
    name_df: Counter = Counter()
    spelled: dict[str, Counter] = defaultdict(Counter)
    names: Counter = Counter()
    spelled_out: dict[str, Counter] = defaultdict(Counter)
    for source in sources:
        docs += 1
        name_folded = source.name_folded.split()
        body_folded = source.body_folded.split()
        df.update(set(name_folded) | set(body_folded))
        name_df.update(set(name_folded))
        names[source.name_folded] += 1
        for acronym in {word for word in (*name_folded, *body_folded) if _acronym_like(word)}:
            for gram in _spelled_out(acronym, name_folded) | _spelled_out(acronym, body_folded):
                spelled_out[acronym][gram] += 1
        for text, folded in ((source.name_text.split(), name_folded), (source.body_text.split(), body_folded)):
            if len(text) != len(folded):
                continue
            for original, fold in zip(text, folded, strict=True):
                if original.isalpha():
                    spelled[fold][original] += 1
    bigrams: Counter = Counter()
    for name, count in names.items():
        words = name.split()
        for first, second in zip(words, words[1:], strict=False):
            bigrams[f"{first} {second}"] += count
    deletes: dict[str, set[str]] = defaultdict(set)
    for word in df:
        if len(word) >= 2 and is_syllable(word):
            deletes[word].add(word)
            for key in deletions(word):
                deletes[key].add(word)
    return Lexicon(
        docs=docs,
        df=dict(df),
        name_df=dict(name_df),
        spellings={fold: tuple(counter.most_common(6)) for fold, counter in spelled.items() if is_syllable(fold)},
        bigrams=dict(bigrams),
        deletes={key: tuple(sorted(words)) for key, words in deletes.items()},
        acronyms={
            acronym: counter.most_common(1)[0][0]
            for acronym, counter in spelled_out.items()
            if counter.most_common(1)[0][1] >= ACRONYM_MIN_COUNT
        },
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
