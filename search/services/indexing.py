"""Keeping the search indexes equal to the procedures in force.

The database index is written first and always (it is the fallback and the vocabulary); Elasticsearch,
when configured, is written next. A failed Elasticsearch write leaves the procedure in
`PendingIndexUpdate`, the durable queue that `search_index_drain` empties once the cluster answers, so
no change is lost however long the outage.
"""

import logging
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from catalog.models import ProcedureVersion
from search.backends import BackendUnavailable, database_backend, elasticsearch_backend
from search.documents import IndexDocument, document_from_version
from search.lexicon import lexicon_build, lexicon_dump
from search.models import PendingIndexUpdate, SearchDocument, SearchLexicon
from search.selectors import search_results_clear
from search.vocabulary import lexicon_clear, lexicon_sources

logger = logging.getLogger(__name__)


def _in_force(procedure_ids: list[int] | None = None):
    versions = ProcedureVersion.objects.in_force_on(timezone.localdate())
    if procedure_ids is not None:
        versions = versions.filter(procedure_id__in=procedure_ids)
    return versions.only("id", "procedure_id", "content").order_by("procedure_id")


def _documents(procedure_ids: list[int] | None = None) -> Iterator[IndexDocument]:
    for version in (
        _in_force(procedure_ids)
        .values("pk", "procedure_id", "content", "procedure__demand", "procedure__commonly_used")
        .iterator(chunk_size=1000)
    ):
        yield document_from_version(
            procedure_id=version["procedure_id"],
            version_id=version["pk"],
            content=version["content"],
            demand=version["procedure__demand"] or 0,
            commonly_used=bool(version["procedure__commonly_used"]),
        )


LEXICON_DRIFT = 0.02  # share of the index that may change before the vocabulary is learnt again


def search_lexicon_refresh() -> bool:
    """Learn the vocabulary again when there is none or the index grew or shrank by more than LEXICON_DRIFT
    since (a few edited procedures barely move it; `search_reindex --lexicon`, nightly, catches up)."""
    stored = SearchLexicon.objects.order_by("-pk").values_list("documents", flat=True).first()
    count = SearchDocument.objects.count()
    if stored is None or abs(stored - count) > LEXICON_DRIFT * count:
        search_lexicon_rebuild()
        return True
    return False


def search_lexicon_rebuild() -> int:
    """Learn the catalog's vocabulary from the database index again and store it for every process."""
    lexicon = lexicon_build(lexicon_sources())
    with transaction.atomic():
        SearchLexicon.objects.all().delete()
        SearchLexicon.objects.create(documents=lexicon.docs, data=lexicon_dump(lexicon))
    lexicon_clear()
    return lexicon.docs


def _split(procedure_ids: list[int]) -> tuple[list[IndexDocument], list[int]]:
    documents = list(_documents(procedure_ids))
    present = {doc.procedure_id for doc in documents}
    return documents, [pk for pk in procedure_ids if pk not in present]


def search_index_update(*, procedure_ids: list[int]) -> dict[str, int]:
    """Bring these procedures up to date in every index: in force → (re)indexed, otherwise removed.

    Returns counts: indexed, removed, pending (Elasticsearch writes left for a retry).
    """
    procedure_ids = sorted(set(procedure_ids))
    documents, gone = _split(procedure_ids)
    database = database_backend()
    with transaction.atomic():
        database.index(documents)
        database.remove(gone)
    search_lexicon_refresh()
    search_results_clear()
    pending = 0
    if settings.ELASTICSEARCH_URL:
        for pk in procedure_ids:
            PendingIndexUpdate.objects.get_or_create(procedure_id=pk)
        pending = search_index_drain()
    return {"indexed": len(documents), "removed": len(gone), "pending": pending}


def search_index_drain(*, batch_size: int = 500) -> int:
    """Write every queued procedure to Elasticsearch; returns how many are still pending.

    Each batch is read fresh from the versions in force, so a retry writes the latest state, not the state
    at the time of the failed attempt.
    """
    if not settings.ELASTICSEARCH_URL:
        return PendingIndexUpdate.objects.count()
    backend = elasticsearch_backend()
    while True:
        batch = list(PendingIndexUpdate.objects.order_by("pk")[:batch_size])
        if not batch:
            return 0
        ids = [entry.procedure_id for entry in batch]
        documents, gone = _split(ids)
        try:
            backend.index(documents)
            backend.remove(gone)
        except BackendUnavailable as exc:
            logger.warning("Elasticsearch index update deferred for %d procedures: %s", len(ids), exc)
            for entry in batch:
                entry.attempts += 1
                entry.last_error = str(exc)[:2000]
            PendingIndexUpdate.objects.bulk_update(batch, ["attempts", "last_error"])
            return PendingIndexUpdate.objects.count()
        PendingIndexUpdate.objects.filter(pk__in=[entry.pk for entry in batch]).delete()
        search_results_clear()


def search_index_rebuild(
    *, progress: Callable[[int], None] | None = None, elasticsearch: bool | None = None
) -> dict[str, int]:
    """Rebuild the database index and (when configured) a fresh Elasticsearch index swapped in by alias.

    Clears the retry queue of everything the rebuild covered.
    """
    total = _in_force().count()
    started = timezone.now()
    result = {"total": total, "database": database_backend().rebuild(_documents(), progress=progress)}
    search_lexicon_rebuild()
    search_results_clear()
    if settings.ELASTICSEARCH_URL if elasticsearch is None else elasticsearch:
        result["elasticsearch"] = elasticsearch_backend().rebuild(_documents(), progress=progress)
        PendingIndexUpdate.objects.filter(updated_at__lte=started).delete()
    return result


def search_index_count() -> int:
    """How many procedures are in force today (what a full index holds)."""
    return _in_force().count()
