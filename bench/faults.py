"""Fault drill: load on gunicorn while Elasticsearch and PostgreSQL go away, and the task queue fills up.

Runs against THROWAWAY services of its own, never the shared ones: a PostgreSQL cluster (default: Debian
cluster `15 h9fault` on port 5434, created beforehand with `pg_createcluster -p 5434 15 h9fault`) and an
Elasticsearch node it starts itself from var/elasticsearch-8.19.8 as user tthc-es (port 9201/9301, data
in var/es-faults, heap 256 MB). Run as root (it stops and starts those two services).

    .venv/bin/python bench/faults.py [--prepare-from postgres://tthc:tthc@127.0.0.1:5432/tthc_h9] [--short]

--prepare-from copies a database with the demo data (pg_dump | pg_restore) into the drill database first.
Sequence, with a steady mix of search (API and page), procedure pages, /healthz and a feedback submission
about every second running throughout:
  baseline        normal service
  es_down         Elasticsearch killed for 60 s (--short: 20 s); meanwhile index updates for a sample of
                  procedures whose documents were deleted from Elasticsearch are queued (django-tasks
                  database queue), then run by `db_worker --batch`: they land in PendingIndexUpdate
  es_back         Elasticsearch restarted; `search_reindex --pending` drains the retry queue
  pg_down         PostgreSQL stopped for 15 s
  pg_back         PostgreSQL started again
Prints per phase and endpoint the answers by status class, and the checks: no 5xx from search while
Elasticsearch is down, a Vietnamese 503 page/JSON while PostgreSQL is down, every queued index update in
Elasticsearch after the drain, every acknowledged (201) feedback submission in the database afterwards.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
ES_VERSION = "8.19.8"
ES_HOME = ROOT / "var" / f"elasticsearch-{ES_VERSION}"
ES_RUN = ROOT / "var" / "es-faults"
ES_USER = "tthc-es"
INDEX_PREFIX = "tthc_faults"
SECRET = "fault-drill-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
VIETNAMESE_503 = "không kết nối được cơ sở dữ liệu"
QUERIES = ["khai sinh", "dang ky ket hon", "giấy phép xây dựng", "đất đai", "chứng thực", "thuế", "hộ tịch"]


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- the throwaway services ------------------------------------------------------------------------------


class Elasticsearch:
    def __init__(self, port: int, transport_port: int):
        self.port, self.transport_port = port, transport_port
        self.url = f"http://127.0.0.1:{port}"
        self.pidfile = ES_RUN / "es.pid"

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=3):
                return True
        except (OSError, urllib.error.HTTPError):
            return False

    def start(self) -> float:
        """Start the node (a fresh config each time, data kept); returns seconds until it is healthy."""
        started = time.monotonic()
        config = ES_RUN / "config"
        if not config.exists():
            for sub in ("data", "logs"):
                (ES_RUN / sub).mkdir(parents=True, exist_ok=True)
            subprocess.run(["cp", "-r", f"{ES_HOME}/config/.", str(config)], check=True)
            (config / "elasticsearch.yml").write_text(
                "cluster.name: tthc-faults\ndiscovery.type: single-node\nnetwork.host: 127.0.0.1\n"
                f"http.port: {self.port}\ntransport.port: {self.transport_port}\n"
                f"path.data: {ES_RUN}/data\npath.logs: {ES_RUN}/logs\nxpack.security.enabled: false\n"
                "action.destructive_requires_name: false\ncluster.routing.allocation.disk.threshold_enabled: false\n"
            )
            subprocess.run(["chown", "-R", ES_USER, str(ES_RUN)], check=True)
        java = Path(os.path.realpath(subprocess.run(["which", "java"], capture_output=True, text=True).stdout.strip()))
        subprocess.run(
            [
                "runuser",
                "-u",
                ES_USER,
                "--",
                "env",
                f"ES_JAVA_HOME={java.parent.parent}",
                f"ES_PATH_CONF={config}",
                "ES_JAVA_OPTS=-Xms256m -Xmx256m",
                f"{ES_HOME}/bin/elasticsearch",
                "-d",
                "-p",
                str(self.pidfile),
            ],
            check=True,
            stdout=(ES_RUN / "startup.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        for _ in range(180):
            if self.healthy():
                return time.monotonic() - started
            time.sleep(1)
        sys.exit(f"Elasticsearch on {self.port} did not become healthy; see {ES_RUN}/logs")

    def stop(self) -> None:
        """Kill our node (SIGKILL: a crash, not a clean shutdown) and wait until the port is closed."""
        pid = int(self.pidfile.read_text().strip())
        os.kill(pid, signal.SIGKILL)
        for _ in range(60):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.5)
        self.pidfile.unlink(missing_ok=True)

    def count_ids(self, ids: list[int]) -> int:
        body = json.dumps({"query": {"ids": {"values": [str(pk) for pk in ids]}}}).encode()
        request = urllib.request.Request(
            f"{self.url}/{INDEX_PREFIX}_procedures/_count", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["count"]

    def delete_ids(self, ids: list[int]) -> None:
        lines = "".join(json.dumps({"delete": {"_id": str(pk)}}) + "\n" for pk in ids).encode()
        request = urllib.request.Request(
            f"{self.url}/{INDEX_PREFIX}_procedures/_bulk?refresh=true",
            data=lines,
            headers={"Content-Type": "application/x-ndjson"},
        )
        urllib.request.urlopen(request, timeout=30).read()


class PostgreSQL:
    def __init__(self, cluster: str):
        self.version, self.name = cluster.split()

    def stop(self) -> None:
        subprocess.run(["pg_ctlcluster", self.version, self.name, "stop", "-m", "fast"], check=True)

    def start(self) -> None:
        subprocess.run(["pg_ctlcluster", self.version, self.name, "start"], check=True)

    def ensure_running(self) -> None:
        status = subprocess.run(["pg_ctlcluster", self.version, self.name, "status"], capture_output=True)
        if status.returncode != 0:
            self.start()


# --- the application ------------------------------------------------------------------------------------


def app_env(database_url: str, es_url: str, port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": es_url,
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESSLOG": "off",
        "AXES_ENABLED": "false",
        "FEEDBACK_RATE_LIMIT_PER_HOUR": "1000000",
        "FEEDBACK_RATE_LIMIT_PER_DAY": "1000000",
        # One client sends everything: per-client limits (config.ratelimit) would turn the run into 429s.
        "SEARCH_API_RATE_LIMIT_PER_MINUTE": "1000000",
        "DEADLINE_API_RATE_LIMIT_PER_MINUTE": "1000000",
        "FEEDBACK_LOOKUP_RATE_LIMIT_PER_HOUR": "1000000",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "tthc-faults-static"),
    }


def manage(env: dict, *args: str, check: bool = True) -> str:
    out = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if check and out.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return out.stdout


def shell(env: dict, code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code).strip()


# --- the load -------------------------------------------------------------------------------------------


class Load:
    """Worker threads sending the request mix; every answer is recorded with the phase it fell in."""

    def __init__(self, base: str, codes: list[str], threads: int = 4):
        self.base, self.codes, self.threads = base, codes, threads
        self.phase = "setup"
        self.records: list[tuple[str, str, int, float]] = []  # phase, endpoint, status (0: no answer), ms
        self.samples: dict[tuple[str, str, int], str] = {}
        self.acknowledged: list[str] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._workers: list[threading.Thread] = []

    def _call(self, endpoint: str, path: str, payload: dict | None = None) -> tuple[int, bytes]:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers={"Content-Type": "application/json"})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except OSError:
            status, body = 0, b""
        elapsed = (time.monotonic() - started) * 1000
        with self._lock:
            phase = self.phase
            self.records.append((phase, endpoint, status, elapsed))
            if status >= 500:
                self.samples.setdefault((phase, endpoint, status), body[:3000].decode("utf-8", "replace"))
        return status, body

    def _reader(self) -> None:
        while not self.stopping.is_set():
            pick = random.random()
            query = urllib.parse.quote_plus(random.choice(QUERIES))
            if pick < 0.3:
                self._call("GET /api/v1/search", f"/api/v1/search?q={query}")
            elif pick < 0.55:
                self._call("GET /tra-cuu/", f"/tra-cuu/?q={query}")
            elif pick < 0.9:
                self._call("GET /thu-tuc/<code>/", f"/thu-tuc/{random.choice(self.codes)}/")
            else:
                self._call("GET /healthz", "/healthz")
            time.sleep(0.02)

    def _submitter(self) -> None:
        while not self.stopping.is_set():
            token = uuid.uuid4().hex[:12]
            payload = {
                "loai_nguoi_gui": "ca_nhan",
                "ho_ten": "Trần Thị Sự Cố",
                "dia_chi": "12 Trần Hưng Đạo, Phường 2, TP. Sóc Trăng",
                "dien_thoai": "0912345678",
                "email": f"su.co.{token}@example.org",
                "loai": "khong_phu_hop_thuc_te",
                "tieu_de": f"Diễn tập sự cố {token}",
                "noi_dung": f"Phản ánh diễn tập sự cố số {token}: thành phần hồ sơ yêu cầu bản sao không cần thiết.",
                "dong_y_xu_ly_du_lieu": True,
            }
            status, body = self._call("POST /api/v1/feedback", "/api/v1/feedback", payload)
            if status == 201:
                with self._lock:
                    self.acknowledged.append(json.loads(body)["so_dang_ky"])
            time.sleep(1)

    def start(self) -> None:
        self._workers = [threading.Thread(target=self._reader, daemon=True) for _ in range(self.threads)]
        self._workers.append(threading.Thread(target=self._submitter, daemon=True))
        for worker in self._workers:
            worker.start()

    def stop(self) -> None:
        self.stopping.set()
        for worker in self._workers:
            worker.join(timeout=20)


# --- the drill ------------------------------------------------------------------------------------------


def readable(body: str) -> str:
    """The text of an answer: a JSON error body's detail (whatever its escaping), or the HTML as is."""
    try:
        return json.loads(body).get("detail", "")
    except (ValueError, AttributeError):
        return body


def status_class(status: int) -> str:
    if status == 0:
        return "no answer"
    if status == 503:
        return "503"
    return f"{status // 100}xx"


def print_table(load: Load, phases: list[tuple[str, float]]) -> None:
    grouped: dict[tuple[str, str], Counter] = defaultdict(Counter)
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    for phase, endpoint, status, elapsed in load.records:
        grouped[(phase, endpoint)][status_class(status)] += 1
        times[(phase, endpoint)].append(elapsed)
    columns = ["2xx", "3xx", "4xx", "503", "5xx", "no answer"]
    header = f"{'phase':10} {'s':>4} {'endpoint':24} {'requests':>8} " + " ".join(f"{c:>9}" for c in columns)
    header += f" {'p95 ms':>7}"
    print(header)
    print("-" * len(header))
    durations = dict(phases)
    for phase, _ in phases:
        for endpoint in sorted({e for p, e in grouped if p == phase}):
            counts = grouped[(phase, endpoint)]
            ordered = sorted(times[(phase, endpoint)])
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            print(
                f"{phase:10} {durations[phase]:>4.0f} {endpoint:24} {sum(counts.values()):>8} "
                + " ".join(f"{counts[c]:>9}" for c in columns)
                + f" {p95:>7.0f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://tthc:tthc@127.0.0.1:5434/tthc_h9")
    parser.add_argument("--pg-cluster", default="15 h9fault", help="Debian cluster 'VERSION NAME' to stop/start")
    parser.add_argument("--es-port", type=int, default=9201)
    parser.add_argument("--es-transport-port", type=int, default=9301)
    parser.add_argument("--port", type=int, default=8775, help="gunicorn port on 127.0.0.1")
    parser.add_argument("--prepare-from", default="", help="copy this database into --database-url first")
    parser.add_argument("--short", action="store_true", help="20 s Elasticsearch outage instead of 60 s")
    parser.add_argument("--sample", type=int, default=200, help="procedures whose index updates are queued")
    args = parser.parse_args()
    es_outage = 20 if args.short else 60
    pg_outage = 15

    postgres = PostgreSQL(args.pg_cluster)
    elastic = Elasticsearch(args.es_port, args.es_transport_port)
    env = app_env(args.database_url, elastic.url, args.port)
    postgres.ensure_running()
    if args.prepare_from:
        say(f"copying {args.prepare_from.rsplit('/', 1)[-1]} into {args.database_url.rsplit('@', 1)[-1]}")
        dump = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", args.prepare_from], capture_output=True, check=True
        )
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={args.database_url}"],
            input=dump.stdout,
            check=False,
        )
    if not elastic.healthy():
        say(f"starting Elasticsearch on {args.es_port}: healthy after {elastic.start():.0f} s")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    say("building the Elasticsearch index (search_reindex)")
    manage(env, "search_reindex", "-v0")
    shell(env, "from django_tasks_db.models import DBTaskResult; DBTaskResult.objects.all().delete()")
    codes = shell(
        env,
        "from catalog.models import ProcedureVersion; from django.utils import timezone\n"
        "qs = ProcedureVersion.objects.in_force_on(timezone.localdate()).exclude(code='')\n"
        "print(' '.join(qs.order_by('code').values_list('code', flat=True)[:300]))",
    ).split()
    sample_ids = [
        int(pk)
        for pk in shell(
            env,
            "from catalog.models import ProcedureVersion; from django.utils import timezone\n"
            "qs = ProcedureVersion.objects.in_force_on(timezone.localdate())\n"
            f"print(' '.join(str(pk) for pk in qs.order_by('-procedure_id').values_list('procedure_id', flat=True)"
            f"[:{args.sample}]))",
        ).split()
    ]

    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=(Path(tempfile.gettempdir()) / "tthc-faults-gunicorn.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(60):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            break
        except OSError:
            time.sleep(0.5)
    load = Load(base, codes)
    phases: list[tuple[str, float]] = []
    facts: dict[str, object] = {}

    def phase(name: str) -> float:
        load.phase = name
        say(f"phase {name}")
        return time.monotonic()

    try:
        load.start()
        started = phase("baseline")
        time.sleep(15)
        phases.append(("baseline", time.monotonic() - started))

        elastic.delete_ids(sample_ids)
        facts["ES documents of the sample before the outage (deleted on purpose)"] = elastic.count_ids(sample_ids)
        started = phase("es_down")
        elastic.stop()
        chunks = [sample_ids[i : i + 10] for i in range(0, len(sample_ids), 10)]
        shell(
            env,
            "from search.tasks import search_index_update_task\n"
            + "".join(f"search_index_update_task.enqueue({chunk})\n" for chunk in chunks),
        )
        queue_code = (
            "from django_tasks_db.models import DBTaskResult; from django_tasks.base import TaskResultStatus\n"
            "print(DBTaskResult.objects.filter(status=TaskResultStatus.READY).count())"
        )
        pending_code = "from search.models import PendingIndexUpdate; print(PendingIndexUpdate.objects.count())"
        facts["tasks queued while Elasticsearch is down"] = int(shell(env, queue_code))
        worker_started = time.monotonic()
        manage(env, "db_worker", "--batch", "--no-startup-delay", "-v0")
        facts["db_worker --batch ran the queue in (s)"] = round(time.monotonic() - worker_started, 1)
        facts["tasks left in the queue after the worker"] = int(shell(env, queue_code))
        facts["PendingIndexUpdate rows (ES writes deferred)"] = int(shell(env, pending_code))
        time.sleep(max(0.0, es_outage - (time.monotonic() - started)))
        phases.append(("es_down", time.monotonic() - started))

        started = phase("es_back")
        facts["Elasticsearch healthy again after (s)"] = round(elastic.start(), 1)
        drain_started = time.monotonic()
        manage(env, "search_reindex", "--pending")
        facts["drain (search_reindex --pending) took (s)"] = round(time.monotonic() - drain_started, 1)
        facts["PendingIndexUpdate rows after the drain"] = int(shell(env, pending_code))
        facts["ES documents of the sample after the drain"] = elastic.count_ids(sample_ids)
        time.sleep(10)
        phases.append(("es_back", time.monotonic() - started))

        started = phase("pg_down")
        postgres.stop()
        time.sleep(pg_outage)
        phases.append(("pg_down", time.monotonic() - started))
        started = phase("pg_back")
        postgres.start()
        time.sleep(15)
        phases.append(("pg_back", time.monotonic() - started))
    finally:
        load.stop()
        server.terminate()
        server.wait(timeout=30)

    print()
    print_table(load, phases)
    print()
    for fact, value in facts.items():
        print(f"{fact:66} {value}")

    acknowledged = load.acknowledged
    found = set(
        shell(
            env,
            "import sys; from feedback.models import Feedback\n"
            f"wanted = {acknowledged!r}\n"
            "print(' '.join(Feedback.objects.filter(register_number__in=wanted).values_list('register_number', "
            "flat=True)))",
        ).split()
    )
    lost = [number for number in acknowledged if number not in found]
    search_5xx_es_down = sum(
        1 for p, e, s, _ in load.records if p == "es_down" and e in ("GET /api/v1/search", "GET /tra-cuu/") and s >= 500
    )
    # /healthz answers its own 503 JSON status by design; every other 503 must carry the message.
    pg_503_pages = [
        readable(body)
        for (p, e, s), body in load.samples.items()
        if p == "pg_down" and s == 503 and e != "GET /healthz"
    ]
    pg_other_5xx = sum(1 for p, e, s, _ in load.records if p == "pg_down" and s >= 500 and s != 503)
    pg_back_tail = [s for p, e, s, _ in load.records if p == "pg_back"][-50:]
    checks = [
        ("no 5xx from search while Elasticsearch was down", search_5xx_es_down == 0, f"{search_5xx_es_down} 5xx"),
        (
            "database gone: 503 answers carry the Vietnamese message",
            bool(pg_503_pages) and all(VIETNAMESE_503 in body for body in pg_503_pages),
            f"{len(pg_503_pages)} distinct 503 endpoints sampled",
        ),
        ("database gone: no other 5xx than 503", pg_other_5xx == 0, f"{pg_other_5xx} other 5xx"),
        (
            "every queued index update applied after recovery",
            facts["PendingIndexUpdate rows after the drain"] == 0
            and facts["ES documents of the sample after the drain"] == len(sample_ids),
            f"{facts['ES documents of the sample after the drain']}/{len(sample_ids)} documents, "
            f"{facts['PendingIndexUpdate rows after the drain']} pending",
        ),
        ("no acknowledged feedback lost", not lost, f"{len(acknowledged) - len(lost)}/{len(acknowledged)} in the DB"),
        (
            "service back after PostgreSQL restart (last 50 answers)",
            all(200 <= s < 500 for s in pg_back_tail),
            f"{Counter(status_class(s) for s in pg_back_tail)}",
        ),
    ]
    print()
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name:58} {detail}")
    shown = set()
    for (phase_name, endpoint, status), body in sorted(load.samples.items()):
        kind = "json" if endpoint.split()[-1].startswith("/api/") else "html"
        if phase_name == "pg_down" and status == 503 and endpoint != "GET /healthz" and kind not in shown:
            shown.add(kind)
            text = " ".join(readable(body).split())
            print(f"\nsample 503 ({endpoint}): {text[:400]}")
    sys.exit(0 if all(ok for _, ok, _ in checks) else 1)


if __name__ == "__main__":
    main()
