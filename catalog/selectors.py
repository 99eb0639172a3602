"""Reads of the catalog domain (selectors)."""

import datetime as dt

from catalog.models import Agency


def agency_name_on(*, agency: Agency, day: dt.date) -> str:
    """The name `agency` bore on `day` (renamed agencies keep their earlier names)."""
    for old in agency.names.all():
        if (old.valid_from is None or old.valid_from <= day) and (old.valid_until is None or day < old.valid_until):
            return old.name
    return agency.name
