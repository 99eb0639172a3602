"""Signals the feedback app sends so that presenting apps (cms page caches) can react without being imported.

Receivers only schedule work (cache purges); no domain rules live there.
"""

from django.dispatch import Signal

# Sent after the transaction commits when the published answers changed (an answer was published, or a
# published item was erased). kwargs: procedure_codes: list[str] (codes of the procedures concerned; may be
# empty when the item names no procedure).
answers_changed = Signal()
