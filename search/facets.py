"""Facet combinations: documents with the same facet values share one 64-bit id, so every engine counts its
matches per combination (a few hundred or thousand) and the facet counts are summed here, filters applied per
combination. The database table holds each combination's values (`SearchDocument.facet_keys`); every index
write clears the cached maps."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class FacetTable:
    """The combinations as integer ids of their values, so summing a thousand combinations' matches is a few
    thousand additions (built once per version of the combinations and labels)."""

    values: tuple[tuple[str, str, str], ...]  # value id → (facet, value, label)
    by_facet: dict[int, tuple[tuple[int, ...], ...]]  # combination → its value ids, per facet of `FACETS`
    every: dict[int, tuple[int, ...]]  # combination → all its value ids

    @classmethod
    def build(cls, combos: dict[int, dict[str, list[str]]], labels: dict[tuple[str, str], str]) -> "FacetTable":
        ids: dict[tuple[str, str], int] = {}
        by_facet = {
            combo: tuple(
                tuple(ids.setdefault((facet, value), len(ids)) for value in keys.get(facet, ())) for facet in FACETS
            )
            for combo, keys in combos.items()
        }
        values = tuple((facet, value, labels.get((facet, value), value)) for facet, value in ids)
        every = {combo: tuple(i for group in groups for i in group) for combo, groups in by_facet.items()}
        return cls(values, by_facet, every)

    def counts(self, totals: list[int]) -> dict[str, list[tuple[str, str, int]]]:
        out: dict[str, list[tuple[str, str, int]]] = {facet: [] for facet in FACETS}
        for index, n in enumerate(totals):
            if n:
                facet, value, label = self.values[index]
                out[facet].append((value, label, n))
        return out


_table: tuple[object, object, FacetTable] | None = None  # (combinations map, labels map, their table)


def facet_table(wanted: Iterable[int] = ()) -> FacetTable:
    """The table of the index's combinations; read again if some of `wanted` were indexed since this process
    read them."""
    global _table
    combos = facet_combinations()
    if any(combo not in combos for combo in wanted):
        version_bump(FACET_COMBOS_CACHE_KEY)
        combos = facet_combinations()
    labels = facet_labels()
    if _table is None or _table[0] is not combos or _table[1] is not labels:
        _table = (combos, labels, FacetTable.build(combos, labels))
    return _table[2]


def facet_counts(grouped: list[tuple[int, list[int]]]) -> dict[str, list[tuple[str, str, int]]]:
    """Per facet, (value, label, count) from (combination, [matches counted for each of `FACETS`]) rows."""
    table = facet_table([combo for combo, _ns in grouped])
    totals = [0] * len(table.values)
    for combo, ns in grouped:
        for ids, n in zip(table.by_facet.get(combo, ()), ns, strict=False):
            if n:
                for i in ids:
                    totals[i] += n
    return table.counts(totals)


def facet_counts_filtered(
    matches: list[tuple[int, int]], filters: dict[str, list[str]]
) -> dict[str, list[tuple[str, str, int]]]:
    """Facet counts from the matches per combination before any filter: each facet's counts apply every filter
    but its own (disjunctive faceting: a chosen value's alternatives keep their counts)."""
    table = facet_table([combo for combo, _n in matches])
    totals = [0] * len(table.values)
    selected = {FACETS.index(f): set(values) for f, values in filters.items() if values and f in FACETS}
    for combo, n in matches:
        groups = table.by_facet.get(combo)
        if groups is None:  # not in the database's index (yet): no values to count
            continue
        failed = [
            index for index, values in selected.items() if not any(table.values[i][1] in values for i in groups[index])
        ]
        if not failed:  # passes every filter: counted for every facet
            ids = table.every[combo]
        elif len(failed) == 1:  # fails one filter: counted only for that facet (its own filter is not applied)
            ids = groups[failed[0]]
        else:
            continue
        for i in ids:
            totals[i] += n
    return table.counts(totals)
