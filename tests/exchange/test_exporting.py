"""Export of tthc-exchange/1 JSON and XML; the round trip export → import → export is lossless."""

import copy
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from catalog.models import Field, Procedure
from exchange.schemas import document_validator
from exchange.selectors import (
    CATALOG_PREFETCH,
    RECORD_PREFETCH,
    procedure_records_by_id,
    procedure_to_record,
    procedures_for_export,
)
from exchange.services.exporting import procedures_export_json, procedures_export_xml, xml_document_problems
from exchange.services.importing import document_load, procedures_import
from tests.factories.catalog import AgencyFactory, DecisionItemFactory
from tests.factories.exchange import ExchangeProcedureFactory, exchange_document

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "procedures.json.xz"
STAMP = "2026-11-28T09:00:00+07:00"


def _export() -> dict:
    stream = io.BytesIO()
    procedures_export_json(queryset=procedures_for_export(), stream=stream, generated_at=STAMP)
    return json.loads(stream.getvalue())


def _round_trip(document: dict) -> tuple[dict, dict]:
    """Import into the empty catalog and export; roll that back, so the catalog is empty again (far
    cheaper than deleting thousands of procedures, each with Wagtail's reference-index signals); import
    the export and export again."""
    with transaction.atomic():
        procedures_import(document=document)
        first = _export()
        transaction.set_rollback(True)
    procedures_import(document=copy.deepcopy(first))
    return first, _export()


def _edge_cases() -> dict:
    empty = ExchangeProcedureFactory(
        ma_thu_tuc=None,
        so_quyet_dinh=None,
        cap_thuc_hien=[],
        loai_thu_tuc=None,
        linh_vuc=None,
        trinh_tu_thuc_hien=[],
        cach_thuc_thuc_hien=[],
        thanh_phan_ho_so=[],
        doi_tuong_thuc_hien=[],
        co_quan_thuc_hien=[],
        co_quan_co_tham_quyen=[],
        ket_qua_thuc_hien=[],
        can_cu_phap_ly=[],
        tu_khoa=[],
        nguon=None,
    )
    many = ExchangeProcedureFactory(
        thanh_phan_ho_so=[
            {"truong_hop": f"Trường hợp {i}", "giay_to": [{"ten_giay_to": f"Giấy {i}.{j}"} for j in range(5)]}
            for i in range(30)
        ]
        + [{"truong_hop": "Trường hợp trống", "giay_to": []}, {"truong_hop": "Trường hợp 0", "giay_to": []}],
    )
    many["cach_thuc_thuc_hien"][0]["thoi_han_giai_quyet"] = (
        "Trường hợp 1: 03 ngày làm việc; Trường hợp 2: 05 ngày làm việc; Trường hợp 3: 10 ngày làm việc"
    )
    nfd = ExchangeProcedureFactory(
        ten_thu_tuc="Đăng ky\u0301 khai sinh (NFD)", tu_khoa=["khai sinh", "ho\u0323 ti\u0323ch"]
    )
    long_text = "Rất dài " * 400
    long = ExchangeProcedureFactory(
        ten_thu_tuc="Thủ tục " + "tên rất dài " * 150,
        co_quan_thuc_hien=["Cơ quan " + "tên dài " * 100],
        yeu_cau_dieu_kien=long_text,
        thanh_phan_ho_so=[{"truong_hop": "Trường hợp " + "dài " * 400, "giay_to": [{"ten_giay_to": long_text}]}],
        khoa_la={"b": [1, 2], "a": "giữ nguyên"},
    )
    return exchange_document(empty, many, nfd, long)


def _find(document: dict, prefix: str) -> dict:
    """The exported procedure whose name starts with `prefix` (order of null codes differs by database)."""
    return next(p for p in document["procedures"] if p["ten_thu_tuc"].startswith(prefix))


def test_export_validates_against_schema():
    procedures_import(document=_edge_cases())
    assert list(document_validator().iter_errors(_export())) == []


def test_round_trip_of_edge_cases_is_identical():
    first, second = _round_trip(_edge_cases())
    assert first == second


def test_round_trip_keeps_unknown_keys():
    first, _second = _round_trip(_edge_cases())
    assert _find(first, "Thủ tục tên rất dài")["khoa_la"] == {"a": "giữ nguyên", "b": [1, 2]}


def test_export_is_nfc():
    procedures_import(document=_edge_cases())
    assert _find(_export(), "Đăng ký")["ten_thu_tuc"] == "Đăng ký khai sinh (NFD)"


def test_export_keeps_text_longer_than_columns():
    procedures_import(document=_edge_cases())
    assert len(_find(_export(), "Thủ tục tên rất dài")["ten_thu_tuc"]) > 1000


def test_export_adds_structured_time_limits():
    procedures_import(document=exchange_document(ExchangeProcedureFactory()))
    structured = _export()["procedures"][0]["thoi_han_cau_truc"][0]
    assert structured["cac_truong_hop"][0]["so_luong"] == "5"


def test_xml_export_validates_against_xsd(tmp_path):
    procedures_import(document=_edge_cases())
    path = tmp_path / "out.xml"
    with path.open("wb") as stream:
        procedures_export_xml(queryset=procedures_for_export(), stream=stream, generated_at=STAMP)
    assert xml_document_problems(path) == []


def test_command_writes_json(tmp_path):
    procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000020")), in_force_from=dt.date(2019, 1, 1)
    )
    path = tmp_path / "out.json"
    call_command("export_procedures", "--format", "json", "-o", str(path), verbosity=0)
    assert json.loads(path.read_text(encoding="utf-8"))["procedures"][0]["ma_thu_tuc"] == "2.000020"


def test_whole_sample_round_trip_is_identical():
    """The whole real sample, 4,011 procedures: two imports and two exports."""
    first, second = _round_trip(document_load(SAMPLE))
    assert first == second


def test_flat_query_records_equal_records_of_model_instances():
    procedures_import(document=_edge_cases())
    # Imported procedures: children with distinct sort orders (factory children tie, in any order).
    first, second = Procedure.objects.order_by("pk")[:2]
    DecisionItemFactory(procedure=first, decision__status="applied")
    first.owner_agency = AgencyFactory(code="so-tp", national_code="000.00.15.H55")
    first.related_procedures.set([second])
    first.save()
    Field.objects.filter(pk=second.field_id).update(national_code="G09")
    queryset = Procedure.objects.select_related("field").prefetch_related(*RECORD_PREFETCH, *CATALOG_PREFETCH)
    from_models = {procedure.pk: procedure_to_record(procedure) for procedure in queryset}
    assert procedure_records_by_id(list(from_models)) == from_models
