import datetime as dt
import re

import pytest
from freezegun import freeze_time

from catalog.collation import vietnamese_sort_key
from catalog.services.versions import version_end
from cms import views
from tests.factories.catalog import AgencyFactory, FieldFactory, FieldTopicFactory
from tests.factories.cms import published_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

ROW_NAME = re.compile(r'class="procedure-name" href="[^"]+">([^<]+)</a>')


def _names(html: str) -> list[str]:
    return ROW_NAME.findall(html)


def test_home_lists_topics_with_counts(client):
    topic = FieldTopicFactory(name="Hộ tịch, cư trú", slug="ho-tich-cu-tru")
    published_procedure(field=FieldFactory(name="Hộ tịch", slug="ho-tich", topic=topic))
    published_procedure(field=FieldFactory(name="Quốc tịch", slug="quoc-tich", topic=topic))

    html = client.get("/").text

    assert 'href="/thu-tuc/chu-de/ho-tich-cu-tru/"' in html and "2 thủ tục" in html


def test_home_links_to_the_full_field_list(client):
    published_procedure(field=FieldFactory(name="Hộ tịch", slug="ho-tich"))

    html = client.get("/").text

    assert '<a href="/thu-tuc/linh-vuc/">Xem tất cả 1 lĩnh vực (A–Z)</a>' in html


def test_field_index_lists_every_field_with_its_count(client):
    field = FieldFactory(name="Hộ tịch", slug="ho-tich")
    published_procedure(field=field)
    published_procedure(field=field)

    html = client.get("/thu-tuc/linh-vuc/").text

    assert '<a href="/thu-tuc/linh-vuc/ho-tich/">Hộ tịch</a> <span class="count">2</span>' in html


def test_field_index_is_in_vietnamese_order_with_letter_headings(client):
    for name, slug in (("Đất đai", "dat-dai"), ("Dược phẩm", "duoc-pham"), ("Công chứng", "cong-chung")):
        published_procedure(field=FieldFactory(name=name, slug=slug))

    html = client.get("/thu-tuc/linh-vuc/").text
    positions = [html.index(f">{name}</a>") for name in ("Công chứng", "Dược phẩm", "Đất đai")]

    assert positions == sorted(positions) and ">Đ</h2>" in html


def test_home_lists_levels_with_counts(client):
    published_procedure(levels=("xa",))

    html = client.get("/").text

    assert '<a href="/thu-tuc/cap/xa/">' in html


def test_home_lists_agencies_with_counts(client):
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp")
    published_procedure(owner_agency=agency)

    html = client.get("/").text

    assert '<a href="/thu-tuc/co-quan/so-tp/">Sở Tư pháp</a> <span class="count">1</span>' in html


def test_home_lists_agencies_in_vietnamese_order(client):
    for code, name in (("so-yt", "Sở Y tế"), ("so-dt", "Sở Đào tạo"), ("so-dl", "Sở Du lịch")):
        published_procedure(owner_agency=AgencyFactory(code=code, name=name))

    html = client.get("/").text
    positions = [html.index(f">{name}</a>") for name in ("Sở Du lịch", "Sở Đào tạo", "Sở Y tế")]

    assert positions == sorted(positions)


def test_field_listing_shows_only_that_field(client):
    mine = published_procedure(field=FieldFactory(slug="ho-tich"), name="Đăng ký khai sinh")
    published_procedure(field=FieldFactory(slug="dat-dai"), name="Cấp sổ đỏ")

    html = client.get("/thu-tuc/linh-vuc/ho-tich/").text

    assert f'href="/thu-tuc/{mine.code}/"' in html and "Cấp sổ đỏ" not in html


def test_field_listing_includes_the_procedures_of_its_aliases(client):
    main = FieldFactory(name="An toàn vệ sinh lao động", slug="an-toan-ve-sinh-lao-dong")
    alias = FieldFactory(name="An toàn, vệ sinh lao động", slug="an-toan-ve-sinh-lao-dong-2", alias_of=main)
    published_procedure(field=main, name="Thủ tục thứ nhất")
    published_procedure(field=alias, name="Thủ tục thứ hai")

    html = client.get("/thu-tuc/linh-vuc/an-toan-ve-sinh-lao-dong/").text

    assert "Thủ tục thứ nhất" in html and "Thủ tục thứ hai" in html and "2 thủ tục đang có hiệu lực" in html


def test_alias_field_address_redirects_to_the_main_field(client):
    main = FieldFactory(name="An toàn vệ sinh lao động", slug="an-toan-ve-sinh-lao-dong")
    alias = FieldFactory(name="An toàn, vệ sinh lao động", slug="an-toan-ve-sinh-lao-dong-2", alias_of=main)
    published_procedure(field=alias)

    response = client.get("/thu-tuc/linh-vuc/an-toan-ve-sinh-lao-dong-2/?trang=1")

    assert response.status_code == 301 and response["Location"] == "/thu-tuc/linh-vuc/an-toan-ve-sinh-lao-dong/?trang=1"


def test_field_index_shows_an_alias_only_under_its_main_field(client):
    main = FieldFactory(name="An toàn vệ sinh lao động", slug="an-toan-ve-sinh-lao-dong")
    alias = FieldFactory(name="An toàn, vệ sinh lao động", slug="an-toan-ve-sinh-lao-dong-2", alias_of=main)
    published_procedure(field=main)
    published_procedure(field=alias)

    html = client.get("/thu-tuc/linh-vuc/").text

    assert "An toàn, vệ sinh lao động" not in html and '<span class="count">2</span>' in html


def test_topic_listing_shows_the_procedures_and_fields_of_the_topic(client):
    topic = FieldTopicFactory(name="Hộ tịch, cư trú", slug="ho-tich-cu-tru")
    published_procedure(field=FieldFactory(name="Hộ tịch", slug="ho-tich", topic=topic), name="Đăng ký khai sinh")
    published_procedure(field=FieldFactory(name="Cư trú", slug="cu-tru", topic=topic), name="Đăng ký thường trú")
    published_procedure(field=FieldFactory(name="Đất đai", slug="dat-dai"), name="Cấp sổ đỏ")

    html = client.get("/thu-tuc/chu-de/ho-tich-cu-tru/").text

    assert _names(html) == ["Đăng ký khai sinh", "Đăng ký thường trú"]
    assert 'href="/thu-tuc/linh-vuc/cu-tru/"' in html and 'href="/thu-tuc/linh-vuc/ho-tich/"' in html


def test_unknown_topic_is_404(client):
    assert client.get("/thu-tuc/chu-de/khong-co/").status_code == 404


def test_level_listing_shows_only_that_level(client):
    published_procedure(levels=("xa",), name="Thủ tục cấp xã")
    published_procedure(levels=("tinh",), name="Thủ tục cấp tỉnh")

    html = client.get("/thu-tuc/cap/xa/").text

    assert "Thủ tục cấp xã" in html and "Thủ tục cấp tỉnh" not in html


def test_agency_listing_shows_only_that_agency(client):
    published_procedure(owner_agency=AgencyFactory(code="so-tp"), name="Thủ tục Sở Tư pháp")
    published_procedure(owner_agency=AgencyFactory(code="so-yt"), name="Thủ tục Sở Y tế")

    html = client.get("/thu-tuc/co-quan/so-tp/").text

    assert "Thủ tục Sở Tư pháp" in html and "Thủ tục Sở Y tế" not in html


def test_listing_is_in_vietnamese_dictionary_order(client):
    field = FieldFactory(slug="ho-tich")
    names = ["Đăng ký kết hôn", "Dịch vụ công", "1. Cấp bản sao", "Đăng kí lại", "Chứng thực", "Ủy quyền", "Uống"]
    for name in names:
        published_procedure(field=field, name=name)

    html = client.get("/thu-tuc/linh-vuc/ho-tich/").text

    assert _names(html) == [
        "1. Cấp bản sao",
        "Chứng thực",
        "Dịch vụ công",
        "Đăng kí lại",
        "Đăng ký kết hôn",
        "Uống",
        "Ủy quyền",
    ]


def test_listing_pages_have_numbers_first_last_and_current(client, monkeypatch):
    field = FieldFactory(slug="ho-tich")
    for n in range(9):
        published_procedure(field=field, name=f"Thủ tục {n}")
    monkeypatch.setattr(views, "PAGE_SIZE", 1)

    html = client.get("/thu-tuc/linh-vuc/ho-tich/?trang=5").text
    pagination = html.split('class="pagination"')[1].split("</nav>")[0]

    assert 'href="?trang=5" aria-current="page"' in pagination
    assert 'href="?trang=1" class="page-edge"' in pagination and 'href="?trang=9" class="page-edge"' in pagination
    assert all(f'href="?trang={n}" aria-label' in pagination for n in (3, 4, 6, 7))
    assert "Trang 5 / 9" in pagination


def test_listing_page_two_continues_the_order(client, monkeypatch):
    field = FieldFactory(slug="ho-tich")
    names = ["Bản sao", "Ân xá", "Cấp lại", "Đổi", "Dời"]
    for name in names:
        published_procedure(field=field, name=name)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)

    pages = [_names(client.get("/thu-tuc/linh-vuc/ho-tich/", {"trang": n}).text) for n in (1, 2, 3)]

    assert sum(pages, []) == sorted(names, key=vietnamese_sort_key)


def test_unknown_field_is_404(client):
    assert client.get("/thu-tuc/linh-vuc/khong-co/").status_code == 404


@pytest.mark.parametrize("value", ["abc", "-1", "999999", "1e9", ""])
def test_garbage_page_number_is_not_an_error(client, value):
    published_procedure(field=FieldFactory(slug="ho-tich"))

    assert client.get("/thu-tuc/linh-vuc/ho-tich/", {"trang": value}).status_code == 200


@freeze_time("2021-01-01")
def test_abolished_procedure_leaves_the_listing(client):
    procedure = published_procedure(field=FieldFactory(slug="ho-tich"), name="Thủ tục đã bãi bỏ")
    version_end(procedure=procedure, on=dt.date(2020, 1, 1))

    html = client.get("/thu-tuc/linh-vuc/ho-tich/").text

    assert "Thủ tục đã bãi bỏ" not in html


@freeze_time("2021-01-01")
def test_abolished_procedure_leaves_the_counts(client):
    field = FieldFactory(name="Hộ tịch", slug="ho-tich")
    published_procedure(field=field)
    procedure = published_procedure(field=field)
    client.get("/thu-tuc/linh-vuc/")
    version_end(procedure=procedure, on=dt.date(2020, 1, 1))

    html = client.get("/thu-tuc/linh-vuc/ho-tich/").text

    assert "1 thủ tục đang có hiệu lực" in html
