"""The search page as people read it (issue 15): results first, filters in a "Lọc kết quả" disclosure in
Vietnamese order, numbered pages, a sentence when nothing matches, suggestions on the box."""

import re

import pytest

from search.services.indexing import search_index_update
from tests.factories.catalog import FieldFactory
from tests.factories.search import procedure_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(settings):
    settings.ELASTICSEARCH_URL = ""
    made = []
    for n, (field_name, slug) in enumerate((("Hộ tịch", "ho-tich"), ("Đất đai", "dat-dai"), ("Dân tộc", "dan-toc"))):
        field = FieldFactory(name=field_name, slug=slug)
        made += [procedure_in_force(name=f"Thủ tục cấp giấy {field_name} {i}", field=field) for i in range(4 + n)]
    search_index_update(procedure_ids=[p.pk for p in made])
    return made


def test_filters_sit_in_a_lọc_kết_quả_disclosure_after_the_count(catalog, client):
    html = client.get("/tra-cuu/", {"q": "cap giay"}).text

    assert html.index('class="result-count"') < html.index('<details class="filters" data-open-wide>')
    assert "<summary>Lọc kết quả" in html


def test_filter_values_are_in_vietnamese_order(catalog, client):
    html = client.get("/tra-cuu/", {"q": "cap giay"}).text
    group = html.split('id="facet-field"')[1].split("</section>")[0]
    labels = [label.strip() for label in re.findall(r">\s*([^<>(]+?) \(\d+\)</a>", group)]

    assert labels == ["Dân tộc", "Đất đai", "Hộ tịch"]


def test_a_filter_link_adds_its_value_to_the_query(catalog, client):
    html = client.get("/tra-cuu/", {"q": "cap giay", "field": "ho-tich"}).text
    group = html.split('id="facet-field"')[1].split("</section>")[0]

    assert '<a href="?q=cap+giay&amp;field=ho-tich&amp;field=dat-dai">Đất đai (5)</a>' in group


def test_a_chosen_filter_is_marked_and_its_link_removes_it(catalog, client):
    html = client.get("/tra-cuu/", {"q": "cap giay", "field": ["ho-tich", "dat-dai"]}).text
    group = html.split('id="facet-field"')[1].split("</section>")[0]

    assert (
        '<a href="?q=cap+giay&amp;field=dat-dai" aria-current="true" class="selected">'
        '<span aria-hidden="true">✓ </span>Hộ tịch (4)</a>'
    ) in group


def test_pages_are_numbered_with_first_last_and_current(catalog, client):
    html = client.get("/tra-cuu/", {"q": "cap giay", "page": 2}).text
    pagination = html.split('class="pagination"')[1].split("</nav>")[0]

    assert 'href="?q=cap+giay&amp;page=2" aria-current="page"' in pagination
    assert 'href="?q=cap+giay&amp;page=1" class="page-edge"' in pagination
    assert 'rel="next"' not in pagination or 'class="page-edge"><span>Trang cuối' in pagination


def test_no_match_is_a_sentence_not_a_list_item(catalog, client):
    html = client.get("/tra-cuu/", {"q": "xyzzy qwerty"}).text

    assert '<p class="zero-results">Không tìm thấy thủ tục phù hợp.' in html and '<ol class="results">' not in html


def test_the_search_box_offers_suggestions(client):
    html = client.get("/tra-cuu/").text

    assert re.search(r'<input id="search-q"[^>]* data-suggest', html) and "search/suggest.js" in html
