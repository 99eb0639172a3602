"""Reads that the public site needs (selectors), on top of the catalog's dated versions.

Listings read only the version columns (name, code, field, levels); a procedure page reads one
version's `content` snapshot. Every selector runs a fixed number of queries whatever the catalog size.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from catalog.choices import AnnouncementCategory, DecisionStatus, ProcedureStatus
from catalog.compliance import postings_stale as compliance_postings_stale
from catalog.history import FieldChange, version_diff
from catalog.models import (
    Agency,
    AnnouncementDecision,
    DecisionItem,
    Field,
    Level,
    Procedure,
    ProcedureVersion,
    ReceptionPlace,
)
from catalog.selectors import procedure_reception_places, reception_place_procedures, reception_places_procedure_ids
from cms.links import procedure_key

PUBLIC_DECISION_STATUSES = (DecisionStatus.APPROVED, DecisionStatus.APPLIED)


def today() -> dt.date:
    return timezone.localdate()


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


def procedure_find(*, key: str) -> Procedure | None:
    """The procedure published under `key` (its national code, or its slug when it has none)."""
    return (
        Procedure.objects.select_related("replaced_by")
        .filter(Q(code=key) | Q(code__isnull=True, slug=key) | Q(code="", slug=key))
        .first()
    )


def procedure_versions(*, procedure: Procedure) -> list[ProcedureVersion]:
    """Every version of `procedure`, oldest first, with the decisions that started and ended each."""
    return list(
        ProcedureVersion.objects.filter(procedure=procedure).select_related("decision", "ended_by").order_by("number")
    )


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
    procedure = procedure_find(key=key)
    if procedure is None:
        return None
    versions = procedure_versions(procedure=procedure)
    if not versions:
        return None
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


def listing_page_queryset(
    *,
    day: dt.date,
    field_obj: Field | None = None,
    level: Level | None = None,
    agency: Agency | None = None,
) -> QuerySet[ProcedureVersion]:
    """In-force versions for a listing, by name, with only the columns a listing row shows."""
    qs = versions_in_force(day=day)
    if field_obj is not None:
        qs = qs.filter(field=field_obj)
    if level is not None:
        qs = qs.filter(levels=level)
    if agency is not None:
        qs = qs.filter(procedure__owner_agency=agency)
    return (
        qs.select_related("field")
        .only("id", "name", "code", "procedure_id", "procedure__slug", "field__name", "field__slug", "valid_from")
        .select_related("procedure")
        .prefetch_related(Prefetch("levels", queryset=Level.objects.only("id", "code", "name")))
        .order_by("name", "id")
    )


@dataclass
class Facet:
    obj: Any
    count: int


def catalog_facets(*, day: dt.date) -> dict[str, list[Facet]]:
    """Fields, levels and agencies with how many procedures are in force on `day` for each (3 queries)."""
    in_force = versions_in_force(day=day)
    field_counts = dict(in_force.values_list("field").annotate(n=Count("id")).values_list("field", "n"))
    fields = [Facet(f, field_counts[f.pk]) for f in Field.objects.filter(pk__in=field_counts.keys()).order_by("name")]
    level_counts = dict(
        Level.objects.filter(versions__in=in_force).annotate(n=Count("versions")).values_list("pk", "n")
    )
    levels = [Facet(level, level_counts[level.pk]) for level in Level.objects.filter(pk__in=level_counts.keys())]
    agencies = [
        Facet(agency, agency.n)
        for agency in Agency.objects.annotate(
            n=Count("owned_procedures__versions", filter=Q(owned_procedures__versions__in=in_force))
        )
        .filter(n__gt=0)
        .order_by("group", "sort_order", "name")
    ]
    return {"fields": fields, "levels": levels, "agencies": agencies}


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


def posting_rows(*, place: ReceptionPlace, day: dt.date) -> list[PostingRow]:
    """The procedures posted at `place` that are in force on `day`, by name, with their content."""
    versions = (
        versions_in_force(day=day)
        .filter(procedure__in=reception_place_procedures(place=place))
        .select_related("procedure")
        .only("name", "code", "content", "procedure__slug", "procedure__code")
        .order_by("name", "id")
    )
    return [PostingRow(key=procedure_key(v.procedure), name=v.name, code=v.code, content=v.content) for v in versions]


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
