"""Reads of the catalog domain (selectors)."""

import datetime as dt

from django.db.models import QuerySet

from catalog.models import Agency, Procedure, ProcedureVersion


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
