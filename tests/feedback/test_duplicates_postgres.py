"""20 identical submissions posted at the same moment register one item (issue 16.7): the duplicate check runs
under a lock on the content fingerprint, not as a check-then-insert."""

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from feedback.models import Feedback
from tests.factories.feedback import submission_payload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 20


def _post(url: str, body: bytes, start: threading.Barrier) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    start.wait(timeout=30)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def identical_posts(live_server, settings):
    settings.FEEDBACK_RATE_LIMIT_PER_HOUR = 1_000
    settings.FEEDBACK_RATE_LIMIT_PER_DAY = 1_000
    body = json.dumps(submission_payload()).encode()
    start = threading.Barrier(PARALLEL)
    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(lambda _n: _post(f"{live_server.url}/api/v1/feedback", body, start), range(PARALLEL)))


def test_twenty_parallel_identical_posts_register_one_item(identical_posts):
    assert Feedback.objects.count() == 1


def test_one_post_is_201_and_the_others_409(identical_posts):
    assert Counter(status for status, _body in identical_posts) == {201: 1, 409: PARALLEL - 1}


def test_every_409_names_the_registered_number(identical_posts):
    number = Feedback.objects.get().register_number

    assert {body["so_dang_ky"] for status, body in identical_posts if status == 409} == {number}
