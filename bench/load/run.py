"""Load test: gunicorn on 127.0.0.1 with production settings, locust headless, a table per endpoint.

    DATABASE_URL=postgres://... [ELASTICSEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=...] \
        .venv/bin/python bench/load/run.py [--short] [--duration 300] [--users 16] [--workers 3] [--threads 2]

Loads only 127.0.0.1 (never another host); stops by itself after --duration (default 5 min, --short 30 s).
Search queries follow a Zipf-like law over thousands of distinct queries (queries.py), so most searches
reach the engine. Before measuring, every procedure page in the sample, the most common search queries and
the first listing pages are requested once per gunicorn worker (the per-process caches are warm, as on a
running site). Prints the answer-cache hit rate of the measured searches (X-Search-Cache header),
requests/s, p50/p95/p99 (ms) and errors per endpoint, the goal check (search and procedure pages together
>= 200 req/s, each with p99 <= 250 ms and no error), the machine load (`uptime`) before and after, and the
CPU seconds the server and the load generator used (the 2 cores are shared with locust itself).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from queries import QUERIES

WARM_QUERIES = 200  # the most common queries, answered once per worker before measuring

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
GOAL_ENDPOINTS = ("/tra-cuu/?q=", "/api/v1/search?q=", "/thu-tuc/<code>/")
SECRET = "load-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def server_env(port: int, workers: int, threads: int) -> dict:
    """Production settings on plain HTTP loopback, with the per-sender feedback limits lifted."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY", SECRET),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; the TLS proxy is not part of this test
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_ACCESSLOG": "off",
        "AXES_ENABLED": "false",
        # One client address sends every submission: lift the per-sender limits for the test only.
        "FEEDBACK_RATE_LIMIT_PER_HOUR": "1000000",
        "FEEDBACK_RATE_LIMIT_PER_DAY": "1000000",
        # One client sends everything: per-client limits (config.ratelimit) would turn the run into 429s.
        "SEARCH_API_RATE_LIMIT_PER_MINUTE": "1000000",
        "DEADLINE_API_RATE_LIMIT_PER_MINUTE": "1000000",
        "FEEDBACK_LOOKUP_RATE_LIMIT_PER_HOUR": "1000000",
        "LOG_LEVEL": "WARNING",
    }


def codes_file(count: int = 500) -> str:
    """A file of `count` national codes of procedures in force (a fixed sample, so runs compare)."""
    code = (
        "from catalog.models import ProcedureVersion\n"
        "from django.utils import timezone\n"
        "qs = ProcedureVersion.objects.in_force_on(timezone.localdate()).exclude(code='')\n"
        "codes = sorted(set(qs.values_list('code', flat=True)))\n"
        f"print('\\n'.join(codes[:: max(len(codes) // {count}, 1)][:{count}]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    codes = [line for line in out.stdout.splitlines() if line.strip()]
    if not codes:
        sys.exit(f"no procedure in force in the database (load_demo_data first): {out.stderr[-500:]}")
    path = Path(tempfile.mkdtemp(prefix="tthc-load-codes-")) / "codes.txt"
    path.write_text("\n".join(codes), encoding="utf-8")
    return str(path)


def wait_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer /healthz with 200")


def _fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def warm_up(base: str, codes: list[str], workers: int) -> tuple[int, float]:
    """Each page once per worker (connections land on any worker, so workers + 1 passes); returns (n, s)."""
    paths = [f"/thu-tuc/{code}/" for code in codes]
    paths += [f"/tra-cuu/?q={urllib.parse.quote_plus(q)}" for q in QUERIES[:WARM_QUERIES]]
    paths += [f"/api/v1/search?q={urllib.parse.quote_plus(q)}" for q in QUERIES[:WARM_QUERIES]]
    paths += [f"/thu-tuc/?trang={n}" for n in range(1, 21)]
    urls = [base + path for path in paths] * (workers + 1)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        statuses = list(pool.map(_fetch, urls))
    return len(statuses), time.monotonic() - started


def cpu_seconds(process: psutil.Process) -> float:
    """CPU of a process and its live children, plus the children it has reaped (recycled workers)."""
    times = process.cpu_times()
    total = times.children_user + times.children_system
    for proc in [process, *process.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def print_table(stats_csv: Path, duration: float) -> list[dict]:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    header = f"{'endpoint':26} {'requests':>9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}"
    print(header)
    print("-" * len(header))
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "TOTAL"
        print(
            f"{name:26} {row['Request Count']:>9} {float(row['Requests/s']):>8.1f} {row['50%']:>7} "
            f"{row['95%']:>7} {row['99%']:>7} {row['Failure Count']:>7}"
        )
    goal_rows = [row for row in rows if row["Name"] in GOAL_ENDPOINTS]
    together = sum(float(row["Requests/s"]) for row in goal_rows)
    print(f"\nmeasured {duration:.0f} s. Goal: search and procedure pages >= 200 req/s, p99 <= 250 ms, no error")
    for row in goal_rows:
        p99, failures = float(row["99%"] or 0), int(row["Failure Count"])
        verdict = "ok" if p99 <= 250 and failures == 0 else "MISSED"
        print(f"  {row['Name']:24} p99 {p99:>6.0f} ms, errors {failures:>4}: {verdict}")
    print(f"  search + procedure pages together: {together:.1f} req/s: {'ok' if together >= 200 else 'MISSED'}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="30 s instead of 5 min (smoke run)")
    parser.add_argument("--duration", type=int, default=300, help="seconds measured (default 300)")
    parser.add_argument("--users", type=int, default=16, help="concurrent locust users (closed loop)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--ack-file", default="", help="append register numbers of acknowledged feedback here")
    args = parser.parse_args()
    duration = 30 if args.short else args.duration

    codes = codes_file()
    workdir = Path(tempfile.mkdtemp(prefix="tthc-load-"))
    env = server_env(args.port, args.workers, args.threads)
    env["STATIC_ROOT"] = str(workdir / "static")
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # The shared cache's tables (production without REDIS_URL); `migrate` creates them too.
    subprocess.run([PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_up(base)
        code_list = Path(codes).read_text(encoding="utf-8").split()
        warmed, warm_seconds = warm_up(base, code_list, args.workers)
        db = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
        search = "elasticsearch" if os.environ.get("ELASTICSEARCH_URL") else "database"
        print(
            f"gunicorn {args.workers} workers x {args.threads} threads on {base}; locust {args.users} users; "
            f"db={db}; search={search}; {len(code_list)} procedure codes; warm-up {warmed} requests in "
            f"{warm_seconds:.0f} s"
        )
        print(f"before: {uptime()}")
        prefix = workdir / "locust"
        server_proc = psutil.Process(server.pid)
        server_cpu = cpu_seconds(server_proc)
        started = time.monotonic()
        locust = subprocess.Popen(
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "--host",
                base,
                "-u",
                str(args.users),
                "-r",
                str(args.users),
                "--run-time",
                f"{duration}s",
                "--stop-timeout",
                "5",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "LOAD_CODES_FILE": codes,
                "LOAD_ACK_FILE": args.ack_file,
                "LOAD_CACHE_FILE": str(workdir / "cache.json"),
            },
            stdout=subprocess.DEVNULL,
            stderr=(workdir / "locust.log").open("w"),
        )
        locust_proc = psutil.Process(locust.pid)
        locust_cpu = 0.0
        while locust.poll() is None:
            try:
                locust_cpu = cpu_seconds(locust_proc)
            except psutil.NoSuchProcess:
                break
            time.sleep(1)
        elapsed = time.monotonic() - started
        server_cpu = cpu_seconds(server_proc) - server_cpu
        print(f"after:  {uptime()}")
        print(
            f"CPU seconds over {elapsed:.0f} s: gunicorn {server_cpu:.0f} ({server_cpu / elapsed:.2f} cores), "
            f"locust {locust_cpu:.0f} ({locust_cpu / elapsed:.2f} cores)\n"
        )
        rows = print_table(Path(f"{prefix}_stats.csv"), elapsed)
        answers_file = workdir / "cache.json"
        if answers_file.exists():
            answers = json.loads(answers_file.read_text(encoding="utf-8"))
            total_answers = sum(answers.values()) or 1
            print(
                f"  search answer cache: {answers.get('hit', 0)} hits of {sum(answers.values())} searches "
                f"({100 * answers.get('hit', 0) / total_answers:.1f} %), {len(QUERIES)} distinct queries in the mix"
            )
        total = next((row for row in rows if row["Name"] == "Aggregated"), None)
        if total and int(total["Request Count"]):
            print(f"  server CPU per request: {1000 * server_cpu / int(total['Request Count']):.1f} ms")
        failures = Path(f"{prefix}_failures.csv")
        if failures.exists() and len(failures.read_text(encoding="utf-8").splitlines()) > 1:
            print("\nfailures:\n" + failures.read_text(encoding="utf-8")[:2000])
    finally:
        server.terminate()
        server.wait(timeout=30)
        os.unlink(codes)


if __name__ == "__main__":
    main()
