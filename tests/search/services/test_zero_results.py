"""The zero-result log is best effort: the search has its answer before the query is queued."""

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db
NOTHING = "khong co thu tuc nao ten nhu vay xyzw"


class RefusingTask:
    """The task as a queue without its table answers it (as in a deployment not yet migrated)."""

    def enqueue(self, *args, **kwargs):
        raise DatabaseError('relation "django_tasks_database_dbtaskresult" does not exist')


@pytest.fixture
def refusing_queue(monkeypatch):
    monkeypatch.setattr("search.tasks.zero_result_record_task", RefusingTask())


def test_the_api_answers_when_the_queue_refuses_a_zero_result(client, refusing_queue):
    assert client.get("/api/v1/search", {"q": NOTHING}).status_code == 200


def test_the_search_page_answers_when_the_queue_refuses_a_zero_result(client, refusing_queue):
    assert client.get("/tra-cuu/", {"q": NOTHING}).status_code == 200
