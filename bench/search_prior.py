"""How much the popularity prior should weigh: nDCG@10 on the judged queries under simulated demand.

The sample has no dossiers, so the weight of the prior (`search.ranking.Blend.popularity`) is measured on
simulated demand figures, two ways, with the shared ranking (search.ranking) over the database index:

- *uninformative*: Zipf-distributed dossier counts given to procedures at random. A good weight barely
  moves nDCG (the prior must not override what the query says);
- *informative*: the same counts, the largest going to the procedures the judgments want (grade 3), as real
  demand would (people search for what they do). A good weight gains here.

    DATABASE_URL=sqlite:////work/wt/search/var/after/quality.sqlite3 .venv/bin/python bench/search_prior.py

(run bench/search_quality.py on the same database first: it loads and indexes the sample).
"""

import dataclasses
import os
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

WEIGHTS = (0.0, 0.05, 0.1, 0.15, 0.25, 0.4, 0.6)
SEEDS = (1, 2, 3)


def main() -> None:
    import django

    django.setup()
    from search.documents import popularity
    from search.evaluation import ndcg_at_10
    from search.models import SearchDocument
    from search.query import query_parse
    from search.ranking import BLEND, Signals, candidate_score
    from search.text import folded_tokens, name_head, name_parts, tokens
    from tests.search.sample import judgments

    rows = list(SearchDocument.objects.values_list("code", "name", "body_folded", "context_terms", "local"))
    signals, postings = [], defaultdict(set)
    for index, (_code, name, body, context, local) in enumerate(rows):
        main_name = name_parts(name)[0]
        signal = Signals(
            name=name,
            name_folded=folded_tokens(main_name),
            name_text=tokens(main_name),
            head=name_head(name),
            body=set(body.split()),
            context=set(context.split()),
            local=local,
        )
        signals.append(signal)
        for word in set(signal.name_folded) | signal.body | signal.context:
            postings[word].add(index)
    queries = [(item, query_parse(item["q"])) for item in judgments()]
    wanted = {code for item, _q in queries for code, grade in item["relevant"].items() if grade == 3}

    def demand(seed: int, informative: bool) -> list[float]:
        rng = random.Random(seed)
        counts = sorted((int(5000 / (rank + 1)) for rank in range(len(rows))), reverse=True)
        order = list(range(len(rows)))
        rng.shuffle(order)
        if informative:
            order.sort(key=lambda i: rows[i][0] not in wanted)  # wanted procedures take the largest counts
        priors = [0.0] * len(rows)
        for count, i in zip(counts, order, strict=True):
            priors[i] = popularity(demand=count, commonly_used=False)
        return priors

    def mean_ndcg(weight: float, priors: list[float]) -> float:
        blend = dataclasses.replace(BLEND, popularity=weight)
        total = 0.0
        for item, query in queries:
            candidates = set().union(*(postings.get(word, set()) for word in query.all_folded_tokens))
            scored = []
            for i in candidates:
                signal = dataclasses.replace(signals[i], prior=priors[i])
                score = candidate_score(query, signal, blend=blend)
                if score > 0:
                    scored.append((-score, len(rows[i][1]), rows[i][0]))
            scored.sort()
            total += ndcg_at_10([code for *_k, code in scored[:10]], item["relevant"])
        return total / len(queries)

    base = mean_ndcg(0.0, [0.0] * len(rows))
    print(f"{len(rows)} procedures, {len(queries)} judged queries; nDCG@10 without demand {base:.3f}")
    print(f"{'weight':>8}{'uninformative':>16}{'informative':>14}   (mean of {len(SEEDS)} draws; change vs none)")
    for weight in WEIGHTS:
        cells = []
        for informative in (False, True):
            value = sum(mean_ndcg(weight, demand(seed, informative)) for seed in SEEDS) / len(SEEDS)
            cells.append(f"{value:.3f} ({value - base:+.3f})")
        marker = "  <- Blend.popularity" if weight == BLEND.popularity else ""
        print(f"{weight:>8.2f}{cells[0]:>16}{cells[1]:>16}{marker}")


if __name__ == "__main__":
    main()
