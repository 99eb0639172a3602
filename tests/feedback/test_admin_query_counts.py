"""The feedback queue runs a fixed number of queries whatever the number of items listed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.feedback import FeedbackFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/phan-anh-kien-nghi/"


def queue_queries(client) -> int:
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(QUEUE).status_code == 200
    return len(captured.captured_queries)


def test_the_feedback_queue_runs_no_query_per_item(admin_client):
    FeedbackFactory.create_batch(2, assigned=True)
    few = queue_queries(admin_client)
    FeedbackFactory.create_batch(20, assigned=True)

    assert queue_queries(admin_client) == few
