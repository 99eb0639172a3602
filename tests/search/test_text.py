"""Vietnamese text handling shared by every backend."""

import pytest

from search.text import (
    folded_text,
    is_syllable,
    keyboard_decode,
    name_head,
    national_code,
    original_text,
    regional_variants,
    tokens,
    tone_signature,
    within_one_edit,
)


def test_folding_removes_diacritics_including_d_bar():
    assert folded_text("Đăng ký Khai sinh") == "dang ki khai sinh"


def test_ky_and_ki_fold_to_the_same_syllable():
    assert folded_text("ký") == folded_text("kí")


def test_quy_keeps_its_y():
    assert folded_text("quy định") == "quy dinh"


def test_original_form_keeps_diacritics_and_casefolds():
    assert original_text("ĐĂNG KÝ") == "đăng ký"


def test_decomposed_input_is_composed_first():
    assert original_text("Đăng ky\u0301") == "đăng ký"


def test_tokens_keep_national_codes_whole():
    assert tokens("mã 1.001193") == ["mã", "1.001193"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("1.001193", "1.001193"),
        (" 2.000986 ", "2.000986"),
        ("1.0011", None),
        ("1.012753.H19", "1.012753.H19"),
        ("1.012753.h19", "1.012753.H19"),
        ("1.001234.000.00.00.H55", "1.001234.000.00.00.H55"),
    ],
)
def test_national_code_is_recognised(query, code):
    assert national_code(query) == code


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("sinh", "sihn", True), ("sinh", "sin", True), ("sinh", "xinh", True), ("sinh", "son", False)],
)
def test_one_edit(a, b, expected):
    assert within_one_edit(a, b) is expected


def test_numbers_fold_without_leading_zeros():
    assert folded_text("mức độ 02") == "muc do 2"


@pytest.mark.parametrize(
    ("typed", "letters", "tone"),
    [
        ("caaps", "câp", "s"),
        ("bawngf", "băng", "f"),
        ("nghieepj", "nghiêp", "j"),
        ("đôngj", "đông", "j"),
        ("tuwf", "tư", "f"),
    ],
)
def test_telex_leftovers_are_undone(typed, letters, tone):
    assert keyboard_decode(typed) == (letters, tone)


def test_vni_leftovers_are_undone():
    assert keyboard_decode("d9a8ng") == ("đăng", "")


def test_a_word_without_keyboard_leftovers_is_left_alone():
    assert keyboard_decode("xin") is None


def test_tone_signature_splits_letters_and_tone():
    assert tone_signature("nghiệp") == ("nghiêp", "j")


@pytest.mark.parametrize(("word", "expected"), [("nghiep", True), ("khuyen", True), ("cccd", False), ("vneid", False)])
def test_syllable_shape(word, expected):
    assert is_syllable(word) is expected


def test_southern_reading_of_sinh_is_a_regional_variant():
    assert "sinh" in regional_variants("sanh")


def test_name_head_stops_at_the_qualifier():
    assert name_head("Cấp giấy phép xây dựng mới đối với công trình cấp III") == [
        "cap",
        "giay",
        "phep",
        "xay",
        "dung",
        "moi",
    ]


def test_name_head_drops_a_leading_thu_tuc():
    assert name_head("Thủ tục đăng ký khai sinh") == ["dang", "ki", "khai", "sinh"]


def test_name_head_keeps_coordinated_actions():
    assert name_head("Cấp giấy phép xây dựng, cải tạo đường ngang")[-2:] == ["duong", "ngang"]
