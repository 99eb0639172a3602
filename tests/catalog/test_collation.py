"""Vietnamese alphabetical order: the Python key, and the database order on SQLite and PostgreSQL."""

import pytest

from catalog.collation import order_by_vietnamese, vietnamese_sort_key
from catalog.models import Field

DICTIONARY_ORDER = [
    "An toàn vệ sinh",
    "Ăn uống",
    "Ân xá",
    "Ba",
    "Bà",
    "Bả",
    "Bã",
    "Bá",
    "Bạ",
    "Dân số",
    "Đà Nẵng",
    "Ơn",
    "Ưu đãi",
]


def test_python_key_sorts_letters_then_tones():
    scrambled = DICTIONARY_ORDER[1::2] + DICTIONARY_ORDER[::-2]
    assert sorted(scrambled, key=vietnamese_sort_key) == DICTIONARY_ORDER


def test_python_key_ignores_leading_numbering_and_punctuation():
    assert sorted(["2. Xây dựng", "(Bảo hiểm)", "1. Đất đai"], key=vietnamese_sort_key) == [
        "(Bảo hiểm)",
        "1. Đất đai",
        "2. Xây dựng",
    ]


def test_python_key_ignores_inner_punctuation():
    assert (
        vietnamese_sort_key("An toàn, vệ sinh").split("\x01")[:3]
        == vietnamese_sort_key("An toàn vệ sinh").split("\x01")[:3]
    )


@pytest.mark.django_db
def test_database_order_matches_python_key():
    names = ["Đường bộ", "Dược", "Xây dựng", "Ăn uống", "1. An ninh", "Bảo hiểm", "Bà mẹ", "Ưu đãi", "Ung thư"]
    for i, name in enumerate(names):
        Field.objects.create(name=name, slug=f"f-{i}")
    ordered = list(order_by_vietnamese(Field.objects.all(), "name").values_list("name", flat=True))
    assert ordered == sorted(names, key=vietnamese_sort_key)
