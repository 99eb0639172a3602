"""API fuzzing, long run: schemathesis against /api/v1/openapi.json of a live gunicorn, counts per endpoint.

    DATABASE_URL=postgres://... .venv/bin/python bench/fuzz.py [--examples 300] [--base-url http://127.0.0.1:8780]

Without --base-url it starts gunicorn on 127.0.0.1 with production settings on DATABASE_URL (the demo data
make generated keys hit real rows sometimes). For every operation it draws --examples cases that fit the
schema and as many that do not (schemathesis' positive and negative generation), sends each, and applies
the checks of tests/security/fuzzing.py: no 5xx, and status code, content type, headers and body as the
document declares. Prints per endpoint: cases sent, answers by status class, 5xx and schema violations, and
the first failure of each kind. Then it sends the fixed hostile inputs of issue 16.8
(tests/security/fuzzing.py: lone surrogates, digits other than 0-9, deep JSON, lists where strings belong),
each of which must be answered 400. Exit status 1 when any 5xx, violation or other answer was found.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import schemathesis  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.generation.modes import GenerationMode  # noqa: E402

from tests.security.fuzzing import CHECKS, hostile_requests  # noqa: E402

PYTHON = sys.executable
SECRET = "fuzz-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-abcdefgh"


def start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESSLOG": "off",
        "FEEDBACK_RATE_LIMIT_PER_HOUR": "1000000",
        "FEEDBACK_RATE_LIMIT_PER_DAY": "1000000",
        # One client sends everything: per-client limits (config.ratelimit) would turn the run into 429s.
        "SEARCH_API_RATE_LIMIT_PER_MINUTE": "1000000",
        "DEADLINE_API_RATE_LIMIT_PER_MINUTE": "1000000",
        "FEEDBACK_LOOKUP_RATE_LIMIT_PER_HOUR": "1000000",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "tthc-fuzz-static"),
    }
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi:application", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=(Path(tempfile.gettempdir()) / "tthc-fuzz-gunicorn.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start")


def fuzz_operation(operation, base_url: str, examples: int, mode: GenerationMode, stats: dict) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        stats["cases"] += 1
        try:
            response = case.call(base_url=base_url, timeout=30)
        except Exception as exc:  # a transport error is a finding too
            stats["errors"]["transport"] += 1
            stats["first"].setdefault("transport", f"{case.method} {case.formatted_path}: {exc}")
            return
        status = response.status_code
        stats["status"]["5xx" if status >= 500 else f"{status // 100}xx"] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # one failure group per response (not an Exception)
            failures = getattr(exc, "exceptions", None) or [exc]
            for failure in failures:
                kind = "5xx" if status >= 500 else (getattr(failure, "title", "") or failure.__class__.__name__)
                stats["errors"][kind] += 1
                stats["first"].setdefault(
                    kind, f"{case.method} {case.formatted_path} query={case.query!r} -> {status}: {failure}"[:600]
                )

    run()


def send_hostile(base_url: str) -> dict:
    """Each fixed hostile request once; counts by status class and the requests not answered 400."""
    stats = {"cases": 0, "status": Counter(), "errors": Counter(), "first": {}}
    for label, method, path, body in hostile_requests():
        request = urllib.request.Request(
            base_url + path, data=body, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        stats["cases"] += 1
        stats["status"]["5xx" if status >= 500 else f"{status // 100}xx"] += 1
        if status != 400:
            kind = "5xx" if status >= 500 else f"answered {status}, not 400"
            stats["errors"][kind] += 1
            stats["first"].setdefault(kind, f"{label}: {method} {path[:120]} -> {status}")
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="cases per operation and mode (default 300)")
    parser.add_argument("--base-url", default="", help="an already running server (default: start gunicorn)")
    parser.add_argument("--port", type=int, default=8780)
    args = parser.parse_args()

    server = None
    base_url = args.base_url or f"http://127.0.0.1:{args.port}"
    if not args.base_url:
        server = start_server(args.port)
    started = time.monotonic()
    try:
        schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
        table: dict[str, dict] = {}
        for result in schema.get_all_operations():
            operation = result.ok()
            label = f"{operation.method.upper()} {operation.path}"
            stats = {"cases": 0, "status": Counter(), "errors": Counter(), "first": {}}
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                try:
                    fuzz_operation(operation, base_url, args.examples, mode, stats)
                except Unsatisfiable:
                    stats["first"].setdefault(f"{mode} mode", "nothing to generate (every input fits the schema)")
            table[label] = stats
            print(f"  {label}: {stats['cases']} cases", file=sys.stderr, flush=True)
        table["hostile inputs (issue 16.8)"] = send_hostile(base_url)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    elapsed = time.monotonic() - started
    header = f"{'endpoint':40} {'cases':>6} {'2xx':>6} {'4xx':>6} {'5xx':>5} {'violations':>10}"
    print(header)
    print("-" * len(header))
    totals = Counter()
    for label, stats in table.items():
        violations = sum(n for kind, n in stats["errors"].items() if kind != "5xx")
        row = {
            "cases": stats["cases"],
            "2xx": stats["status"]["2xx"],
            "4xx": stats["status"]["4xx"],
            "5xx": stats["status"]["5xx"],
            "violations": violations,
        }
        totals.update(row)
        print(f"{label:40} {row['cases']:>6} {row['2xx']:>6} {row['4xx']:>6} {row['5xx']:>5} {row['violations']:>10}")
    print(
        f"{'TOTAL':40} {totals['cases']:>6} {totals['2xx']:>6} {totals['4xx']:>6} {totals['5xx']:>5} "
        f"{totals['violations']:>10}"
    )
    print(f"{elapsed:.0f} s; checks: {', '.join(check.__name__ for check in CHECKS)}")
    failures = {label: stats["first"] for label, stats in table.items() if stats["first"]}
    for label, first in failures.items():
        for kind, text in first.items():
            print(f"\n{label} [{kind}]\n  {text}")
    sys.exit(1 if totals["5xx"] or totals["violations"] else 0)


if __name__ == "__main__":
    main()
