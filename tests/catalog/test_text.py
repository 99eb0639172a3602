"""Procedure names as a source lists them: the list marker before a name is not part of it."""

import pytest

from catalog.text import procedure_name_clean


@pytest.mark.parametrize(
    ("listed", "name"),
    [
        (". Thủ tục chấp thuận", "Thủ tục chấp thuận"),
        ("1.\tCông nhận tỉnh đạt chuẩn", "Công nhận tỉnh đạt chuẩn"),
        ("- Cấp giấy phép", "Cấp giấy phép"),
        ("a) Đăng ký khai sinh", "Đăng ký khai sinh"),
        ("2. (Cấp tỉnh) Cấp giấy phép", "(Cấp tỉnh) Cấp giấy phép"),
    ],
)
def test_a_list_marker_before_a_name_is_dropped(listed, name):
    assert procedure_name_clean(listed) == name


@pytest.mark.parametrize("name", ["(Cấp xã) Đăng ký khai sinh", "Đăng ký khai sinh", "3 thủ tục liên thông", "A) B"])
def test_a_name_without_a_list_marker_is_kept(name):
    assert procedure_name_clean(name) == name
