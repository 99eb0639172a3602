"""Signal receivers: they only enqueue work or clear caches, never decide anything."""

from search.query import synonym_cache_clear


def procedures_changed_enqueue(sender, procedure_ids, **kwargs) -> None:
    from search.tasks import search_index_update_task

    search_index_update_task.enqueue(list(procedure_ids))


def synonyms_changed(sender, **kwargs) -> None:
    from search.selectors import search_results_clear

    synonym_cache_clear()
    search_results_clear()


def promoted_results_changed(sender, **kwargs) -> None:
    from search.selectors import search_results_clear

    search_results_clear()
