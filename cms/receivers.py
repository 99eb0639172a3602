"""Signal receivers of the public site: they only enqueue work or bump the page cache, never decide."""


def version_saved_enqueue(sender, instance, **kwargs) -> None:
    from cms.tasks import listing_entries_refresh_task

    listing_entries_refresh_task.enqueue([instance.procedure_id])


def procedures_changed_enqueue(sender, procedure_ids, **kwargs) -> None:
    from cms.tasks import catalog_published_task

    catalog_published_task.enqueue(list(procedure_ids))
