"""Locust scenario: the public traffic mix of the procedure site (run by bench/load/run.py).

Weights: search (page and API) and procedure pages dominate; listings, the deadline API and a trickle of
feedback submissions follow. Procedure codes are read from LOAD_CODES_FILE (one per line, written by the
runner from the database, most visited first): like real traffic, half of the page views go to the 50 most
visited procedures and the rest spread over all of them. Search terms follow a Zipf-like law over thousands
of distinct realistic queries (queries.py). Any status other than the expected one counts as an error.

With LOAD_ACK_FILE set, every acknowledged (201) feedback submission's register number is appended to it.
With LOAD_CACHE_FILE set, the search answers' X-Search-Cache header values (hit / miss) are counted and
written there as JSON when the run ends (the runner prints the answer-cache hit rate).
"""

import json
import os
import random
import sys
import threading
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote_plus

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).parent))
from queries import zipf_query

CODES = [
    line.strip()
    for line in Path(os.environ["LOAD_CODES_FILE"]).read_text(encoding="utf-8").splitlines()
    if line.strip()
]
POPULAR = CODES[:50]
SEARCHES = ("/tra-cuu/?q=", "/api/v1/search?q=")
UNITS = [("15", "working_days"), ("3", "working_days"), ("30", "calendar_days"), ("8", "working_hours")]
ACK_FILE = os.environ.get("LOAD_ACK_FILE", "")
CACHE_FILE = os.environ.get("LOAD_CACHE_FILE", "")
_ack_lock = threading.Lock()
_cache_answers: Counter = Counter()


@events.quitting.add_listener
def _cache_answers_write(environment, **kwargs):
    if CACHE_FILE:
        Path(CACHE_FILE).write_text(json.dumps(dict(_cache_answers)), encoding="utf-8")


def procedure_code() -> str:
    return random.choice(POPULAR if random.random() < 0.5 else CODES)


def feedback_payload() -> dict:
    token = uuid.uuid4().hex[:12]
    return {
        "loai_nguoi_gui": "ca_nhan",
        "ho_ten": "Nguyễn Văn Tải",
        "dia_chi": "45 Hùng Vương, Phường 1, TP. Sóc Trăng",
        "dien_thoai": "0987654321",
        "dia_chi_thu_tin": "",
        "email": f"tai.{token}@example.org",
        "loai": "khong_phu_hop_thuc_te",
        "ma_thu_tuc": "",
        "tieu_de": f"Thử tải {token}",
        "noi_dung": f"Nội dung phản ánh thử tải số {token}: thời hạn giải quyết quá dài so với thực tế.",
        "dong_y_xu_ly_du_lieu": True,
        "cho_phep_cong_khai": False,
    }


class Citizen(FastHttpUser):
    wait_time = between(0, 0.05)

    def _get(self, path: str, name: str, expected: int = 200) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != expected:
                response.failure(f"status {response.status_code}")
            elif name in SEARCHES:
                _cache_answers[response.headers.get("X-Search-Cache") or "none"] += 1

    @task(6)
    def search_page(self):
        self._get(f"/tra-cuu/?q={quote_plus(zipf_query())}", "/tra-cuu/?q=")

    @task(6)
    def search_api(self):
        self._get(f"/api/v1/search?q={quote_plus(zipf_query())}", "/api/v1/search?q=")

    @task(8)
    def procedure_page(self):
        self._get(f"/thu-tuc/{procedure_code()}/", "/thu-tuc/<code>/")

    @task(3)
    def listing(self):
        self._get(f"/thu-tuc/?trang={random.randint(1, 20)}", "/thu-tuc/?trang=")

    @task(3)
    def deadline(self):
        amount, unit = random.choice(UNITS)
        day = random.randint(1, 28)
        self._get(
            f"/api/v1/deadline?received_at=2019-03-{day:02d}T09:30:00&amount={amount}&unit={unit}", "/api/v1/deadline"
        )

    @task(1)
    def feedback(self):
        if random.random() > 0.1:  # a trickle: about one call in ten of this task submits
            return
        with self.client.post(
            "/api/v1/feedback", json=feedback_payload(), name="POST /api/v1/feedback", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"status {response.status_code}")
                return
            if ACK_FILE:
                with _ack_lock, open(ACK_FILE, "a", encoding="utf-8") as acks:
                    acks.write(response.json()["so_dang_ky"] + "\n")
