"""Elasticsearch counts the facets without a filter of their own in one aggregation over each document's facet
values; an index made before that field counts them one aggregation per facet, with the same answers."""

import pytest

from catalog.choices import Channel
from search.backends.elastic import FACET_VALUES_FIELD, FACET_VALUES_META, MAPPING, SETTINGS
from search.selectors import procedure_search
from search.services.indexing import search_index_update
from tests.factories.catalog import FieldFactory
from tests.factories.search import procedure_in_force

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

QUERY = "giay phep xay dung"


@pytest.fixture
def backend(elasticsearch_index, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    return elasticsearch_index


def _procedures():
    land = FieldFactory(name="Đất đai", slug="dat-dai")
    build = FieldFactory(name="Xây dựng", slug="xay-dung")
    return [
        procedure_in_force(
            name="Cấp giấy phép xây dựng nhà ở riêng lẻ", code="1.200001", field=build, levels=("huyen",)
        ),
        procedure_in_force(
            name="Điều chỉnh giấy phép xây dựng công trình",
            code="1.200002",
            field=build,
            levels=("tinh", "huyen"),
            channels=(Channel.IN_PERSON, Channel.ONLINE),
        ),
        procedure_in_force(name="Giấy phép xây dựng trên đất nông nghiệp", code="1.200003", field=land, levels=("xa",)),
    ]


def _facets(**filters) -> dict[str, dict[str, int]]:
    results = procedure_search(q=QUERY, filters={k: [v] for k, v in filters.items()})
    return {facet: {b.value: b.count for b in buckets} for facet, buckets in results.facets.items()}


@pytest.mark.parametrize("filters", [{}, {"field": "xay-dung"}, {"field": "xay-dung", "level": "tinh"}])
def test_one_aggregation_counts_as_one_per_facet(backend, monkeypatch, filters):
    search_index_update(procedure_ids=[p.pk for p in _procedures()])
    together = _facets(**filters)
    monkeypatch.setattr(backend, "_has_facet_values", lambda: False)
    assert _facets(**filters) == together


def test_one_aggregation_counts_every_facet(backend):
    search_index_update(procedure_ids=[p.pk for p in _procedures()])
    facets = _facets()
    assert (facets["field"], facets["level"], facets["channel"]) == (
        {"xay-dung": 2, "dat-dai": 1},
        {"huyen": 2, "tinh": 1, "xa": 1},
        {"truc_tiep": 3, "truc_tuyen": 1},
    )


def test_an_index_made_before_the_facet_values_takes_new_documents(backend):
    old = {
        **MAPPING,
        "_meta": {},
        "properties": {k: v for k, v in MAPPING["properties"].items() if k != FACET_VALUES_FIELD},
    }
    writer = backend._writer()
    writer.indices.create(index=f"{backend.alias}_old", mappings=old, settings=SETTINGS)
    writer.indices.put_alias(index=f"{backend.alias}_old", name=backend.alias)
    search_index_update(procedure_ids=[p.pk for p in _procedures()])
    mapping = writer.indices.get_mapping(index=backend.alias).body[f"{backend.alias}_old"]["mappings"]
    assert (FACET_VALUES_META in (mapping.get("_meta") or {}), _facets()["field"]) == (
        False,
        {"xay-dung": 2, "dat-dai": 1},
    )
