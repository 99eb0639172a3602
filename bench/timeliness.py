"""On-time statistics at provincial scale: import 1,000,000 dossiers and report a year, against the floor.

Usage (one command, from the repository root):

    .venv/bin/python bench/timeliness.py [--rows N] [--keep-db] [--keep-csv]

By default it creates a scratch database `tthc_timeliness_bench_<pid>` through the maintenance database
BENCH_POSTGRES_URL (default postgres://tthc:tthc@127.0.0.1:5432/postgres), migrates it, runs, and drops it
at the end (--keep-db keeps it). With DATABASE_URL=postgres://... set it uses that database instead (it must
be a scratch one: the bench's own agencies, procedures and source system are replaced) and drops nothing.

Generates a `ho-so/1` CSV of N dossiers (default 1,000,000) received in 2024 over 30 agencies and 20
procedures with structured time limits (so every row also gets the catalog's due date), imports it with
the product's importer, then times the yearly report (the product's selector) and a hand-written SQL
aggregate of the same numbers (the floor: one scan, no ORM), and prints the times and the ratio.
Targets: import ≤ 90 s; report ≤ 500 ms and ≤ 1.5× the floor. Refuses to run on SQLite.
"""

import argparse
import csv
import datetime as dt
import os
import random
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
        if not url.startswith(("postgres://", "postgresql://")):
            sys.exit("bench/timeliness.py needs PostgreSQL: DATABASE_URL=postgres://... (refusing to run on SQLite).")
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
    rng = random.Random(2024)
    start = dt.datetime(YEAR, 1, 1, 7, 0)
    channels = ["truc_tiep", "truc_tuyen", "buu_chinh", ""]
    agency_rows = [(agency.code, agency.name) for agency in agencies]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "ma_ho_so",
                "ma_co_quan",
                "ten_co_quan",
                "ma_thu_tuc",
                "kenh_nop",
                "ngay_tiep_nhan",
                "han_xu_ly",
                "ngay_tra_ket_qua",
                "trang_thai",
            ]
        )
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
                [
                    f"HS-{number:08d}",
                    agency_code,
                    agency_name,
                    codes[number % PROCEDURES],
                    channels[number % 4],
                    received.strftime("%Y-%m-%dT%H:%M:00+07:00"),
                    "" if number % 10 == 0 else due.strftime("%Y-%m-%d"),
                    resolved,
                    status,
                ]
            )


FLOOR_SQL = """
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
WHERE received_at >= %(start)s AND received_at < %(end)s AND received_at <= %(as_of)s
GROUP BY agency_id ORDER BY agency_id
"""


def _median_ms(function) -> float:
    function()  # warm-up (plan cache, buffers)
    samples = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        function()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


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

    began = time.perf_counter()
    result = dossiers_import_csv(path=path, source_name=SOURCE)
    import_s = time.perf_counter() - began
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeliness_dossier")
    analyze_s = time.perf_counter() - began

    began = time.perf_counter()
    reimport = dossiers_import_csv(path=path, source_name=SOURCE)
    reimport_s = time.perf_counter() - began

    date_from, date_to, as_of = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), dt.date(YEAR + 1, 1, 31)
    moment = as_of_moment(as_of=as_of, date_to=date_to)
    start, end = period_bounds(date_from=date_from, date_to=date_to)

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, {"as_of": moment, "start": start, "end": end})
            return cursor.fetchall()

    def report():
        return timeliness_report(date_from=date_from, date_to=date_to, as_of=as_of)

    floor_ms = _median_ms(floor)
    report_ms = _median_ms(report)

    # Same numbers: the report's agency rows against the floor's.
    floor_rows = floor()
    product = report()
    floor_total = sum(row[1] for row in floor_rows)
    floor_late = sum(row[4] for row in floor_rows)
    same = product.total.counts["tiep_nhan"] == floor_total and product.total.counts["tre_han"] == floor_late

    ratio = report_ms / floor_ms if floor_ms else float("inf")
    total = product.total
    print(f"rows: {args.rows:,} over {AGENCIES} agencies; CSV {path.stat().st_size / 1e6:.0f} MB ({generate_s:.1f} s)")
    print(
        f"import:   {import_s:7.1f} s  ({args.rows / import_s:,.0f} rows/s; target ≤ {IMPORT_TARGET_S:.0f} s) "
        f"{'OK' if import_s <= IMPORT_TARGET_S else 'MISSED'}; written {result.written:,}, created {result.created:,}"
    )
    print(f"analyze:  {analyze_s:7.1f} s")
    print(f"re-import:{reimport_s:7.1f} s  (idempotent: created {reimport.created:,}, updated {reimport.updated:,})")
    print(
        f"report:   {report_ms:7.1f} ms (median of {REPEATS}; target ≤ {REPORT_TARGET_MS:.0f} ms) "
        f"{'OK' if report_ms <= REPORT_TARGET_MS else 'MISSED'}"
    )
    print(f"floor:    {floor_ms:7.1f} ms (hand-written SQL aggregate of the same numbers)")
    print(f"ratio:    {ratio:7.2f} ×  (target ≤ {RATIO_TARGET}) {'OK' if ratio <= RATIO_TARGET else 'MISSED'}")
    print(
        f"totals:   received {total.counts['tiep_nhan']:,}, on time {total.counts['dung_han']:,}, "
        f"late {total.counts['tre_han']:,}, pending {total.counts['trong_han']:,}/{total.counts['qua_han']:,}, "
        f"rate {total.rate_text} %; same numbers as the floor: {same}"
    )
    if not args.keep_csv:
        path.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
