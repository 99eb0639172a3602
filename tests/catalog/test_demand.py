"""The demand figure (dossiers per procedure) that timeliness reports and search reads."""

import pytest

from catalog.models import Procedure
from catalog.services.demand import procedures_demand_set
from catalog.signals import procedures_changed
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db


def test_counts_are_stored_by_code():
    birth = ProcedureFactory(code="1.001193")
    procedures_demand_set(counts={"1.001193": 40})
    assert Procedure.objects.get(pk=birth.pk).demand == 40


def test_a_provincial_code_counts_for_its_national_procedure():
    birth = ProcedureFactory(code="1.001193")
    procedures_demand_set(counts={"1.001193.000.00.00.H55": 7, "1.001193": 3})
    assert Procedure.objects.get(pk=birth.pk).demand == 10


def test_a_procedure_no_dossier_names_goes_back_to_zero():
    birth = ProcedureFactory(code="1.001193", demand=12)
    procedures_demand_set(counts={"9.999999": 5})
    assert Procedure.objects.get(pk=birth.pk).demand == 0


def test_only_changed_procedures_are_announced(django_capture_on_commit_callbacks):
    ProcedureFactory(code="1.001193", demand=5)
    moved = ProcedureFactory(code="1.000894", demand=1)
    received = []

    def receiver(sender, procedure_ids, **kwargs):
        received.extend(procedure_ids)

    procedures_changed.connect(receiver, dispatch_uid="test-demand")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            procedures_demand_set(counts={"1.001193": 5, "1.000894": 9})
    finally:
        procedures_changed.disconnect(dispatch_uid="test-demand")
    assert received == [moved.pk]
