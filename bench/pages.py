"""Server time and SQL queries of the home, listing and procedure pages with 20,000 procedures loaded.

Usage: python bench/pages.py [--procedures 20000] [--requests 200]
       DATABASE_URL=postgres://... python bench/pages.py   (a throwaway test_<name> database is created)

Seeds: the first 60 real records of data/procedures.json.xz become complete procedures with version 1;
then synthetic variations (new codes, names suffixed) clone their versions with bulk_create until the
catalog holds --procedures in-force procedures; then what a publication does runs once (listing rows,
the day's counts; cms.services) and the fields get their topics. Requests go through django.test.Client;
"cold" clears the page cache before each request (nothing rendered is reused), "warm" repeats a cached
one. Every answer is checked: status 200 and the content the page must show (the procedure's name, a
full page of listing rows in Vietnamese order, the home page's topics and agencies).
Targets (issue 15, PostgreSQL): cold p95 ≤ 50 ms for listings and the home page, ≤ 25 ms for a
procedure page, ≤ 12 queries each. Figures taken while other work loads the machine are provisional;
"cpu p50" (this process's CPU time, without the database's) varies less with the machine's load.
"""

import argparse
import ast
import datetime as dt
import json
import lzma
import os
import random
import re
import statistics
import sys
import time
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SAMPLES = 60
LEVELS = {"Cấp bộ": "bo", "Cấp tỉnh": "tinh", "Cấp huyện": "huyen", "Cấp xã": "xa"}
CHANNELS = {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Dịch vụ bưu chính": "buu_chinh"}


def _list(value):
    if value in (None, "None", ""):
        return []
    if isinstance(value, list):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return [value]


def seed_samples() -> list:
    """Complete procedures (with version 1) from the first real records."""
    from catalog import models
    from catalog.services.versions import versions_create_baseline
    from catalog.text import vn_slugify

    with lzma.open(ROOT / "data" / "procedures.json.xz", "rt", encoding="utf-8") as handle:
        records = json.load(handle)["procedures"][:SAMPLES]
    agency, _ = models.Agency.objects.get_or_create(code="so-bench", defaults={"name": "Sở Thử tải"})
    procedures = []
    for n, record in enumerate(records):
        field, _ = models.Field.objects.get_or_create(
            name=record["linh_vuc"] or "Khác", defaults={"slug": vn_slugify(record["linh_vuc"] or "khac")[:200]}
        )
        procedure = models.Procedure.objects.create(
            code=record["ma_thu_tuc"],
            slug=f"mau-{n}",
            name=record["ten_thu_tuc"][:1000],
            field=field,
            owner_agency=agency,
            applicants=_list(record["doi_tuong_thuc_hien"]),
            results=_list(record["ket_qua_thuc_hien"]),
            central_decision_number=record["so_quyet_dinh"] or "",
        )
        procedure.levels.set(
            models.Level.objects.filter(code__in=[LEVELS.get(x, "khac") for x in _list(record["cap_thuc_hien"])])
        )
        for i, step in enumerate(_list(record["trinh_tu_thuc_hien"])):
            models.ProcedureStep.objects.create(procedure=procedure, text=str(step), sort_order=i)
        for i, channel in enumerate(_list(record["cach_thuc_thuc_hien"])):
            models.ProcedureChannel.objects.create(
                procedure=procedure,
                sort_order=i,
                channel=CHANNELS.get(channel.get("hinh_thuc_nop"), "truc_tiep"),
                time_limit_text=str(channel.get("thoi_han_giai_quyet") or ""),
                fee_text=channel.get("phi_le_phi"),
                description=channel.get("mo_ta"),
            )
        for group in _list(record["thanh_phan_ho_so"]):
            for i, paper in enumerate(group.get("giay_to") or []):
                models.DossierItem.objects.create(
                    procedure=procedure,
                    sort_order=i,
                    case=group.get("truong_hop") or "",
                    name=paper.get("ten_giay_to") or "—",
                    originals=paper.get("ban_chinh") if isinstance(paper.get("ban_chinh"), int) else None,
                    copies=paper.get("ban_sao") if isinstance(paper.get("ban_sao"), int) else None,
                )
        for i, basis in enumerate(_list(record["can_cu_phap_ly"])):
            models.ProcedureLegalBasis.objects.create(
                procedure=procedure,
                sort_order=i,
                number=basis.get("so_ky_hieu") or "",
                summary=basis.get("trich_yeu") or "",
            )
        procedures.append(procedure)
    versions_create_baseline(procedures=procedures, valid_from=dt.date(2019, 1, 1))
    return procedures


def clone_versions(total: int) -> None:
    """Synthetic variations of the sample versions, bulk-inserted, until `total` procedures are in force."""
    from catalog.choices import ProcedureStatus
    from catalog.models import Procedure, ProcedureVersion

    samples = list(ProcedureVersion.objects.prefetch_related("levels").select_related("procedure"))
    todo = total - len(samples)
    batch = 2000
    for start in range(0, todo, batch):
        count = min(batch, todo - start)
        procedures = []
        for i in range(start, start + count):
            sample = samples[i % len(samples)]
            procedures.append(
                Procedure(
                    code=f"9.{i:06d}",
                    slug=f"bien-the-{i}",
                    name=f"{sample.name} (biến thể {i})",
                    field_id=sample.field_id,
                    owner_agency_id=sample.procedure.owner_agency_id,
                    status=ProcedureStatus.IN_FORCE,
                )
            )
        for procedure in procedures:
            procedure.refresh_name_keys()
        Procedure.objects.bulk_create(procedures)
        created = {p.slug: p.pk for p in Procedure.objects.filter(slug__in=[p.slug for p in procedures])}
        versions = []
        for offset, procedure in enumerate(procedures):
            sample = samples[(start + offset) % len(samples)]
            content = dict(sample.content, code=procedure.code, slug=procedure.slug, name=procedure.name)
            versions.append(
                ProcedureVersion(
                    procedure_id=created[procedure.slug],
                    number=1,
                    valid_from=dt.date(2019, 1, 1),
                    category="new",
                    content=content,
                    code=procedure.code,
                    name=procedure.name,
                    field_id=sample.field_id,
                )
            )
        ProcedureVersion.objects.bulk_create(versions)
        ids = dict(ProcedureVersion.objects.filter(procedure_id__in=created.values()).values_list("procedure_id", "pk"))
        through = ProcedureVersion.levels.through
        rows = []
        for offset, procedure in enumerate(procedures):
            sample = samples[(start + offset) % len(samples)]
            version_id = ids[created[procedure.slug]]
            rows.extend(through(procedureversion_id=version_id, level_id=level.pk) for level in sample.levels.all())
        through.objects.bulk_create(rows)


def publish_all() -> None:
    """What a publication does after versions are written (the bulk inserts above skip the signals)."""
    from catalog.services.fields import field_topics_load
    from cms.services import catalog_counts_refresh, listing_entries_refresh

    listing_entries_refresh()
    field_topics_load()
    catalog_counts_refresh(day=dt.date.today())


_NAME = re.compile(r'class="procedure-name" href="[^"]+">([^<]+)</a>')


def check_listing(path: str, html: str) -> None:
    """A listing page shows a full page of rows (or the rest on the last page), in Vietnamese order."""
    from catalog.collation import vietnamese_sort_key

    names = [unescape(name) for name in _NAME.findall(html)]
    assert names, (path, "no listing rows")
    assert names == sorted(names, key=vietnamese_sort_key), (path, "rows not in Vietnamese order")
    assert len(names) == 50 or 'rel="next"' not in html, (path, f"{len(names)} rows on a middle page")
    assert 'aria-current="page"' in html, (path, "no current page in the pagination")


def check_procedure(path: str, html: str, names: dict[str, str]) -> None:
    code = path.strip("/").split("/")[-1]
    assert f"<h1>{names[code]}</h1>" in html.replace("&#x27;", "'"), (path, "procedure name missing")
    assert 'id="h-channels"' in html and 'id="h-dossier"' in html, (path, "sections missing")


def check_home(path: str, html: str) -> None:
    assert "Theo chủ đề" in html and 'href="/thu-tuc/chu-de/' in html, (path, "no topics")
    assert "Theo cơ quan" in html and 'href="/thu-tuc/co-quan/' in html, (path, "no agencies")


def measure(client: Client, paths: list[str], *, warm: bool, check) -> tuple[list[float], list[int], list[float]]:
    """Wall time and this process's CPU time (ms) and the query count of each request."""
    times, queries, cpu = [], [], []
    for path in paths:
        if warm:
            client.get(path)
        else:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        check(path, response.content.decode("utf-8"))
        times.append(elapsed)
        queries.append(len(captured.captured_queries))
    return times, queries, cpu


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from catalog.models import Field, ProcedureVersion
        from cms.site_setup import site_ensure_structure

        site_ensure_structure()
        started = time.perf_counter()
        seed_samples()
        clone_versions(args.procedures)
        publish_all()
        loaded = ProcedureVersion.objects.in_force_on(dt.date.today()).count()
        print(
            f"database={connection.vendor} procedures in force={loaded} (loaded in {time.perf_counter() - started:.0f} s)"
        )

        client = Client()
        rng = random.Random(1)
        names = dict(ProcedureVersion.objects.values_list("code", "name"))
        procedure_paths = [f"/thu-tuc/{code}/" for code in rng.sample(sorted(names), min(args.requests, len(names)))]
        field = max(Field.objects.all(), key=lambda f: f.versions.count())
        pages = max(1, field.versions.count() // 50)
        listing_paths = [f"/thu-tuc/linh-vuc/{field.slug}/?trang={rng.randint(1, pages)}" for _ in range(args.requests)]
        listing_paths += [f"/thu-tuc/?trang={rng.randint(1, loaded // 50)}" for _ in range(args.requests // 4)]
        home_paths = ["/"] * max(20, args.requests // 4)

        print(
            f"{'page':<16}{'cache':<7}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'max queries':>13}{'target p95':>12}"
        )
        rows = (
            ("procedure page", procedure_paths, lambda path, html: check_procedure(path, html, names), 25),
            ("listing page", listing_paths, check_listing, 50),
            ("home page", home_paths, check_home, 50),
        )
        for label, paths, check, target in rows:
            for warm in (False, True):
                times, queries, cpu = measure(client, paths, warm=warm, check=check)
                p95 = pct(times, 95)
                verdict = "" if warm else (" ok" if p95 <= target and max(queries) <= 12 else " MISSED")
                print(
                    f"{label:<16}{'warm' if warm else 'cold':<7}{len(times):>5}"
                    f"{statistics.median(times):>9.1f}{p95:>9.1f}{statistics.median(cpu):>9.1f}{max(queries):>13}"
                    f"{'' if warm else f'≤ {target} ms':>12}{verdict}"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
