"""factory_boy factories for the search app, and a helper for procedures in force (what search indexes)."""

import datetime as dt

import factory

from catalog.choices import Channel
from catalog.models import Level, ProcedureChannel
from catalog.services.versions import version_create
from search import models
from tests.factories.catalog import FieldFactory, ProcedureAgencyFactory, ProcedureFactory


class SynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Synonym

    terms = "giấy tạm vắng\nkhai báo tạm vắng"
    note = "Tên thường gọi"


class PromotedResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PromotedResult

    query = "giấy tờ nhà"
    procedure = factory.SubFactory(ProcedureFactory)
    sort_order = 0


def procedure_in_force(
    *,
    name: str,
    code: str | None = None,
    field=None,
    levels: tuple[str, ...] = ("xa",),
    channels: tuple[str, ...] = (Channel.IN_PERSON,),
    agency: str = "Ủy ban nhân dân cấp xã",
    keywords: tuple[str, ...] = (),
    valid_from: dt.date = dt.date(2020, 1, 1),
    **extra,
):
    """A procedure with one version in force since `valid_from` (nothing indexed yet)."""
    kwargs = {"name": name, "field": field or FieldFactory(), "keywords": list(keywords), **extra}
    if code is not None:
        kwargs["code"] = code
    procedure = ProcedureFactory(**kwargs)
    procedure.levels.set(Level.objects.filter(code__in=levels))
    for order, channel in enumerate(channels):
        ProcedureChannel.objects.create(procedure=procedure, channel=channel, sort_order=order)
    ProcedureAgencyFactory(procedure=procedure, name=agency)
    version_create(procedure=procedure, valid_from=valid_from)
    return procedure
