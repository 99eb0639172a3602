"""Writes of the public site: marking a reception place's posting as re-posted."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from catalog.models import ReceptionPlace


def reception_place_mark_posted(*, place: ReceptionPlace, at: dt.datetime | None = None) -> ReceptionPlace:
    """Record that the posting at `place` was printed and put up (or its screen updated) at `at` (now).

    The posting is then current until one of its procedures changes again (Decree 63/2010 Art. 26).
    """
    with transaction.atomic():
        place.posted_at = at or timezone.now()
        place.save(update_fields=["posted_at"])
    return place
