"""The staff statistics page: the public page's filters and downloads; "—" for agencies without dossiers."""

import io
import re

import pytest
from openpyxl import load_workbook

from catalog.choices import AgencyGroup
from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import DossierFactory, local
from timeliness.choices import DossierStatus, Outcome

pytestmark = pytest.mark.django_db

PAGE = "/admin/thong-ke-dung-han/"


@pytest.fixture
def data():
    """Sở Tư pháp: one early (5/3/2019) and one late (20/3/2019) dossier; Sở Y tế: no dossiers."""
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp", group=AgencyGroup.DEPARTMENT)
    AgencyFactory(code="so-yt", name="Sở Y tế", group=AgencyGroup.DEPARTMENT)
    DossierFactory(
        agency=agency, resolved_at=local(2019, 3, 5, 9), status=DossierStatus.RESOLVED, outcome=Outcome.EARLY
    )
    DossierFactory(
        agency=agency,
        received_at=local(2019, 5, 2, 9),
        due_at=local(2019, 5, 9, 17),
        resolved_at=local(2019, 5, 20, 9),
        status=DossierStatus.RESOLVED,
        outcome=Outcome.LATE,
    )
    return agency


def row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


def cells(html: str, name: str) -> list[str]:
    """The cells of an agency's row: received, on time, early, late, pending, overdue, refused, withdrawn, rate."""
    return re.findall(r"<td[^>]*>([^<]*)</td>", row_of(html, name))


def test_an_agency_without_dossiers_shows_a_dash_not_100(admin_client, data):
    html = admin_client.get(PAGE, {"nam": 2019}).content.decode()

    row = row_of(html, "Sở Y tế")

    assert '<td class="timeliness-report__rate">—</td>' in row and row.rstrip().endswith("<td>—</td>")  # both rates


def test_the_rate_has_a_decimal_comma(admin_client, data):
    html = admin_client.get(PAGE, {"nam": 2019}).content.decode()

    assert '<td class="timeliness-report__rate">50,00</td>' in row_of(html, "Sở Tư pháp")


def test_a_quarter_filter_counts_only_that_quarter(admin_client, data):
    html = admin_client.get(PAGE, {"nam": 2019, "quy": 1}).content.decode()

    assert '<td class="timeliness-report__rate">100</td>' in row_of(html, "Sở Tư pháp")


def test_a_month_filter_counts_only_that_month(admin_client, data):
    html = admin_client.get(PAGE, {"nam": 2019, "thang": 5}).content.decode()

    assert '<td class="timeliness-report__rate">0,00</td>' in row_of(html, "Sở Tư pháp")


def test_a_date_range_is_typed_day_first(admin_client, data):
    response = admin_client.get(PAGE, {"tu": "01/03/2019", "den": "31/03/2019"})

    assert "Hồ sơ tiếp nhận từ ngày 01/03/2019 đến ngày 31/03/2019" in response.content.decode()


def test_an_as_of_date_classifies_as_of_that_day(admin_client, data):
    html = admin_client.get(PAGE, {"nam": 2019, "thang": 5, "den_ngay": "15/05/2019"}).content.decode()

    assert cells(html, "Sở Tư pháp")[3:6] == ["0", "0", "1"]  # not late yet: pending past its due date


def test_an_impossible_date_is_a_field_error(admin_client, data):
    response = admin_client.get(PAGE, {"den_ngay": "31/02/2019"})

    assert response.context["form"].errors["den_ngay"] == ["Nhập một ngày hợp lệ."]


def test_half_a_date_range_is_a_field_error(admin_client, data):
    response = admin_client.get(PAGE, {"tu": "01/03/2019"})

    assert "den" in response.context["form"].errors


def test_download_links_carry_the_filters(admin_client, data):
    html = admin_client.get(PAGE, {"nam": 2019, "quy": 1}).content.decode()

    assert 'href="/admin/thong-ke-dung-han/tai-ve.xlsx?nam=2019&amp;quy=1"' in html


def test_the_excel_download_has_the_filtered_report(admin_client, data):
    response = admin_client.get("/admin/thong-ke-dung-han/tai-ve.xlsx", {"nam": 2019, "quy": 1})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[2]: row for row in sheet.iter_rows(values_only=True)}
    assert (rows["Sở Tư pháp"][-1], rows["Sở Y tế"][-1]) == (100, "—")


def test_the_pdf_download_is_a_pdf(admin_client, data):
    response = admin_client.get("/admin/thong-ke-dung-han/tai-ve.pdf", {"nam": 2019})

    assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")


def test_an_unknown_download_format_is_404(admin_client, data):
    assert admin_client.get("/admin/thong-ke-dung-han/tai-ve.doc").status_code == 404


def test_the_agency_drill_down_lists_its_procedures(admin_client, data):
    response = admin_client.get("/admin/thong-ke-dung-han/co-quan/so-tp/", {"nam": 2019})

    assert "Tình hình giải quyết hồ sơ theo thủ tục: Sở Tư pháp" in response.content.decode()


def test_the_statistics_page_is_for_staff_only(client, data):
    assert client.get(PAGE).status_code == 302
