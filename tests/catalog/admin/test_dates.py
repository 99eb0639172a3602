"""Dates typed the Vietnamese way (dd/mm/yyyy) in every admin date field; a wrong date is a field error."""

import datetime as dt

import pytest
from django.urls import reverse

from catalog.admin_widgets import VietnameseDateInput, VietnameseDateTimeInput
from catalog.models import AnnouncementDecision, Procedure
from tests.catalog.admin.forms_data import _formset, procedure_post_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_catalog_procedure:add")
DECISION_ADD_URL = reverse("wagtailsnippets_catalog_announcementdecision:add")


@pytest.fixture
def logged_in(client, admin_user_vi):
    client.force_login(admin_user_vi)
    return client


def with_legal_basis(issued_on: str) -> dict:
    data = procedure_post_data(complete=False)
    data.update(
        _formset(
            "legal_bases",
            [
                {
                    "number": "15/2015/TT-BTP",
                    "summary": "Thông tư hướng dẫn",
                    "issued_on": issued_on,
                    "issuer": "Bộ Tư pháp",
                }
            ],
        )
    )
    return data


def decision_data(**fields) -> dict:
    data = {
        "number": "12/QĐ-UBND",
        "title": "Về việc công bố",
        "signed_on": "",
        "signer": "",
        "effective_on": "",
        "basis_effective_on": "",
        "proposing_agency": "",
        "proposal_reference": "",
        "document": "",
    }
    data.update(_formset("items", []))
    data.update(fields)
    return data


def test_a_legal_basis_date_typed_day_first_is_saved_as_that_day(logged_in):
    logged_in.post(ADD_URL, with_legal_basis("15/11/2015"))

    assert Procedure.objects.get().legal_bases.get().issued_on == dt.date(2015, 11, 15)


def test_a_day_first_date_is_never_read_month_first(logged_in):
    logged_in.post(ADD_URL, with_legal_basis("05/11/2015"))

    assert Procedure.objects.get().legal_bases.get().issued_on == dt.date(2015, 11, 5)


@pytest.mark.parametrize("typed", ["31/02/2015", "15-nov-2015", "11/15/2015"])
def test_an_unparsable_date_is_a_field_error_and_nothing_is_saved(logged_in, typed):
    response = logged_in.post(ADD_URL, with_legal_basis(typed))

    assert not Procedure.objects.exists()
    assert response.context["form"].formsets["legal_bases"].errors[0]["issued_on"] == ["Nhập một ngày hợp lệ."]


def test_decision_dates_are_typed_day_first(logged_in):
    logged_in.post(DECISION_ADD_URL, decision_data(signed_on="01/03/2019", effective_on="15/03/2019"))

    decision = AnnouncementDecision.objects.get()
    assert (decision.signed_on, decision.effective_on) == (dt.date(2019, 3, 1), dt.date(2019, 3, 15))


def test_the_edit_form_shows_saved_dates_day_first(logged_in):
    logged_in.post(DECISION_ADD_URL, decision_data(signed_on="01/03/2019"))

    edit = reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[AnnouncementDecision.objects.get().pk])
    assert 'value="01/03/2019"' in logged_in.get(edit).content.decode()


def test_the_date_picker_reads_and_writes_day_first_and_keeps_typed_text():
    config = VietnameseDateInput().get_config()

    assert (config["format"], config["validateOnBlur"]) == ("d/m/Y", False)


def test_the_datetime_picker_reads_and_writes_day_first_and_keeps_typed_text():
    config = VietnameseDateTimeInput().get_config()

    assert (config["format"], config["validateOnBlur"]) == ("d/m/Y H:i", False)
