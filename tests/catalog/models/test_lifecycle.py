"""Publishing a revision saved before a lifecycle change keeps the row's lifecycle."""

import pytest
from django.utils import timezone
from wagtail.models import Revision

from catalog.choices import DecisionStatus, ProcedureStatus
from catalog.models import AnnouncementDecision, Procedure
from tests.factories.catalog import DecisionFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def test_publishing_an_older_procedure_revision_keeps_the_status_in_force():
    procedure = ProcedureFactory(complete=True, status=ProcedureStatus.APPROVED)
    revision = procedure.save_revision()
    Procedure.objects.filter(pk=procedure.pk).update(status=ProcedureStatus.IN_FORCE)

    Revision.objects.get(pk=revision.pk).publish()  # as an editor would, later, from the database

    assert Procedure.objects.get(pk=procedure.pk).status == ProcedureStatus.IN_FORCE


def test_publishing_an_older_decision_revision_keeps_it_applied():
    decision = DecisionFactory(status=DecisionStatus.APPROVED)
    revision = decision.save_revision()
    applied_at = timezone.now()
    AnnouncementDecision.objects.filter(pk=decision.pk).update(status=DecisionStatus.APPLIED, applied_at=applied_at)

    Revision.objects.get(pk=revision.pk).publish()  # as an editor would, later, from the database

    assert AnnouncementDecision.objects.get(pk=decision.pk).applied_at == applied_at
