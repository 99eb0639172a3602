"""Public pages run a bounded number of SQL queries whatever the catalog size (issue 15: ≤ 12 each).

The counts are measured as after a publication (the day's catalog counts are stored, as
`cms.services.catalog_published` leaves them); the first read of a day that has none computes them once.
"""

import pytest
from django.utils import timezone

from cms.services import catalog_counts_refresh
from tests.factories.catalog import AgencyFactory, FieldFactory, FieldTopicFactory, ReceptionPlaceFactory
from tests.factories.cms import published_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

MAX_QUERIES = 12


def _catalog(size: int):
    topic = FieldTopicFactory(slug="ho-tich-cu-tru")
    field = FieldFactory(slug="ho-tich", topic=topic)
    FieldFactory(slug="ho-tich-2", alias_of=field, topic=topic)
    agency = AgencyFactory(code="so-tp")
    procedures = [published_procedure(field=field, levels=("tinh", "xa"), owner_agency=agency) for _ in range(size)]
    catalog_counts_refresh(day=timezone.localdate())
    return procedures


@pytest.mark.parametrize("size", [2, 25])
def test_procedure_page_queries_are_bounded(client, django_assert_max_num_queries, size):
    procedures = _catalog(size)
    for other in procedures[1:]:
        procedures[0].related_procedures.add(other)
    ReceptionPlaceFactory().procedures.add(procedures[0])

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/thu-tuc/{procedures[0].code}/")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/thu-tuc/",
        "/thu-tuc/?trang=2",
        "/thu-tuc/linh-vuc/ho-tich/",
        "/thu-tuc/linh-vuc/",
        "/thu-tuc/chu-de/ho-tich-cu-tru/",
        "/thu-tuc/cap/xa/",
        "/thu-tuc/co-quan/so-tp/",
    ],
)
@pytest.mark.parametrize("size", [2, 60])
def test_listing_page_queries_are_bounded(client, django_assert_max_num_queries, size, path):
    _catalog(size)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 25])
def test_home_page_queries_are_bounded(client, django_assert_max_num_queries, size):
    _catalog(size)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/")

    assert response.status_code == 200


def test_first_read_of_a_day_computes_the_counts_once(client, django_assert_max_num_queries):
    _catalog(3)
    from cms.models import CatalogCounts

    CatalogCounts.objects.all().delete()
    client.get("/thu-tuc/")

    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/")
    assert CatalogCounts.objects.count() == 1


def test_warm_procedure_page_runs_at_most_two_queries(client, django_assert_max_num_queries):
    procedure = published_procedure()
    client.get(f"/thu-tuc/{procedure.code}/")

    with django_assert_max_num_queries(2):
        client.get(f"/thu-tuc/{procedure.code}/")
