"""Background work of the search app (django-tasks): publishing never waits on Elasticsearch, and searching
never waits on the zero-result log."""

from django_tasks import task

from search.services.indexing import search_index_update
from search.services.zero_results import zero_result_note


@task()
def search_index_update_task(procedure_ids: list[int]) -> dict[str, int]:
    """Re-index these procedures (the `procedures_changed` receiver enqueues this)."""
    return search_index_update(procedure_ids=procedure_ids)


@task()
def zero_result_record_task(query: str) -> None:
    """Count a query that found nothing (`zero_result_enqueue` queues it once the search has answered)."""
    zero_result_note(query=query)
