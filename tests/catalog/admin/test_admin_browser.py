"""The catalog admin journey in a real browser: draft, submit, review, approve, announce, sign, apply, public."""

import datetime as dt

import pytest
from django.utils import timezone

from catalog.choices import ProcedureStatus
from catalog.models import AnnouncementDecision, Procedure
from tests.catalog.admin.pages import DecisionForm, ProcedureForm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = "1.008888"
NAME = "Thủ tục cấp bản sao trích lục hộ tịch"


def test_procedure_goes_from_draft_to_public(browser_page, drafter, reviewer, approver):
    form = ProcedureForm(browser_page).login(drafter.username)
    form.open_new().fill_complete(code=CODE, name=NAME)
    form.run_action("Gửi duyệt: Thẩm định và phê duyệt thủ tục hành chính")
    procedure = Procedure.objects.get(code=CODE)

    ProcedureForm(browser_page).login(reviewer.username).open(procedure).run_action("Đồng ý")
    ProcedureForm(browser_page).login(approver.username).open(procedure).run_action("Đồng ý và phê duyệt")
    procedure.refresh_from_db()
    assert (procedure.live, procedure.status) == (True, ProcedureStatus.APPROVED)

    # Signed ten days ago, in force since yesterday: "Áp dụng ngay" may apply it today.
    today = timezone.localdate()
    decision_form = DecisionForm(browser_page).login(reviewer.username).open_new()
    decision_form.fill(
        number="88/QĐ-UBND",
        signed_on=f"{today - dt.timedelta(days=10):%Y-%m-%d}",
        effective_on=f"{today - dt.timedelta(days=1):%Y-%m-%d}",
    )
    decision_form.attach_procedure(search=NAME)
    decision_form.run_action("Lưu bản nháp")
    decision = AnnouncementDecision.objects.get(number="88/QĐ-UBND")

    leader = DecisionForm(browser_page).login(approver.username).open(decision)
    leader.run_header_action("Ký ban hành (phê duyệt quyết định)", confirm="Ký ban hành")
    assert "Đã ký ban hành quyết định 88/QĐ-UBND" in leader.messages()
    leader.run_header_action("Áp dụng ngay", confirm="Áp dụng quyết định")
    assert "Quyết định 88/QĐ-UBND đã được áp dụng" in leader.messages()

    browser_page.goto(f"/thu-tuc/{CODE}/")
    assert NAME in browser_page.locator("h1").inner_text()
