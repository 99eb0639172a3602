"""Latency of procedure search per backend on 20,000 procedures (the sample plus synthetic variations).

Prints p50/p95 (ms) of 200 mixed queries — judged queries, folded forms, name fragments, prefixes, typos,
national codes — for each available backend and for Wagtail's stock database search backend, with the
ratio to the stock backend. Elasticsearch also shows the server-side time (`took`) of its queries.

Use a database of its own (the load is committed):
  DATABASE_URL=postgres://tthc:tthc@127.0.0.1:5432/tthc_search_bench ELASTICSEARCH_URL=http://127.0.0.1:9200 \
      SEARCH_INDEX_PREFIX=bench_search .venv/bin/python bench/search_speed.py
  DATABASE_URL=sqlite:////tmp/search_bench.sqlite3 .venv/bin/python bench/search_speed.py
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

TARGET = 20_000
QUERIES = 200
QUALIFIERS = [
    "(thực hiện tại cấp huyện)",
    "(thực hiện tại cấp xã)",
    "đối với tổ chức",
    "đối với cá nhân",
    "có yếu tố nước ngoài",
    "trường hợp bị mất, hư hỏng",
    "tại Bộ phận Một cửa",
    "cho người nước ngoài",
]


def synthetic(records: list[dict], target: int) -> list[dict]:
    """The sample plus variations (qualified names, new codes) up to `target` records."""
    rng = random.Random(20)
    out = list(records)
    n = 0
    while len(out) < target:
        base = records[n % len(records)]
        n += 1
        variant = dict(base)
        variant["ma_thu_tuc"] = f"9.{n:06d}"
        variant["ten_thu_tuc"] = f"{base['ten_thu_tuc']} {rng.choice(QUALIFIERS)}"
        out.append(variant)
    return out


def mixed_queries(records: list[dict], judged: list[str]) -> list[str]:
    from catalog.text import fold_diacritics

    rng = random.Random(7)
    queries = list(judged)
    while len(queries) < QUERIES:
        name = rng.choice(records)["ten_thu_tuc"].split()
        start = rng.randrange(max(1, len(name) - 3))
        fragment = " ".join(name[start : start + rng.choice([2, 3, 4])])
        kind = len(queries) % 5
        if kind == 0:
            fragment = fold_diacritics(fragment).lower()
        elif kind == 1 and len(fragment) > 6:
            i = rng.randrange(1, len(fragment) - 2)
            fragment = fragment[:i] + fragment[i + 1] + fragment[i] + fragment[i + 2 :]
        elif kind == 2:
            fragment = rng.choice(records)["ma_thu_tuc"]
        queries.append(fragment)
    return queries[:QUERIES]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from catalog.models import Procedure
    from search.backends import SearchRequest, database_backend, elasticsearch_backend
    from search.query import query_parse
    from search.services.indexing import search_index_rebuild
    from tests.search.sample import judgments, sample_load, sample_records

    call_command("migrate", verbosity=0)
    records = sample_records()
    if Procedure.objects.count() < TARGET:
        print(f"loading {TARGET} procedures…", flush=True)
        sample_load(records=synthetic(records, TARGET)[Procedure.objects.count() :])
        search_index_rebuild()
        stock = get_search_backend("default")
        for start in range(0, TARGET, 2000):
            stock.add_bulk(Procedure, list(Procedure.objects.order_by("pk")[start : start + 2000]))
    elif settings.ELASTICSEARCH_URL and not elasticsearch_backend().indexed_ids():
        search_index_rebuild()
    queries = mixed_queries(records, [item["q"] for item in judgments()])

    backends = {}
    db = database_backend()
    backends[db.engine] = db
    if settings.ELASTICSEARCH_URL:
        backends["elasticsearch"] = elasticsearch_backend()
    timings: dict[str, list[float]] = {}
    server: list[float] = []
    for name, backend in backends.items():
        for q in queries[:20]:  # warm caches and connections
            backend.search(SearchRequest(query=query_parse(q)))
        timings[name] = []
        for q in queries:
            started = time.perf_counter()
            backend.search(SearchRequest(query=query_parse(q)))
            timings[name].append((time.perf_counter() - started) * 1000)
            if name == "elasticsearch":
                server.append(float(backend.last_took or 0))
    stock = get_search_backend("default")
    procedures = Procedure.objects.all()
    for q in queries[:20]:
        list(stock.search(q, procedures)[:10])
    timings["wagtail-stock"] = []
    for q in queries:
        started = time.perf_counter()
        list(stock.search(q, procedures)[:10])
        timings["wagtail-stock"].append((time.perf_counter() - started) * 1000)

    base95 = percentile(timings["wagtail-stock"], 0.95)
    base50 = percentile(timings["wagtail-stock"], 0.50)
    print(f"{Procedure.objects.count()} procedures, {len(queries)} queries, database={db.engine}")
    print(f"{'backend':<22}{'p50 ms':>10}{'p95 ms':>10}{'p50/stock':>12}{'p95/stock':>12}")
    for name, values in timings.items():
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        print(f"{name:<22}{p50:>10.1f}{p95:>10.1f}{p50 / base50:>12.2f}{p95 / base95:>12.2f}")
    if server:
        print(f"{'elasticsearch (took)':<22}{statistics.median(server):>10.1f}{percentile(server, 0.95):>10.1f}")


if __name__ == "__main__":
    main()
