"""What a published version says, in words: unknown is never "none", time limits carry their unit."""

import pytest

from catalog.published import (
    channel_rows,
    fee_statement,
    national_portal_url,
    online_service_statement,
    requirements_statement,
    time_limit_statement,
)

ONLINE = {"channel": "truc_tuyen", "channel_label": "Trực tuyến", "time_limit_text": "05 ngày làm việc"}
IN_PERSON = {"channel": "truc_tiep", "channel_label": "Trực tiếp", "time_limit_text": "05 ngày làm việc"}


def test_unknown_fee_reads_missing_information_and_is_flagged():
    assert fee_statement({"fee_text": None}) == ("Chưa có thông tin", True)


def test_fee_stated_as_none_by_staff_reads_khong():
    assert fee_statement({"fee_text": None, "no_fee": True}) == ("Không", False)


def test_published_fee_text_is_kept():
    assert fee_statement({"fee_text": "Lệ phí: 50.000 đồng"}) == ("Lệ phí: 50.000 đồng", False)


def test_unknown_requirements_read_missing_information_never_khong():
    assert requirements_statement({"requirements": ""}) == ("Chưa có thông tin", True)


def test_requirements_stated_as_none_read_khong():
    assert requirements_statement({"requirements": "", "no_requirements": True}) == ("Không", False)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1", "1 (chưa rõ đơn vị)"),
        ("3,5", "3,5 (chưa rõ đơn vị)"),
        ("1 Ngày làm việc", "1 Ngày làm việc"),
        ("08 giờ làm việc", "08 giờ làm việc"),
        ("Ngay trong ngày làm việc", "Ngay trong ngày làm việc"),
        ("2 Tháng", "2 Tháng"),
    ],
)
def test_time_limit_is_always_shown_with_its_unit(text, shown):
    assert time_limit_statement({"time_limit_text": text}).text == shown


def test_missing_time_limit_reads_missing_information():
    assert time_limit_statement({"time_limit_text": ""}) == ("Chưa có thông tin", True)


def test_online_channel_never_reads_not_online_when_the_level_is_unknown():
    statement = online_service_statement({"online_service_level": "", "channels": [ONLINE]})
    assert (statement.text, statement.unknown) == ("Có nộp hồ sơ trực tuyến (mức độ: chưa có thông tin)", True)


def test_online_channel_never_reads_not_online_even_when_staff_chose_it():
    statement = online_service_statement({"online_service_level": "khong", "channels": [ONLINE]})
    assert "Không cung cấp trực tuyến" not in statement.text


def test_not_online_is_said_only_when_staff_chose_it_and_no_channel_is_online():
    assert online_service_statement({"online_service_level": "khong", "channels": [IN_PERSON]}).text == (
        "Không cung cấp trực tuyến"
    )


def test_unknown_online_level_without_online_channel_reads_missing_information():
    assert online_service_statement({"online_service_level": "", "channels": [IN_PERSON]}) == (
        "Chưa có thông tin",
        True,
    )


def test_known_online_level_reads_its_label():
    assert online_service_statement({"online_service_level": "toan_trinh", "channels": [ONLINE]}).text == ("Toàn trình")


def test_national_portal_url_carries_the_code(settings):
    settings.NATIONAL_PORTAL_PROCEDURE_URL = "https://dvc.example/tthc?ma={code}"
    assert national_portal_url("1.012753.H19") == "https://dvc.example/tthc?ma=1.012753.H19"


def test_channel_rows_carry_label_time_limit_and_fee():
    [row] = channel_rows({"channels": [dict(IN_PERSON, time_limit_text="1", fee_text=None)]})
    assert (row["label"], row["time_limit_display"], row["fee_display"], row["fee_unknown"]) == (
        "Trực tiếp",
        "1 (chưa rõ đơn vị)",
        "Chưa có thông tin",
        True,
    )
