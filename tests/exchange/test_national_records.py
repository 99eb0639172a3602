"""National-database records (tthc-exchange/1 JSON and XML): everything staff enter is exported and read
back; the export holds the versions in force (working copies only when asked, marked); a catalog moves
between installations with `--as-published` and exports byte for byte the same."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from lxml import etree

from catalog.models import AnnouncementDecision, DecisionItem, Procedure, ProcedureVersion
from exchange.selectors import export_scope
from exchange.services.exporting import procedures_export_json, procedures_export_xml
from exchange.services.importing import ImportRefused, procedures_import
from tests.exchange.national_fixture import announced_catalog

pytestmark = pytest.mark.django_db
STAMP = "2026-11-28T09:00:00+07:00"

# The every-field procedure as exported, written out by hand from what the fixture sets.
EVERY_FIELD = {
    "ma_thu_tuc": "1.012753.H19",
    "ten_thu_tuc": "Thủ tục đăng ký kết hôn",
    "so_quyet_dinh": "1872/QĐ-BTP",
    "cap_thuc_hien": ["Cấp Xã"],
    "loai_thu_tuc": "TTHC được luật giao quy định chi tiết",
    "linh_vuc": "Hộ tịch",
    "trinh_tu_thuc_hien": ["Bước 1: Nộp hồ sơ", "Bước 2: Nhận kết quả"],
    "cach_thuc_thuc_hien": [
        {
            "hinh_thuc_nop": "Trực tiếp",
            "thoi_han_giai_quyet": "Ngay trong ngày làm việc",
            "phi_le_phi": "Không",  # staff ticked "Không thu phí, lệ phí"
            "mo_ta": "Tại Bộ phận Một cửa",
        },
        {
            "hinh_thuc_nop": "Trực tuyến",
            "thoi_han_giai_quyet": "01 ngày làm việc",
            "phi_le_phi": "Miễn lệ phí",
            "mo_ta": None,
        },
    ],
    "thanh_phan_ho_so": [
        {
            "truong_hop": None,
            "giay_to": [
                {
                    "ten_giay_to": "Tờ khai đăng ký kết hôn",
                    "mau_don_to_khai": ["Mẫu TP/HT-2020-KH"],
                    "so_ban_chinh": 1,
                    "so_ban_sao": 0,
                    "bat_buoc": True,
                }
            ],
        },
        {
            "truong_hop": "Người nước ngoài",
            "giay_to": [
                {
                    "ten_giay_to": "Giấy xác nhận tình trạng hôn nhân",
                    "mau_don_to_khai": [],
                    "so_ban_chinh": None,
                    "so_ban_sao": 1,
                    "bat_buoc": False,
                }
            ],
        },
    ],
    "doi_tuong_thuc_hien": ["Công dân Việt Nam"],
    "co_quan_thuc_hien": ["Ủy ban nhân dân cấp xã"],
    "co_quan_co_tham_quyen": ["Ủy ban nhân dân cấp xã"],
    "dia_chi_tiep_nhan": "Bộ phận Một cửa Ủy ban nhân dân cấp xã",
    "co_quan_duoc_uy_quyen": [],
    "co_quan_phoi_hop": ["Công an xã"],
    "ket_qua_thuc_hien": ["Giấy chứng nhận kết hôn"],
    "can_cu_phap_ly": [
        {
            "so_ky_hieu": "60/2014/QH13",
            "trich_yeu": "Luật Hộ tịch",
            "ngay_ban_hanh": "2014-11-20",
            "co_quan_ban_hanh": "Quốc hội",
        }
    ],
    "yeu_cau_dieu_kien": "Không",  # staff ticked "Không có yêu cầu, điều kiện"
    "tu_khoa": ["kết hôn"],
    "mo_ta": "Đăng ký kết hôn giữa công dân Việt Nam cư trú trong nước.",
    "duong_dan": "dang-ky-ket-hon-1-012753-h19",
    "muc_do_dvc_truc_tuyen": "toan_trinh",
    "tiep_nhan_mot_cua": True,
    "nhom_lien_thong": "Liên thông hộ tịch",
    "thu_tuc_lien_quan": [{"ma_thu_tuc": "1.001193", "ten_thu_tuc": "Thủ tục đăng ký khai sinh"}],
    "thu_tuc_thay_the": None,
    "don_vi_chu_tri": {"ten": "Sở Tư pháp", "ma": "so-tu-phap", "ma_quoc_gia": "000.00.15.H55"},
    "ma_quoc_gia": {
        "linh_vuc": "G09-TP03",
        "cap_thuc_hien": [{"ten": "Cấp Xã", "ma": "3"}],
        "co_quan": [{"ten": "Ủy ban nhân dân cấp xã", "ma": "000.00.00.X01"}],
    },
    "thoi_han_cau_truc": [
        {
            "hinh_thuc_nop": "Trực tiếp",
            "trang_thai": "manual",
            "ly_do": "Cán bộ xác nhận",
            "cac_truong_hop": [
                {"so_luong": "0", "don_vi": "same_day", "tinh_tu": "receipt", "truong_hop": "", "toi_da": False}
            ],
        },
        {
            "hinh_thuc_nop": "Trực tuyến",
            "trang_thai": "manual",
            "cac_truong_hop": [
                {
                    "so_luong": "1",
                    "don_vi": "working_days",
                    "tinh_tu": "complete_dossier",
                    "truong_hop": "Hồ sơ đầy đủ",
                    "toi_da": True,
                }
            ],
        },
    ],
    "quyet_dinh_cong_bo_tinh": [
        {
            "so_quyet_dinh": "100/QĐ-UBND",
            "ngay_ky": "2019-01-02",
            "ngay_hieu_luc": "2019-01-15",
            "loai": "new",
            "van_ban": None,
            "noi_dung_thay_doi": None,
            "thu_tuc_thay_the": None,
        },
        {
            "so_quyet_dinh": "345/QĐ-UBND",
            "ngay_ky": "2020-07-03",
            "ngay_hieu_luc": "2020-07-15",
            "loai": "amended",
            "van_ban": {
                "so_ky_hieu": "04/2020/TT-BTP",
                "trich_yeu": "Quy định chi tiết thi hành Luật Hộ tịch",
                "ngay_ban_hanh": "2020-05-28",
                "co_quan_ban_hanh": "Bộ Tư pháp",
            },
            "noi_dung_thay_doi": "Sửa đổi thành phần hồ sơ",
            "thu_tuc_thay_the": None,
        },
    ],
    "trang_thai": {"ma": "in_force", "tu_ngay": "2020-07-15", "den_ngay": None, "so_quyet_dinh": "345/QĐ-UBND"},
    "phien_ban": 2,
}


def _json(**scope) -> bytes:
    stream = io.BytesIO()
    procedures_export_json(scope=export_scope(**scope), stream=stream, generated_at=STAMP)
    return stream.getvalue()


def _records(**scope) -> dict:
    return {record["ma_thu_tuc"] or record["duong_dan"]: record for record in json.loads(_json(**scope))["procedures"]}


def test_every_field_staff_enter_is_exported():
    announced_catalog()

    assert _records()["1.012753.H19"] == EVERY_FIELD


def test_xml_carries_every_field_and_validates_against_the_xsd(tmp_path):
    announced_catalog()
    stream = io.BytesIO()
    procedures_export_xml(scope=export_scope(), stream=stream, generated_at=STAMP)

    root = etree.fromstring(stream.getvalue())
    ns = {"t": "urn:tthc-exchange:1"}
    record = root.xpath("//t:thu_tuc[t:ma_thu_tuc='1.012753.H19']", namespaces=ns)[0]
    read = {
        path: record.xpath(f"string(t:{path})", namespaces=ns)
        for path in (
            "muc_do_dvc_truc_tuyen",
            "tiep_nhan_mot_cua",
            "nhom_lien_thong",
            "thu_tuc_lien_quan/t:muc/t:ma_thu_tuc",
            "don_vi_chu_tri/t:ma_quoc_gia",
            "ma_quoc_gia/t:linh_vuc",
            "ma_quoc_gia/t:co_quan/t:muc/t:ma",
            "quyet_dinh_cong_bo_tinh/t:muc[2]/t:van_ban/t:so_ky_hieu",
            "quyet_dinh_cong_bo_tinh/t:muc[2]/t:noi_dung_thay_doi",
            "trang_thai/t:so_quyet_dinh",
            "phien_ban",
        )
    }
    schema = etree.XMLSchema(etree.parse("exchange/schemas/tthc-exchange-1.xsd"))
    assert schema.validate(root), schema.error_log
    assert read == {
        "muc_do_dvc_truc_tuyen": "toan_trinh",
        "tiep_nhan_mot_cua": "true",
        "nhom_lien_thong": "Liên thông hộ tịch",
        "thu_tuc_lien_quan/t:muc/t:ma_thu_tuc": "1.001193",
        "don_vi_chu_tri/t:ma_quoc_gia": "000.00.15.H55",
        "ma_quoc_gia/t:linh_vuc": "G09-TP03",
        "ma_quoc_gia/t:co_quan/t:muc/t:ma": "000.00.00.X01",
        "quyet_dinh_cong_bo_tinh/t:muc[2]/t:van_ban/t:so_ky_hieu": "04/2020/TT-BTP",
        "quyet_dinh_cong_bo_tinh/t:muc[2]/t:noi_dung_thay_doi": "Sửa đổi thành phần hồ sơ",
        "trang_thai/t:so_quyet_dinh": "345/QĐ-UBND",
        "phien_ban": "2",
    }


def test_default_scope_holds_the_versions_in_force_only():
    announced_catalog()

    assert sorted(_records()) == ["1.001193", "1.012753.H19"]


def test_version_in_force_is_exported_not_the_working_copy():
    catalog = announced_catalog()
    Procedure.objects.filter(pk=catalog["procedure"].pk).update(name="Tên đang sửa, chưa công bố")

    assert _records()["1.012753.H19"]["ten_thu_tuc"] == "Thủ tục đăng ký kết hôn"


def test_include_drafts_adds_working_copies_marked_as_such():
    announced_catalog()

    records = _records(include_drafts=True)

    assert (records["thu-tuc-du-thao"]["ban_lam_viec"], "ban_lam_viec" in records["1.012753.H19"]) == (True, False)


def test_decision_scope_holds_the_versions_it_made_and_ended():
    announced_catalog()

    records = _records(decision_number="345/QĐ-UBND")

    assert {code: record["trang_thai"]["ma"] for code, record in records.items()} == {
        "1.012753.H19": "in_force",
        "1.000001": "abolished",
    }


def test_changed_since_holds_what_took_effect_or_ended_since():
    announced_catalog()

    assert sorted(_records(changed_since=dt.date(2020, 1, 1))) == ["1.000001", "1.012753.H19"]


# --- moving a catalog between installations ---------------------------------------------------------------


def _published_history() -> list[tuple]:
    return sorted(
        (v.code, v.number, v.valid_from, v.valid_until, v.decision.number if v.decision else None)
        for v in ProcedureVersion.objects.select_related("decision")
    )


def test_round_trip_as_published_recreates_the_versions_in_force_and_exports_the_same_bytes():
    with transaction.atomic():
        announced_catalog()
        first = _json()
        in_force = [
            entry for entry in _published_history() if entry[3] is None and entry[0] in ("1.001193", "1.012753.H19")
        ]
        transaction.set_rollback(True)
    assert not Procedure.objects.exists()

    procedures_import(document=json.loads(first), as_published=True)

    assert _published_history() == in_force
    assert _json() == first


def test_as_published_recreates_the_decisions_and_items():
    with transaction.atomic():
        announced_catalog()
        first = _json()
        transaction.set_rollback(True)

    procedures_import(document=json.loads(first), as_published=True)

    item = DecisionItem.objects.get(decision__number="345/QĐ-UBND", procedure__code="1.012753.H19")
    assert (item.category, item.legal_document.number, item.change_note, item.version.number) == (
        "amended",
        "04/2020/TT-BTP",
        "Sửa đổi thành phần hồ sơ",
        2,
    )
    assert AnnouncementDecision.objects.get(number="345/QĐ-UBND").status == "applied"


def test_import_without_the_flag_stays_unpublished():
    with transaction.atomic():
        announced_catalog()
        first = _json()
        transaction.set_rollback(True)

    procedures_import(document=json.loads(first))

    assert (ProcedureVersion.objects.count(), set(Procedure.objects.values_list("status", flat=True))) == (
        0,
        {"approved"},
    )


def test_as_published_refuses_a_procedure_that_already_has_versions():
    announced_catalog()
    document = json.loads(_json())

    with pytest.raises(ImportRefused) as refused:
        procedures_import(document=document, as_published=True)

    assert {problem.path for problem in refused.value.result.problems} == {"ma_thu_tuc"}


def test_command_round_trip_as_published(tmp_path):
    with transaction.atomic():
        announced_catalog()
        call_command("export_procedures", "--format", "json", "-o", str(tmp_path / "a.json"), verbosity=0)
        transaction.set_rollback(True)

    call_command("import_procedures", str(tmp_path / "a.json"), "--as-published", verbosity=0)

    assert ProcedureVersion.objects.filter(code="1.012753.H19", number=2, valid_from=dt.date(2020, 7, 15)).exists()
