"""Answers to repeated queries are reused until the index, synonyms or best bets change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.selectors import procedure_search
from search.services.indexing import search_index_update
from tests.factories.search import PromotedResultFactory, procedure_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_RESULTS_CACHE_SECONDS = 60


@pytest.fixture
def birth():
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[procedure.pk])
    return procedure


def test_a_repeated_query_is_answered_without_the_database(birth, django_assert_num_queries):
    procedure_search(q="khai sinh")
    with django_assert_num_queries(0):
        procedure_search(q="khai sinh")


def test_a_cached_answer_costs_no_query_analysis(birth, monkeypatch):
    procedure_search(q="khai sinh")

    def analysed(*args, **kwargs):
        raise AssertionError("the query was analysed again")

    monkeypatch.setattr("search.selectors.query_parse", analysed)
    assert procedure_search(q="  Khai sinh ").count == 1  # the same question, as the analysis reads it


def test_the_cache_can_be_switched_off(birth, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    procedure_search(q="khai sinh")
    with CaptureQueriesContext(connection) as queries:
        procedure_search(q="khai sinh")
    assert len(queries) > 0


def test_a_newly_indexed_procedure_is_found_by_a_cached_query(birth):
    procedure_search(q="khai sinh")
    late = procedure_in_force(name="Thủ tục đăng ký khai sinh có yếu tố nước ngoài", code="1.001695")
    search_index_update(procedure_ids=[late.pk])
    assert procedure_search(q="khai sinh").count == 2


def test_a_new_best_bet_shows_on_a_cached_query(birth):
    other = procedure_in_force(name="Thủ tục cấp bản sao trích lục khai sinh", code="1.004884")
    search_index_update(procedure_ids=[other.pk])
    procedure_search(q="giấy khai sinh")
    PromotedResultFactory(query="giấy khai sinh", procedure=other)
    assert procedure_search(q="giấy khai sinh").hits[0].code == "1.004884"
