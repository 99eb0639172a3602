"""The columns derived from a procedure's name (Vietnamese sort key, folded form) follow the name through
every kind of write, and the database search and order read them the same as the Python rules."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from catalog.collation import order_by_vietnamese, vietnamese_sort_key
from catalog.folding import fold, folded_search
from catalog.models import Procedure
from catalog.models.procedures import NAME_KEY_COLUMNS
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db

NAMES = ["Đường bộ", "Dược", "Xây dựng", "Ăn uống", "1. An ninh", "Bảo hiểm", "Bà mẹ", "Ưu đãi", "Ung thư"]


def _stored_keys(procedure):
    return Procedure.objects.values_list("name_sort_key", "name_folded").get(pk=procedure.pk)


def _keys_of(name):
    return (vietnamese_sort_key(name), fold(name))


def test_a_created_procedure_stores_the_keys_of_its_name():
    procedure = ProcedureFactory(name="Đăng ký khai sinh")

    assert _stored_keys(procedure) == _keys_of("Đăng ký khai sinh")


def test_renaming_with_update_fields_rewrites_the_keys():
    procedure = ProcedureFactory(name="Cấp phép")
    procedure.name = "Ân xá"
    procedure.save(update_fields=["name"])

    assert _stored_keys(procedure) == _keys_of("Ân xá")


def test_publishing_a_renamed_draft_rewrites_the_keys():
    procedure = ProcedureFactory(name="Cấp phép")
    procedure.name = "Đổi tên khi xuất bản"
    procedure.save_revision().publish()

    assert _stored_keys(procedure) == _keys_of("Đổi tên khi xuất bản")


def test_order_by_vietnamese_matches_the_python_key_on_procedures():
    for name in NAMES:
        ProcedureFactory(name=name)

    ordered = list(order_by_vietnamese(Procedure.objects.all(), "name").values_list("name", flat=True))

    assert ordered == sorted(NAMES, key=vietnamese_sort_key)


def test_folded_search_finds_procedures_without_diacritics():
    for name in NAMES:
        ProcedureFactory(name=name)

    found = folded_search(Procedure.objects.all(), fields=["name", "code"], query="duong BO")

    assert list(found.values_list("name", flat=True)) == ["Đường bộ"]


def test_the_migration_backfills_keys_of_existing_rows():
    for name in NAMES[:3]:
        ProcedureFactory(name=name)
    Procedure.objects.update(name_sort_key="", name_folded="")
    migration = importlib.import_module("catalog.migrations.0012_procedure_name_keys")

    # The backfill writes data only: it needs the editor's connection, not a schema editor (which SQLite
    # refuses inside the test's transaction).
    migration.backfill(apps, SimpleNamespace(connection=connection))

    stored = {name: (key, folded) for name, key, folded in Procedure.objects.values_list("name", *NAME_KEY_COLUMNS)}
    assert stored == {name: _keys_of(name) for name in NAMES[:3]}


def test_the_vietnamese_order_of_procedures_is_indexed():
    postgres = connection.vendor == "postgresql"
    listed = (
        "SELECT indexname FROM pg_indexes WHERE tablename = %s"
        if postgres
        else "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(listed, ["catalog_procedure"])
        indexes = {name for (name,) in cursor.fetchall()}

    assert ("catalog_procedure_name_sort_prefix" if postgres else "catalog_procedure_name_sort_key") in indexes
