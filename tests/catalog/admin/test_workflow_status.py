"""A procedure the review workflow approves becomes APPROVED (ready to announce)."""

import pytest

from catalog.choices import DecisionStatus, ProcedureStatus
from catalog.services.decisions import decision_approve
from catalog.services.versions import version_create
from tests.factories.catalog import DecisionItemFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def _approve_through_workflow(procedure, *, drafter, reviewer, approver, review_workflow):
    procedure.save_revision(user=drafter)
    state = review_workflow.start(procedure, drafter)
    state.current_task_state.approve(user=reviewer)
    state.refresh_from_db()
    state.current_task_state.approve(user=approver)
    procedure.refresh_from_db()
    return procedure


def test_final_workflow_approval_marks_a_draft_approved(drafter, reviewer, approver, review_workflow):
    procedure = ProcedureFactory(complete=True, live=False)

    _approve_through_workflow(
        procedure, drafter=drafter, reviewer=reviewer, approver=approver, review_workflow=review_workflow
    )

    assert (procedure.live, procedure.status) == (True, ProcedureStatus.APPROVED)


def test_review_step_alone_leaves_the_procedure_a_draft(drafter, reviewer, review_workflow):
    procedure = ProcedureFactory(complete=True, live=False)
    procedure.save_revision(user=drafter)
    review_workflow.start(procedure, drafter).current_task_state.approve(user=reviewer)

    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.DRAFT


def test_publishing_a_procedure_in_force_keeps_its_status(admin_user_vi):
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=procedure.created_at.date())
    procedure.refresh_from_db()

    procedure.save_revision(user=admin_user_vi).publish(user=admin_user_vi)

    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.IN_FORCE


def test_decision_with_a_workflow_approved_procedure_can_be_signed(drafter, reviewer, approver, review_workflow):
    procedure = ProcedureFactory(complete=True, live=False)
    _approve_through_workflow(
        procedure, drafter=drafter, reviewer=reviewer, approver=approver, review_workflow=review_workflow
    )
    decision = DecisionItemFactory(procedure=procedure).decision

    decision_approve(decision=decision, user=approver)

    assert decision.status == DecisionStatus.APPROVED
