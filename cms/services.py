"""Writes of the public site: its read tables (listing rows, catalog counts) and posting marks."""

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from catalog.collation import vietnamese_sort_key
from catalog.models import ProcedureVersion, ReceptionPlace
from cms.models import CatalogCounts, ListingEntry, ListingSortKey
from cms.models.listing import SORT_KEY_BYTES

BATCH = 2000
RANK_GAP = 1 << 20
# A refresh of more procedures than this writes the whole table again (faster than row-by-row ranking).
FULL_REBUILD_ABOVE = 200


def reception_place_mark_posted(*, place: ReceptionPlace, at: dt.datetime | None = None) -> ReceptionPlace:
    """Record that the posting at `place` was printed and put up (or its screen updated) at `at` (now).

    The posting is then current until one of its procedures changes again (Decree 63/2010 Art. 26).
    """
    with transaction.atomic():
        place.posted_at = at or timezone.now()
        place.save(update_fields=["posted_at"])
    return place


# --- Listing rows --------------------------------------------------------------------------------------


def listing_sort_key(name: str) -> bytes:
    """Bytes whose plain order is the Vietnamese dictionary order of `name` (catalog.collation), the same
    on PostgreSQL (bytea) and SQLite (blob), so the database sorts with an index and no collation."""
    return vietnamese_sort_key(name).encode("utf-8")[:SORT_KEY_BYTES]


def _entry(version: ProcedureVersion, rank: int) -> ListingEntry:
    return ListingEntry(
        version_id=version.pk,
        procedure_id=version.procedure_id,
        field_id=version.field_id,
        valid_from=version.valid_from,
        valid_until=version.valid_until,
        rank=rank,
    )


def _versions():
    return ProcedureVersion.objects.only("id", "procedure_id", "field_id", "valid_from", "valid_until", "name")


def _rank_for(key: bytes) -> int | None:
    """The rank of `key`: the stored one, or a new one between its neighbours' ranks (stored); None when
    the neighbours are adjacent (the caller ranks everything again). One to four index lookups."""
    keys = ListingSortKey.objects.values_list("rank", flat=True)
    same = keys.filter(key=key).first()
    if same is not None:
        return same
    before = keys.filter(key__lt=key).order_by("-key").first() or 0
    after = keys.filter(key__gt=key).order_by("key").first()
    if after is None:
        rank = before + RANK_GAP
    elif after - before >= 2:
        rank = (before + after) // 2
    else:
        return None
    ListingSortKey.objects.create(key=key, rank=rank)
    return rank


def listing_entries_rebuild() -> int:
    """Write every listing row and sort key again from the versions, ranked from scratch (an import, a
    renumbering). Returns how many rows were written."""
    versions = list(_versions().iterator(chunk_size=BATCH))
    keys = {version.pk: listing_sort_key(version.name) for version in versions}
    ranks = {key: (index + 1) * RANK_GAP for index, key in enumerate(sorted(set(keys.values())))}
    with transaction.atomic():
        ListingEntry.objects.all().delete()
        ListingSortKey.objects.all().delete()
        ListingSortKey.objects.bulk_create(
            [ListingSortKey(key=key, rank=rank) for key, rank in ranks.items()], batch_size=BATCH
        )
        entries = [_entry(version, ranks[keys[version.pk]]) for version in versions]
        ListingEntry.objects.bulk_create(entries, batch_size=BATCH)
        CatalogCounts.objects.all().delete()
    return len(entries)


def listing_entries_ensure() -> int:
    """Rebuild the listing rows when they do not match the versions one to one (rows written before this
    table existed, a restored backup, versions bulk-inserted without the publication signal); returns how
    many rows were written (0 when they already match)."""
    matching = ListingEntry.objects.count() == ProcedureVersion.objects.count()
    if matching and not ListingEntry.objects.filter(version__valid_until__isnull=False, valid_until=None).exists():
        return 0
    return listing_entries_rebuild()


def listing_entries_refresh(*, procedure_ids: Iterable[int] | None = None) -> int:
    """Rewrite the listing rows of every version of these procedures (of the whole catalog when None).

    A known name keeps its rank; a new name gets a rank between its neighbours, and only when no gap is
    left, or many procedures changed at once, is everything ranked again. Idempotent; one transaction. The
    stored counts are dropped (recomputed on the next read or by `catalog_counts_refresh`). Returns how
    many rows were written.
    """
    ids = None if procedure_ids is None else sorted(set(procedure_ids))
    if ids is None or len(ids) > FULL_REBUILD_ABOVE:
        return listing_entries_rebuild()
    try:
        with transaction.atomic():
            ListingEntry.objects.filter(procedure_id__in=ids).delete()
            entries = []
            for version in _versions().filter(procedure_id__in=ids).order_by("pk"):
                rank = _rank_for(listing_sort_key(version.name))
                if rank is None:  # no gap left between the neighbours
                    raise _NoGap
                entries.append(_entry(version, rank))
            ListingEntry.objects.bulk_create(entries)
            CatalogCounts.objects.all().delete()
            return len(entries)
    except (_NoGap, IntegrityError):  # IntegrityError: a concurrent refresh took the same new rank
        return listing_entries_rebuild()


class _NoGap(Exception):
    """Two neighbouring sort keys have consecutive ranks: everything is ranked again."""


# --- Catalog counts ----------------------------------------------------------------------------------


def catalog_counts_compute(*, day: dt.date) -> dict:
    """Procedures in force on `day`: total, and per field, level and owner agency (ids as string keys)."""
    from cms.selectors import entries_in_force

    in_force = entries_in_force(day=day)
    fields = in_force.values("field_id").annotate(n=Count("pk")).values_list("field_id", "n")
    agency = "procedure__owner_agency_id"
    agencies = in_force.values(agency).annotate(n=Count("pk")).values_list(agency, "n")
    through = ProcedureVersion.levels.through
    levels = (
        through.objects.filter(procedureversion_id__in=in_force.values("version_id"))
        .values("level_id")
        .annotate(n=Count("pk"))
        .values_list("level_id", "n")
    )
    return {
        "total": in_force.count(),
        "fields": {str(pk): n for pk, n in fields if pk is not None},
        "levels": {str(pk): n for pk, n in levels},
        "agencies": {str(pk): n for pk, n in agencies if pk is not None},
    }


def catalog_counts_refresh(*, day: dt.date) -> CatalogCounts:
    """Compute and store the counts of `day`, dropping those of other days (they are stale anyway)."""
    counts = catalog_counts_compute(day=day)
    try:
        with transaction.atomic():
            CatalogCounts.objects.exclude(day=day).delete()
            row, _created = CatalogCounts.objects.update_or_create(day=day, defaults={"counts": counts})
    except IntegrityError:  # a concurrent request stored the same day's counts first
        row = CatalogCounts.objects.get(day=day)
    return row


def catalog_published(*, procedure_ids: list[int]) -> None:
    """After a publication: the listing rows of these procedures, today's counts, the page cache and the
    posters of the reception places that post them are brought up to date."""
    from cms.cache import cache_bump
    from cms.posters import posters_refresh

    listing_entries_refresh(procedure_ids=procedure_ids)
    catalog_counts_refresh(day=timezone.localdate())
    cache_bump()
    posters_refresh()
