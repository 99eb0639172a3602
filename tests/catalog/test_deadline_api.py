"""GET /api/v1/deadline. Expected dates are worked out by hand in the comments."""

import datetime as dt
from decimal import Decimal

import pytest

from catalog.choices import Channel, TimeUnit
from catalog.models import ProcedureVersion
from catalog.services.calendar import calendar_adjustments_load
from catalog.snapshots import procedure_snapshot
from tests.factories.catalog import ProcedureFactory, ProcedureTimeLimitFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/deadline"


@pytest.fixture
def announced():
    calendar_adjustments_load()


def publish(procedure, valid_from=dt.date(2019, 1, 1)):
    return ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        valid_from=valid_from,
        content=procedure_snapshot(procedure),
        name=procedure.name,
        code=procedure.code,
    )


@pytest.fixture
def in_force():
    """A procedure in force since 1/1/2019: 5 working days in person (the factory's limit)."""
    procedure = ProcedureFactory(complete=True)
    publish(procedure)
    return procedure


def error_fields(response):
    return response.status_code, [error["field"] for error in response.json()["errors"]]


def test_explicit_limit_gives_due_time(client, announced):
    # Fri 26/4/2019 16:00 + 5 working days → Tue 7/5/2019 17:00 (29/4 swapped off, Sat 4/5 worked).
    response = client.get(URL, {"received_at": "2019-04-26T16:00:00+07:00", "amount": "5", "unit": "working_days"})

    assert response.json()["due_at"] == "2019-05-07T17:00:00+07:00"


def test_explicit_limit_gives_due_date(client, announced):
    response = client.get(URL, {"received_at": "2019-04-26T16:00:00+07:00", "amount": "5", "unit": "working_days"})

    assert response.json()["due_date"] == "2019-05-07"


def test_response_explains_the_rule_in_vietnamese(client):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "amount": "2", "unit": "working_days"})

    assert "Không tính ngày tiếp nhận" in response.json()["rule"]


def test_same_day_accepts_amount_zero(client):
    # Fri 15/3/2019 15:30, after the cut-off → Mon 18/3 17:00.
    response = client.get(URL, {"received_at": "2019-03-15T15:30:00+07:00", "amount": "0", "unit": "same_day"})

    assert response.json()["due_at"] == "2019-03-18T17:00:00+07:00"


def test_same_day_needs_no_amount(client):
    # Wed 13/3/2019 10:00 → same day 17:00.
    response = client.get(URL, {"received_at": "2019-03-13T10:00", "unit": "same_day"})

    assert response.json()["due_at"] == "2019-03-13T17:00:00+07:00"


def test_unencoded_plus_in_offset_is_accepted(client):
    # A "+07:00" typed into a URL arrives as " 07:00".
    response = client.get(f"{URL}?received_at=2019-03-13T10:00:00+07:00&unit=same_day")

    assert response.json()["received_at"] == "2019-03-13T10:00:00+07:00"


def test_completed_at_restarts_the_clock(client):
    # Completed Wed 13/3/2019: 5 working days → Wed 20/3/2019.
    response = client.get(
        URL,
        {
            "received_at": "2019-03-04T09:00",
            "completed_at": "2019-03-13T09:00",
            "amount": "5",
            "unit": "working_days",
        },
    )

    assert response.json()["due_date"] == "2019-03-20"


def test_procedure_form_reads_the_version_in_force(client, announced, in_force):
    # The factory's limit is 5 working days in person: Fri 26/4/2019 16:00 → Tue 7/5/2019 17:00.
    response = client.get(
        URL, {"received_at": "2019-04-26T16:00:00+07:00", "procedure": in_force.code, "channel": "truc_tiep"}
    )

    assert response.json()["due_at"] == "2019-05-07T17:00:00+07:00"


def test_procedure_form_names_the_procedure(client, in_force):
    response = client.get(URL, {"received_at": "2019-04-26T16:00", "procedure": in_force.code, "channel": "truc_tiep"})

    assert response.json()["procedure"]["code"] == in_force.code


def test_procedure_form_picks_the_chosen_case(client):
    procedure = ProcedureFactory(complete=True)
    procedure.time_limits.update(case="Cấp lần đầu")
    ProcedureTimeLimitFactory(procedure=procedure, case="Cấp lại", amount=Decimal(2), unit=TimeUnit.WORKING_DAYS)
    publish(procedure)

    # "Cấp lại": 2 working days from Wed 13/3/2019 → Fri 15/3/2019.
    response = client.get(
        URL,
        {"received_at": "2019-03-13T09:00", "procedure": procedure.code, "channel": "truc_tiep", "case": "cap lai"},
    )

    assert response.json()["due_date"] == "2019-03-15"


def test_missing_received_at(client):
    response = client.get(URL, {"amount": "5", "unit": "working_days"})

    assert error_fields(response) == (400, ["received_at"])


@pytest.mark.parametrize("value", ["26/04/2019", "2019-02-30T10:00", "hôm qua", "9999-12-31T23:59:59-12:00"])
def test_unparseable_received_at(client, value):
    response = client.get(URL, {"received_at": value, "amount": "5", "unit": "working_days"})

    assert error_fields(response) == (400, ["received_at"])


def test_received_at_outside_supported_years(client):
    response = client.get(URL, {"received_at": "9999-12-31T10:00", "amount": "5", "unit": "working_days"})

    assert error_fields(response) == (400, ["received_at"])


def test_unparseable_completed_at(client):
    response = client.get(
        URL, {"received_at": "2019-03-13T09:00", "completed_at": "sau", "amount": "5", "unit": "working_days"}
    )

    assert error_fields(response) == (400, ["completed_at"])


def test_completed_before_received(client):
    response = client.get(
        URL,
        {
            "received_at": "2019-03-13T09:00",
            "completed_at": "2019-03-01T09:00",
            "amount": "5",
            "unit": "working_days",
        },
    )

    assert error_fields(response) == (400, ["completed_at"])


def test_unknown_unit(client):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "amount": "5", "unit": "tuan"})

    assert error_fields(response) == (400, ["unit"])


def test_missing_unit_and_procedure(client):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "amount": "5"})

    assert error_fields(response) == (400, ["unit"])


@pytest.mark.parametrize("amount", ["0", "-2", "năm", "NaN", "1e9999"])
def test_bad_amount(client, amount):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "amount": amount, "unit": "working_days"})

    assert error_fields(response) == (400, ["amount"])


def test_missing_amount(client):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "unit": "calendar_days"})

    assert error_fields(response) == (400, ["amount"])


def test_error_message_is_vietnamese(client):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "amount": "0", "unit": "working_days"})

    assert response.json()["detail"] == "amount phải lớn hơn 0."


def test_amount_with_procedure(client, in_force):
    response = client.get(
        URL, {"received_at": "2019-03-13T09:00", "amount": "5", "procedure": in_force.code, "channel": "truc_tiep"}
    )

    assert error_fields(response) == (400, ["amount"])


def test_unknown_procedure(client):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "procedure": "9.999999", "channel": "truc_tiep"})

    assert error_fields(response) == (404, ["procedure"])


def test_procedure_without_channel(client, in_force):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "procedure": in_force.code})

    assert error_fields(response) == (400, ["channel"])


def test_unknown_channel(client, in_force):
    response = client.get(URL, {"received_at": "2019-03-13T09:00", "procedure": in_force.code, "channel": "fax"})

    assert error_fields(response) == (400, ["channel"])


def test_channel_without_procedure(client):
    response = client.get(
        URL, {"received_at": "2019-03-13T09:00", "amount": "5", "unit": "working_days", "channel": "truc_tiep"}
    )

    assert error_fields(response) == (400, ["channel"])


def test_procedure_not_in_force_on_the_day_of_receipt(client, in_force):
    response = client.get(URL, {"received_at": "2018-06-01T09:00", "procedure": in_force.code, "channel": "truc_tiep"})

    assert error_fields(response) == (400, ["procedure"])


def test_channel_without_structured_limit(client, in_force):
    response = client.get(
        URL, {"received_at": "2019-03-13T09:00", "procedure": in_force.code, "channel": Channel.ONLINE.value}
    )

    assert error_fields(response) == (400, ["channel"])


def test_several_cases_and_none_chosen(client):
    procedure = ProcedureFactory(complete=True)
    procedure.time_limits.update(case="Cấp lần đầu")
    ProcedureTimeLimitFactory(procedure=procedure, case="Cấp lại", amount=Decimal(2))
    publish(procedure)

    response = client.get(URL, {"received_at": "2019-03-13T09:00", "procedure": procedure.code, "channel": "truc_tiep"})

    assert error_fields(response) == (400, ["case"])


def test_several_cases_answer_lists_every_case_with_label_amount_and_unit(client):
    procedure = ProcedureFactory(complete=True)
    procedure.time_limits.update(case="Cấp lần đầu")
    ProcedureTimeLimitFactory(procedure=procedure, case="Cấp lại", amount=Decimal("2.5"))
    publish(procedure)

    body = client.get(
        URL, {"received_at": "2019-03-13T09:00", "procedure": procedure.code, "channel": "truc_tiep"}
    ).json()

    assert body["cases"] == [
        {"label": "Cấp lần đầu", "amount": 5, "unit": "working_days"},
        {"label": "Cấp lại", "amount": 2.5, "unit": "working_days"},
    ]


def test_errors_other_than_several_cases_list_no_cases(client, in_force):
    body = client.get(
        URL, {"received_at": "2019-03-13T09:00", "procedure": in_force.code, "channel": "buu_chinh"}
    ).json()

    assert body["cases"] is None


def test_unknown_case(client, in_force):
    response = client.get(
        URL,
        {"received_at": "2019-03-13T09:00", "procedure": in_force.code, "channel": "truc_tiep", "case": "Cấp lại"},
    )

    assert error_fields(response) == (400, ["case"])
