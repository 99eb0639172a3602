import pytest

from catalog.completeness import procedure_missing_elements
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db


def test_complete_procedure_misses_nothing():
    procedure = ProcedureFactory(complete=True)

    assert procedure_missing_elements(procedure) == []


def test_bare_procedure_lists_every_mandatory_element_missing():
    procedure = ProcedureFactory()

    fields = [element.field for element in procedure_missing_elements(procedure)]

    assert fields == ["steps", "channels", "dossier_items", "time_limit", "applicants", "agencies"]


def test_dossier_item_without_number_of_sets_is_reported():
    procedure = ProcedureFactory(complete=True)
    procedure.dossier_items.update(originals=None, copies=None)

    labels = [element.label for element in procedure_missing_elements(procedure)]

    assert labels == ["Số lượng bộ hồ sơ (bản chính, bản sao)"]
