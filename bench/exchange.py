"""Benchmark of the exchange: import (JSON) and streaming export (JSON, XML) of N synthetic procedures.

One command (the integrator's):

    .venv/bin/python bench/exchange.py                 # scratch SQLite file, N = 20,000
    .venv/bin/python bench/exchange.py --postgres      # scratch PostgreSQL database, N = 20,000

`--postgres` creates `tthc_exchange_bench_<pid>` through the maintenance database BENCH_POSTGRES_URL
(default postgres://tthc:tthc@127.0.0.1:5432/postgres), migrates it and drops it at the end. Without it a
scratch SQLite file in a temporary directory is used and deleted. With DATABASE_URL set, that database is
used instead (it must be a scratch one: its procedures are deleted first) and nothing is dropped.
`--keep-db` keeps the scratch database; `-n N` changes the count; `--sizes 5000,20000` the export sizes.

Synthetic records are variations of the real sample (codes and names changed). Exports are measured as
the command runs them by default, on the versions in force (each procedure gets its version after the
import timings, untimed), and on the working copies (`--include-drafts`, annexes). Printed as a table:
wall-clock throughput, throughput per CPU second of this process and its export workers (comparable on
a busy machine: the database server's time is excluded), and tracemalloc peak memory of this process in
a second, traced run (tracing slows Python several times, so timings come from the untraced run).
Exports run as the command runs them: one worker process per CPU (`--workers` changes that); the
largest size is also exported in one process, for comparison. The workers' largest resident set is
printed after the exports. Exports are measured at several sizes to
show memory flat in the number of procedures. Targets: export ≥ 2,000 procedures/s with flat memory,
import ≥ 500 procedures/s. The import is timed with downstream `procedures_changed` receivers (search
indexing) disconnected, and says so. The load average is printed: the machine may be shared.
"""

from __future__ import annotations

import argparse
import copy
import gc
import io
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SAMPLE = ROOT / "data" / "procedures.json.xz"
DEFAULT_MAINTENANCE_URL = "postgres://tthc:tthc@127.0.0.1:5432/postgres"
EXPORT_TARGET = 2_000
IMPORT_TARGET = 500
FLAT_TOLERANCE = 1.5  # peak at the largest size at most this many times the peak at the smallest


class _Sink(io.RawIOBase):
    """Counts bytes written, keeps nothing (so memory reflects the exporter only)."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        return len(data)


def _scratch(args) -> tuple[str, str] | None:
    """Point DATABASE_URL at a scratch database unless one is given; what to drop at the end."""
    if os.environ.get("DATABASE_URL"):
        return None
    if args.postgres:
        import psycopg

        maintenance = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_MAINTENANCE_URL)
        name = f"tthc_exchange_bench_{os.getpid()}"
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{maintenance.rpartition('/')[0]}/{name}"
        return ("postgres", f"{maintenance}|{name}")
    directory = tempfile.mkdtemp(prefix="tthc_exchange_bench_")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    return ("sqlite", directory)


def _drop(scratch: tuple[str, str]) -> None:
    from django.db import connections

    connections.close_all()
    kind, where = scratch
    if kind == "sqlite":
        shutil.rmtree(where, ignore_errors=True)
        return
    import psycopg

    maintenance, name = where.split("|")
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def synthetic(n: int, series: int = 3) -> dict:
    from exchange.services.importing import document_load

    sample = document_load(SAMPLE)["procedures"]
    records = []
    for i in range(n):
        record = copy.deepcopy(sample[i % len(sample)])
        record["ma_thu_tuc"] = f"{series + i // 1_000_000}.{i % 1_000_000:06d}"
        record["ten_thu_tuc"] = f"{record['ten_thu_tuc']} (biến thể {i})"
        records.append(record)
    return {"format": "tthc-exchange/1", "procedures": records}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (export workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _timed(func) -> tuple[float, float]:
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    func()
    return time.perf_counter() - start, _cpu_seconds() - cpu_start


def _peak(func) -> float:
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _row(label: str, n: int, elapsed: float, cpu: float, peak: float | None, target: int | None) -> dict:
    rate = n / elapsed
    verdict = "" if target is None else ("ok" if rate >= target else "BELOW")
    peak_text = f"{peak:8.1f}" if peak is not None else f"{'-':>8}"
    print(
        f"{label:<26} {n:>7} {elapsed:8.2f} {rate:9.0f} {n / cpu:9.0f} {peak_text}   "
        f"{'≥ ' + format(target, ',') if target else '':<8} {verdict}",
        flush=True,
    )
    return {"label": label, "n": n, "rate": rate, "peak": peak, "ok": verdict != "BELOW"}


def run(args) -> bool:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False  # no query log (the dev settings would keep every statement)

    import datetime as dt

    from catalog.models import Procedure, ProcedureVersion
    from catalog.services.versions import versions_create_baseline
    from catalog.signals import procedures_changed
    from exchange.selectors import ExportScope, procedures_for_export
    from exchange.services.export_chunks import default_workers
    from exchange.services.exporting import procedures_export_json, procedures_export_xml
    from exchange.services.importing import procedures_import

    call_command("migrate", verbosity=0)
    Procedure.objects.all().delete()
    procedures_changed.receivers = []  # search indexing is not part of the exchange's throughput
    documents = [synthetic(args.n)]
    workers = args.workers or default_workers()
    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}); load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs; "
        f"search-index receivers disconnected for the import timing; exports with {workers} worker processes "
        "(the command's default, one per CPU) unless marked 1 process",
        flush=True,
    )
    print(f"{'run':<26} {'n':>7} {'wall s':>8} {'/s wall':>9} {'/s cpu':>9} {'peak MiB':>8}   {'target':<8} verdict")
    rows = []
    for label in ("import JSON (new)", "import JSON (same again)"):
        elapsed, cpu = _timed(lambda: procedures_import(document=documents[0]))
        rows.append(_row(label, args.n, elapsed, cpu, None, IMPORT_TARGET))
    # The export command does not hold a parsed document; neither should the process that forks workers.
    documents.clear()
    gc.collect()
    versions_create_baseline(procedures=list(Procedure.objects.only("pk")), valid_from=dt.date(2019, 1, 1))
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a bulk load; done now so export timings do not overlap it.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        print("VACUUM (ANALYZE) after the imports", flush=True)
    flat: dict[str, list[tuple[int, float]]] = {"JSON": [], "XML": []}
    sizes = [int(size) for size in args.sizes.split(",")]
    for size in sizes:
        ids = Procedure.objects.order_by("pk").values("pk")[:size]
        queryset = procedures_for_export().filter(pk__in=ids)
        scope = ExportScope(
            version_ids=list(
                ProcedureVersion.objects.filter(procedure_id__in=ids)
                .order_by("code", "pk")
                .values_list("pk", flat=True)
            )
        )
        for fmt, export in (("JSON", procedures_export_json), ("XML", procedures_export_xml)):

            def once(s=scope, export=export, processes=workers):
                return export(scope=s, stream=_Sink(), workers=processes)

            elapsed, cpu = _timed(once)
            peak = _peak(once)
            flat[fmt].append((size, peak))
            rows.append(_row(f"export {fmt} (in force)", size, elapsed, cpu, peak, EXPORT_TARGET))
            elapsed, cpu = _timed(lambda q=queryset, export=export: export(queryset=q, stream=_Sink(), workers=workers))
            rows.append(_row(f"export {fmt} (working)", size, elapsed, cpu, None, EXPORT_TARGET))
            if size == sizes[-1] and workers > 1:
                elapsed, cpu = _timed(lambda s=scope, export=export: export(scope=s, stream=_Sink(), workers=1))
                _row(f"export {fmt} (1 process)", size, elapsed, cpu, None, None)
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"export workers' largest resident set: {worker_rss:.0f} MiB (whole process, Django included)")
    # Memory of an import of new records (other codes, so nothing is deleted first), traced separately.
    other = synthetic(sizes[0], series=7)
    peak = _peak(lambda: procedures_import(document=other))
    print(f"import JSON peak memory, {sizes[0]:,} new records: {peak:.1f} MiB (the parsed document is held whole)")
    ok = all(row["ok"] for row in rows)
    for fmt, points in flat.items():
        (small_n, small), (large_n, large) = points[0], points[-1]
        is_flat = large <= small * FLAT_TOLERANCE
        ok = ok and is_flat
        print(
            f"export {fmt} memory {small:.1f} MiB at {small_n:,} → {large:.1f} MiB at {large_n:,}: "
            f"{'flat' if is_flat else 'NOT FLAT'} (tolerance ×{FLAT_TOLERANCE})"
        )
    print("all targets met" if ok else "SOME TARGETS MISSED", flush=True)
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20_000, help="procedures to import (default 20,000)")
    parser.add_argument("--sizes", default="5000,20000", help="export sizes (default 5000,20000)")
    parser.add_argument("--postgres", action="store_true", help="scratch PostgreSQL database instead of SQLite")
    parser.add_argument("--keep-db", action="store_true", help="keep the scratch database")
    parser.add_argument("--workers", type=int, default=0, help="export worker processes (default: one per CPU)")
    args = parser.parse_args()
    args.sizes = ",".join(str(min(int(size), args.n)) for size in args.sizes.split(","))
    scratch = _scratch(args)
    try:
        ok = run(args)
    finally:
        if scratch and not args.keep_db:
            _drop(scratch)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
