"""One contract for every search engine: each test runs on SQLite FTS5, PostgreSQL and Elasticsearch.

An engine that cannot do something says so with a strict xfail, so the gap stays visible.
"""

import datetime as dt

import pytest

from catalog.choices import Channel
from catalog.services.versions import version_end
from search.backends import SearchResults
from search.backends import sql as sql_backend
from search.backends.base import MAX_PAGE
from search.models import ZeroResultQuery
from search.selectors import procedure_search, procedure_suggest
from search.services.indexing import search_index_update
from tests.factories.catalog import FieldFactory
from tests.factories.search import PromotedResultFactory, SynonymFactory, procedure_in_force

pytestmark = pytest.mark.django_db


def index(*procedures) -> None:
    search_index_update(procedure_ids=[p.pk for p in procedures])


def codes(results) -> list[str]:
    return [hit.code for hit in results.hits]


def search(q: str, **filters):
    return procedure_search(q=q, filters={k: v if isinstance(v, list) else [v] for k, v in filters.items()})


@pytest.fixture
def civil(engine):
    field = FieldFactory(name="Hộ tịch", slug="ho-tich")
    birth = procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193", field=field)
    marriage = procedure_in_force(name="Thủ tục đăng ký kết hôn", code="1.000894", field=field)
    death = procedure_in_force(name="Thủ tục đăng ký khai tử", code="1.000656", field=field)
    index(birth, marriage, death)
    return {"birth": birth, "marriage": marriage, "death": death, "field": field}


def test_the_engine_under_test_answers(civil, engine):
    assert search("khai sinh").engine == engine


def test_query_without_diacritics_finds_the_procedure(civil):
    assert codes(search("dang ky khai sinh"))[0] == "1.001193"


def test_uppercase_vietnamese_query_is_casefolded(civil):
    assert codes(search("ĐĂNG KÝ KẾT HÔN"))[0] == "1.000894"


def test_ki_and_ky_spellings_match(civil):
    assert codes(search("dang ki khai tu"))[0] == "1.000656"


def test_exact_diacritics_rank_above_folded_homograph(engine):
    singer = procedure_in_force(name="Cấp phép biểu diễn cho ca sĩ", code="1.100001")
    fish = procedure_in_force(name="Cấp phép bán buôn cá sỉ", code="1.100002")
    index(singer, fish)
    assert codes(search("cá sỉ"))[:2] == ["1.100002", "1.100001"]


def test_phrase_ranks_above_scattered_syllables(engine):
    scattered = procedure_in_force(name="Khai thác sinh vật biển", code="1.100003")
    phrase = procedure_in_force(
        name="Thủ tục đăng ký khai sinh có yếu tố nước ngoài tại cơ quan đại diện ở nước ngoài", code="1.100004"
    )
    index(scattered, phrase)
    assert codes(search("khai sinh"))[0] == "1.100004"


def test_everyday_name_from_shipped_synonyms(engine):
    land = procedure_in_force(name="Cấp giấy chứng nhận quyền sử dụng đất lần đầu", code="1.100005")
    index(land)
    assert codes(search("làm sổ đỏ"))[:1] == ["1.100005"]


def test_synonym_added_by_staff_takes_effect(engine):
    absence = procedure_in_force(name="Khai báo tạm vắng", code="1.100006")
    index(absence)
    SynonymFactory(terms="giấy tạm vắng\nkhai báo tạm vắng")
    assert codes(search("xin giấy tạm vắng"))[:1] == ["1.100006"]


def test_highlight_marks_syllables_matched_without_diacritics(civil):
    assert "<mark>khai</mark> <mark>sinh</mark>" in search("khai sinh").hits[0].highlight["name"]


def test_highlight_escapes_html(engine):
    odd = procedure_in_force(name="Đăng ký <b>nhãn</b> hàng hoá", code="1.100007")
    index(odd)
    assert "&lt;b&gt;" in search("nhan hang hoa").hits[0].highlight["name"]


@pytest.fixture
def faceted(engine):
    land = FieldFactory(name="Đất đai", slug="dat-dai")
    build = FieldFactory(name="Xây dựng", slug="xay-dung")
    made = [
        procedure_in_force(
            name="Cấp giấy phép xây dựng nhà ở riêng lẻ", code="1.200001", field=build, levels=("huyen",)
        ),
        procedure_in_force(
            name="Điều chỉnh giấy phép xây dựng công trình",
            code="1.200002",
            field=build,
            levels=("tinh",),
            channels=(Channel.IN_PERSON, Channel.ONLINE),
        ),
        procedure_in_force(
            name="Giấy phép xây dựng trên đất nông nghiệp", code="1.200003", field=land, levels=("huyen",)
        ),
    ]
    index(*made)
    return made


def _counts(results, facet: str) -> dict[str, int]:
    return {bucket.value: bucket.count for bucket in results.facets[facet]}


def test_field_facet_counts_the_matches(faceted):
    assert _counts(search("giay phep xay dung"), "field") == {"xay-dung": 2, "dat-dai": 1}


def test_level_facet_counts_the_matches(faceted):
    assert _counts(search("giay phep xay dung"), "level") == {"huyen": 2, "tinh": 1}


def test_channel_facet_counts_the_matches(faceted):
    assert _counts(search("giay phep xay dung"), "channel") == {"truc_tiep": 3, "truc_tuyen": 1}


def test_agency_and_online_level_facets_are_present(faceted):
    results = search("giay phep xay dung")
    assert (sum(_counts(results, "agency").values()), sum(_counts(results, "online").values())) == (3, 3)


def test_facet_counts_ignore_their_own_filter(faceted):
    assert _counts(search("giay phep xay dung", field="xay-dung"), "field") == {"xay-dung": 2, "dat-dai": 1}


def test_other_facets_count_within_the_filter(faceted):
    assert _counts(search("giay phep xay dung", field="xay-dung"), "level") == {"huyen": 1, "tinh": 1}


def test_facet_filter_combines_with_the_query(faceted):
    assert sorted(codes(search("giay phep xay dung", field="xay-dung"))) == ["1.200001", "1.200002"]


def test_two_facet_filters_combine(faceted):
    assert codes(search("giay phep xay dung", field="xay-dung", level="tinh")) == ["1.200002"]


def test_typo_is_tolerated(civil):
    assert codes(search("dang ky khai sihn"))[:1] == ["1.001193"]


def test_suggestions_complete_a_partial_name(civil):
    assert [hit.code for hit in procedure_suggest(q="dang ky ket h")] == ["1.000894"]


def test_suggestions_match_an_unfinished_last_word(civil):
    assert {hit.code for hit in procedure_suggest(q="dang ky kh")} == {"1.001193", "1.000656"}


@pytest.fixture
def identity(engine):
    made = [
        procedure_in_force(name="Cấp đổi thẻ căn cước", code="1.014063", levels=("xa",)),
        procedure_in_force(name="Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)", code="2.001195", levels=("tinh",)),
        procedure_in_force(name="Cấp lại thẻ căn cước", code="1.014064", levels=("xa",)),
    ]
    index(*made)
    return made


def test_suggestions_match_words_anywhere_in_the_name(identity):
    assert [hit.code for hit in procedure_suggest(q="doi the can")] == ["1.014063"]


def test_suggestions_match_words_in_any_order(identity):
    assert [hit.code for hit in procedure_suggest(q="can cuoc cap doi")] == ["1.014063"]


def test_suggestions_match_with_diacritics(identity):
    assert [hit.code for hit in procedure_suggest(q="cấp đổi căn")] == ["1.014063"]


def test_suggestions_show_a_name_once(identity):
    assert [hit.name for hit in procedure_suggest(q="cap doi can")] == ["Cấp đổi thẻ căn cước"]


def test_did_you_mean_uses_catalog_vocabulary(civil):
    assert search("khai sjnh").did_you_mean == "khai sinh"


def test_did_you_mean_offers_nothing_outside_the_catalog(civil):
    assert search("qqxz").did_you_mean is None


def test_best_bet_comes_first(civil):
    PromotedResultFactory(query="Giấy tờ khi có người mất", procedure=civil["death"])
    assert codes(search("giay to khi co nguoi mat"))[:1] == ["1.000656"]


def test_best_bet_is_flagged(civil):
    PromotedResultFactory(query="con mới sinh", procedure=civil["birth"])
    assert search("con moi sinh").hits[0].promoted is True


def test_searching_never_writes_the_zero_result_log(civil):
    search("qqxz wvut")
    assert not ZeroResultQuery.objects.exists()


def test_national_code_returns_that_procedure_first(civil):
    assert codes(search("1.000894"))[0] == "1.000894"


@pytest.mark.parametrize("code", ("1.012753.H19", "1.001234.000.00.00.H55"))
def test_suffixed_national_code_returns_that_procedure_first(civil, code):
    local = procedure_in_force(name="Thủ tục đăng ký khai sinh (địa phương)", code=code, field=civil["field"])
    index(local)
    assert codes(search(code.lower()))[0] == code


def test_abolished_procedure_leaves_the_index(civil):
    version_end(procedure=civil["death"], on=dt.date(2021, 1, 1))
    index(civil["death"])
    assert "1.000656" not in codes(search("khai tu"))


def test_results_are_paginated(engine):
    made = [procedure_in_force(name=f"Cấp giấy phép khai thác cát số {n}", code=f"1.3000{n:02d}") for n in range(12)]
    index(*made)
    results = procedure_search(q="khai thac cat", page=2)
    assert (results.count, len(results.hits)) == (12, 2)


def test_every_counted_page_can_be_opened(engine, monkeypatch):
    # The database engines score a fixed number of candidates exactly; a deeper page must still be ranked.
    monkeypatch.setattr(sql_backend, "CANDIDATES", 5)
    made = [procedure_in_force(name=f"Cấp giấy phép khai thác cát số {n}", code=f"1.3100{n:02d}") for n in range(12)]
    index(*made)
    results = procedure_search(q="khai thac cat", page=2)
    assert (results.count, results.num_pages, len(results.hits)) == (12, 2, 2)


def test_page_count_stops_at_the_deepest_page_that_opens():
    results = SearchResults(count=MAX_PAGE * 10 + 55, hits=[], facets={}, backend="database", engine="postgresql")
    assert results.num_pages == MAX_PAGE


@pytest.fixture
def marriages(engine):
    made = [
        procedure_in_force(name="Thủ tục đăng ký kết hôn", code="1.000894"),
        procedure_in_force(name="Thủ tục đăng ký kết hôn lưu động", code="1.000593"),
        procedure_in_force(name="Thủ tục đăng ký khai sinh", code="1.001193"),
    ]
    index(*made)
    return made


def test_run_together_words_are_read_as_the_catalog_writes_them(marriages):
    assert codes(search("dang ky kethon"))[:1] == ["1.000894"]


def test_run_together_words_are_offered_as_a_correction(marriages):
    assert search("dang ky kethon").did_you_mean == "dang ky kết hôn"


def test_suggestions_read_run_together_words(marriages):
    assert [hit.code for hit in procedure_suggest(q="dang ky kethon")][:1] == ["1.000894"]


def test_telex_leftovers_are_read_as_the_catalog_writes_them(marriages):
    assert codes(search("ddawng kys keets hoon"))[:1] == ["1.000894"]
