"""Facet combinations: documents with the same facet values share one 64-bit id, so every engine counts its
matches per combination (a few hundred or thousand) and the facet counts are summed here, filters applied per
combination. The database table holds each combination's values (`SearchDocument.facet_keys`); every index
write clears the cached table (one version for the combinations and their labels: a search reads it once)."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from config.versioned_cache import version_bump, versioned_local
from search.documents import FACETS
from search.models import SearchDocument, SearchFacetValue

FACETS_CACHE_KEY = "search:facets"


def facet_keys(facets: dict[str, list[tuple[str, str]]]) -> dict[str, list[str]]:
    """The document's facet values (per facet, sorted); labels come from the facet table."""
    return {facet: sorted({value[:255] for value, _label in facets.get(facet, [])}) for facet in FACETS}


def facet_combination(keys: dict[str, list[str]]) -> int:
    """A stable 64-bit id of a facet combination (documents with the same facet values share it)."""
    digest = hashlib.blake2b(json.dumps(keys, sort_keys=True).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def facet_combinations() -> dict[int, dict[str, list[str]]]:
    """Combination id → its facet values, for every combination in the index (cached; writes clear it)."""
    return facet_table().combos


def facets_cache_clear() -> None:
    """The index changed: every process reads the combinations and labels again."""
    version_bump(FACETS_CACHE_KEY)


@dataclass(frozen=True)
class FacetTable:
    """The combinations as integer ids of their values, so summing a thousand combinations' matches is a few
    thousand additions (built once per process and version of the index's facets)."""

    combos: dict[int, dict[str, list[str]]]  # combination → its facet values
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
        return cls(combos, values, by_facet, every)

    def counts(self, totals: list[int]) -> dict[str, list[tuple[str, str, int]]]:
        out: dict[str, list[tuple[str, str, int]]] = {facet: [] for facet in FACETS}
        for index, n in enumerate(totals):
            if n:
                facet, value, label = self.values[index]
                out[facet].append((value, label, n))
        return out


def _facet_table_read() -> FacetTable:
    combos = dict(SearchDocument.objects.values_list("facet_combo", "facet_keys").distinct())
    labels = {
        (facet, value): label
        for facet, value, label in SearchFacetValue.objects.values_list("facet", "value", "label").distinct()
    }
    return FacetTable.build(combos, labels)


def facet_table(wanted: Iterable[int] = ()) -> FacetTable:
    """The table of the index's combinations; read again if some of `wanted` were indexed since this process
    read them."""
    table = versioned_local(FACETS_CACHE_KEY, _facet_table_read)
    if any(combo not in table.combos for combo in wanted):
        facets_cache_clear()
        table = versioned_local(FACETS_CACHE_KEY, _facet_table_read)
    return table


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
    matches: list[tuple[int, int]], filters: dict[str, list[str]], *, table: FacetTable | None = None
) -> dict[str, list[tuple[str, str, int]]]:
    """Facet counts from the matches per combination before any filter: each facet's counts apply every filter
    but its own (disjunctive faceting: a chosen value's alternatives keep their counts). `table`: the one the
    caller read for this search, if any (read again when it lacks a matched combination)."""
    if table is None or any(combo not in table.combos for combo, _n in matches):
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
