"""The public statistics as citizens read them (issue 15, item 11): in the main navigation, a table for
every chart, "—" where an agency has no resolved dossier, period errors in a focusable summary."""

import re

import pytest

from catalog.choices import AgencyGroup
from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import DossierFactory, local
from timeliness.choices import DossierStatus, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    busy = AgencyFactory(code="so-tp", name="Sở Tư pháp", group=AgencyGroup.DEPARTMENT)
    idle = AgencyFactory(code="so-yt", name="Sở Y tế", group=AgencyGroup.DEPARTMENT)
    DossierFactory(agency=busy, resolved_at=local(2019, 3, 5, 9), status=DossierStatus.RESOLVED, outcome=Outcome.EARLY)
    return busy, idle


def _row(html: str, name: str) -> str:
    return re.search(rf"<tr[^>]*>\s*<th scope=\"row\"><a[^>]*>{name}</a></th>(.*?)</tr>", html, re.S).group(1)


def test_statistics_are_in_the_main_navigation(client):
    html = client.get("/tra-cuu/").text

    nav = html.split('class="site-nav"')[1].split("</nav>")[0]

    assert '<a href="/thong-ke/">Thống kê</a>' in nav


def test_an_agency_without_resolved_dossiers_shows_a_dash_not_100(client, agencies):
    html = client.get("/thong-ke/", {"nam": 2019}).text

    cells = re.findall(r"<td>(.*?)</td>", _row(html, "Sở Y tế"), re.S)
    rates = (cells[-4], cells[-1])  # against the one-stop deadline, and against the statutory one

    assert all("—" in rate and "100" not in rate for rate in rates)


def test_an_agency_with_resolved_dossiers_shows_its_rate(client, agencies):
    html = client.get("/thong-ke/", {"nam": 2019}).text

    assert re.findall(r"<td>(.*?)</td>", _row(html, "Sở Tư pháp"), re.S)[-4] == "100"


def test_the_chart_points_to_its_table(client, agencies):
    html = client.get("/thong-ke/", {"nam": 2019}).text

    assert '<figure aria-describedby="chart-table-note">' in html and 'href="#table-title"' in html
    assert 'id="table-title"' in html


def test_a_bad_period_is_reported_in_a_focusable_error_summary(client):
    html = client.get("/thong-ke/", {"nam": 2019, "thang": 13}).text

    summary = html.split('class="error-summary"')[1].split("</div>")[0]

    assert 'tabindex="-1"' in summary and "data-error-summary" in summary and "13" in summary


def test_a_custom_period_is_typed_day_first(client, agencies):
    html = client.get("/thong-ke/", {"tu": "01/03/2019", "den": "31/03/2019"}).text

    assert "error-summary" not in html and re.findall(r"<td>(.*?)</td>", _row(html, "Sở Tư pháp"), re.S)[-4] == "100"


def test_a_custom_period_from_an_iso_link_still_reads(client, agencies):
    html = client.get("/thong-ke/", {"tu": "2019-03-01", "den": "2019-03-31"}).text

    assert "error-summary" not in html and re.findall(r"<td>(.*?)</td>", _row(html, "Sở Tư pháp"), re.S)[-4] == "100"


def test_date_boxes_are_text_showing_dd_mm_yyyy_whatever_the_browser_locale(client):
    html = client.get("/thong-ke/", {"tu": "2019-03-01", "den": "31/03/2019"}).text

    boxes = re.findall(r'<input type="(\w+)" name="(tu|den|den_ngay)"[^>]*value="([^"]*)"', html)

    assert boxes == [("text", "tu", "01/03/2019"), ("text", "den", "31/03/2019"), ("text", "den_ngay", "")]


def test_a_month_first_date_is_an_error_naming_the_day_first_form(client):
    html = client.get("/thong-ke/", {"tu": "03/31/2019", "den": "04/30/2019"}).text

    summary = html.split('class="error-summary"')[1].split("</div>")[0]

    assert "03/31/2019" in summary and "dd/mm/yyyy" in summary
