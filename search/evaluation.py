"""Relevance metrics over judged queries (query → graded relevant codes), shared by tests and benches.

Grades: 3 = the procedure the person wants, 2 = an acceptable variant, 1 = related. "Success" counts a
procedure graded 2 or more (what the person would take), never a merely related one.
"""

import math
from collections.abc import Callable

from search.text import folded_tokens, tokens

SUCCESS_GRADE = 2
STYLES = ("no-diacritics", "everyday", "abbreviation", "typo", "question", "short", "name")
# Words of a judgment's note that name its style (the notes of the judged file start with them).
_NOTE_STYLES = (
    ("question", "question"),
    ("abbreviation", "abbreviation"),
    ("slang", "abbreviation"),
    ("typo", "typo"),
    ("telex", "typo"),
    ("missing space", "typo"),
    ("spelling variant", "typo"),
    ("everyday", "everyday"),
    ("punctuation", "name"),
    ("national code", "name"),
    ("no diacritics", "no-diacritics"),
    ("short", "short"),
)


def ndcg_at_10(ranked: list[str], relevant: dict[str, int]) -> float:
    """Normalised discounted cumulative gain of the first ten codes (gain 2^grade − 1)."""
    dcg = sum((2 ** relevant.get(code, 0) - 1) / math.log2(i + 2) for i, code in enumerate(ranked[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    """1/rank of the first relevant code in the first ten, else 0."""
    for i, code in enumerate(ranked[:10]):
        if relevant.get(code, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def success_at(ranked: list[str], relevant: dict[str, int], *, k: int = 3) -> float:
    """1 when a procedure graded 2 or 3 is among the first `k`, else 0."""
    return 1.0 if any(relevant.get(code, 0) >= SUCCESS_GRADE for code in ranked[:k]) else 0.0


def query_style(item: dict) -> str:
    """The style of a judged query: its `style` key, else the words its note starts with, else its form
    (an upper-case acronym, typed without diacritics, one or two syllables, or a procedure's own wording:
    "name")."""
    if item.get("style") in STYLES:
        return item["style"]
    note = (item.get("note") or "").casefold()
    for word, style in _NOTE_STYLES:
        if word in note:
            return style
    text = item["q"]
    if any(len(word) >= 2 and word.isalpha() and word.isupper() for word in text.split()):
        return "abbreviation"
    if text.strip() and tokens(text) == folded_tokens(text) and any(c.isalpha() for c in text):
        return "no-diacritics"
    if len(tokens(text)) <= 2:
        return "short"
    return "name"


def relevance_evaluate(*, run: Callable[[str], list[str]], queries: list[dict]) -> dict[str, float]:
    """Mean nDCG@10, MRR@10, success@3 and zero-result rate of `run(q) -> ranked codes` over the judged queries."""
    ndcg = mrr = success = zero = 0.0
    for item in queries:
        ranked = run(item["q"])
        ndcg += ndcg_at_10(ranked, item["relevant"])
        mrr += reciprocal_rank(ranked, item["relevant"])
        success += success_at(ranked, item["relevant"])
        zero += 0 if ranked else 1
    n = len(queries) or 1
    return {"ndcg@10": ndcg / n, "mrr": mrr / n, "success@3": success / n, "zero_rate": zero / n}
