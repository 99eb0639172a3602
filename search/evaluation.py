"""Relevance metrics over judged queries (query → graded relevant codes), shared by tests and benches."""

import math
from collections.abc import Callable


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


def relevance_evaluate(*, run: Callable[[str], list[str]], queries: list[dict]) -> dict[str, float]:
    """Mean nDCG@10, MRR@10 and zero-result rate of `run(q) -> ranked codes` over the judged queries."""
    ndcg = mrr = zero = 0.0
    for item in queries:
        ranked = run(item["q"])
        ndcg += ndcg_at_10(ranked, item["relevant"])
        mrr += reciprocal_rank(ranked, item["relevant"])
        zero += 0 if ranked else 1
    n = len(queries) or 1
    return {"ndcg@10": ndcg / n, "mrr": mrr / n, "zero_rate": zero / n}
