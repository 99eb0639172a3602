import datetime as dt

import pytest
from freezegun import freeze_time

from catalog.services.versions import version_end
from cms import views
from tests.factories.catalog import AgencyFactory, FieldFactory
from tests.factories.cms import published_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]


def test_home_lists_fields_with_counts(client):
    field = FieldFactory(name="Hộ tịch", slug="ho-tich")
    published_procedure(field=field)
    published_procedure(field=field)

    html = client.get("/").text

    assert '<a href="/thu-tuc/linh-vuc/ho-tich/">Hộ tịch</a> <span class="count">2</span>' in html


def test_home_lists_levels_with_counts(client):
    published_procedure(levels=("xa",))

    html = client.get("/").text

    assert '<a href="/thu-tuc/cap/xa/">' in html


def test_home_lists_agencies_with_counts(client):
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp")
    published_procedure(owner_agency=agency)

    html = client.get("/").text

    assert '<a href="/thu-tuc/co-quan/so-tp/">Sở Tư pháp</a> <span class="count">1</span>' in html


def test_field_listing_shows_only_that_field(client):
    mine = published_procedure(field=FieldFactory(slug="ho-tich"), name="Đăng ký khai sinh")
    published_procedure(field=FieldFactory(slug="dat-dai"), name="Cấp sổ đỏ")

    html = client.get("/thu-tuc/linh-vuc/ho-tich/").text

    assert f'href="/thu-tuc/{mine.code}/"' in html and "Cấp sổ đỏ" not in html


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


def test_listing_paginates(client, monkeypatch):
    field = FieldFactory(slug="ho-tich")
    for _ in range(3):
        published_procedure(field=field)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)

    html = client.get("/thu-tuc/linh-vuc/ho-tich/?trang=2").text

    assert "Trang 2 / 2" in html


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
