"""The log of queries that found nothing, reviewed by staff to add synonyms or best bets."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import ZeroResultQuery


def zero_result_record(*, query: str, query_folded: str) -> ZeroResultQuery:
    """Count one more search for `query` that found nothing (one row per folded query)."""
    query_folded = query_folded[:255]
    updated = ZeroResultQuery.objects.filter(query_folded=query_folded).update(
        count=F("count") + 1, query=query[:255], reviewed=False, last_seen=timezone.now()
    )
    if not updated:
        try:
            with transaction.atomic():
                return ZeroResultQuery.objects.create(query=query[:255], query_folded=query_folded, count=1)
        except IntegrityError:  # a concurrent first record
            ZeroResultQuery.objects.filter(query_folded=query_folded).update(count=F("count") + 1)
    return ZeroResultQuery.objects.get(query_folded=query_folded)
