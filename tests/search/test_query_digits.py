"""Digits other than 0–9 (superscripts, other scripts' digits) are words like any other, never a crash."""

import pytest

from search.selectors import procedure_search, procedure_suggest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["¹", "cấp ² bản", "٣", "đăng ký ⁴⁵"])
def test_suggestions_read_unusual_digits_without_failing(q):
    assert procedure_suggest(q=q) == []  # nothing indexed: an answer, not an error


@pytest.mark.parametrize("q", ["¹", "giấy phép ²"])
def test_search_reads_unusual_digits_without_failing(q):
    assert procedure_search(q=q).count == 0  # nothing indexed: an answer, not an error
