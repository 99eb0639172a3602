"""The catalog admin journey in a real browser: draft, submit, review, approve, announce, in force."""

import datetime as dt

import pytest

from catalog.models import AnnouncementDecision, Procedure, ProcedureVersion
from catalog.services.decisions import decision_apply, decision_approve
from tests.catalog.admin.pages import DecisionForm, ProcedureForm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_procedure_goes_from_draft_to_in_force(browser_page, drafter, reviewer, approver):
    form = ProcedureForm(browser_page).login(drafter.username)
    form.open_new().fill_complete(code="1.008888", name="Thủ tục cấp bản sao trích lục hộ tịch")
    form.run_action("Gửi duyệt: Thẩm định và phê duyệt thủ tục hành chính")
    procedure = Procedure.objects.get(code="1.008888")

    ProcedureForm(browser_page).login(reviewer.username).open(procedure).run_action("Đồng ý")
    ProcedureForm(browser_page).login(approver.username).open(procedure).run_action("Đồng ý và phê duyệt")
    procedure.refresh_from_db()
    assert procedure.live

    decision_form = DecisionForm(browser_page).login(reviewer.username).open_new()
    decision_form.fill(number="88/QĐ-UBND", signed_on="2025-03-01", effective_on="2025-03-15")
    decision_form.attach_procedure(search="Thủ tục cấp bản sao trích lục hộ tịch")
    decision_form.run_action("Lưu bản nháp")
    decision = AnnouncementDecision.objects.get(number="88/QĐ-UBND")
    assert list(decision.items.values_list("procedure__code", flat=True)) == ["1.008888"]

    decision_apply(decision=decision_approve(decision=decision, user=reviewer))
    assert ProcedureVersion.objects.in_force_on(dt.date(2025, 3, 15)).filter(procedure=procedure).exists()
