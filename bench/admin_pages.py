"""Server time and SQL queries of the admin screens staff live in, with 20,000 procedures loaded.

Usage: python bench/admin_pages.py [--procedures 20000] [--requests 60]
       DATABASE_URL=postgres://... python bench/admin_pages.py   (a throwaway test_<name> database is created)

Screens: the procedure listing (pages, Vietnamese order, accent-insensitive search), a procedure's edit
view (drafts with revisions, some in review), a decision's page (its process and 20 items), and the
feedback queue. Seeds: bench/pages.py's real samples and synthetic variations (20,000 procedures in force),
then revisions for 300 procedures (100 of them in the review workflow), 40 decisions of 20 items and 2,000
feedback items. Requests go through django.test.Client as a superuser; each answer is checked (status 200
and the screen's own text). Target: p95 ≤ 300 ms per screen; queries must not grow with the rows shown
("rows/query" compares a 50-row listing page with the same page filtered to one row).

Measured like a server worker, not like a test: Django's test instrumentation (setup_test_environment) is
left off, since it copies every template context rendered (some 2,500 copies on a decision's page) and
keeps them alive, which the server never does; and once the screens have been warmed up, the objects alive
so far are collected and frozen out of the garbage collector, as gunicorn.conf.py's post_worker_init does
for a worker after it loads the application (without it a full collection of the ~200,000 objects of the
loaded application costs 100–300 ms every few requests), and it collects in config.collector's larger batches
from then on. "gc ms" is the p95 of collector time per request.
"""

import argparse
import datetime as dt
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import clone_versions, pct, seed_samples  # noqa: E402
from config.collector import collector_settle_worker  # noqa: E402

TARGET_P95_MS = 300
REVISED = 300
IN_REVIEW = 100
DECISIONS = 40
ITEMS_PER_DECISION = 20
FEEDBACK_ITEMS = 2_000


def seed_admin_data() -> dict:
    """Drafts, reviews, decisions and feedback on top of the loaded catalog; ids the requests use."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from catalog.models import AnnouncementDecision, DecisionItem, Procedure
    from catalog.services.staff import staff_setup
    from feedback.choices import FeedbackKind, FeedbackStatus, SenderType
    from feedback.models import Feedback

    admin = get_user_model().objects.create_superuser("bench-admin", "bench@example.vn", "bench-admin")
    workflow = staff_setup().workflow
    rng = random.Random(7)
    ids = list(Procedure.objects.values_list("pk", flat=True))
    revised = rng.sample(ids, REVISED)
    for index, procedure in enumerate(Procedure.objects.filter(pk__in=revised)):
        procedure.name = f"{procedure.name} (dự thảo sửa đổi)"
        procedure.save_revision(user=admin)
        if index < IN_REVIEW:
            workflow.start(procedure, admin)

    today = timezone.localdate()
    decision_ids = []
    for number in range(DECISIONS):
        decision = AnnouncementDecision.objects.create(
            number=f"{number + 1}/QĐ-UBND-BENCH",
            title="Về việc công bố danh mục thủ tục hành chính (thử tải)",
            signed_on=today - dt.timedelta(days=10),
            effective_on=today + dt.timedelta(days=10),
            live=False,
        )
        DecisionItem.objects.bulk_create(
            DecisionItem(decision=decision, procedure_id=pk, category="amended", sort_order=order)
            for order, pk in enumerate(rng.sample(ids, ITEMS_PER_DECISION))
        )
        decision.save_revision(user=admin)
        decision_ids.append(decision.pk)

    now = timezone.now()
    Feedback.objects.bulk_create(
        Feedback(
            register_number=f"PAKN-BENCH-{n:06d}",
            tracking_code=f"bench-{n:06d}",
            received_at=now - dt.timedelta(hours=n),
            sender_type=SenderType.INDIVIDUAL,
            sender_name="Nguyễn Văn Thử",
            sender_address="12 Lê Lợi, Phường 6, TP. Sóc Trăng",
            sender_phone="0912345678",
            consent_at=now,
            kind=FeedbackKind.CONCRETE_OBSTACLE,
            title=f"Vướng mắc khi nộp hồ sơ số {n}",
            content="Thủ tục yêu cầu bản sao có chứng thực dù đã có dữ liệu dân cư.",
            content_fingerprint=f"{n:064d}",
            status=rng.choice([FeedbackStatus.RECEIVED, FeedbackStatus.PROCESSING]),
            due_on=today + dt.timedelta(days=rng.randint(-5, 20)),
            forward_due_on=today + dt.timedelta(days=rng.randint(-5, 10)),
        )
        for n in range(FEEDBACK_ITEMS)
    )
    return {"admin": admin, "procedures": ids, "revised": revised, "decisions": decision_ids}


class CollectorClock:
    """Time spent in the garbage collector (gc.callbacks), in ms since the last reset."""

    def __init__(self):
        self.spent = 0.0
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase, info):
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.spent += (time.perf_counter() - self._started) * 1000


def measure(
    client: Client, paths: list[str], *, expect: str, collector: CollectorClock
) -> tuple[list[float], list[float], list[int], list[float]]:
    """Time each request (after one warm-up of the first): wall time, this process's CPU time (Python work,
    less sensitive to other load on the machine than wall time), garbage collector time; check status 200
    and the screen's text."""
    client.get(paths[0])
    times, cpu, queries, collecting = [], [], [], []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            collector.spent = 0.0
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            cpu.append((time.process_time() - started_cpu) * 1000)
            collecting.append(collector.spent)
        body = response.content.decode()
        assert response.status_code == 200, (path, response.status_code)
        assert expect in body, (path, expect)
        times.append(elapsed)
        queries.append(len(captured.captured_queries))
    return times, cpu, queries, collecting


def listing_query_growth(client: Client) -> tuple[int, int]:
    """Queries for a full 50-row listing page and for the same listing narrowed to one row."""
    from catalog.models import Procedure

    counts = []
    for params in ({}, {"q": Procedure.objects.order_by("pk").first().code}):
        client.get("/admin/snippets/catalog/procedure/", params)
        with CaptureQueriesContext(connection) as captured:
            client.get("/admin/snippets/catalog/procedure/", params)
        counts.append(len(captured.captured_queries))
    return counts[0], counts[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    load_before = os.getloadavg()

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from catalog.models import Procedure
        from cms.site_setup import site_ensure_structure

        site_ensure_structure()
        started = time.perf_counter()
        seed_samples()
        clone_versions(args.procedures)
        seeded = seed_admin_data()
        if connection.vendor == "postgresql":
            # A live database's statistics are kept by autovacuum; a freshly seeded one has none yet (the
            # planner then misjudges the catalog's size and JIT-compiles the listing's query).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"database={connection.vendor} procedures={Procedure.objects.count()} "
            f"(loaded in {time.perf_counter() - started:.0f} s); load average before: "
            + " ".join(f"{value:.2f}" for value in load_before)
        )

        client = Client()
        client.force_login(seeded["admin"])
        rng = random.Random(1)
        n = args.requests
        last_page = Procedure.objects.count() // 50
        screens = [
            (
                "procedure listing",
                [f"/admin/snippets/catalog/procedure/?p={rng.randint(1, last_page)}" for _ in range(n)],
                "Thủ tục hành chính",
            ),
            (
                "listing search",
                [f"/admin/snippets/catalog/procedure/?q={rng.choice(['dang ky', 'cap giay', 'ho tich'])}"] * n,
                "Thủ tục hành chính",
            ),
            (
                "procedure edit",
                [
                    f"/admin/snippets/catalog/procedure/edit/{pk}/"
                    for pk in rng.sample(seeded["revised"], n // 2) + rng.sample(seeded["procedures"], n // 2)
                ],
                "Kiểm tra tính đầy đủ",
            ),
            (
                "decision page",
                [
                    f"/admin/snippets/catalog/announcementdecision/edit/{rng.choice(seeded['decisions'])}/"
                    for _ in range(n)
                ],
                "Quy trình công bố",
            ),
            ("feedback queue", ["/admin/phan-anh-kien-nghi/"] * n, "PAKN-BENCH-"),
        ]
        # A server worker after loading the application (gunicorn.conf.py post_worker_init): warm, frozen,
        # collecting in config.collector's batches.
        for _label, paths, _expect in screens:
            client.get(paths[0])
        collector_settle_worker()
        collector = CollectorClock()
        failed = []
        print(
            f"{'screen':<20}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'cpu p95':>9}{'gc ms':>7}{'min q':>7}{'max q':>7}"
            f"  target p95 ≤ {TARGET_P95_MS} ms"
        )
        for label, paths, expect in screens:
            times, cpu, queries, collecting = measure(client, paths, expect=expect, collector=collector)
            p95 = pct(times, 95)
            if p95 > TARGET_P95_MS:
                failed.append(label)
            print(
                f"{label:<20}{len(times):>5}{statistics.median(times):>9.1f}{p95:>9.1f}{pct(cpu, 95):>9.1f}"
                f"{pct(collecting, 95):>7.0f}"
                f"{min(queries):>7}{max(queries):>7}  {'ok' if p95 <= TARGET_P95_MS else 'SLOW'}"
            )
        full, one = listing_query_growth(client)
        print(f"listing queries: 50 rows {full}, 1 row {one} → {(full - one) / 49:.2f} extra queries per row")
        print("load average after: " + " ".join(f"{value:.2f}" for value in os.getloadavg()))
        if failed or full != one:
            print("NOT MET: " + ", ".join(failed + (["queries grow with rows"] if full != one else [])))
            sys.exit(1)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
