import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.factories.catalog import AgencyFactory, DecisionFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")


@freeze_time("2019-02-11 09:00:00+07:00")
def test_dashboard_highlights_an_overdue_signing(client, admin_user_vi):
    # Legal document in force Fri 15/2/2019: sign by Fri 1/2 (Tết 2019 in between); today is past that.
    DecisionFactory(number="12/QĐ-UBND", signed_on=None, effective_on=None, basis_effective_on=dt.date(2019, 2, 15))
    client.force_login(admin_user_vi)

    html = client.get(DASHBOARD).content.decode()

    row = html.split("12/QĐ-UBND")[0].rsplit("<tr", 1)[1]
    assert "catalog-deadline--overdue" in row


@freeze_time("2019-03-01 09:00:00+07:00")
def test_dashboard_keeps_showing_a_decision_signed_late(client, admin_user_vi):
    DecisionFactory(
        number="13/QĐ-UBND",
        signed_on=dt.date(2019, 2, 11),
        effective_on=dt.date(2019, 2, 15),
        basis_effective_on=dt.date(2019, 2, 15),
        late_signing_reason="Văn bản của Bộ ban hành muộn",
    )
    client.force_login(admin_user_vi)

    html = client.get(DASHBOARD).content.decode()

    row = html.split("13/QĐ-UBND")[1].split("</tr>")[0]
    assert (
        "ký muộn 1 ngày làm việc" in row
        and "catalog-deadline--overdue" in html.split("13/QĐ-UBND")[0].rsplit("<tr", 1)[1]
    )


@freeze_time("2019-02-11 09:00:00+07:00")
def test_dashboard_counts_overdue_items(client, admin_user_vi):
    DecisionFactory(signed_on=None, effective_on=None, basis_effective_on=dt.date(2019, 2, 15))
    client.force_login(admin_user_vi)

    assert "1 việc đã quá hạn." in client.get(DASHBOARD).content.decode()


@freeze_time("2019-01-02 09:00:00+07:00")
def test_dashboard_shows_remaining_working_days_before_the_due_date(client, admin_user_vi):
    # Due Fri 1/2/2019; from Wed 2/1/2019 that is 22 working days.
    DecisionFactory(signed_on=None, effective_on=None, basis_effective_on=dt.date(2019, 2, 15))
    client.force_login(admin_user_vi)

    assert "Còn 22 ngày làm việc" in client.get(DASHBOARD).content.decode()


@freeze_time("2019-02-11 09:00:00+07:00")
def test_department_user_sees_only_own_agency_deadlines(client, drafter, department_agency):
    DecisionFactory(
        number="1/QĐ-UBND",
        signed_on=None,
        effective_on=None,
        basis_effective_on=dt.date(2019, 2, 15),
        proposing_agency=department_agency,
    )
    DecisionFactory(
        number="2/QĐ-UBND",
        signed_on=None,
        effective_on=None,
        basis_effective_on=dt.date(2019, 2, 15),
        proposing_agency=AgencyFactory(name="Sở Y tế"),
    )
    client.force_login(drafter)

    html = client.get(DASHBOARD).content.decode()

    assert ("1/QĐ-UBND" in html, "2/QĐ-UBND" in html) == (True, False)
