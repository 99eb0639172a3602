"""version_diff on realistic snapshots (shape of catalog.snapshots.procedure_snapshot)."""

import copy

from catalog.history import FieldChange, version_diff

BIRTH = {
    "code": "1.001193",
    "slug": "1-001193",
    "name": "Thủ tục đăng ký khai sinh",
    "field": {"name": "Hộ tịch", "slug": "ho-tich"},
    "levels": [{"code": "xa", "name": "Cấp Xã"}],
    "procedure_type": "TTHC được luật giao quy định chi tiết",
    "central_decision_number": "1872/QĐ-BTP",
    "owner_agency": {"code": "so-tp", "name": "Sở Tư pháp"},
    "steps": [
        "Bước 1: Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa UBND cấp xã.",
        "Bước 2: Công chức tư pháp - hộ tịch kiểm tra hồ sơ.",
        "Bước 3: Trả kết quả.",
    ],
    "channels": [
        {
            "channel": "truc_tiep",
            "channel_label": "",
            "time_limit_text": "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.",
            "fee_text": "Miễn lệ phí",
            "description": None,
            "time_limit_status": "parsed",
            "time_limit_flag": "",
        }
    ],
    "time_limits": [
        {
            "channel": "truc_tiep",
            "case": "",
            "amount": "0",
            "unit": "same_day",
            "start_event": "receipt",
            "max_only": False,
        }
    ],
    "dossier": [
        {
            "case": "",
            "items": [
                {
                    "name": "Tờ khai đăng ký khai sinh theo mẫu",
                    "forms": ["Tờ khai đăng ký khai sinh"],
                    "form_document_url": None,
                    "originals": 1,
                    "copies": 0,
                    "required": True,
                },
                {
                    "name": "Giấy chứng sinh",
                    "forms": [],
                    "form_document_url": None,
                    "originals": 1,
                    "copies": 0,
                    "required": True,
                },
            ],
        }
    ],
    "applicants": ["Công dân Việt Nam"],
    "agencies": [
        {"role": "implementing", "name": "Ủy ban nhân dân cấp xã", "agency_code": None},
        {"role": "competent", "name": "Ủy ban nhân dân cấp xã", "agency_code": None},
    ],
    "receiving_address": "Bộ phận Một cửa UBND cấp xã",
    "results": ["Giấy khai sinh"],
    "legal_bases": [
        {"number": "60/2014/QH13", "summary": "Luật Hộ tịch", "issued_on": "2014-11-20", "issuer": "Quốc hội"}
    ],
    "requirements": "",
    "keywords": ["khai sinh"],
    "description": "",
    "related": [],
    "online_service_level": "toan_trinh",
    "one_stop": True,
    "inter_agency_group": "",
}


def amended(**changes):
    snapshot = copy.deepcopy(BIRTH)
    snapshot.update(changes)
    return snapshot


def test_identical_snapshots_have_no_changes():
    assert version_diff(BIRTH, copy.deepcopy(BIRTH)) == []


def test_line_endings_and_trailing_spaces_are_not_changes():
    before = amended(requirements="Có giấy tờ tùy thân.\nCư trú tại xã.")
    steps = [step.replace(" ", "  ") + " \r\n" for step in BIRTH["steps"]]

    after = amended(steps=steps, requirements="Có giấy tờ tùy thân.  \r\nCư trú tại xã.\r\n")

    assert version_diff(before, after) == []


def test_requirements_stated_as_none_read_khong_in_the_diff():
    [change] = version_diff(
        amended(requirements="", no_requirements=False), amended(requirements="", no_requirements=True)
    )

    assert (change.before, change.after) == (None, "Không")


def test_renamed_procedure_is_one_changed_name():
    assert version_diff(BIRTH, amended(name="Thủ tục đăng ký khai sinh lưu động")) == [
        FieldChange("name", "Tên thủ tục", "Thủ tục đăng ký khai sinh", "Thủ tục đăng ký khai sinh lưu động", "changed")
    ]


def test_inserted_step_is_one_added_item_not_every_later_step_changed():
    steps = [*BIRTH["steps"][:1], "Bước 1a: Nộp lệ phí (nếu có).", *BIRTH["steps"][1:]]

    assert version_diff(BIRTH, amended(steps=steps)) == [
        FieldChange("steps", "Trình tự thực hiện", None, "Bước 1a: Nộp lệ phí (nếu có).", "added", 2)
    ]


def test_removed_legal_basis_reads_as_text():
    assert version_diff(BIRTH, amended(legal_bases=[])) == [
        FieldChange(
            "legal_bases",
            "Căn cứ pháp lý",
            "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014 của Quốc hội",
            None,
            "removed",
            1,
        )
    ]


def test_changed_fee_shows_the_whole_channel_before_and_after():
    channels = copy.deepcopy(BIRTH["channels"])
    channels[0]["fee_text"] = "8.000 đồng"

    [change] = version_diff(BIRTH, amended(channels=channels))

    assert (change.field, change.kind, change.after) == (
        "channels",
        "changed",
        "Trực tiếp: Thời hạn giải quyết: Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả "
        "kết quả trong ngày làm việc tiếp theo.; Phí, lệ phí: 8.000 đồng",
    )


def test_structured_time_limit_reads_in_vietnamese():
    limits = [
        {
            "channel": "truc_tuyen",
            "case": "",
            "amount": "3",
            "unit": "working_days",
            "start_event": "complete_dossier",
            "max_only": True,
        }
    ]

    changes = version_diff(BIRTH, amended(time_limits=limits))

    assert [change.after for change in changes if change.kind != "removed"] == [
        "Trực tuyến: không quá 3 ngày làm việc; kể từ ngày nhận đủ hồ sơ hợp lệ"
    ]


def test_dossier_paper_copies_changed_is_one_change():
    dossier = copy.deepcopy(BIRTH["dossier"])
    dossier[0]["items"][1]["copies"] = 1

    assert version_diff(BIRTH, amended(dossier=dossier)) == [
        FieldChange(
            "dossier",
            "Thành phần hồ sơ",
            "Giấy chứng sinh; 1 bản chính, 0 bản sao",
            "Giấy chứng sinh; 1 bản chính, 1 bản sao",
            "changed",
            2,
        )
    ]


def test_new_coordinating_agency_is_labelled_by_role():
    agencies = [*BIRTH["agencies"], {"role": "coordinating", "name": "Công an cấp xã", "agency_code": None}]

    assert version_diff(BIRTH, amended(agencies=agencies)) == [
        FieldChange("agencies.coordinating", "Cơ quan phối hợp", None, "Công an cấp xã", "added", 1)
    ]


def test_changes_come_in_national_portal_order():
    new = amended(description="Đăng ký khai sinh cho trẻ em", name="Đăng ký khai sinh", applicants=["Công dân"])

    assert [change.field for change in version_diff(BIRTH, new)] == ["name", "applicants", "description"]


def test_filled_requirement_is_added():
    [change] = version_diff(BIRTH, amended(requirements="Trẻ em sinh ra tại Việt Nam"))

    assert change.kind == "added"


def test_one_stop_flag_reads_yes_no():
    assert version_diff(BIRTH, amended(one_stop=False)) == [
        FieldChange("one_stop", "Tiếp nhận tại Bộ phận Một cửa", "Có", "Không", "changed")
    ]


def test_online_service_level_reads_its_label():
    [change] = version_diff(BIRTH, amended(online_service_level="mot_phan"))

    assert (change.before, change.after) == ("Toàn trình", "Một phần")


def test_slug_alone_is_not_a_change():
    assert version_diff(BIRTH, amended(slug="dang-ky-khai-sinh")) == []
