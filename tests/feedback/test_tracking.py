import math

import pytest

from feedback.tracking import (
    ALPHABET,
    LENGTH,
    tracking_code_hint,
    tracking_code_new,
    tracking_code_normalise,
)


def test_a_code_carries_at_least_fifty_random_bits():
    assert LENGTH * math.log2(len(ALPHABET)) >= 50


def test_the_alphabet_has_no_look_alike_letters():
    assert set("ILOU") & set(ALPHABET) == set()


def test_new_codes_are_grouped_four_four_two():
    assert [len(part) for part in tracking_code_new().split("-")] == [4, 4, 2]


def test_new_codes_differ():
    assert len({tracking_code_new() for _ in range(200)}) == 200


@pytest.mark.parametrize(
    "typed", ["7K3M-9Q1A-20", "7k3m-9q1a-20", "7K3M 9Q1A 20", "7k3m9qla2o", " 7K3M-9QIA-2O ", "7K3M9Q1A20"]
)
def test_what_people_type_reads_as_the_code(typed):
    assert tracking_code_normalise(typed) == "7K3M-9Q1A-20"


@pytest.mark.parametrize("typed", ["7K3M-9Q1A-2", "7K3M-9Q1A-20X", "7K3M-9Q1A-2U", "K9tOQewF0XWc-Sg2", ""])
def test_what_cannot_be_a_code_is_none(typed):
    assert tracking_code_normalise(typed) is None


def test_hint_shows_only_the_last_two_symbols():
    assert tracking_code_hint("7K3M-9Q1A-20") == "••••-••••-20"
