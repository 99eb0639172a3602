"""Reads of the catalog domain (selectors)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from catalog.choices import ANNOUNCEMENT_ROLES, AgencyRole, AnnouncementCategory
from catalog.models import (
    Agency,
    AnnouncementDecision,
    DecisionItem,
    PostingAddition,
    PostingExclusion,
    PostingRule,
    Procedure,
    ProcedureAgency,
    ProcedureVersion,
    ReceptionPlace,
)


def agency_name_on(*, agency: Agency, day: dt.date) -> str:
    """The name `agency` bore on `day` (renamed agencies keep their earlier names)."""
    for old in agency.names.all():
        if (old.valid_from is None or old.valid_from <= day) and (old.valid_until is None or day < old.valid_until):
            return old.name
    return agency.name


def procedure_version_on(*, procedure: Procedure, day: dt.date) -> ProcedureVersion | None:
    """The version of `procedure` in force on `day`, or None (not yet announced, abolished, replaced)."""
    return (
        ProcedureVersion.objects.in_force_on(day)
        .filter(procedure=procedure)
        .select_related("decision", "field")
        .first()
    )


def procedure_version_by_code_on(*, code: str, day: dt.date) -> ProcedureVersion | None:
    """The version in force on `day` of the procedure that bore national `code` then.

    Looks at the code frozen on the version, so a code later reassigned still answers for its period.
    """
    return (
        ProcedureVersion.objects.in_force_on(day)
        .filter(code=code)
        .select_related("procedure", "decision", "field")
        .first()
    )


def procedure_history(*, procedure: Procedure) -> list[ProcedureVersion]:
    """Every version of `procedure`, oldest first, with the decisions that brought and ended it."""
    return list(
        ProcedureVersion.objects.filter(procedure=procedure)
        .select_related("decision", "ended_by", "field")
        .order_by("number")
    )


def procedures_in_force(*, day: dt.date) -> QuerySet[ProcedureVersion]:
    """Versions in force on `day`, one per procedure, for public listings (field joined, levels prefetched)."""
    return (
        ProcedureVersion.objects.in_force_on(day)
        .select_related("field", "decision")
        .prefetch_related("levels")
        .order_by("name", "pk")
    )


_ROLE_ITEM_COLUMNS = ("id", "decision_id", "procedure_id", "successor_id", "category", "sort_order")
# What a decision's role is shown with (number, title, date) and linked by; other columns stay deferred.
_ROLE_DECISION_COLUMNS = ("id", "number", "title", "signed_on", "status", "effective_on")


def procedure_decision_roles(
    *, procedure: Procedure, versions: list[ProcedureVersion] | None = None
) -> list[tuple[AnnouncementDecision, str]]:
    """Each provincial decision that acted on `procedure`, once, with what it did ("sửa đổi, bổ sung",
    "thay thế", "bãi bỏ", "công bố mới ban hành"), oldest first.

    The role comes from the decision's item for the procedure; a procedure named as the successor of a
    replaced item is one the decision brought in to replace another ("thay thế"). Versions recorded
    without an item (a decision applied before items carried categories) fall back to the version's
    category, and an ending without an item reads "chấm dứt hiệu lực".
    """
    versions = versions if versions is not None else procedure_history(procedure=procedure)
    roles: dict[int, tuple[AnnouncementDecision, str]] = {}
    # One query for both kinds of item, reading only the decision columns a role is shown with.
    items = list(
        DecisionItem.objects.filter(
            Q(procedure=procedure) | Q(successor=procedure, category=AnnouncementCategory.REPLACED)
        )
        .select_related("decision")
        .only(*_ROLE_ITEM_COLUMNS, *(f"decision__{name}" for name in _ROLE_DECISION_COLUMNS))
        .order_by("decision__signed_on", "decision__pk", "sort_order", "pk")
    )
    for item in items:
        if item.procedure_id == procedure.pk:
            category = str(ANNOUNCEMENT_ROLES.get(item.category, item.category))
            roles.setdefault(item.decision_id, (item.decision, category))
    for item in items:
        if item.successor_id == procedure.pk and item.category == AnnouncementCategory.REPLACED:
            roles[item.decision_id] = (item.decision, str(ANNOUNCEMENT_ROLES[AnnouncementCategory.REPLACED]))
    for version in versions:
        if version.decision_id and version.decision_id not in roles:
            category = version.category or AnnouncementCategory.NEW
            roles[version.decision_id] = (version.decision, str(ANNOUNCEMENT_ROLES.get(category, category)))
        if version.ended_by_id and version.ended_by_id not in roles:
            roles[version.ended_by_id] = (version.ended_by, _("chấm dứt hiệu lực"))
    return sorted(roles.values(), key=lambda pair: (pair[0].signed_on or dt.date.min, pair[0].pk))


# --- Postings (niêm yết) at reception places ---------------------------------------------------------------


def _rule_q(rule: PostingRule) -> Q:
    """The procedures one posting rule selects (every criterion it names applies)."""
    q = Q()
    if rule.agency_id:
        implementing = ProcedureAgency.objects.filter(agency_id=rule.agency_id, role=AgencyRole.IMPLEMENTING)
        q &= Q(owner_agency_id=rule.agency_id) | Q(pk__in=implementing.values("procedure_id"))
    if rule.field_id:
        q &= Q(field_id=rule.field_id)
    if rule.level_id:
        q &= Q(pk__in=Procedure.levels.through.objects.filter(level_id=rule.level_id).values("procedure_id"))
    return q


def _posting_q(*, rules: list[PostingRule], added_ids: list[int], excluded_ids: list[int]) -> Q:
    selected = Q(pk__in=added_ids)
    for rule in rules:
        if rule.agency_id or rule.field_id or rule.level_id:  # an empty rule selects nothing
            selected |= _rule_q(rule)
    return selected & ~Q(pk__in=excluded_ids)


def reception_place_procedures(*, place: ReceptionPlace) -> QuerySet[Procedure]:
    """The procedures posted at `place`: those its rules select (as the catalog stands now), plus those added
    by hand, minus those removed by hand. Every status: callers keep what they show (e.g. versions in force).

    Reads the place's saved rules and choices (three small queries), then returns one queryset.
    """
    rules = list(PostingRule.objects.filter(place_id=place.pk))
    added = list(PostingAddition.objects.filter(place_id=place.pk).values_list("procedure_id", flat=True))
    excluded = list(PostingExclusion.objects.filter(place_id=place.pk).values_list("procedure_id", flat=True))
    return Procedure.objects.filter(_posting_q(rules=rules, added_ids=added, excluded_ids=excluded))


def reception_places_procedure_ids(*, places: Iterable[ReceptionPlace] | None = None) -> dict[int, set[int]]:
    """For each place (default: all), the ids of the procedures posted there (see reception_place_procedures).

    Three queries for the rules and choices of all places, then one per place that has any.
    """
    place_ids = (
        [place.pk for place in places]
        if places is not None
        else list(ReceptionPlace.objects.values_list("pk", flat=True))
    )
    rules: dict[int, list[PostingRule]] = defaultdict(list)
    for rule in PostingRule.objects.filter(place_id__in=place_ids):
        rules[rule.place_id].append(rule)
    added: dict[int, list[int]] = defaultdict(list)
    for place_id, procedure_id in PostingAddition.objects.filter(place_id__in=place_ids).values_list(
        "place_id", "procedure_id"
    ):
        added[place_id].append(procedure_id)
    excluded: dict[int, list[int]] = defaultdict(list)
    for place_id, procedure_id in PostingExclusion.objects.filter(place_id__in=place_ids).values_list(
        "place_id", "procedure_id"
    ):
        excluded[place_id].append(procedure_id)
    result: dict[int, set[int]] = {}
    for place_id in place_ids:
        if not rules[place_id] and not added[place_id]:
            result[place_id] = set()
            continue
        q = _posting_q(rules=rules[place_id], added_ids=added[place_id], excluded_ids=excluded[place_id])
        result[place_id] = set(Procedure.objects.filter(q).values_list("pk", flat=True))
    return result


def procedures_reception_places(*, procedure_ids: Iterable[int]) -> dict[int, list[ReceptionPlace]]:
    """For many procedures at once, the reception places where each is posted, by name: one pass over the
    places (reception_places_procedure_ids) instead of procedure_reception_places per procedure."""
    wanted = set(procedure_ids)
    places = list(ReceptionPlace.objects.order_by("name"))
    posted = reception_places_procedure_ids(places=places)
    result: dict[int, list[ReceptionPlace]] = {pk: [] for pk in wanted}
    for place in places:
        for procedure_id in posted.get(place.pk, set()) & wanted:
            result[procedure_id].append(place)
    return result


def procedure_reception_places(*, procedure: Procedure) -> list[ReceptionPlace]:
    """The reception places where `procedure` is posted, by name (the same rules as reception_place_procedures).

    A place posts it when it added it by hand, or one of its rules (every criterion the rule names) selects it,
    and it did not remove it by hand: one statement, written out because the procedure page runs it every time
    and the ORM took longer to build it than the database to answer it."""
    tables = {
        "place": ReceptionPlace._meta.db_table,
        "addition": PostingAddition._meta.db_table,
        "exclusion": PostingExclusion._meta.db_table,
        "rule": PostingRule._meta.db_table,
        "role": ProcedureAgency._meta.db_table,
        "level": Procedure.levels.through._meta.db_table,
    }
    statement = """
        SELECT rp.* FROM {place} rp
        WHERE (
            EXISTS (SELECT 1 FROM {addition} a WHERE a.place_id = rp.id AND a.procedure_id = %s)
            OR EXISTS (
                SELECT 1 FROM {rule} r
                WHERE r.place_id = rp.id
                  AND (r.agency_id IS NOT NULL OR r.field_id IS NOT NULL OR r.level_id IS NOT NULL)
                  AND (r.agency_id IS NULL OR r.agency_id = %s OR r.agency_id IN (
                      SELECT pa.agency_id FROM {role} pa WHERE pa.procedure_id = %s AND pa.role = %s))
                  AND (r.field_id IS NULL OR r.field_id = %s)
                  AND (r.level_id IS NULL OR r.level_id IN (
                      SELECT pl.level_id FROM {level} pl WHERE pl.procedure_id = %s))
            )
        )
        AND NOT EXISTS (SELECT 1 FROM {exclusion} e WHERE e.place_id = rp.id AND e.procedure_id = %s)
        ORDER BY rp.name, rp.id
    """.format(**tables)
    pk = procedure.pk
    params = [pk, procedure.owner_agency_id, pk, AgencyRole.IMPLEMENTING.value, procedure.field_id, pk, pk]
    return list(ReceptionPlace.objects.raw(statement, params))
