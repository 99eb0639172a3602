"""Submitting a decision for review in the admin runs the decision checks (`decision_errors`, list only)."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from catalog.models import AnnouncementDecision
from tests.catalog.admin.forms_data import decision_post_data
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_catalog_announcementdecision:add")


def test_submitting_a_decision_with_an_unapproved_procedure_lists_the_item(
    logged_in, department_agency, review_workflow
):
    procedure = ProcedureFactory(complete=True, live=False, name="Đăng ký khai sinh")

    response = logged_in.post(ADD_URL, decision_post_data(department_agency, procedure) | {"action-submit": "1"})

    errors = response.context["form"].non_field_errors()
    assert [error.split(": ", 1)[1] for error in errors] == [
        "thủ tục chưa được duyệt theo quy trình nên chưa thể công bố."
    ]


def test_submitting_a_decision_without_procedures_saves_nothing(logged_in, department_agency, review_workflow):
    logged_in.post(ADD_URL, decision_post_data(department_agency) | {"action-submit": "1"})

    assert not AnnouncementDecision.objects.exists()


def test_submitting_a_decision_with_approved_complete_procedures_starts_the_workflow(
    logged_in, department_agency, review_workflow
):
    procedure = ProcedureFactory(complete=True, live=True)

    logged_in.post(ADD_URL, decision_post_data(department_agency, procedure) | {"action-submit": "1"})

    decision = AnnouncementDecision.objects.get()
    assert WorkflowState.objects.for_instance(decision).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
