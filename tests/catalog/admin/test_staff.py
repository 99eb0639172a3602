import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow

from catalog.models import AnnouncementDecision, Procedure
from catalog.permissions import APPROVERS_GROUP, DRAFTERS_GROUP, REVIEWERS_GROUP
from catalog.services.staff import WORKFLOW_NAME, staff_setup

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
