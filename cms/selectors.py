"""Reads that the public site needs (selectors), on top of the catalog's dated versions.

Listings read only the version columns (name, code, field, levels); a procedure page reads one
version's `content` snapshot. Every selector runs a fixed number of queries whatever the catalog size.
"""

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Page

from catalog.choices import AgencyGroup, AnnouncementCategory, DecisionStatus, ProcedureStatus
from catalog.collation import vietnamese_sort_key
from catalog.compliance import postings_stale as compliance_postings_stale
from catalog.history import FieldChange, version_diff
from catalog.models import (
    Agency,
    AnnouncementDecision,
    DecisionItem,
    Field,
    FieldTopic,
    Level,
    Procedure,
    ProcedureVersion,
    ReceptionPlace,
)
from catalog.selectors import procedure_reception_places, reception_place_procedures, reception_places_procedure_ids
from cms.links import procedure_key
from cms.models import CatalogCounts, ListingEntry

PUBLIC_DECISION_STATUSES = (DecisionStatus.APPROVED, DecisionStatus.APPLIED)


def today() -> dt.date:
    return timezone.localdate()


def index_page_live(*, model: type[Page]) -> Page | None:
    """The live index page of a section (its title and introduction head the section's index)."""
    return model.objects.live().first()


# --- Procedure page --------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    version: ProcedureVersion
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ProcedurePageData:
    procedure: Procedure
    key: str
    day: dt.date
    explicit_day: bool
    versions: list[ProcedureVersion]
    version: ProcedureVersion | None
    state: str  # "in_force", "not_yet", "ended"
    shown: ProcedureVersion | None
    successor: Procedure | None
    history: list[HistoryEntry]
    last_changed: dt.date | None
    reception_places: list[ReceptionPlace]


# The procedure columns the page shows; the rest of the (wide) row is never read.
_PROCEDURE_COLUMNS = ("id", "code", "slug", "name", "status", "replaced_by_id", "owner_agency_id", "field_id")
_DECISION_COLUMNS = ("id", "number", "title", "signed_on", "status")


def procedure_versions_by_key(*, key: str) -> list[ProcedureVersion]:
    """Every version of the procedure published under `key` (its national code, or its slug while it has
    none), oldest first, each with its procedure and the decisions that started and ended it: one query
    on a unique index (a second one only for a slug)."""
    columns = [f.name for f in ProcedureVersion._meta.concrete_fields]
    columns += [f"procedure__{name}" for name in _PROCEDURE_COLUMNS]
    columns += [f"procedure__replaced_by__{name}" for name in _PROCEDURE_COLUMNS]
    columns += [f"{role}__{name}" for role in ("decision", "ended_by") for name in _DECISION_COLUMNS]
    versions = (
        ProcedureVersion.objects.select_related("decision", "ended_by", "procedure", "procedure__replaced_by")
        .only(*columns)
        .order_by("number")
    )
    found = list(versions.filter(procedure__code=key))
    if not found:
        found = list(versions.filter(Q(procedure__code__isnull=True) | Q(procedure__code=""), procedure__slug=key))
    return found


def version_on(*, versions: list[ProcedureVersion], day: dt.date) -> ProcedureVersion | None:
    """The version in force on `day` among `versions` (valid_until is exclusive)."""
    for version in versions:
        if version.valid_from <= day and (version.valid_until is None or day < version.valid_until):
            return version
    return None


def procedure_page_data(*, key: str, day: dt.date | None = None) -> ProcedurePageData | None:
    """Everything the public page of the procedure published under `key` shows, as of `day`.

    None when no such procedure has ever been published (drafts and never-versioned rows stay private).
    """
    versions = procedure_versions_by_key(key=key)
    if not versions:
        return None
    procedure = versions[0].procedure
    for version in versions:
        version.procedure = procedure
    explicit = day is not None
    day = day or today()
    version = version_on(versions=versions, day=day)
    if version is not None:
        state, shown = "in_force", version
    elif day < versions[0].valid_from:
        state, shown = "not_yet", (None if explicit else versions[0])
    else:
        started = [v for v in versions if v.valid_from <= day]
        state, shown = "ended", started[-1]
    history = [HistoryEntry(version=versions[0])]
    for previous, current in zip(versions, versions[1:], strict=False):
        history.append(HistoryEntry(version=current, changes=version_diff(previous.content, current.content)))
    history.reverse()
    successor = procedure.replaced_by
    if successor is None and procedure.status == ProcedureStatus.REPLACED:
        item = (
            DecisionItem.objects.filter(procedure=procedure, category=AnnouncementCategory.REPLACED)
            .select_related("successor")
            .exclude(successor=None)
            .last()
        )
        successor = item.successor if item else None
    changed = [v.valid_from for v in versions if v.valid_from <= day] + [
        v.valid_until for v in versions if v.valid_until and v.valid_until <= day
    ]
    return ProcedurePageData(
        procedure=procedure,
        key=key,
        day=day,
        explicit_day=explicit,
        versions=versions,
        version=version,
        state=state,
        shown=shown,
        successor=successor,
        history=history,
        last_changed=max(changed) if changed else None,
        reception_places=procedure_reception_places(procedure=procedure),
    )


# --- Listings --------------------------------------------------------------------------------------


def versions_in_force(*, day: dt.date) -> QuerySet[ProcedureVersion]:
    """Versions in force on `day`: the public catalog on that day."""
    return ProcedureVersion.objects.in_force_on(day)


def entries_in_force(*, day: dt.date) -> QuerySet[ListingEntry]:
    """Listing rows of the versions in force on `day` (valid_until is exclusive)."""
    return ListingEntry.objects.filter(valid_from__lte=day).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day))


def catalog_counts(*, day: dt.date) -> dict[str, Any]:
    """Procedures in force on `day` in total and per field, level and agency (one query when stored).

    The counts are stored per day (cms.models.CatalogCounts); the first read of a day, or after a
    publication dropped them, computes and stores them (cms.services.catalog_counts_refresh).
    """
    row = CatalogCounts.objects.filter(day=day).first()
    if row is None:
        from cms.services import catalog_counts_refresh

        row = catalog_counts_refresh(day=day)
    return row.counts


@dataclass
class Facet:
    obj: Any
    count: int


@dataclass
class FacetGroup:
    label: str
    facets: list[Facet]


@dataclass
class FieldMap:
    """Every field, and for each the field it is shown as (itself, or the one it is an alias of)."""

    fields: dict[int, Field]
    canonical: dict[int, Field]

    def members(self, field_obj: Field) -> list[int]:
        """Ids of `field_obj` and of the fields that are aliases of it."""
        return [pk for pk, shown in self.canonical.items() if shown.pk == field_obj.pk]

    def topic_members(self, topic: FieldTopic) -> list[int]:
        return [pk for pk, shown in self.canonical.items() if shown.topic_id == topic.pk]


def field_map() -> FieldMap:
    fields = {f.pk: f for f in Field.objects.only("id", "name", "slug", "topic_id", "alias_of_id")}
    canonical = {pk: fields.get(f.alias_of_id, f) if f.alias_of_id else f for pk, f in fields.items()}
    return FieldMap(fields=fields, canonical=canonical)


# Names recur on every page; their sort keys are computed once per process.
_name_key = functools.lru_cache(maxsize=16384)(vietnamese_sort_key)


def _by_name(facets: list[Facet]) -> list[Facet]:
    return sorted(facets, key=lambda facet: _name_key(facet.obj.name))


def field_facets(*, counts: dict[str, Any], fmap: FieldMap, topic: FieldTopic | None = None) -> list[Facet]:
    """Fields shown on the public site (aliases merged into the field they name) with their counts, in
    Vietnamese order; only those of `topic` when given."""
    by_field: dict[int, int] = {}
    for pk, n in counts["fields"].items():
        shown = fmap.canonical.get(int(pk))
        if shown is not None and (topic is None or shown.topic_id == topic.pk):
            by_field[shown.pk] = by_field.get(shown.pk, 0) + n
    return _by_name([Facet(fmap.fields[pk], n) for pk, n in by_field.items()])


@dataclass
class CatalogFacets:
    total: int
    fields: list[Facet]
    topics: list[Facet]
    levels: list[Facet]
    agencies: list[Facet]
    agency_groups: list[FacetGroup]
    field_map: FieldMap
    counts: dict[str, Any]


def catalog_facets(
    *, day: dt.date, counts: dict[str, Any] | None = None, fmap: FieldMap | None = None
) -> CatalogFacets:
    """Topics, fields (aliases merged), levels and agencies with how many procedures are in force on `day`,
    each list in Vietnamese order (levels in their fixed order). Five queries when the counts are stored."""
    counts = counts if counts is not None else catalog_counts(day=day)
    fmap = fmap or field_map()
    fields = field_facets(counts=counts, fmap=fmap)
    by_topic: dict[int, int] = {}
    for facet in fields:
        if facet.obj.topic_id is not None:
            by_topic[facet.obj.topic_id] = by_topic.get(facet.obj.topic_id, 0) + facet.count
    topic_objs = FieldTopic.objects.filter(pk__in=by_topic).only("id", "name", "slug", "description", "keywords")
    # A-Z, except the catch-all topic (no keywords: "Lĩnh vực khác"), which closes the list.
    topics = sorted(
        _by_name([Facet(topic, by_topic[topic.pk]) for topic in topic_objs]),
        key=lambda facet: not facet.obj.keywords.strip(),
    )
    level_counts = {int(pk): n for pk, n in counts["levels"].items()}
    levels = [Facet(level, level_counts[level.pk]) for level in Level.objects.filter(pk__in=level_counts)]
    agency_counts = {int(pk): n for pk, n in counts["agencies"].items()}
    agencies = _by_name(
        [
            Facet(agency, agency_counts[agency.pk])
            for agency in Agency.objects.filter(pk__in=agency_counts).only("id", "code", "name", "group")
        ]
    )
    groups = []
    for value, label in AgencyGroup.choices:
        members = [facet for facet in agencies if facet.obj.group == value]
        if members:
            groups.append(FacetGroup(label=str(label), facets=members))
    return CatalogFacets(
        total=counts["total"],
        fields=fields,
        topics=topics,
        levels=levels,
        agencies=agencies,
        agency_groups=groups,
        field_map=fmap,
        counts=counts,
    )


@dataclass
class ListingRow:
    name: str
    code: str
    key: str
    field: Field | None
    levels: list[Level]


class CountedPaginator(Paginator):
    """A paginator told the count (from the stored catalog counts) instead of running COUNT(*)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def listing_entries(
    *,
    day: dt.date,
    field_ids: list[int] | None = None,
    level: Level | None = None,
    agency: Agency | None = None,
) -> QuerySet[ListingEntry]:
    """Listing rows in force on `day`, optionally of some fields, a level or an agency, in Vietnamese
    order of the name (the stored rank, an indexed integer: no sort of names at request time)."""
    qs = entries_in_force(day=day)
    if field_ids is not None:
        qs = qs.filter(field_id__in=field_ids)
    if level is not None:
        qs = qs.filter(version__levels=level)
    if agency is not None:
        qs = qs.filter(procedure__owner_agency=agency)
    return qs.order_by("rank", "version_id")


def listing_rows(*, version_ids: list[int], fmap: FieldMap) -> list[ListingRow]:
    """The rows of one listing page, in the order of `version_ids` (2 queries)."""
    versions = {
        v.pk: v
        for v in ProcedureVersion.objects.filter(pk__in=version_ids)
        .select_related("procedure")
        .only("id", "name", "code", "field_id", "procedure__slug", "procedure__code")
        .prefetch_related(Prefetch("levels", queryset=Level.objects.only("id", "code", "name")))
    }
    rows = []
    for pk in version_ids:
        version = versions[pk]
        rows.append(
            ListingRow(
                name=version.name,
                code=version.code,
                key=procedure_key(version.procedure),
                field=fmap.canonical.get(version.field_id),
                levels=list(version.levels.all()),
            )
        )
    return rows


# --- Decisions -------------------------------------------------------------------------------------


def decisions_public() -> QuerySet[AnnouncementDecision]:
    """Signed announcement decisions (approved or applied), newest first, with their item counts."""
    return (
        AnnouncementDecision.objects.filter(status__in=PUBLIC_DECISION_STATUSES)
        .annotate(item_count=Count("items"))
        .order_by("-signed_on", "-id")
    )


@dataclass
class CategoryGroup:
    category: str
    label: str
    items: list[DecisionItem]


def decision_items_by_category(*, decision: AnnouncementDecision) -> list[CategoryGroup]:
    """The decision's items grouped by Art. 14 category, in the law's order (new, amended, replaced, abolished)."""
    items = list(
        decision.items.select_related("procedure", "successor", "procedure__field").order_by("sort_order", "pk")
    )
    groups = []
    for value, label in AnnouncementCategory.choices:
        members = [item for item in items if item.category == value]
        if members:
            groups.append(CategoryGroup(category=value, label=str(label), items=members))
    return groups


# --- Postings (niêm yết) ---------------------------------------------------------------------------


def postings_with_counts(*, day: dt.date) -> list[tuple[ReceptionPlace, int]]:
    """Every reception place, by name, with how many of its posted procedures are in force on `day`."""
    places = list(ReceptionPlace.objects.order_by("name"))
    posted = reception_places_procedure_ids(places=places)
    in_force = set(versions_in_force(day=day).values_list("procedure_id", flat=True))
    return [(place, len(posted.get(place.pk, set()) & in_force)) for place in places]


@dataclass
class PostingRow:
    key: str
    name: str
    code: str
    content: dict[str, Any]
    valid_from: dt.date


def posting_procedures(*, place: ReceptionPlace) -> QuerySet[Procedure]:
    """The procedures posted at `place`: the one read that says which (posters, pages, their cache keys)."""
    return reception_place_procedures(place=place)


def posting_versions(*, place: ReceptionPlace, day: dt.date) -> QuerySet[ProcedureVersion]:
    """The versions in force on `day` of the procedures posted at `place`."""
    return versions_in_force(day=day).filter(procedure__in=posting_procedures(place=place))


def posting_rows(*, place: ReceptionPlace, day: dt.date) -> list[PostingRow]:
    """The procedures posted at `place` that are in force on `day`, in Vietnamese order, with their content."""
    versions = (
        posting_versions(place=place, day=day)
        .select_related("procedure")
        .only("name", "code", "content", "valid_from", "procedure__slug", "procedure__code")
    )
    rows = [
        PostingRow(key=procedure_key(v.procedure), name=v.name, code=v.code, content=v.content, valid_from=v.valid_from)
        for v in versions
    ]
    return sorted(rows, key=lambda row: vietnamese_sort_key(row.name))


def posting_fingerprint(*, place: ReceptionPlace, day: dt.date) -> list[Any]:
    """What a posting's content depends on, cheaply (one query): the place's own texts and the id, end and
    creation time of each version posted. A poster stored under it is regenerated when a procedure on it
    changes (a new version, or one that ended)."""
    versions = sorted(posting_versions(place=place, day=day).values_list("pk", "valid_until", "created_at"))
    notice = [
        place.name,
        place.address,
        place.notice_receiver,
        place.notice_address,
        place.notice_mailing_address,
        place.notice_phone,
        place.notice_email,
        place.notice_website,
    ]
    return [place.pk, notice, [(pk, str(until), created.isoformat()) for pk, until, created in versions]]


@dataclass
class StalePosting:
    place: ReceptionPlace
    changed: list[ProcedureVersion]


def postings_stale(*, day: dt.date | None = None) -> list[StalePosting]:
    """Reception places whose posting is out of date (Decree 63/2010 Art. 26), by the catalog's one rule
    (`catalog.compliance.postings_stale`, also behind the dashboard's deadlines): a listed procedure's
    version took effect or ended after the place was last posted, or the place was never posted."""
    return [
        StalePosting(place=entry.place, changed=list(entry.versions)) for entry in compliance_postings_stale(today=day)
    ]
