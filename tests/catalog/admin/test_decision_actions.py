"""Admin actions on announcement decisions: sign (approve), apply now, national-database entry."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from catalog.choices import DecisionStatus
from catalog.models import ProcedureVersion
from catalog.services.decisions import LOG_DECISION_APPLY, decision_approve
from tests.factories.catalog import AgencyFactory, DecisionFactory, DecisionItemFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def _url(name, decision):
    return reverse(f"wagtailsnippets_catalog_announcementdecision:{name}", args=[decision.pk])


@pytest.fixture
def decision(db):
    return DecisionItemFactory().decision


@pytest.fixture
def approved(decision):
    return decision_approve(decision=decision)


def test_edit_page_offers_signing_to_an_approver(client, approver, decision):
    client.force_login(approver)

    html = client.get(_url("edit", decision)).content.decode()

    assert _url("approve", decision) in html


def test_edit_page_hides_signing_from_a_reviewer(client, reviewer, decision):
    client.force_login(reviewer)

    html = client.get(_url("edit", decision)).content.decode()

    assert _url("approve", decision) not in html


def test_edit_page_offers_apply_once_signed(client, approver, approved):
    client.force_login(approver)

    html = client.get(_url("edit", approved)).content.decode()

    assert _url("apply", approved) in html


def test_signing_page_asks_for_confirmation_without_signing(client, approver, decision):
    client.force_login(approver)

    client.get(_url("approve", decision))

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_approver_signs_a_decision(client, approver, decision):
    client.force_login(approver)

    client.post(_url("approve", decision))

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED


def test_reviewer_may_not_sign_a_decision(client, reviewer, decision):
    client.force_login(reviewer)

    client.post(_url("approve", decision))

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_signing_is_refused_with_the_item_named_in_vietnamese(client, approver):
    decision = DecisionItemFactory(procedure=ProcedureFactory(live=False)).decision
    client.force_login(approver)

    html = client.post(_url("approve", decision)).content.decode()

    assert "Mục 1 – Thủ tục" in html and "chưa được duyệt theo quy trình" in html


def test_refused_signing_leaves_the_decision_a_draft(client, approver):
    decision = DecisionItemFactory(procedure=ProcedureFactory(live=False)).decision
    client.force_login(approver)

    client.post(_url("approve", decision))

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_signing_requires_csrf(approver, decision):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(approver)

    response = client.post(_url("approve", decision))

    assert response.status_code == 403


def test_department_user_gets_404_on_another_agencys_decision_action(client, drafter):
    decision = DecisionItemFactory(decision=DecisionFactory(proposing_agency=AgencyFactory(name="Sở Y tế"))).decision
    client.force_login(drafter)

    response = client.get(_url("national_entry", decision))

    assert response.status_code == 404


@freeze_time("2019-03-20 09:00:00+07:00")
def test_apply_now_puts_the_procedures_in_force_from_the_effective_date(client, approver, approved):
    client.force_login(approver)

    client.post(_url("apply", approved))

    procedure = approved.items.get().procedure
    assert ProcedureVersion.objects.in_force_on(dt.date(2019, 3, 15)).filter(procedure=procedure).exists()


@freeze_time("2019-03-20 09:00:00+07:00")
def test_apply_now_logs_who_applied(client, approver, approved):
    client.force_login(approver)

    client.post(_url("apply", approved))

    assert ModelLogEntry.objects.filter(action=LOG_DECISION_APPLY, user=approver).exists()


@freeze_time("2019-03-10 09:00:00+07:00")
def test_apply_now_before_the_effective_date_is_refused_with_the_services_message(client, approver, approved):
    client.force_login(approver)

    html = client.post(_url("apply", approved)).content.decode()

    assert "Không thể áp dụng quyết định trước ngày có hiệu lực 15/03/2019." in html


@freeze_time("2019-03-10 09:00:00+07:00")
def test_refused_apply_leaves_the_decision_signed(client, approver, approved):
    client.force_login(approver)

    client.post(_url("apply", approved))

    approved.refresh_from_db()
    assert approved.status == DecisionStatus.APPROVED


def test_apply_of_a_draft_is_refused(client, approver, decision):
    client.force_login(approver)

    html = client.post(_url("apply", decision)).content.decode()

    assert "Chỉ áp dụng được quyết định đã ký" in html


@freeze_time("2019-03-05 09:00:00+07:00")
def test_national_entry_records_the_day(client, reviewer, approved):
    item = approved.items.get()
    client.force_login(reviewer)

    client.post(_url("national_entry", approved), {"item": item.pk, "entered_on": "2019-03-04"})

    item.refresh_from_db()
    assert item.national_entered_on == dt.date(2019, 3, 4)


@freeze_time("2019-03-05 09:00:00+07:00")
def test_national_entry_before_signing_is_refused_naming_the_dates(client, reviewer, approved):
    item = approved.items.get()
    client.force_login(reviewer)

    html = client.post(_url("national_entry", approved), {"item": item.pk, "entered_on": "2019-02-20"}).content.decode()

    assert "không được trước ngày ký (01/03/2019)" in html


def test_national_entry_lists_the_decisions_items(client, reviewer, approved):
    client.force_login(reviewer)

    html = client.get(_url("national_entry", approved)).content.decode()

    assert str(approved.items.get().procedure.name) in html


def test_edit_page_offers_apply_when_the_latest_revision_predates_signing(client, approver, admin_user_vi):
    decision = DecisionItemFactory().decision
    decision.save_revision(user=admin_user_vi)
    decision_approve(decision=decision)
    client.force_login(approver)

    html = client.get(_url("edit", decision)).content.decode()

    assert _url("apply", decision) in html


def test_saving_a_draft_after_signing_keeps_the_decision_signed(client, reviewer, admin_user_vi):
    decision = DecisionItemFactory().decision
    decision.save_revision(user=admin_user_vi)
    decision_approve(decision=decision)
    client.force_login(reviewer)
    form = client.get(_url("edit", decision)).context["form"]
    data = {**_form_data(form), "title": "Tiêu đề đã sửa"}

    client.post(_url("edit", decision), data)
    decision.refresh_from_db()
    decision.latest_revision.publish(user=admin_user_vi)

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED


def _form_data(form) -> dict:
    """What the browser would post back for a rendered admin form (main fields and inline formsets)."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is not None:
            data[bound.html_name] = bound.field.widget.format_value(value) if hasattr(value, "isoformat") else value
    for formset in form.formsets.values():
        management = formset.management_form
        for bound in management:
            data[bound.html_name] = bound.value()
        for child in formset.forms:
            for bound in child:
                value = bound.value()
                if value is not None:
                    data[bound.html_name] = value
    return {key: value for key, value in data.items() if value not in (None, False)}


# --- The decision's page reads as the process ---------------------------------------------------------------

STEP = re.compile(
    r'catalog-process__step--(\w+)".*?catalog-process__name">([^<]+)</strong>.*?(?:href="([^"]+)">([^<]+)</a>)?\s*</div>',
    re.S,
)


def process_steps(client, decision) -> list[tuple[str, str, str, str]]:
    """(state, step, action url, action label) of each step shown on the decision's page, in order."""
    return STEP.findall(client.get(_url("edit", decision)).content.decode())


def test_the_decision_page_lists_the_steps_in_the_order_of_the_process(client, approver, decision):
    client.force_login(approver)

    steps = [name for _state, name, _url, _label in process_steps(client, decision)]

    assert steps == ["Soạn dự thảo", "Thẩm định", "Ký ban hành", "Áp dụng", "Nhập CSDL quốc gia"]


def test_a_draft_decision_shows_signing_as_a_visible_button(client, approver, decision):
    client.force_login(approver)

    signing = process_steps(client, decision)[2]

    assert signing[2:] == (_url("approve", decision), "Ký ban hành")


def test_a_signed_decision_shows_signing_done_and_apply_as_the_current_step(client, approver, approved):
    client.force_login(approver)

    steps = process_steps(client, approved)

    assert [(state, name) for state, name, *_ in steps[2:4]] == [("done", "Ký ban hành"), ("current", "Áp dụng")]
    assert steps[3][2:] == (_url("apply", approved), "Áp dụng ngay")


def test_apply_now_is_not_offered_before_the_effective_date(client, approver, approved):
    client.force_login(approver)

    with freeze_time("2019-03-10"):
        steps = process_steps(client, approved)

    assert steps[3][2] == ""


def test_national_entry_is_offered_once_signed(client, reviewer, approved):
    client.force_login(reviewer)

    entry = process_steps(client, approved)[4]

    assert entry[2:] == (_url("national_entry", approved), "Ghi nhận nhập CSDL quốc gia")


def test_a_review_in_progress_is_the_current_step(client, approver, decision, review_workflow, admin_user_vi):
    decision.save_revision(user=admin_user_vi)
    review_workflow.start(decision, admin_user_vi)
    client.force_login(approver)

    state, name, *_ = process_steps(client, decision)[1]

    assert (state, name) == ("current", "Thẩm định")


def test_an_applied_decision_shows_every_step_but_national_entry_done(client, approver, approved):
    client.force_login(approver)
    client.post(_url("apply", approved))

    states = [state for state, *_ in process_steps(client, approved)]

    assert states == ["done", "done", "done", "done", "current"]
