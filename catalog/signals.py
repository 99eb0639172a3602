"""Signals the catalog sends so that apps built on it (search, cms caches) can react without the catalog
importing them. Receivers only schedule work (index updates, cache purges); no domain rules live there."""

from django.dispatch import Signal

# Sent (after the transaction commits) when the public content of procedures changed: a version was
# created or ended (decision applied, baseline import, abolition). kwargs: procedure_ids: list[int].
procedures_changed = Signal()
