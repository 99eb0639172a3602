"""Writes of the public site: its read tables (listing rows, catalog counts) and posting marks."""

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from catalog.collation import vietnamese_sort_key
from catalog.models import ProcedureVersion, ReceptionPlace
from cms.models import CatalogCounts, ListingEntry
from cms.models.listing import SORT_KEY_BYTES

BATCH = 2000


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


def _entry(version: ProcedureVersion) -> ListingEntry:
    return ListingEntry(
        version_id=version.pk,
        procedure_id=version.procedure_id,
        field_id=version.field_id,
        valid_from=version.valid_from,
        valid_until=version.valid_until,
        sort_key=listing_sort_key(version.name),
    )


def listing_entries_refresh(*, procedure_ids: Iterable[int] | None = None) -> int:
    """Rebuild the listing rows of every version of these procedures (of the whole catalog when None).

    Idempotent; one transaction. Returns how many rows were written. The day's counts are dropped
    (they are recomputed on the next read or by `catalog_counts_refresh`).
    """
    versions = ProcedureVersion.objects.only("id", "procedure_id", "field_id", "valid_from", "valid_until", "name")
    entries = ListingEntry.objects.all()
    if procedure_ids is not None:
        ids = sorted(set(procedure_ids))
        versions = versions.filter(procedure_id__in=ids)
        entries = entries.filter(procedure_id__in=ids)
    written = 0
    with transaction.atomic():
        entries.delete()
        batch: list[ListingEntry] = []
        for version in versions.order_by("pk").iterator(chunk_size=BATCH):
            batch.append(_entry(version))
            if len(batch) >= BATCH:
                written += len(ListingEntry.objects.bulk_create(batch))
                batch = []
        if batch:
            written += len(ListingEntry.objects.bulk_create(batch))
        CatalogCounts.objects.all().delete()
    return written


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
