"""Facet counts summed from the matches per facet combination (search.facets), as both kinds of engine do."""

import pytest

from catalog.choices import Channel
from search.facets import facet_counts_filtered
from search.models import SearchDocument
from search.services.indexing import search_index_update
from tests.factories.catalog import FieldFactory
from tests.factories.search import procedure_in_force

pytestmark = pytest.mark.django_db


def combination(**kwargs) -> int:
    """Index one procedure in force and give its facet combination."""
    procedure = procedure_in_force(**kwargs)
    search_index_update(procedure_ids=[procedure.pk])
    return SearchDocument.objects.get(procedure=procedure).facet_combo


def counts(result: dict, facet: str) -> dict[str, int]:
    return {value: n for value, _label, n in result[facet]}


@pytest.fixture
def matches() -> list[tuple[int, int]]:
    """3 matches of the birth combination, 5 of the land one."""
    civil = FieldFactory(name="Hộ tịch", slug="ho-tich")
    land = FieldFactory(name="Đất đai", slug="dat-dai")
    birth = combination(name="Đăng ký khai sinh", field=civil, levels=("xa",), channels=(Channel.IN_PERSON,))
    register = combination(name="Đăng ký đất đai", field=land, levels=("xa", "huyen"), channels=(Channel.ONLINE,))
    return [(birth, 3), (register, 5)]


def test_every_value_of_a_combination_counts_its_matches(matches):
    result = facet_counts_filtered(matches, {})
    assert counts(result, "level") == {"xa": 8, "huyen": 5}


def test_values_carry_their_labels(matches):
    result = facet_counts_filtered(matches, {})
    assert ("dat-dai", "Đất đai", 5) in result["field"]


def test_a_facet_counts_without_its_own_filter(matches):
    result = facet_counts_filtered(matches, {"field": ["ho-tich"]})
    assert counts(result, "field") == {"ho-tich": 3, "dat-dai": 5}


def test_other_facets_count_within_the_filter(matches):
    result = facet_counts_filtered(matches, {"field": ["ho-tich"]})
    assert counts(result, "channel") == {Channel.IN_PERSON: 3}


def test_two_filters_narrow_each_other_facet(matches):
    result = facet_counts_filtered(matches, {"field": ["dat-dai"], "level": ["xa"]})
    assert counts(result, "level") == {"xa": 5, "huyen": 5}


def test_a_combination_indexed_after_the_first_counts_is_counted(matches):
    facet_counts_filtered(matches, {})  # the combinations are read and held
    later = combination(name="Quyết toán thuế", field=FieldFactory(name="Thuế", slug="thue"))
    result = facet_counts_filtered([*matches, (later, 2)], {})
    assert counts(result, "field")["thue"] == 2
