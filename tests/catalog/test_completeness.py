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

    assert fields == [
        "steps",
        "channels",
        "dossier_items",
        "time_limit",
        "applicants",
        "agencies",
        "results",
        "requirements",
    ]


def test_dossier_item_without_number_of_sets_is_reported():
    procedure = ProcedureFactory(complete=True)
    procedure.dossier_items.update(originals=None, copies=None)

    labels = [element.label for element in procedure_missing_elements(procedure)]

    assert labels == ["Số lượng bộ hồ sơ (bản chính, bản sao)"]


def test_result_is_required_by_article_8_2_h():
    procedure = ProcedureFactory(complete=True, results=[])

    assert [element.field for element in procedure_missing_elements(procedure)] == ["results"]


def test_unknown_fee_is_missing_information():
    procedure = ProcedureFactory(complete=True)
    procedure.channels.update(fee_text=None)

    assert [element.field for element in procedure_missing_elements(procedure)] == ["fees"]


def test_fee_stated_as_none_is_complete():
    procedure = ProcedureFactory(complete=True)
    procedure.channels.update(fee_text=None, no_fee=True)

    assert procedure_missing_elements(procedure) == []


def test_unknown_requirements_are_missing_information():
    procedure = ProcedureFactory(complete=True, no_requirements=False, requirements="")

    assert [element.field for element in procedure_missing_elements(procedure)] == ["requirements"]


def test_requirements_stated_in_text_are_complete():
    procedure = ProcedureFactory(complete=True, no_requirements=False, requirements="Có hộ khẩu thường trú")

    assert procedure_missing_elements(procedure) == []
