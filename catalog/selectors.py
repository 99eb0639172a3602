"""Reads of the catalog domain (selectors)."""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from catalog.choices import ANNOUNCEMENT_ROLES, AnnouncementCategory
from catalog.models import Agency, AnnouncementDecision, DecisionItem, Procedure, ProcedureVersion


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
    items = (
        DecisionItem.objects.filter(procedure=procedure)
        .select_related("decision")
        .order_by("decision__signed_on", "decision__pk", "sort_order", "pk")
    )
    for item in items:
        roles.setdefault(item.decision_id, (item.decision, str(ANNOUNCEMENT_ROLES.get(item.category, item.category))))
    replacing = DecisionItem.objects.filter(successor=procedure, category=AnnouncementCategory.REPLACED)
    for item in replacing.select_related("decision"):
        roles[item.decision_id] = (item.decision, str(ANNOUNCEMENT_ROLES[AnnouncementCategory.REPLACED]))
    for version in versions:
        if version.decision_id and version.decision_id not in roles:
            category = version.category or AnnouncementCategory.NEW
            roles[version.decision_id] = (version.decision, str(ANNOUNCEMENT_ROLES.get(category, category)))
        if version.ended_by_id and version.ended_by_id not in roles:
            roles[version.ended_by_id] = (version.ended_by, _("chấm dứt hiệu lực"))
    return sorted(roles.values(), key=lambda pair: (pair[0].signed_on or dt.date.min, pair[0].pk))
