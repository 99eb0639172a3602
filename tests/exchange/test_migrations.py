"""Data migration 0001: full texts kept in `extra` by earlier imports move back into the widened columns."""

import importlib

import pytest
from django.apps import apps

from catalog.models import Procedure, ProcedureAgency
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("exchange.migrations.0001_restore_long_texts_from_extra")
FULL = "Thủ tục " + "tên rất dài " * 150


def _legacy_procedure() -> Procedure:
    procedure = ProcedureFactory(name=FULL[:500], extra={"khoa": 1, "__exchange__": {"overflow": {"name": FULL}}})
    return procedure


def test_name_is_restored_from_overflow():
    procedure = _legacy_procedure()
    migration.restore_long_texts(apps, None)
    procedure.refresh_from_db()
    assert procedure.name == FULL


def test_overflow_copy_is_dropped_and_other_extra_kept():
    procedure = _legacy_procedure()
    migration.restore_long_texts(apps, None)
    procedure.refresh_from_db()
    assert procedure.extra == {"khoa": 1}


def test_agency_name_is_restored_by_role_and_position():
    procedure = ProcedureFactory(extra={"__exchange__": {"overflow": {"agencies": {"implementing:0": FULL}}}})
    ProcedureAgency.objects.filter(procedure=procedure).delete()
    ProcedureAgency.objects.create(procedure=procedure, sort_order=0, role="implementing", name=FULL[:255])
    migration.restore_long_texts(apps, None)
    assert ProcedureAgency.objects.get(procedure=procedure).name == FULL


def test_staff_edit_since_import_wins():
    procedure = ProcedureFactory(name="Tên do cán bộ sửa", extra={"__exchange__": {"overflow": {"name": FULL}}})
    migration.restore_long_texts(apps, None)
    procedure.refresh_from_db()
    assert procedure.name == "Tên do cán bộ sửa"
