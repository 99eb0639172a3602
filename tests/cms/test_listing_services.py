"""The listing read tables (cms.services): rows ranked in Vietnamese order, stored daily counts."""

import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from catalog.collation import vietnamese_sort_key
from catalog.services.versions import version_create, version_end
from cms import services
from cms.models import CatalogCounts, ListingEntry
from cms.selectors import catalog_counts, catalog_facets
from tests.factories.catalog import FieldFactory
from tests.factories.cms import published_procedure

pytestmark = pytest.mark.django_db


def _ranked_names() -> list[str]:
    return list(ListingEntry.objects.order_by("rank", "version_id").values_list("version__name", flat=True))


def test_rows_are_ranked_in_vietnamese_order():
    names = ["Đăng ký", "Dịch vụ", "Ấn định", "An toàn", "Bảo hiểm", "(1) Cấp lại"]
    for name in names:
        published_procedure(name=name)

    assert _ranked_names() == sorted(names, key=vietnamese_sort_key)


def test_a_new_name_slots_in_without_renumbering_the_others():
    for name in ("Bảo hiểm", "Dịch vụ"):
        published_procedure(name=name)
    before = dict(ListingEntry.objects.values_list("version__name", "rank"))

    published_procedure(name="Cấp lại")
    after = dict(ListingEntry.objects.values_list("version__name", "rank"))

    assert {k: after[k] for k in before} == before and before["Bảo hiểm"] < after["Cấp lại"] < before["Dịch vụ"]


def test_names_are_renumbered_when_no_gap_is_left(monkeypatch):
    monkeypatch.setattr(services, "RANK_GAP", 2)
    services.listing_entries_rebuild()
    names = ["Bảo hiểm", "Dịch vụ", "Cấp lại", "Cấp bản sao", "Chứng thực"]
    for name in names:
        published_procedure(name=name)

    assert _ranked_names() == sorted(names, key=vietnamese_sort_key)


def test_equal_names_share_a_rank():
    first = published_procedure(name="Đăng ký khai sinh")
    second = published_procedure(name="Đăng ký khai sinh")

    ranks = {e.procedure_id: e.rank for e in ListingEntry.objects.all()}

    assert ranks[first.pk] == ranks[second.pk]


def test_ending_a_version_updates_its_row_and_keeps_its_rank():
    procedure = published_procedure(name="Thủ tục A")
    rank = ListingEntry.objects.get(procedure_id=procedure.pk).rank

    version_end(procedure=procedure, on=dt.date(2020, 1, 1))
    entry = ListingEntry.objects.get(procedure_id=procedure.pk)

    assert entry.valid_until == dt.date(2020, 1, 1) and entry.rank == rank


def test_a_new_version_gets_its_own_row():
    procedure = published_procedure(name="Thủ tục A")
    procedure.name = "Thủ tục A (sửa đổi)"
    procedure.save()

    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    assert ListingEntry.objects.filter(procedure_id=procedure.pk).count() == 2


def test_refresh_is_idempotent():
    published_procedure(name="Thủ tục A")
    procedure = published_procedure(name="Thủ tục B")
    before = list(ListingEntry.objects.order_by("pk").values_list("version_id", "rank", "valid_until"))

    services.listing_entries_refresh(procedure_ids=[procedure.pk])
    services.listing_entries_refresh()

    assert list(ListingEntry.objects.order_by("pk").values_list("version_id", "rank", "valid_until")) == before


def test_counts_are_stored_per_day_and_dropped_by_a_refresh():
    field = FieldFactory()
    published_procedure(field=field)
    day = timezone.localdate()

    counts = catalog_counts(day=day)
    stored = CatalogCounts.objects.filter(day=day).exists()
    services.listing_entries_refresh()

    assert counts["total"] == 1 and counts["fields"] == {str(field.pk): 1}
    assert stored and not CatalogCounts.objects.exists()


def test_counts_of_a_new_day_are_computed_again():
    procedure = published_procedure(valid_from=dt.date(2019, 1, 1))
    version_end(procedure=procedure, on=dt.date(2025, 1, 1))
    with freeze_time("2024-12-31"):
        assert catalog_counts(day=timezone.localdate())["total"] == 1

    with freeze_time("2025-01-01"):
        assert catalog_counts(day=timezone.localdate())["total"] == 0
    assert list(CatalogCounts.objects.values_list("day", flat=True)) == [dt.date(2025, 1, 1)]


def test_facets_merge_alias_counts_into_the_main_field():
    main = FieldFactory(name="An toàn vệ sinh lao động")
    alias = FieldFactory(name="An toàn, vệ sinh lao động", alias_of=main)
    published_procedure(field=main)
    published_procedure(field=alias)

    facets = catalog_facets(day=timezone.localdate())

    assert [(f.obj.name, f.count) for f in facets.fields] == [("An toàn vệ sinh lao động", 2)]


def test_catalog_published_refreshes_rows_counts_and_page_cache():
    from cms.cache import cache_version

    procedure = published_procedure()
    ListingEntry.objects.all().delete()
    version = cache_version()

    services.catalog_published(procedure_ids=[procedure.pk])

    assert ListingEntry.objects.filter(procedure_id=procedure.pk).exists()
    assert CatalogCounts.objects.get(day=timezone.localdate()).counts["total"] == 1
    assert cache_version() == version + 1
