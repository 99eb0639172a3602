"""Factories for the public site: published procedure versions, signed decisions and the page tree."""

import datetime as dt

from catalog.choices import DecisionStatus, ProcedureStatus
from catalog.models import Level, Procedure, ProcedureVersion
from catalog.snapshots import procedure_snapshot
from tests.factories.catalog import DecisionFactory, ProcedureFactory


def version_publish(
    procedure: Procedure,
    *,
    valid_from: dt.date = dt.date(2019, 1, 1),
    valid_until: dt.date | None = None,
    number: int | None = None,
    decision=None,
    ended_by=None,
    category: str = "new",
) -> ProcedureVersion:
    """Freeze `procedure` as a version (as the catalog's version service does) and mark it in force."""
    if number is None:
        number = ProcedureVersion.objects.filter(procedure=procedure).count() + 1
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        valid_from=valid_from,
        valid_until=valid_until,
        decision=decision,
        ended_by=ended_by,
        category=category,
        content=procedure_snapshot(procedure),
        name=procedure.name,
        code=procedure.code or "",
        field=procedure.field,
    )
    version.levels.set(procedure.levels.all())
    if valid_until is None:
        Procedure.objects.filter(pk=procedure.pk).update(status=ProcedureStatus.IN_FORCE)
        procedure.status = ProcedureStatus.IN_FORCE
    return version


def published_procedure(*, levels: tuple[str, ...] = ("tinh",), valid_from=dt.date(2019, 1, 1), **kwargs) -> Procedure:
    """A complete procedure with one version in force since `valid_from`."""
    procedure = ProcedureFactory(complete=True, **kwargs)
    procedure.levels.set(Level.objects.filter(code__in=levels))
    version_publish(procedure, valid_from=valid_from)
    return procedure


class SignedDecisionFactory(DecisionFactory):
    status = DecisionStatus.APPLIED
