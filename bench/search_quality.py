"""Relevance of procedure search per backend on judged queries (default data/search-judgments.json).

Prints, for each available backend next to Wagtail's stock database search backend (the baseline):
nDCG@10, MRR, success@3 (a procedure graded 2 or 3 among the first three) and the number of queries that
found nothing, overall and per query style (no diacritics, everyday words, abbreviations, typos,
questions, short, procedure wording). A query whose search raised or timed out is counted apart as an
error, never scored as an empty result. Loads the sample procedures into the configured database first.

    .venv/bin/python bench/search_quality.py [--judgments PATH] [--half even|odd] [--no-stock] [-v]

Run (SQLite file):  DATABASE_URL=sqlite:////work/wt/search/var/quality.sqlite3 .venv/bin/python bench/search_quality.py
Run (PostgreSQL + Elasticsearch): DATABASE_URL=postgres://tthc:tthc@127.0.0.1:5432/tthc_search_quality \
    ELASTICSEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=bench_quality .venv/bin/python bench/search_quality.py

`--half even` / `--half odd` keeps every other judged query (0-based position), to check that a change
made while looking at one half moves the other half alike.
"""

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

DEFAULT_JUDGMENTS = ROOT / "data" / "search-judgments.json"


class Failed(Exception):
    """The backend raised or timed out on this query (counted apart, not scored)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind


def runners(*, stock: bool) -> dict:
    from django.conf import settings

    from search.backends import BackendUnavailable, SearchRequest, database_backend, elasticsearch_backend
    from search.query import query_parse
    from search.vocabulary import search_lexicon

    def via(backend):
        def run(q: str) -> list[str]:
            try:
                lexicon = search_lexicon()
                results = backend.search(
                    SearchRequest(query=query_parse(q, lexicon=lexicon), lexicon=lexicon, page_size=10)
                )
            except BackendUnavailable as exc:
                kind = "timeout" if "timeout" in str(exc).casefold() else "error"
                raise Failed(kind, str(exc)) from exc
            except Exception as exc:
                raise Failed("error", f"{exc.__class__.__name__}: {exc}") from exc
            return [hit.code for hit in results.hits]

        return run

    out = {}
    db = database_backend()
    out[db.engine] = via(db)
    if settings.ELASTICSEARCH_URL:
        out["elasticsearch"] = via(elasticsearch_backend())
    if stock:
        out["wagtail-stock"] = wagtail_stock
    return out


def wagtail_stock(q: str) -> list[str]:
    from wagtail.search.backends import get_search_backend

    from catalog.models import Procedure

    backend = get_search_backend("default")
    return [p.code for p in backend.search(q, Procedure.objects.all())[:10]]


def load_sample(*, stock: bool) -> None:
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from catalog.models import Procedure
    from search.services.indexing import search_index_rebuild
    from tests.search.sample import index_updates_paused, sample_load, sample_records

    call_command("migrate", verbosity=0)
    if not Procedure.objects.exists():
        print("loading the sample procedures…", flush=True)
        with index_updates_paused():  # one rebuild below instead of an update per loaded batch
            sample_load(records=sample_records())
    search_index_rebuild()
    if stock:
        backend = get_search_backend("default")
        backend.reset_index() if hasattr(backend, "reset_index") else None
        backend.add_bulk(Procedure, list(Procedure.objects.all()))


def evaluate(run, queries: list[dict]) -> dict:
    """Per query: metrics or the failure; aggregates overall and per style over the answered queries."""
    from search.evaluation import ndcg_at_10, query_style, reciprocal_rank, success_at

    rows = []
    for item in queries:
        started = time.perf_counter()
        try:
            ranked = run(item["q"])
        except Failed as failure:
            rows.append({"item": item, "failed": failure.kind, "detail": str(failure)})
            continue
        rows.append(
            {
                "item": item,
                "style": query_style(item),
                "ranked": ranked,
                "ndcg@10": ndcg_at_10(ranked, item["relevant"]),
                "mrr": reciprocal_rank(ranked, item["relevant"]),
                "success@3": success_at(ranked, item["relevant"]),
                "zero": 0 if ranked else 1,
                "ms": (time.perf_counter() - started) * 1000,
            }
        )
    answered = [row for row in rows if "failed" not in row]
    by_style = defaultdict(list)
    for row in answered:
        by_style[row["style"]].append(row)

    def mean(group, key):
        return sum(row[key] for row in group) / len(group) if group else float("nan")

    return {
        "rows": rows,
        "overall": {key: mean(answered, key) for key in ("ndcg@10", "mrr", "success@3")},
        "zero": sum(row["zero"] for row in answered),
        "errors": sum(1 for row in rows if row.get("failed") == "error"),
        "timeouts": sum(1 for row in rows if row.get("failed") == "timeout"),
        "styles": {
            style: {"n": len(group), "ndcg@10": mean(group, "ndcg@10"), "success@3": mean(group, "success@3")}
            for style, group in by_style.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judgments", default=str(DEFAULT_JUDGMENTS), help="judged queries (search-judgments/1)")
    parser.add_argument("--half", choices=["even", "odd"], help="only every other judged query")
    parser.add_argument("--no-stock", action="store_true", help="leave out Wagtail's stock backend")
    parser.add_argument("--no-load", action="store_true", help="use the index as it is (no rebuild)")
    parser.add_argument("-v", action="store_true", help="one line per query and backend")
    args = parser.parse_args()

    import json

    import django

    django.setup()
    from django.db import connection

    from search.evaluation import STYLES

    queries = json.loads(Path(args.judgments).read_text(encoding="utf-8"))["queries"]
    if args.half:
        queries = queries[0 if args.half == "even" else 1 :: 2]
    if not args.no_load:
        load_sample(stock=not args.no_stock)
    results = {name: evaluate(run, queries) for name, run in runners(stock=not args.no_stock).items()}
    names = list(results)
    print(f"{len(queries)} judged queries from {args.judgments}{f' ({args.half} half)' if args.half else ''}")
    print(f"database={connection.vendor}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'metric':<14}" + "".join(f"{name:>16}" for name in names))
    for metric in ("ndcg@10", "mrr", "success@3"):
        print(f"{metric:<14}" + "".join(f"{results[name]['overall'][metric]:>16.3f}" for name in names))
    for key, label in (("zero", "zero results"), ("errors", "errors"), ("timeouts", "timeouts")):
        print(f"{label:<14}" + "".join(f"{results[name][key]:>16d}" for name in names))
    print(f"\nper style: nDCG@10 / success@3 (queries)\n{'style':<14}" + "".join(f"{name:>16}" for name in names))
    for style in STYLES:
        cells = []
        for name in names:
            figures = results[name]["styles"].get(style)
            cells.append(f"{figures['ndcg@10']:.2f} / {figures['success@3']:.2f}" if figures else "-")
        n = max((results[name]["styles"].get(style, {}).get("n", 0) for name in names), default=0)
        if n:
            print(f"{style + f' ({n})':<14}" + "".join(f"{cell:>16}" for cell in cells))
    if args.v:
        for name in names:
            if name == "wagtail-stock":
                continue
            for row in results[name]["rows"]:
                item = row["item"]
                if "failed" in row:
                    print(f"{name:<14} {row['failed'].upper():>5} {item['q']!r:60} {row['detail'][:80]}")
                    continue
                marks = [f"{code}:{item['relevant'].get(code, 0)}" for code in row["ranked"][:5]]
                print(f"{name:<14} {row['ndcg@10']:.2f} {row['style']:<13} {item['q']!r:60} {' '.join(marks)}")


if __name__ == "__main__":
    main()
