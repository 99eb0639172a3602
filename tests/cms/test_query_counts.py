"""A procedure page and a listing page run a bounded number of SQL queries whatever the catalog size."""

import pytest

from tests.factories.catalog import FieldFactory
from tests.factories.cms import published_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

MAX_QUERIES = 15


@pytest.mark.parametrize("size", [2, 25])
def test_procedure_page_queries_are_bounded(client, django_assert_max_num_queries, size):
    field = FieldFactory(slug="ho-tich")
    procedures = [published_procedure(field=field) for _ in range(size)]
    for other in procedures[1:]:
        procedures[0].related_procedures.add(other)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/thu-tuc/{procedures[0].code}/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 25])
def test_listing_page_queries_are_bounded(client, django_assert_max_num_queries, size):
    field = FieldFactory(slug="ho-tich")
    for _ in range(size):
        published_procedure(field=field, levels=("tinh", "xa"))

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/thu-tuc/linh-vuc/ho-tich/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 25])
def test_home_page_queries_are_bounded(client, django_assert_max_num_queries, size):
    for _ in range(size):
        published_procedure()

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/")

    assert response.status_code == 200


def test_warm_procedure_page_runs_at_most_two_queries(client, django_assert_max_num_queries):
    procedure = published_procedure()
    client.get(f"/thu-tuc/{procedure.code}/")

    with django_assert_max_num_queries(2):
        client.get(f"/thu-tuc/{procedure.code}/")
