"""factory_boy factories for the timeliness app (dossiers, source systems) and the catalog data they need:
a procedure version with a structured time limit, and the 2019 announced day swaps."""

import datetime as dt

import factory

from catalog.calendar import LOCAL_TZ
from catalog.choices import CalendarAdjustmentKind, Channel, TimeUnit
from catalog.models import CalendarAdjustment, ProcedureVersion
from tests.factories.catalog import AgencyFactory, ProcedureFactory
from timeliness.choices import DossierStatus, Outcome
from timeliness.models import Dossier, SourceSystem


def local(year, month, day, hour=0, minute=0) -> dt.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


class CalendarAdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarAdjustment
        django_get_or_create = ("date",)

    date = dt.date(2019, 4, 29)
    kind = CalendarAdjustmentKind.DAY_OFF


def adjustments_2019() -> None:
    """The 2019 swap around 30/4–1/5: Monday 29/4 off, Saturday 4/5 worked (Công văn 6519/VPCP-KGVX)."""
    CalendarAdjustmentFactory(date=dt.date(2019, 4, 29), kind=CalendarAdjustmentKind.DAY_OFF)
    CalendarAdjustmentFactory(date=dt.date(2019, 5, 4), kind=CalendarAdjustmentKind.WORKING_DAY)


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """A version in force since 2018 whose snapshot carries one structured time limit."""

    class Meta:
        model = ProcedureVersion

    class Params:
        amount = "5"
        unit = TimeUnit.WORKING_DAYS
        channel = Channel.IN_PERSON

    procedure = factory.SubFactory(ProcedureFactory)
    number = 1
    valid_from = dt.date(2018, 1, 1)
    code = factory.SelfAttribute("procedure.code")
    name = factory.SelfAttribute("procedure.name")
    content = factory.LazyAttribute(
        lambda o: {"time_limits": [{"channel": o.channel, "case": "", "amount": o.amount, "unit": o.unit}]}
    )


class SourceSystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceSystem
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"mot-cua-{n}")
    description = factory.Sequence(lambda n: f"Hệ thống một cửa thử nghiệm {n}")

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        """`SourceSystemFactory(agencies=[...])`: the agencies it is registered for."""
        if create and extracted:
            self.agencies.set(extracted)


class DossierFactory(factory.django.DjangoModelFactory):
    """A dossier with a given due date; `outcome` must be set consistently by the caller when resolved."""

    class Meta:
        model = Dossier

    source = factory.SubFactory(SourceSystemFactory)
    code = factory.Sequence(lambda n: f"HS-{n:06d}")
    agency = factory.SubFactory(AgencyFactory)
    received_at = local(2019, 3, 1, 9)
    due_at = local(2019, 3, 8, 17)
    due_at_source = factory.SelfAttribute("due_at")
    status = DossierStatus.PENDING
    outcome = Outcome.PENDING
    imported_at = local(2019, 3, 1, 9)
