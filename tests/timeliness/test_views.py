"""Public /thong-ke/ pages, downloads and the staff view."""

import io

import pytest
from openpyxl import load_workbook

from catalog.choices import AgencyGroup
from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import DossierFactory, local
from timeliness.choices import DossierStatus, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp", group=AgencyGroup.DEPARTMENT)
    DossierFactory(
        agency=agency, resolved_at=local(2019, 3, 5, 9), status=DossierStatus.RESOLVED, outcome=Outcome.EARLY
    )
    DossierFactory(
        agency=agency, resolved_at=local(2019, 3, 20, 9), status=DossierStatus.RESOLVED, outcome=Outcome.LATE
    )
    return agency


def test_statistics_page_shows_the_rate_with_a_decimal_comma(client, data):
    response = client.get("/thong-ke/", {"nam": 2019, "quy": 1})
    assert "50,00" in response.content.decode()


def test_statistics_page_draws_the_chart_as_inline_svg(client, data):
    response = client.get("/thong-ke/", {"nam": 2019, "quy": 1})
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in response.content.decode()


def test_statistics_page_reports_a_bad_filter(client, data):
    response = client.get("/thong-ke/", {"nam": 2019, "quy": 7})
    assert "không hợp lệ" in response.content.decode()


def test_agency_drill_down_page_answers(client, data):
    assert client.get("/thong-ke/co-quan/so-tp/", {"nam": 2019}).status_code == 200


def test_xlsx_download_has_the_total_row(client, data):
    response = client.get("/thong-ke/tai-ve.xlsx", {"nam": 2019, "quy": 1})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[2] for row in sheet.iter_rows(values_only=True)]
    assert "TỔNG CỘNG" in values


def test_csv_download_uses_a_decimal_comma(client, data):
    response = client.get("/thong-ke/tai-ve.csv", {"nam": 2019, "quy": 1})
    assert '"50,00"' in response.content.decode("utf-8-sig")


def test_unknown_download_format_is_404(client, data):
    assert client.get("/thong-ke/tai-ve.doc").status_code == 404


def test_staff_view_lists_the_agency_below_threshold(admin_client, data):
    response = admin_client.get("/admin/thong-ke-dung-han/", {"nam": 2019, "quy": 1})
    assert "Sở Tư pháp" in response.content.decode()
