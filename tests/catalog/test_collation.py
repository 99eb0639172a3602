"""Vietnamese alphabetical order: the Python key, and the database order on SQLite and PostgreSQL."""

import pytest

from catalog.admin_search import vietnamese_ordering
from catalog.collation import order_by_vietnamese, vietnamese_order_slice, vietnamese_sort_key
from catalog.models import Field, Procedure
from tests.factories.catalog import ProcedureFactory

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


# Names alike for more than the indexed prefix of their sort key (SORT_PREFIX_LENGTH letters), differing
# only at the end, in tone or in case: the index alone cannot order them.
LONG_HEAD = (
    "Cấp giấy chứng nhận đủ điều kiện hoạt động cho cơ sở giáo dục nghề nghiệp có vốn đầu tư nước ngoài "
    "và phân hiệu của trường trung cấp"
)
LONG_NAMES = [f"{LONG_HEAD} {tail}" for tail in ("xã", "Xã", "xa", "huyện", "tỉnh", "Á", "à", "a")] + [
    "Ăn uống",
    "Ba",
    "Ưu đãi",
]


def _procedures_in_reverse_order():
    """The procedures of LONG_NAMES, created so that primary keys run against Vietnamese order."""
    for name in sorted(LONG_NAMES, key=vietnamese_sort_key, reverse=True):
        ProcedureFactory(name=name)


def _every_window(queryset, expected):
    for start in range(len(expected)):
        for size in (1, 2, 3, len(expected)):
            rows = vietnamese_order_slice(queryset, start, start + size)
            assert [row.name for row in rows] == expected[start : start + size], (start, size)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_page_read_along_the_sort_key_index_is_the_page_in_vietnamese_order():
    _procedures_in_reverse_order()

    _every_window(order_by_vietnamese(Procedure.objects.all(), "name"), sorted(LONG_NAMES, key=vietnamese_sort_key))


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_page_of_the_descending_order_read_along_the_index_is_the_page_in_reverse_vietnamese_order():
    _procedures_in_reverse_order()

    expected = sorted(LONG_NAMES, key=vietnamese_sort_key, reverse=True)
    _every_window(vietnamese_ordering(Procedure.objects.all(), ["-name"]), expected)


@pytest.mark.django_db
def test_a_queryset_in_another_order_is_not_sliced_along_the_index():
    _procedures_in_reverse_order()

    assert vietnamese_order_slice(Procedure.objects.order_by("pk"), 0, 3) is None
