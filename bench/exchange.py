"""Benchmark of the exchange: import and export (JSON, XML) of N synthetic procedures.

Usage: DATABASE_URL=sqlite:////tmp/bench_exchange.sqlite3 .venv/bin/python bench/exchange.py [N]
(default N = 20000). The database named by DATABASE_URL is migrated and its procedures are deleted
first: never point it at a database you care about. Synthetic records are variations of the real
sample (codes and names changed). Prints throughput (wall clock, and per CPU second of this process)
and tracemalloc peak memory. The import is timed
with downstream `procedures_changed` receivers (search indexing) disconnected, and says so.
"""

import copy
import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from catalog.models import Procedure  # noqa: E402
from catalog.signals import procedures_changed  # noqa: E402
from exchange.selectors import procedures_for_export  # noqa: E402
from exchange.services.exporting import procedures_export_json, procedures_export_xml  # noqa: E402
from exchange.services.importing import document_load, procedures_import  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "procedures.json.xz"


class _Sink(io.RawIOBase):
    """Counts bytes written, keeps nothing (so memory reflects the exporter only)."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        return len(data)


class _TextSink(io.TextIOBase):
    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def synthetic(n: int) -> dict:
    sample = document_load(SAMPLE)["procedures"]
    records = []
    for i in range(n):
        record = copy.deepcopy(sample[i % len(sample)])
        record["ma_thu_tuc"] = f"{3 + i // 1_000_000}.{i % 1_000_000:06d}"
        record["ten_thu_tuc"] = f"{record['ten_thu_tuc']} (biến thể {i})"
        records.append(record)
    return {"format": "tthc-exchange/1", "procedures": records}


def measure(label: str, n: int, func, *, memory: bool = True) -> None:
    """Time a run without tracing (tracemalloc slows Python code several times), then, when asked,
    trace a second run for its peak memory."""
    start, cpu_start = time.perf_counter(), time.process_time()
    func()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_text = ""
    if memory:
        tracemalloc.start()
        func()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_text = f"  peak {peak / 2**20:7.1f} MiB"
    # CPU time of this process: comparable across runs on a busy machine (database server time excluded).
    print(
        f"{label:<14} {n:>7} procedures  {elapsed:7.1f} s  {n / elapsed:8.0f} /s  "
        f"(cpu {cpu:6.1f} s, {n / cpu:6.0f} /s){peak_text}",
        flush=True,
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    call_command("migrate", verbosity=0)
    Procedure.objects.all().delete()
    procedures_changed.receivers = []  # search indexing is not part of the exchange's throughput
    document = synthetic(n)
    print(f"database: {django.db.connection.vendor}; search-index receivers disconnected for the import timing")
    measure("import JSON", n, lambda: procedures_import(document=document), memory=False)
    for size in (n // 4, n):
        queryset = procedures_for_export().filter(pk__in=Procedure.objects.order_by("pk").values("pk")[:size])
        measure("export JSON", size, lambda q=queryset: procedures_export_json(queryset=q, stream=_TextSink()))
        measure("export XML", size, lambda q=queryset: procedures_export_xml(queryset=q, stream=_Sink()))


if __name__ == "__main__":
    main()
