"""On-time statistics at provincial scale: import 1,000,000 dossiers and report a year, against the floor.

Usage (one command, from the repository root):

    .venv/bin/python bench/timeliness.py [--rows N] [--keep-db] [--keep-csv]

By default it creates a scratch database `tthc_timeliness_bench_<pid>` through the maintenance database
BENCH_POSTGRES_URL (default postgres://tthc:tthc@127.0.0.1:5432/postgres), migrates it, runs, and drops it
at the end (--keep-db keeps it). With DATABASE_URL=postgres://... set it uses that database instead (it must
be a scratch one: the bench's own agencies, procedures and source system are replaced) and drops nothing.

Generates a `ho-so/1` CSV of N dossiers (default 1,000,000) received in 2024 over 30 agencies and 20
procedures with structured time limits (so every row also gets the catalog's due date), imports it with
the product's importer (timed, with the importer's and the PostgreSQL backend's CPU seconds: they overlap,
so on a busy machine the wall time exceeds what a quiet one shows), VACUUM ANALYZEs (autovacuum's job),
re-imports the same file (idempotence: nothing created), then times the yearly report (the product's
selector) against a hand-written SQL aggregate of the same numbers (the floor: one scan, no ORM; the faster
of a grouped and a FILTER-columns form), samples interleaved, medians of 7. It checks every column of every
agency row against the FILTER query (as of after the year and as of a day inside it) and prints the load
average and a `targets:` line. Targets: import ≤ 90 s; report ≤ 500 ms and ≤ 1.5× the floor. Exits non-zero
only when the numbers differ.

With DATABASE_URL=sqlite:////path/scratch.sqlite3 it times the import and the re-import only (the portable
writer; the floor is PostgreSQL SQL and VACUUM is PostgreSQL's). Memory: the peak resident size of the bench
process before and after the import; run two row counts to see that the import's share does not grow with the
file.
"""

import argparse
import csv
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

AGENCIES = 30
PROCEDURES = 20
YEAR = 2024
REPEATS = 7
IMPORT_TARGET_S = 90.0
REPORT_TARGET_MS = 500.0
RATIO_TARGET = 1.5
SOURCE = "bench-mot-cua"
DEFAULT_MAINTENANCE_URL = "postgres://tthc:tthc@127.0.0.1:5432/postgres"


def _scratch_database() -> tuple[str, str] | None:
    """Create a scratch database unless DATABASE_URL names one; (maintenance URL, name) to drop it later."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        if not url.startswith(("postgres://", "postgresql://", "sqlite:///")):
            sys.exit("bench/timeliness.py needs DATABASE_URL=postgres://... or sqlite:///... (a scratch database).")
        return None
    import psycopg

    maintenance = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_MAINTENANCE_URL)
    name = f"tthc_timeliness_bench_{os.getpid()}"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = maintenance.rpartition("/")
    os.environ["DATABASE_URL"] = f"{base}/{name}"
    return maintenance, name


def _drop_database(maintenance: str, name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _catalog():
    """30 agencies (18 departments, 12 district units) and 20 procedures in force with a structured limit."""
    from catalog.choices import AgencyGroup, AgencyLevel, Channel, TimeUnit
    from catalog.models import Agency, Field, Procedure, ProcedureVersion

    agencies = []
    for number in range(AGENCIES):
        department = number < 18
        agency, _ = Agency.objects.update_or_create(
            code=f"bench-{number:02d}",
            defaults={
                "name": f"{'Sở' if department else 'UBND huyện'} thử tải {number:02d}",
                "level": AgencyLevel.PROVINCE if department else AgencyLevel.DISTRICT,
                "group": AgencyGroup.DEPARTMENT if department else AgencyGroup.DISTRICT_COMMITTEE,
                "sort_order": number,
            },
        )
        agencies.append(agency)
    field, _ = Field.objects.get_or_create(slug="bench-linh-vuc", defaults={"name": "Lĩnh vực thử tải"})
    codes = []
    for number in range(PROCEDURES):
        code = f"9.{900000 + number}"
        procedure, _ = Procedure.objects.get_or_create(
            code=code, defaults={"slug": f"bench-thu-tuc-{number}", "name": f"Thủ tục thử tải {number}", "field": field}
        )
        amount, unit = (str(3 + number % 10), TimeUnit.WORKING_DAYS) if number % 4 else ("15", TimeUnit.CALENDAR_DAYS)
        ProcedureVersion.objects.get_or_create(
            procedure=procedure,
            number=1,
            defaults={
                "valid_from": dt.date(2018, 1, 1),
                "code": code,
                "name": procedure.name,
                "content": {
                    "time_limits": [
                        {"channel": channel, "case": "", "amount": amount, "unit": unit} for channel in Channel.values
                    ]
                },
            },
        )
        codes.append(code)
    return agencies, codes


def _generate(path: Path, rows: int, agencies, codes) -> None:
    """A reproducible ho-so/1 file: 60 % resolved (mostly on time), 5 % refused, 2 % withdrawn, rest pending."""
    from timeliness.dossier_format import CSV_COLUMNS

    rng = random.Random(2024)
    start = dt.datetime(YEAR, 1, 1, 7, 0)
    channels = ["truc_tiep", "truc_tuyen", "buu_chinh", ""]
    agency_rows = [(agency.code, agency.name) for agency in agencies]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for number in range(rows):
            received = start + dt.timedelta(minutes=rng.randrange(0, 364 * 24 * 60))
            due = received + dt.timedelta(days=rng.choice((3, 5, 7, 10, 15)))
            roll = rng.random()
            resolved = status = ""
            if roll < 0.60:
                resolved_at = received + dt.timedelta(hours=rng.randrange(1, 24 * 18))
                resolved = resolved_at.strftime("%Y-%m-%dT%H:%M:00+07:00")
            elif roll < 0.65:
                resolved = (received + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:00+07:00")
                status = "tu_choi"
            elif roll < 0.67:
                resolved = (received + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:00+07:00")
                status = "rut_ho_so"
            agency_code, agency_name = agency_rows[number % AGENCIES]
            writer.writerow(
                {
                    "ma_ho_so": f"HS-{number:08d}",
                    "ma_co_quan": agency_code,
                    "ten_co_quan": agency_name,
                    "ma_thu_tuc": codes[number % PROCEDURES],
                    "kenh_nop": channels[number % 4],
                    "ngay_tiep_nhan": received.strftime("%Y-%m-%dT%H:%M:00+07:00"),
                    "han_xu_ly": "" if number % 10 == 0 else due.strftime("%Y-%m-%d"),
                    "ngay_tra_ket_qua": resolved,
                    "trang_thai": status,
                }
            )


# The floor, hand-written: the same numbers as the report's agency rows, one scan, no ORM, no Python pivot.
# Two formulations; the faster one is the floor. The grouped one counts (agency, stored outcome, resolved by
# as_of, due before as_of) groups — a few per agency — that a reader adds up into the columns; the FILTER one
# returns the columns directly (and is the independent check of the report's numbers).
FLOOR_GROUPED_SQL = """
SELECT agency_id, outcome, resolved_at <= %(as_of)s, due_at < %(as_of)s, count(*)
FROM timeliness_dossier
WHERE received_at >= %(start)s AND received_at < %(end)s
GROUP BY 1, 2, 3, 4
"""
FLOOR_FILTER_SQL = """
SELECT agency_id,
       count(*),
       count(*) FILTER (WHERE resolved_at <= %(as_of)s AND outcome = 'truoc_han'),
       count(*) FILTER (WHERE resolved_at <= %(as_of)s AND outcome = 'dung_han'),
       count(*) FILTER (WHERE resolved_at <= %(as_of)s AND outcome = 'tre_han'),
       count(*) FILTER (WHERE resolved_at <= %(as_of)s AND outcome = 'tu_choi'),
       count(*) FILTER (WHERE resolved_at <= %(as_of)s AND outcome = 'rut_ho_so'),
       count(*) FILTER (WHERE (resolved_at IS NULL OR resolved_at > %(as_of)s) AND due_at >= %(as_of)s),
       count(*) FILTER (WHERE (resolved_at IS NULL OR resolved_at > %(as_of)s) AND due_at < %(as_of)s),
       count(*) FILTER (WHERE (resolved_at <= %(as_of)s AND outcome = 'chua_xac_dinh')
                           OR ((resolved_at IS NULL OR resolved_at > %(as_of)s) AND due_at IS NULL))
FROM timeliness_dossier
WHERE received_at >= %(start)s AND received_at < %(end)s
GROUP BY agency_id ORDER BY agency_id
"""
FILTER_KEYS = (
    "tiep_nhan",
    "truoc_han",
    "dung_han_trong_ngay",
    "tre_han",
    "tu_choi",
    "rut_ho_so",
    "trong_han",
    "qua_han",
    "chua_xac_dinh",
)


def _medians_ms(functions: dict) -> dict[str, float]:
    """Median wall time of each function; samples interleaved so load changes hit every function alike."""
    for function in functions.values():
        function()  # warm-up (plan cache, buffers)
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(REPEATS):
        for name, function in functions.items():
            began = time.perf_counter()
            function()
            samples[name].append((time.perf_counter() - began) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def _backend_cpu_s(connection) -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (from /proc; None when unreadable)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_text(python_s: float, backend_s: float | None) -> str:
    backend = "?" if backend_s is None else f"{backend_s:.1f}"
    return f"CPU: importer {python_s:.1f} s, PostgreSQL backend {backend} s"


def _vacuum(connection) -> float:
    """VACUUM ANALYZE (what autovacuum does after a bulk load); seconds."""
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE timeliness_dossier")
    return time.perf_counter() - began


def _peak_mb() -> float:
    """Peak resident memory of this process so far, MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _memory_text(before_mb: float, after_mb: float) -> str:
    return (
        f"peak memory of the bench process {after_mb:.0f} MB ({before_mb:.0f} MB before the import: the import "
        f"added {after_mb - before_mb:.0f} MB; streaming, so independent of the row count)"
    )


def _import_only(args, path: Path, result, import_s: float, import_cpu: float, peaks: tuple[float, float]) -> None:
    """SQLite: the import (portable writer) and the idempotent re-import; the report's floor is PostgreSQL SQL."""
    from timeliness.services.dossiers import dossiers_import_csv

    began = time.perf_counter()
    reimport = dossiers_import_csv(path=path, source_name=SOURCE)
    reimport_s = time.perf_counter() - began
    print(f"rows: {args.rows:,} over {AGENCIES} agencies; CSV {path.stat().st_size / 1e6:.0f} MB; SQLite")
    print(
        f"import:   {import_s:7.1f} s  ({args.rows / import_s:,.0f} rows/s); written {result.written:,}, "
        f"created {result.created:,}; CPU: importer {import_cpu:.1f} s"
    )
    print(f"          {_memory_text(*peaks)}")
    print(f"re-import:{reimport_s:7.1f} s  (idempotent: created {reimport.created:,}, updated {reimport.updated:,})")
    print(f"          peak memory after the re-import {_peak_mb():.0f} MB")
    print(f"machine:  {os.cpu_count()} CPUs, load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}; SQLite")
    print("report:   not timed on SQLite (the floor is PostgreSQL SQL)")
    if not args.keep_csv:
        path.unlink()
        path.parent.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep-csv", action="store_true", help="Keep the generated CSV (its path is printed).")
    parser.add_argument("--keep-db", action="store_true", help="Keep the scratch database (its name is printed).")
    args = parser.parse_args()
    scratch = _scratch_database()
    try:
        _run(args)
    finally:
        if scratch is not None:
            if args.keep_db:
                print(f"scratch database kept: {scratch[1]}")
            else:
                _drop_database(*scratch)


def _run(args) -> None:
    _setup_django()

    from django.db import connection

    from catalog.models import Agency
    from timeliness.models import Dossier, SourceSystem
    from timeliness.selectors import as_of_moment, period_bounds, timeliness_report
    from timeliness.services.dossiers import dossiers_import_csv

    agencies, codes = _catalog()
    Dossier.objects.filter(source__name=SOURCE).delete()
    SourceSystem.objects.filter(name=SOURCE).delete()

    workdir = Path(tempfile.mkdtemp(prefix="bench-timeliness-"))
    path = workdir / "ho-so.csv"
    began = time.perf_counter()
    _generate(path, args.rows, agencies, codes)
    generate_s = time.perf_counter() - began

    print(f"machine:  load average before {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    peak_before_mb = _peak_mb()
    backend_before, cpu_before = _backend_cpu_s(connection), time.process_time()
    began = time.perf_counter()
    result = dossiers_import_csv(path=path, source_name=SOURCE)
    import_s = time.perf_counter() - began
    import_cpu = time.process_time() - cpu_before
    backend_after = _backend_cpu_s(connection)
    import_backend = None if backend_before is None or backend_after is None else backend_after - backend_before
    peak_after_mb = _peak_mb()
    if connection.vendor == "sqlite":
        _import_only(args, path, result, import_s, import_cpu, (peak_before_mb, peak_after_mb))
        return
    vacuum_s = _vacuum(connection)

    began = time.perf_counter()
    reimport = dossiers_import_csv(path=path, source_name=SOURCE)
    reimport_s = time.perf_counter() - began
    _vacuum(connection)

    date_from, date_to, as_of = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), dt.date(YEAR + 1, 1, 31)
    moment = as_of_moment(as_of=as_of, date_to=date_to)
    start, end = period_bounds(date_from=date_from, date_to=date_to)
    params = {"as_of": moment, "start": start, "end": end}

    def sql(query):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall()

        return run

    def report():
        return timeliness_report(date_from=date_from, date_to=date_to, as_of=as_of)

    times = _medians_ms({"grouped": sql(FLOOR_GROUPED_SQL), "filter": sql(FLOOR_FILTER_SQL), "report": report})
    floor_ms = min(times["grouped"], times["filter"])
    report_ms = times["report"]
    ratio = report_ms / floor_ms if floor_ms else float("inf")

    # Same numbers: every column of every agency row of the report against the FILTER floor, as of the timed
    # date (after the year: everything open is overdue) and as of a day inside the year (open dossiers split
    # into within the limit and overdue; dossiers received later left out).
    codes = dict(Agency.objects.values_list("pk", "code"))

    def same_numbers(day: dt.date):
        at = as_of_moment(as_of=day, date_to=date_to)
        bounds = {"as_of": at, "start": start, "end": min(end, at + dt.timedelta(microseconds=1))}
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_FILTER_SQL, bounds)
            expected = {codes[row[0]]: dict(zip(FILTER_KEYS, row[1:], strict=True)) for row in cursor.fetchall()}
        produced = timeliness_report(date_from=date_from, date_to=date_to, as_of=day)
        got = {
            row.code: {key: row.counts[key] for key in FILTER_KEYS} for row in produced.rows if row.counts["tiep_nhan"]
        }
        return got == expected, produced

    inside = dt.date(YEAR, 12, 20)
    same, product = same_numbers(as_of)
    same_inside, _ = same_numbers(inside)
    same = same and same_inside

    import_ok, report_ok, ratio_ok = import_s <= IMPORT_TARGET_S, report_ms <= REPORT_TARGET_MS, ratio <= RATIO_TARGET
    total = product.total
    print(f"rows: {args.rows:,} over {AGENCIES} agencies; CSV {path.stat().st_size / 1e6:.0f} MB ({generate_s:.1f} s)")
    print(
        f"import:   {import_s:7.1f} s  ({args.rows / import_s:,.0f} rows/s; target ≤ {IMPORT_TARGET_S:.0f} s) "
        f"{'OK' if import_ok else 'MISSED'}; written {result.written:,}, created {result.created:,}"
    )
    print(f"          {_cpu_text(import_cpu, import_backend)} (they overlap: on a quiet machine ≈ the larger)")
    print(f"          {_memory_text(peak_before_mb, peak_after_mb)}")
    print(f"vacuum:   {vacuum_s:7.1f} s  (VACUUM ANALYZE after the load, as autovacuum would; not in the import time)")
    print(f"re-import:{reimport_s:7.1f} s  (idempotent: created {reimport.created:,}, updated {reimport.updated:,})")
    print(
        f"report:   {report_ms:7.1f} ms (median of {REPEATS}; target ≤ {REPORT_TARGET_MS:.0f} ms) "
        f"{'OK' if report_ok else 'MISSED'}"
    )
    print(
        f"floor:    {floor_ms:7.1f} ms (hand-written SQL of the same numbers, the faster of: grouped "
        f"{times['grouped']:.1f} ms, FILTER columns {times['filter']:.1f} ms)"
    )
    print(f"ratio:    {ratio:7.2f} ×  (report ÷ floor; target ≤ {RATIO_TARGET}) {'OK' if ratio_ok else 'MISSED'}")
    print(
        f"totals:   received {total.counts['tiep_nhan']:,}, on time {total.counts['dung_han']:,}, "
        f"late {total.counts['tre_han']:,}, pending {total.counts['trong_han']:,}/{total.counts['qua_han']:,}, "
        f"rate {total.rate_text} %; every agency row equal to the FILTER floor (as of {as_of:%d/%m/%Y} "
        f"and {inside:%d/%m/%Y}): {same}"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0].split(" on ")[0]
    print(f"machine:  {os.cpu_count()} CPUs, load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {server}")
    met = import_ok and report_ok and ratio_ok and same
    print(
        f"targets:  {'ALL MET' if met else 'NOT MET'} (import ≤ {IMPORT_TARGET_S:.0f} s, report ≤ "
        f"{REPORT_TARGET_MS:.0f} ms, report ≤ {RATIO_TARGET}× floor, same numbers)"
    )
    if not args.keep_csv:
        path.unlink()
        workdir.rmdir()
    else:
        print(f"CSV kept: {path}")
    if not same:
        raise SystemExit("the report's numbers differ from the hand-written SQL")


if __name__ == "__main__":
    main()
