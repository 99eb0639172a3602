import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupApprovalTask, Workflow

from catalog.models import AnnouncementDecision, Procedure
from catalog.permissions import APPROVERS_GROUP, DRAFTERS_GROUP, REVIEWERS_GROUP
from catalog.services.staff import WORKFLOW_NAME, staff_setup
from feedback.permissions import AGENCY_HANDLERS_GROUP, PROVINCE_HANDLERS_GROUP

pytestmark = pytest.mark.django_db


def test_staff_setup_creates_the_three_groups():
    staff_setup()

    assert set(Group.objects.values_list("name", flat=True)) >= {DRAFTERS_GROUP, REVIEWERS_GROUP, APPROVERS_GROUP}


def test_workflow_reviews_then_approves():
    workflow = staff_setup().workflow

    assert [task.name for task in workflow.tasks] == ["Phòng Kiểm soát TTHC thẩm định", "Lãnh đạo UBND tỉnh phê duyệt"]


def test_review_task_belongs_to_the_procedure_control_division():
    workflow = staff_setup().workflow

    task = GroupApprovalTask.objects.get(pk=workflow.tasks.first().pk)
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWERS_GROUP]


def test_workflow_is_assigned_to_procedures():
    workflow = staff_setup().workflow

    assert Procedure.get_default_workflow() == workflow


def test_workflow_is_assigned_to_decisions():
    workflow = staff_setup().workflow

    assert AnnouncementDecision.get_default_workflow() == workflow


def test_staff_setup_is_idempotent():
    staff_setup()
    staff_setup()

    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


def test_second_run_keeps_two_tasks():
    staff_setup()

    assert staff_setup().workflow.tasks.count() == 2


def test_drafters_cannot_publish_procedures():
    drafters = staff_setup().groups[DRAFTERS_GROUP]

    assert not drafters.permissions.filter(codename="publish_procedure").exists()


def test_approvers_can_publish_procedures():
    approvers = staff_setup().groups[APPROVERS_GROUP]

    assert approvers.permissions.filter(codename="publish_procedure").exists()


def test_staff_setup_creates_the_feedback_handler_roles():
    groups = staff_setup().groups

    assert {PROVINCE_HANDLERS_GROUP, AGENCY_HANDLERS_GROUP} <= set(groups)


def test_agency_feedback_handlers_read_personal_data_but_do_not_review():
    group = staff_setup().groups[AGENCY_HANDLERS_GROUP]

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "view_feedback_personal_data" in codenames and "review_feedback_answer" not in codenames


def test_province_feedback_handlers_review_and_read_the_access_log():
    group = staff_setup().groups[PROVINCE_HANDLERS_GROUP]

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"review_feedback_answer", "view_personaldataaccess"} <= codenames


def test_setup_staff_command_lists_the_feedback_roles():
    out = io.StringIO()

    call_command("setup_staff", stdout=out)

    assert PROVINCE_HANDLERS_GROUP in out.getvalue() and AGENCY_HANDLERS_GROUP in out.getvalue()
