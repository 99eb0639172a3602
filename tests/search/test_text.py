"""Vietnamese text handling shared by every backend."""

import pytest

from search.query import Alternative, query_expand
from search.text import folded_text, national_code, original_text, tokens, within_one_edit


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


def test_synonym_expansion_replaces_the_everyday_name():
    groups = [[("giay", "chung", "nhan"), ("so", "do")]]
    assert query_expand(("cap", "so", "do"), groups)[1] == Alternative(("cap", "giay", "chung", "nhan"), 0.9)
