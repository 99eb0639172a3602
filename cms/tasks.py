"""Background work of the public site (django-tasks): publishing never waits on the listing tables."""

from django_tasks import task

from cms.services import catalog_published, listing_entries_refresh


@task()
def listing_entries_refresh_task(procedure_ids: list[int]) -> int:
    """Rewrite the listing rows of these procedures (a version was saved)."""
    return listing_entries_refresh(procedure_ids=procedure_ids)


@task()
def catalog_published_task(procedure_ids: list[int]) -> None:
    """Listing rows, today's counts, page cache and posters after a publication."""
    catalog_published(procedure_ids=procedure_ids)
