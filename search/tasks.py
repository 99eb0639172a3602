"""Background work of the search app (django-tasks): publishing never waits on Elasticsearch."""

from django_tasks import task

from search.services.indexing import search_index_update


@task()
def search_index_update_task(procedure_ids: list[int]) -> dict[str, int]:
    """Re-index these procedures (the `procedures_changed` receiver enqueues this)."""
    return search_index_update(procedure_ids=procedure_ids)
