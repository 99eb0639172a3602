"""PostgreSQL's posting table (`search_posting`) follows every write to the documents: one row per distinct word
of a document's folded name and body (the lexemes of its tsvectors), with its facet combination and priors."""

import datetime as dt

import pytest
from django.db import connection

from catalog.services.versions import version_create, version_end
from search.backends import SearchRequest, database_backend
from search.models import SearchDocument
from search.query import query_parse
from search.services.indexing import search_index_rebuild, search_index_update
from search.vocabulary import search_lexicon
from tests.factories.search import procedure_in_force

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _database_only(settings):
    settings.ELASTICSEARCH_URL = ""


def _postings(procedure) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT p.word, p.field, p.combo, p.local, p.popularity FROM search_posting p
               JOIN search_searchdocument d ON d.id = p.document_id WHERE d.procedure_id = %s""",
            [procedure.pk],
        )
        return set(cursor.fetchall())


def _document_words(procedure) -> set[tuple]:
    """What the postings of the procedure's document must be: its vectors' lexemes with its combo and priors."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT w.lexeme, 'n', d.facet_combo, d.local, d.popularity
               FROM search_searchdocument d CROSS JOIN LATERAL unnest(d.name_vec) w WHERE d.procedure_id = %s
               UNION ALL
               SELECT w.lexeme, 'b', d.facet_combo, d.local, d.popularity
               FROM search_searchdocument d CROSS JOIN LATERAL unnest(d.body_vec) w WHERE d.procedure_id = %s""",
            [procedure.pk, procedure.pk],
        )
        return set(cursor.fetchall())


def _posting_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_posting")
        return cursor.fetchone()[0]


def _rename(procedure, name: str) -> None:
    """A new version of the procedure under `name`, in force from a later day."""
    procedure.name = name
    procedure.save()
    version_create(procedure=procedure, valid_from=dt.date(2022, 1, 1))


def _names(query: str) -> list[str]:
    lexicon = search_lexicon()
    results = database_backend().search(SearchRequest(query=query_parse(query, lexicon=lexicon), lexicon=lexicon))
    return [hit.name for hit in results.hits]


def test_indexing_writes_one_posting_per_word_of_the_name_and_body():
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193", keywords=("giấy khai sinh",))
    search_index_update(procedure_ids=[procedure.pk])
    postings = _postings(procedure)
    assert {(word, field) for word, field, *_ in postings} >= {("dang", "n"), ("sinh", "n"), ("giay", "b")}
    assert postings == _document_words(procedure)


def test_reindexing_replaces_the_postings_of_the_old_text():
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[procedure.pk])
    _rename(procedure, "Thủ tục đăng ký kết hôn")
    search_index_update(procedure_ids=[procedure.pk])
    words = {word for word, field, *_ in _postings(procedure) if field == "n"}
    assert "hon" in words and "sinh" not in words
    assert _postings(procedure) == _document_words(procedure)


def test_reindexing_carries_the_new_priors_into_the_postings():
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[procedure.pk])
    procedure.commonly_used = True
    procedure.save()
    search_index_update(procedure_ids=[procedure.pk])
    popularity = SearchDocument.objects.get(procedure=procedure).popularity
    assert popularity > 0
    assert {row[4] for row in _postings(procedure)} == {popularity}


def test_removing_a_procedure_removes_its_postings():
    kept = procedure_in_force(name="Thủ tục đăng ký kết hôn", code="1.000894")
    gone = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[kept.pk, gone.pk])
    version_end(procedure=gone, on=dt.date(2021, 1, 1))
    search_index_update(procedure_ids=[gone.pk])
    assert not _postings(gone)
    assert _posting_rows() == len(_postings(kept))


def test_deleting_document_rows_by_any_way_takes_their_postings_along():
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[procedure.pk])
    SearchDocument.objects.filter(procedure=procedure).delete()
    assert _posting_rows() == 0


def test_rebuild_leaves_exactly_the_postings_of_the_documents_in_force():
    kept = procedure_in_force(name="Thủ tục đăng ký kết hôn", code="1.000894")
    gone = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_rebuild()
    version_end(procedure=gone, on=dt.date(2021, 1, 1))
    search_index_rebuild()
    assert _postings(kept) == _document_words(kept)
    assert _posting_rows() == len(_document_words(kept))


def test_search_finds_the_procedure_through_the_postings_after_a_rename():
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[procedure.pk])
    _rename(procedure, "Thủ tục đăng ký kết hôn")
    search_index_update(procedure_ids=[procedure.pk])
    assert _names("kết hôn") == ["Thủ tục đăng ký kết hôn"]


@pytest.mark.django_db(transaction=True)
def test_a_committed_rebuild_leaves_every_posting_page_all_visible():
    """Index-only scans skip the heap only on all-visible pages: the rebuild vacuums once it has committed."""
    procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'search_posting'")
        pages, visible = cursor.fetchone()
    assert pages > 0 and visible == pages


def test_truncating_the_documents_empties_the_postings():
    """`manage.py flush` and transactional tests truncate the documents: the postings must not outlive them."""
    procedure = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193")
    search_index_update(procedure_ids=[procedure.pk])
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign key checks of the test's writes
        cursor.execute("TRUNCATE search_searchfacetvalue, search_searchdocument")
    assert _posting_rows() == 0
