"""Roles x actions on a procedure of agency A (and on feedback personal data): every cell asserted.

Roles come from catalog.services.staff.staff_setup() and AgencyMembership. Actions are measured the way
the admin decides them: the edit page over HTTP (view, submit button), the snippet permission policy
(edit, publish), the workflow tasks (approve each step) and the feedback detail page (personal data).
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import GroupApprovalTask

from catalog.models import AgencyMembership, Procedure
from catalog.permissions import APPROVERS_GROUP, DRAFTERS_GROUP, REVIEWERS_GROUP
from catalog.services.staff import APPROVAL_TASK_NAME, REVIEW_TASK_NAME, staff_setup
from tests.factories.catalog import AgencyFactory, ProcedureFactory
from tests.factories.feedback import FeedbackFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "drafter_a", "drafter_b", "reviewer", "approver", "superuser"]
ACTIONS = ["view", "edit", "submit", "approve_review", "approve_final", "publish", "feedback_personal_data"]

# Expected: True = allowed. Department staff work only on their own agency; the procedure-control
# division checks (first workflow step) but does not publish; the leadership approves and publishes;
# personal data of feedback senders is for the feedback handlers' roles (tests/security/
# test_feedback_scope_matrix.py), which none of the catalog roles below holds, so only the superuser.
EXPECTED = {
    "anonymous": dict.fromkeys(ACTIONS, False),
    "drafter_a": {**dict.fromkeys(ACTIONS, False), "view": True, "edit": True, "submit": True},
    "drafter_b": dict.fromkeys(ACTIONS, False),
    "reviewer": {**dict.fromkeys(ACTIONS, False), "view": True, "edit": True, "submit": True, "approve_review": True},
    "approver": {
        **dict.fromkeys(ACTIONS, False),
        "view": True,
        "edit": True,
        "submit": True,
        "approve_final": True,
        "publish": True,
    },
    "superuser": dict.fromkeys(ACTIONS, True),
}


@pytest.fixture
def world():
    groups = staff_setup().groups
    agency_a, agency_b = AgencyFactory(name="Sở Tư pháp"), AgencyFactory(name="Sở Y tế")
    users = {"anonymous": None}

    def make(name, *, group=None, agency=None, superuser=False):
        user = get_user_model().objects.create_user(username=name, password="x", is_superuser=superuser)
        if group:
            user.groups.add(groups[group])
        if agency:
            AgencyMembership.objects.create(user=user, agency=agency)
        users[name] = user

    make("drafter_a", group=DRAFTERS_GROUP, agency=agency_a)
    make("drafter_b", group=DRAFTERS_GROUP, agency=agency_b)
    make("reviewer", group=REVIEWERS_GROUP)
    make("approver", group=APPROVERS_GROUP)
    make("superuser", superuser=True)
    procedure = ProcedureFactory(complete=True, owner_agency=agency_a)
    feedback = FeedbackFactory(agency=agency_a, sender_phone="0987654321")
    return {"users": users, "procedure": procedure, "feedback": feedback}


def _edit_page(client, user, procedure):
    if user is not None:
        client.force_login(user)
    url = AdminURLFinder(get_user_model()(is_superuser=True)).get_edit_url(procedure)
    return client.get(url)


def _policy_allows(user, action, procedure) -> bool:
    if user is None:
        return False
    policy = Procedure.snippet_viewset.permission_policy
    return policy.user_has_permission_for_instance(user, action, procedure)


def _task_allows(user, task_name, procedure) -> bool:
    if user is None:
        return False
    task = GroupApprovalTask.objects.get(name=task_name)
    return "approve" in [name for name, *_rest in task.get_actions(procedure, user)]


def _measure(client, action, user, world) -> bool:
    procedure = world["procedure"]
    if action == "view":
        return _edit_page(client, user, procedure).status_code == 200
    if action == "edit":
        return _policy_allows(user, "change", procedure)
    if action == "submit":
        response = _edit_page(client, user, procedure)
        return response.status_code == 200 and b'name="action-submit"' in response.content
    if action == "approve_review":
        return _task_allows(user, REVIEW_TASK_NAME, procedure)
    if action == "approve_final":
        return _task_allows(user, APPROVAL_TASK_NAME, procedure)
    if action == "publish":
        return _policy_allows(user, "publish", procedure)
    if action == "feedback_personal_data":
        if user is not None:
            client.force_login(user)
        response = client.get(f"/admin/phan-anh-kien-nghi/{world['feedback'].pk}/")
        return response.status_code == 200 and b"0987654321" in response.content
    raise AssertionError(action)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role, action):
    assert _measure(client, action, world["users"][role], world) is EXPECTED[role][action]
