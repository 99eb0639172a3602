"""Latency of procedure search per backend on --size procedures (the sample plus synthetic variations).

Runs 200 mixed queries — the judged queries, folded forms, name fragments, typos, national codes — and
prints p50/p95/max (ms, end to end: `SearchBackend.search()` with its hits and highlights) for each
available backend and Wagtail's stock database search backend, with the ratio to the stock backend.
Backends are interleaved query by query (their order rotating), so load drift on a shared machine touches
every backend alike. A fixed set of known queries (national codes and exact names, typed with and without
diacritics) is checked: the top result must be that procedure (or a copy with the same name), so a fast
wrong answer shows. Elasticsearch also shows its server-side time (`took`). The machine's load average
is printed before and after: figures taken on a loaded machine are provisional.

Use a database of its own (the load is committed):
  DATABASE_URL=postgres://tthc:tthc@127.0.0.1:5432/tthc_search_bench ELASTICSEARCH_URL=http://127.0.0.1:9200 \
      SEARCH_INDEX_PREFIX=bench_speed .venv/bin/python bench/search_speed.py [--size 20000] [--reindex]
  DATABASE_URL=sqlite:////work/wt/search/var/speed.sqlite3 .venv/bin/python bench/search_speed.py
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

QUERIES = 200
KNOWN = 6  # records whose code and exact name (with and without diacritics) are known queries
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


def known_queries(records: list[dict]) -> list[tuple[str, str]]:
    """(query, expected name) pairs: a record's code, its exact name, and that name without diacritics."""
    from catalog.text import fold_diacritics
    from search.text import original_text

    rng = random.Random(11)
    names = {}
    for record in records:
        names.setdefault(original_text(record["ten_thu_tuc"]), []).append(record)
    plain = [r for r in records if 6 <= len(r["ten_thu_tuc"].split()) <= 14 and r["ma_thu_tuc"].count(".") == 1]
    out = []
    for record in rng.sample(plain, KNOWN):
        name = record["ten_thu_tuc"]
        out += [(record["ma_thu_tuc"], name), (name, name), (fold_diacritics(name).lower(), name)]
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def prepare(size: int, *, reindex: bool) -> list[dict]:
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from catalog.models import Procedure
    from search.backends import elasticsearch_backend
    from search.models import SearchDocument
    from search.services.indexing import search_index_count, search_index_rebuild
    from tests.search.sample import index_updates_paused, sample_load, sample_records

    call_command("migrate", verbosity=0)
    records = sample_records()
    have = Procedure.objects.count()
    if have < size:
        print(f"loading {size - have} procedures…", flush=True)
        with index_updates_paused():  # one rebuild below instead of an update per loaded batch
            sample_load(records=synthetic(records, size)[have:])
        reindex = True
        stock = get_search_backend("default")
        for start in range(0, size, 2000):
            stock.add_bulk(Procedure, list(Procedure.objects.order_by("pk")[start : start + 2000]))
    in_force = search_index_count()
    stale = SearchDocument.objects.count() != in_force
    if settings.ELASTICSEARCH_URL:
        stale = stale or len(elasticsearch_backend().indexed_ids()) != in_force
    if reindex or stale:
        print("building the search indexes…", flush=True)
        search_index_rebuild()
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="procedures in the database (default 20,000)")
    parser.add_argument("--reindex", action="store_true", help="rebuild the search indexes first")
    parser.add_argument("--no-stock", action="store_true", help="leave out Wagtail's stock backend")
    parser.add_argument("--load-only", action="store_true", help="load and index, measure nothing")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    from catalog.models import Procedure
    from config.versioned_cache import versions_read_together
    from search.backends import SearchRequest, database_backend, elasticsearch_backend
    from search.query import query_parse
    from search.selectors import SEARCH_VERSIONS
    from search.text import original_text
    from search.vocabulary import search_lexicon
    from tests.search.sample import judgments

    records = prepare(args.size, reindex=args.reindex)
    if args.load_only:
        return
    queries = mixed_queries(records, [item["q"] for item in judgments()])
    known = known_queries(records)

    runs = {}
    db = database_backend()
    runs[db.engine] = ("ours", db)
    if settings.ELASTICSEARCH_URL:
        runs["elasticsearch"] = ("ours", elasticsearch_backend())
    if not args.no_stock:
        runs["wagtail-stock"] = ("stock", get_search_backend("default"))
    procedures = Procedure.objects.all()

    def once(name: str, q: str) -> tuple[float, list, float]:
        kind, backend = runs[name]
        started = time.perf_counter()
        if kind == "stock":
            hits = [(p.code, p.name) for p in backend.search(q, procedures)[:10]]
            return (time.perf_counter() - started) * 1000, hits, 0.0
        with versions_read_together(*SEARCH_VERSIONS):  # as search.selectors.procedure_search reads them
            lexicon = search_lexicon()
            results = backend.search(SearchRequest(query=query_parse(q, lexicon=lexicon), lexicon=lexicon))
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, [(hit.code, hit.name) for hit in results.hits], float(getattr(backend, "last_took", 0) or 0)

    names = list(runs)
    for q in queries[:20]:  # warm caches and connections
        for name in names:
            once(name, q)
    print(f"{Procedure.objects.count()} procedures, {len(queries)} queries, database={db.engine}")
    print(f"load average before: {load_average()}")
    timings: dict[str, list[float]] = {name: [] for name in names}
    server: list[float] = []
    for i, q in enumerate(queries):
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            elapsed, _hits, took = once(name, q)
            timings[name].append(elapsed)
            if name == "elasticsearch":
                server.append(took)
    right = dict.fromkeys(names, 0)
    wrong: dict[str, list[str]] = {name: [] for name in names}
    for q, expected in known:
        for name in names:
            _elapsed, hits, _took = once(name, q)
            if hits and original_text(hits[0][1]) == original_text(expected):
                right[name] += 1
            else:
                wrong[name].append(f"{q[:50]!r} → {hits[0][0] if hits else 'nothing'}")
    print(f"load average after:  {load_average()}")

    base = "wagtail-stock" if "wagtail-stock" in timings else names[0]
    base95, base50 = percentile(timings[base], 0.95), percentile(timings[base], 0.50)
    header = f"{'backend':<22}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'p50/' + base[:5]:>12}{'p95/' + base[:5]:>12}"
    print(header + f"{'known right':>14}")
    for name, values in timings.items():
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        print(
            f"{name:<22}{p50:>9.1f}{p95:>9.1f}{max(values):>9.1f}{p50 / base50:>12.2f}{p95 / base95:>12.2f}"
            f"{f'{right[name]}/{len(known)}':>14}"
        )
    if server:
        print(f"{'elasticsearch (took)':<22}{statistics.median(server):>9.1f}{percentile(server, 0.95):>9.1f}")
    for name in names:
        for line in wrong[name]:
            print(f"  {name}: known query answered wrong: {line}")


if __name__ == "__main__":
    main()
