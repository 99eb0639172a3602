"""Search terms of the load scenario: a Zipf-like mix over thousands of distinct, realistic queries.

The pool (deterministic, at least POOL_SIZE distinct queries) holds what citizens type: the judged queries,
everyday names (the synonym files), procedure names whole and in fragments of two to four syllables, each
also without diacritics and with one typing slip (two letters swapped, a Telex tone key left at the end).
`zipf_query(rng)` draws from it with weight 1/rank^ZIPF_EXPONENT: a few queries are very common, most are
rare — so the answer cache serves the head and the engine the long tail, as on a real site.
"""

import json
import lzma
import random
from bisect import bisect
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POOL_SIZE = 3000
ZIPF_EXPONENT = 1.0
_TELEX_TONES = "sfrxj"


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _slip(text: str, rng: random.Random) -> str:
    words = text.split()
    i = rng.randrange(len(words))
    word = words[i]
    if len(word) > 3 and rng.random() < 0.5:
        j = rng.randrange(1, len(word) - 1)
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    else:
        word = _fold(word) + rng.choice(_TELEX_TONES)
    words[i] = word
    return " ".join(words)


def query_pool(size: int = POOL_SIZE) -> list[str]:
    """At least `size` distinct queries, most common first (the judged and everyday ones lead)."""
    rng = random.Random(17)
    judged = [item["q"] for item in json.loads((ROOT / "data" / "search-judgments.json").read_text("utf-8"))["queries"]]
    everyday = []
    for name in ("synonyms.json", "synonyms-everyday.json"):
        data = json.loads((ROOT / "search" / "data" / name).read_text("utf-8"))
        everyday += [term for group in data["groups"] for term in group["terms"]]
    with lzma.open(ROOT / "data" / "procedures.json.xz", "rt", encoding="utf-8") as handle:
        names = [record["ten_thu_tuc"] for record in json.load(handle)["procedures"]]
    rng.shuffle(names)
    head = list(dict.fromkeys([*judged, *everyday]))
    tail: list[str] = []
    for name in names:
        words = name.split()
        if len(words) > 14:
            continue
        start = rng.randrange(max(1, len(words) - 3))
        fragment = " ".join(words[start : start + rng.choice([2, 3, 4])]).strip(" ,.;:()")
        tail += [name, fragment, _fold(fragment), _slip(fragment, rng)]
        if len(set(head) | set(tail)) >= size:
            break
    return list(dict.fromkeys([*head, *tail]))


QUERIES = query_pool()
_CUMULATIVE = list(accumulate(1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(QUERIES))))


def zipf_query(rng: random.Random = random) -> str:
    """One query, drawn with weight 1/rank^ZIPF_EXPONENT."""
    return QUERIES[bisect(_CUMULATIVE, rng.random() * _CUMULATIVE[-1])]
