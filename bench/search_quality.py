"""Relevance of procedure search per backend on the judged queries (data/search-judgments.json).

Prints nDCG@10, MRR and zero-result rate for each available backend next to Wagtail's stock database
search backend (the baseline). Loads the sample procedures into the configured database first.

Run (SQLite file):  DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=sqlite:////tmp/sq.sqlite3 .venv/bin/python bench/search_quality.py
Run (PostgreSQL + Elasticsearch): DATABASE_URL=postgres://tthc:tthc@127.0.0.1:5432/tthc_search \
    ELASTICSEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=bench_search .venv/bin/python bench/search_quality.py
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def runners() -> dict:
    from django.conf import settings

    from search.backends import BackendUnavailable, SearchRequest, database_backend, elasticsearch_backend
    from search.query import query_parse

    def via(backend):
        def run(q: str) -> list[str]:
            try:
                results = backend.search(SearchRequest(query=query_parse(q), page_size=10))
            except BackendUnavailable:
                return []
            return [hit.code for hit in results.hits]

        return run

    out = {}
    db = database_backend()
    out[db.engine] = via(db)
    if settings.ELASTICSEARCH_URL:
        out["elasticsearch"] = via(elasticsearch_backend())
    out["wagtail-stock"] = wagtail_stock
    return out


def wagtail_stock(q: str) -> list[str]:
    from wagtail.search.backends import get_search_backend

    from catalog.models import Procedure

    backend = get_search_backend("default")
    return [p.code for p in backend.search(q, Procedure.objects.all())[:10]]


def load_sample() -> None:
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from catalog.models import Procedure
    from search.services.indexing import search_index_rebuild
    from tests.search.sample import sample_load, sample_records

    call_command("migrate", verbosity=0)
    if not Procedure.objects.exists():
        sample_load(records=sample_records())
    search_index_rebuild()
    stock = get_search_backend("default")
    stock.reset_index() if hasattr(stock, "reset_index") else None
    stock.add_bulk(Procedure, list(Procedure.objects.all()))


def main() -> None:
    import django

    django.setup()
    from search.evaluation import ndcg_at_10, relevance_evaluate
    from tests.search.sample import judgments

    load_sample()
    queries = judgments()
    results = {name: relevance_evaluate(run=run, queries=queries) for name, run in runners().items()}
    names = list(results)
    print(f"{len(queries)} judged queries")
    print(f"{'metric':<12}" + "".join(f"{name:>16}" for name in names))
    for metric in ("ndcg@10", "mrr", "zero_rate"):
        print(f"{metric:<12}" + "".join(f"{results[name][metric]:>16.3f}" for name in names))
    if "-v" in sys.argv:
        for name, run in runners().items():
            if name == "wagtail-stock":
                continue
            for item in queries:
                ranked = run(item["q"])
                print(f"{name:<12} {ndcg_at_10(ranked, item['relevant']):.2f} {item['q']!r:45} {ranked[:5]}")


if __name__ == "__main__":
    main()
