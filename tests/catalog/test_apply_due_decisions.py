import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from freezegun import freeze_time

from catalog.choices import AnnouncementCategory, DecisionStatus
from catalog.services.decisions import decision_approve
from catalog.services.versions import version_create
from tests.factories.catalog import DecisionFactory, DecisionItemFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def approved(procedure=None, category=AnnouncementCategory.NEW, number="12/QĐ-UBND"):
    decision = DecisionFactory(number=number, signed_on=dt.date(2019, 3, 1), effective_on=dt.date(2019, 3, 15))
    DecisionItemFactory(decision=decision, procedure=procedure or ProcedureFactory(complete=True), category=category)
    return decision_approve(decision=decision)


def test_command_applies_decision_due_today_by_the_clock():
    decision = approved()

    with freeze_time("2019-03-15 00:05:00+07:00"):
        call_command("apply_due_decisions", stdout=StringIO())

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPLIED


def test_command_waits_until_the_effective_date():
    decision = approved()

    with freeze_time("2019-03-14 23:00:00+07:00"):
        call_command("apply_due_decisions", stdout=StringIO())

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED


def test_command_prints_applied_decision_in_vietnamese():
    approved(number="345/QĐ-UBND")
    out = StringIO()

    call_command("apply_due_decisions", "--today=2019-03-15", stdout=out)

    assert out.getvalue() == "Đã áp dụng quyết định 345/QĐ-UBND (hiệu lực từ 15/03/2019).\n"


def test_command_says_when_nothing_is_due():
    out = StringIO()

    call_command("apply_due_decisions", "--today=2019-03-15", stdout=out)

    assert out.getvalue() == "Không có quyết định nào đến hạn áp dụng vào ngày 15/03/2019.\n"


def test_command_fails_and_names_the_refused_decision():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=dt.date(2019, 1, 2))
    approved(procedure=procedure, category=AnnouncementCategory.ABOLISHED, number="77/QĐ-UBND")
    version_create(procedure=procedure, valid_from=dt.date(2019, 3, 15))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("apply_due_decisions", "--today=2019-03-15", stdout=StringIO(), stderr=err)

    assert err.getvalue().startswith("Không áp dụng được quyết định 77/QĐ-UBND:\n  - Mục 1 (")
