"""The change feed: publishing enqueues an index task; the task brings the index up to date."""

import datetime as dt

import pytest
from django.core.management import call_command

from catalog.services.demand import procedures_demand_set
from catalog.services.versions import version_end
from search.models import SearchDocument, SearchLexicon
from search.services.indexing import search_index_rebuild
from search.vocabulary import search_lexicon
from tests.factories.search import procedure_in_force
from tests.search.conftest import use_engine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_only(settings):
    settings.ELASTICSEARCH_URL = ""


def test_publishing_indexes_through_the_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    assert SearchDocument.objects.filter(procedure=procedure).exists()


def test_abolishing_removes_through_the_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
        version_end(procedure=procedure, on=dt.date(2021, 1, 1))
    assert not SearchDocument.objects.filter(procedure=procedure).exists()


def test_a_very_long_agency_name_is_indexed_whole():
    agency = ", ".join(["Ủy ban nhân dân cấp xã"] * 40)  # the national data joins several agencies in one text
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193", agency=agency)
    search_index_rebuild()
    assert SearchDocument.objects.get(procedure=procedure).agency_name == agency


def test_rebuild_indexes_only_procedures_in_force():
    procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    procedure_in_force(name="Thủ tục tương lai", code="1.001194", valid_from=dt.date(2999, 1, 1))
    search_index_rebuild()
    assert list(SearchDocument.objects.values_list("code", flat=True)) == ["1.001193"]


def test_reindex_command_reports_what_it_indexed():
    procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    from io import StringIO

    out = StringIO()
    call_command("search_reindex", verbosity=0, stdout=out)
    assert "1 thủ tục" in out.getvalue()


@pytest.mark.elasticsearch
def test_elasticsearch_rebuild_swaps_the_alias_to_a_new_index(elasticsearch_index, settings):
    use_engine("elasticsearch", settings)
    procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_rebuild()
    first = elasticsearch_index._concrete_indices()
    search_index_rebuild()
    second = elasticsearch_index._concrete_indices()
    assert len(second) == 1 and second != first


@pytest.mark.elasticsearch
def test_elasticsearch_rebuild_keeps_documents(elasticsearch_index, settings):
    use_engine("elasticsearch", settings)
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_rebuild()
    search_index_rebuild()
    assert elasticsearch_index.indexed_ids() == {procedure.pk}


def test_indexing_stores_the_vocabulary_for_every_process():
    procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_rebuild()
    assert SearchLexicon.objects.get().documents == 1


def test_the_stored_vocabulary_knows_the_indexed_syllables():
    procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_rebuild()
    assert search_lexicon().spelling("sinh") == "sinh"


def test_demand_raises_the_indexed_popularity(django_capture_on_commit_callbacks):
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    with django_capture_on_commit_callbacks(execute=True):
        procedures_demand_set(counts={"1.001193": 1000})
    assert SearchDocument.objects.get(procedure=procedure).popularity == 1.0


def test_the_commonly_used_flag_makes_a_procedure_popular():
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193", commonly_used=True)
    search_index_rebuild()
    assert SearchDocument.objects.get(procedure=procedure).popularity == 1.0


def test_levels_nearer_the_citizen_count_more():
    commune = procedure_in_force(name="Cấp lại thẻ căn cước", code="1.014064", levels=("xa",))
    ministry = procedure_in_force(name="Cấp lại thẻ căn cước (trung ương)", code="1.000757", levels=("bo",))
    search_index_rebuild()
    local = dict(SearchDocument.objects.values_list("procedure_id", "local"))
    assert (local[commune.pk], local[ministry.pk]) == (1.0, 0.0)


def test_name_remarks_are_matched_as_body():
    procedure = procedure_in_force(name="Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)", code="2.001194")
    search_index_rebuild()
    document = SearchDocument.objects.get(procedure=procedure)
    assert (document.name_folded, "tinh" in document.body_folded.split()) == ("cap lai the can cuoc", True)


def test_reindex_command_can_relearn_the_vocabulary_alone():
    procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_rebuild()
    from io import StringIO

    out = StringIO()
    call_command("search_reindex", "--lexicon", stdout=out)
    assert "1 thủ tục" in out.getvalue()
