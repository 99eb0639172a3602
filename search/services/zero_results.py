"""The log of queries that found nothing, reviewed by staff to add synonyms or best bets.

Searching never writes it: the search page and the API hand a query that found nothing to
`zero_result_enqueue` once they have their answer, and a background task (`search.tasks`) counts it.
"""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.backends import SearchResults
from search.models import ZeroResultQuery
from search.query import query_parse

logger = logging.getLogger(__name__)


def zero_result_enqueue(*, query: str, results: SearchResults) -> None:
    """After answering `query` with `results`: queue it for the log when it found nothing.

    Best effort: the answer is ready, so a task queue that cannot take the query (its table missing or its
    database refusing) is logged, not turned into an error page. The savepoint keeps the request's own
    transaction usable."""
    if results.count == 0:
        from search.tasks import zero_result_record_task

        try:
            with transaction.atomic():
                zero_result_record_task.enqueue(query)
        except DatabaseError:
            logger.exception("zero-result query not queued")


def zero_result_note(*, query: str) -> ZeroResultQuery | None:
    """Count one more search for `query` that found nothing, unless it holds no words at all."""
    parsed = query_parse(query, expand=False)
    if not parsed.folded:
        return None
    return zero_result_record(query=parsed.raw, query_folded=parsed.folded_text)


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
