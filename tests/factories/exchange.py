"""Factories for `tthc-exchange/1` documents (plain dicts, as read from a file)."""

import factory


def _channels():
    return [
        {
            "hinh_thuc_nop": "Trực tiếp",
            "thoi_han_giai_quyet": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "phi_le_phi": "Lệ phí: 50.000 đồng",
            "mo_ta": None,
        },
        {"hinh_thuc_nop": "Trực tuyến", "thoi_han_giai_quyet": "1", "phi_le_phi": None, "mo_ta": "Nộp qua Cổng"},
    ]


def _dossier():
    return [
        {
            "truong_hop": None,
            "giay_to": [
                {
                    "ten_giay_to": "Tờ khai theo mẫu",
                    "mau_don_to_khai": ["Mẫu 01.docx"],
                    "so_ban_chinh": 1,
                    "so_ban_sao": 0,
                },
                {
                    "ten_giay_to": "Bản sao giấy tờ tùy thân",
                    "mau_don_to_khai": [],
                    "so_ban_chinh": None,
                    "so_ban_sao": 1,
                },
            ],
        }
    ]


class ExchangeProcedureFactory(factory.DictFactory):
    """One procedure object with every key of the format filled."""

    ma_thu_tuc = factory.Sequence(lambda n: f"2.{n + 500000:06d}")
    ten_thu_tuc = factory.Sequence(lambda n: f"Thủ tục cấp giấy phép thử nghiệm số {n}")
    so_quyet_dinh = "1872/QĐ-BTP"
    cap_thuc_hien = factory.LazyFunction(lambda: ["Cấp Tỉnh", "Cấp xã"])
    loai_thu_tuc = "TTHC được giao luật quy định chi tiết"
    linh_vuc = "Hộ tịch"
    trinh_tu_thuc_hien = factory.LazyFunction(lambda: ["Bước 1: Nộp hồ sơ", "Bước 2: Nhận kết quả"])
    cach_thuc_thuc_hien = factory.LazyFunction(_channels)
    thanh_phan_ho_so = factory.LazyFunction(_dossier)
    doi_tuong_thuc_hien = factory.LazyFunction(lambda: ["Công dân Việt Nam"])
    co_quan_thuc_hien = factory.LazyFunction(lambda: ["Sở Tư pháp"])
    co_quan_co_tham_quyen = factory.LazyFunction(lambda: ["Ủy ban nhân dân cấp tỉnh"])
    dia_chi_tiep_nhan = None
    co_quan_duoc_uy_quyen = factory.LazyFunction(list)
    co_quan_phoi_hop = factory.LazyFunction(list)
    ket_qua_thuc_hien = factory.LazyFunction(lambda: ["Giấy phép"])
    can_cu_phap_ly = factory.LazyFunction(
        lambda: [
            {
                "so_ky_hieu": "60/2014/QH13",
                "trich_yeu": "Luật Hộ tịch",
                "ngay_ban_hanh": "2014-11-20",
                "co_quan_ban_hanh": "Quốc hội",
            }
        ]
    )
    yeu_cau_dieu_kien = None
    tu_khoa = factory.LazyFunction(lambda: ["giấy phép"])
    mo_ta = None
    nguon = factory.LazyFunction(lambda: {"repo": "chatbot-tthc/chatbot_tthc", "path": "x.json"})


def exchange_document(*procedures, **header):
    """A whole document around the given procedure objects."""
    return {"format": "tthc-exchange/1", **header, "procedures": list(procedures)}
