"""Facet combinations: documents with the same facet values share one 64-bit id, so every engine counts its
matches per combination (a few hundred or thousand) and the facet counts are summed here, filters applied per
combination. The database table holds each combination's values (`SearchDocument.facet_keys`); every index
write clears the cached maps."""

import hashlib
import json
from collections import defaultdict

from config.versioned_cache import version_bump, versioned_local
from search.documents import FACETS
from search.models import SearchDocument, SearchFacetValue

FACET_LABELS_CACHE_KEY = "search:facet-labels"
FACET_COMBOS_CACHE_KEY = "search:facet-combinations"


def facet_keys(facets: dict[str, list[tuple[str, str]]]) -> dict[str, list[str]]:
    """The document's facet values (per facet, sorted); labels come from `facet_labels`."""
    return {facet: sorted({value[:255] for value, _label in facets.get(facet, [])}) for facet in FACETS}


def facet_combination(keys: dict[str, list[str]]) -> int:
    """A stable 64-bit id of a facet combination (documents with the same facet values share it)."""
    digest = hashlib.blake2b(json.dumps(keys, sort_keys=True).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def facet_combinations() -> dict[int, dict[str, list[str]]]:
    """Combination id → its facet values, for every combination in the index (cached; writes clear it)."""
    return versioned_local(
        FACET_COMBOS_CACHE_KEY,
        lambda: dict(SearchDocument.objects.values_list("facet_combo", "facet_keys").distinct()),
    )


def facet_labels() -> dict[tuple[str, str], str]:
    """(facet, value) → label of every facet value in the index (cached; index writes clear it)."""
    return versioned_local(
        FACET_LABELS_CACHE_KEY,
        lambda: {
            (facet, value): label
            for facet, value, label in SearchFacetValue.objects.values_list("facet", "value", "label").distinct()
        },
    )


def _combinations(wanted: list[int]) -> dict[int, dict[str, list[str]]]:
    """`facet_combinations()`, built again if some of `wanted` were indexed since this process built it."""
    combos = facet_combinations()
    if any(combo not in combos for combo in wanted):
        version_bump(FACET_COMBOS_CACHE_KEY)
        combos = facet_combinations()
    return combos


def facet_counts(
    grouped: list[tuple[int, list[int]]], *, combos: dict[int, dict[str, list[str]]] | None = None
) -> dict[str, list[tuple[str, str, int]]]:
    """Per facet, (value, label, count) from (combination, [matches counted for each of `FACETS`]) rows."""
    if combos is None:
        combos = _combinations([combo for combo, _ns in grouped])
    raw: dict[str, dict[str, int]] = {facet: defaultdict(int) for facet in FACETS}
    for combo, ns in grouped:
        keys = combos.get(combo, {})
        for index, facet in enumerate(FACETS):
            if ns[index]:
                counts = raw[facet]
                for value in keys.get(facet, ()):
                    counts[value] += ns[index]
    labels = facet_labels() if any(raw.values()) else {}
    return {
        facet: [(value, labels.get((facet, value), value), n) for value, n in buckets.items()]
        for facet, buckets in raw.items()
    }


def facet_counts_filtered(
    matches: list[tuple[int, int]], filters: dict[str, list[str]]
) -> dict[str, list[tuple[str, str, int]]]:
    """Facet counts from the matches per combination before any filter: each facet's counts apply every filter
    but its own (disjunctive faceting: a chosen value's alternatives keep their counts)."""
    combos = _combinations([combo for combo, _n in matches])
    selected = {facet: set(values) for facet, values in filters.items() if values and facet in FACETS}
    grouped = []
    for combo, n in matches:
        keys = combos.get(combo, {})
        passes = {facet: bool(values.intersection(keys.get(facet, ()))) for facet, values in selected.items()}
        grouped.append(
            (combo, [n if all(ok for other, ok in passes.items() if other != facet) else 0 for facet in FACETS])
        )
    return facet_counts(grouped, combos=combos)
