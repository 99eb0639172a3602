"""A revision becomes an object with one query per related model, keeping modelcluster's on_delete rules."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import AnnouncementDecision, LegalDocument, ProcedureLegalBasis
from tests.factories.catalog import DecisionFactory, DecisionItemFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def decision_with_items(count: int) -> AnnouncementDecision:
    decision = DecisionFactory()
    for _ in range(count):
        DecisionItemFactory(decision=decision, procedure=ProcedureFactory())
    decision.save_revision()
    return AnnouncementDecision.objects.get(pk=decision.pk)


def queries_to_load(decision) -> int:
    revision = decision.latest_revision
    with CaptureQueriesContext(connection) as captured:
        revision.as_object()
    return len(captured.captured_queries)


def test_loading_a_revision_does_not_query_per_item():
    few = queries_to_load(decision_with_items(2))
    many = queries_to_load(decision_with_items(20))

    assert many == few


def test_the_loaded_revision_keeps_every_item():
    decision = decision_with_items(3)

    assert len(decision.latest_revision.as_object().items.all()) == 3


def test_a_deleted_set_null_target_is_cleared():
    procedure = ProcedureFactory()
    document = LegalDocument.objects.create(number="60/2014/QH13", summary="Luật Hộ tịch")
    ProcedureLegalBasis.objects.create(procedure=procedure, number="60/2014/QH13", document=document)
    revision = procedure.save_revision()
    document.delete()

    assert revision.as_object().legal_bases.all()[0].document_id is None
