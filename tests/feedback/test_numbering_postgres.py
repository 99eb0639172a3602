import threading

import pytest
from django.db import connection

from feedback.forms import FeedbackForm
from feedback.models import Feedback
from feedback.services import feedback_submit
from tests.factories.feedback import submission_payload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 12


def _submit_in_thread(index: int, barrier: threading.Barrier, errors: list) -> None:
    try:
        form = FeedbackForm(submission_payload(noi_dung=f"Nội dung song song số {index}, đủ dài để tiếp nhận."))
        assert form.is_valid(), form.errors
        barrier.wait(timeout=30)
        feedback_submit(data=form.to_input())
    except Exception as error:  # collected and asserted in the main thread
        errors.append(error)
    finally:
        connection.close()


def _run_parallel() -> list:
    barrier = threading.Barrier(THREADS)
    errors: list = []
    threads = [threading.Thread(target=_submit_in_thread, args=(n, barrier, errors)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_parallel_submissions_all_succeed():
    assert _run_parallel() == []


def test_parallel_submissions_get_consecutive_distinct_numbers():
    _run_parallel()

    sequences = sorted(int(number[-6:]) for number in Feedback.objects.values_list("register_number", flat=True))
    assert sequences == list(range(1, THREADS + 1))
