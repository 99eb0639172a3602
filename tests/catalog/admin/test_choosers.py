"""Choosers and listings search without diacritics ("ho tich" finds "Hộ tịch") and sort in Vietnamese order."""

import json
import re

import pytest
from django.urls import reverse

from catalog.collation import vietnamese_sort_key
from catalog.models import LegalDocument
from tests.factories.catalog import AgencyFactory, FieldFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

CHOICE = re.compile(r"data-chooser-modal-choice[^>]*>\s*(.*?)\s*<", re.S)


@pytest.fixture
def logged_in(client, admin_user_vi):
    client.force_login(admin_user_vi)
    return client


def chosen_names(client, model: str, query: str = "") -> list[str]:
    url = reverse(f"wagtailsnippetchoosers_catalog_{model}:choose_results")
    html = client.get(url, {"q": query} if query else {}).content.decode()
    return CHOICE.findall(html)


def test_the_field_chooser_has_a_search_box(logged_in):
    response = logged_in.get(reverse("wagtailsnippetchoosers_catalog_field:choose"))

    assert 'name="q"' in json.loads(response.content)["html"]


def test_field_search_without_diacritics_finds_the_field(logged_in):
    FieldFactory(name="Hộ tịch")
    FieldFactory(name="Đất đai")

    assert chosen_names(logged_in, "field", "ho tich") == ["Hộ tịch"]


def test_search_folds_d_with_stroke(logged_in):
    FieldFactory(name="Đất đai")
    FieldFactory(name="Hộ tịch")

    assert chosen_names(logged_in, "field", "dat dai") == ["Đất đai"]


def test_search_typed_with_diacritics_also_matches(logged_in):
    FieldFactory(name="Hộ tịch")

    assert chosen_names(logged_in, "field", "Hộ Tịch") == ["Hộ tịch"]


def test_every_word_of_the_query_must_match(logged_in):
    FieldFactory(name="Hộ tịch")
    FieldFactory(name="Chứng thực")

    assert chosen_names(logged_in, "field", "ho thuc") == []


def test_the_field_chooser_lists_in_vietnamese_order(logged_in):
    for name in ("Đường bộ", "Dược phẩm", "Bảo hiểm", "An toàn thực phẩm", "Ăn uống"):
        FieldFactory(name=name)

    assert chosen_names(logged_in, "field") == ["An toàn thực phẩm", "Ăn uống", "Bảo hiểm", "Dược phẩm", "Đường bộ"]


def test_the_agency_chooser_searches_short_names(logged_in):
    AgencyFactory(name="Sở Tư pháp", short_name="STP")
    AgencyFactory(name="Sở Y tế", short_name="SYT")

    assert chosen_names(logged_in, "agency", "stp") == ["Sở Tư pháp"]


def test_the_procedure_chooser_finds_a_procedure_by_unaccented_words(logged_in):
    ProcedureFactory(code="1.001193", name="Đăng ký khai sinh")
    ProcedureFactory(code="1.001766", name="Đăng ký kết hôn")

    assert chosen_names(logged_in, "procedure", "khai sinh") == ["1.001193 – Đăng ký khai sinh"]


def test_the_procedure_chooser_finds_a_procedure_by_code(logged_in):
    ProcedureFactory(code="1.001193", name="Đăng ký khai sinh")
    ProcedureFactory(code="1.001766", name="Đăng ký kết hôn")

    assert chosen_names(logged_in, "procedure", "1.001766") == ["1.001766 – Đăng ký kết hôn"]


def test_the_legal_document_chooser_searches_summaries_without_diacritics(logged_in):
    LegalDocument.objects.create(number="60/2014/QH13", summary="Luật Hộ tịch")
    LegalDocument.objects.create(number="45/2013/QH13", summary="Luật Đất đai")

    assert chosen_names(logged_in, "legaldocument", "luat ho tich") == ["60/2014/QH13 Luật Hộ tịch"]


def test_the_procedure_listing_search_folds_diacritics(logged_in):
    ProcedureFactory(name="Đăng ký khai sinh")
    ProcedureFactory(name="Cấp phép xây dựng")

    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:list"), {"q": "dang ky"}).content.decode()

    assert "Đăng ký khai sinh" in html and "Cấp phép xây dựng" not in html


def test_the_procedure_listing_is_in_vietnamese_order(logged_in):
    for name in ("Đăng ký khai tử", "Cấp phép", "1. Ân xá", "Dịch vụ"):
        ProcedureFactory(name=name)

    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:list")).content.decode()

    positions = [html.index(name) for name in ("1. Ân xá", "Cấp phép", "Dịch vụ", "Đăng ký khai tử")]
    assert positions == sorted(positions)


def test_a_deep_page_of_the_procedure_listing_continues_the_vietnamese_order(logged_in, monkeypatch):
    monkeypatch.setattr("catalog.admin_search.DEEP_PAGE_OFFSET", 50)  # page 2 is read as a deep page
    names = [f"Thủ tục {letter} {n}" for letter in ("đ", "d", "ă", "a") for n in range(13)]
    for name in names:
        ProcedureFactory(name=name)

    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:list"), {"p": 2}).content.decode()

    ordered = sorted(names, key=vietnamese_sort_key)
    assert [name for name in ordered if f">{name}<" in html] == ordered[50:]
    assert html.index(f">{ordered[50]}<") < html.index(f">{ordered[51]}<")
