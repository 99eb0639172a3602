"""The demand figure of each procedure (dossiers received in the last 12 months), kept in the catalog.

Search reads it as a popularity prior ("the procedure most people mean"); timeliness owns the dossiers, so it
counts them after each import and hands the counts to the catalog (`catalog.services.demand`).
"""

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from catalog.services.demand import procedures_demand_set
from timeliness.models import Dossier

DEMAND_WINDOW_DAYS = 365


def procedure_demand_refresh(*, now: dt.datetime | None = None) -> list[int]:
    """Count the dossiers received per procedure code in the last 12 months and store them in the catalog;
    returns the ids of procedures whose figure changed."""
    since = (now or timezone.now()) - dt.timedelta(days=DEMAND_WINDOW_DAYS)
    counts = (
        Dossier.objects.filter(received_at__gte=since)
        .exclude(procedure_code="")
        .values_list("procedure_code")
        .annotate(n=Count("pk"))
    )
    return procedures_demand_set(counts=dict(counts))
