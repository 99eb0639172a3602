"""Dates typed by people on public pages: day first (dd/mm/yyyy) as Vietnamese write them.

ISO dates (YYYY-MM-DD) are still read, because links, scripts and bookmarks made before carry them.
Month-first input is never guessed: "05/11/2015" is 5 November 2015.
"""

import datetime as dt
import re

DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def typed_date(value: str) -> dt.date:
    """The date in `value` ("15/11/2015", "15-11-2015", "15.11.2015" or "2015-11-15"); ValueError otherwise."""
    text = value.strip()
    if match := DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(f"not a date: {value!r}")
    return dt.date(year, month, day)


def day_text(value: dt.date | None) -> str:
    """A date as people read it on every page: dd/mm/yyyy ("" for none)."""
    return f"{value:%d/%m/%Y}" if value else ""


def typed_date_text(value: str | None) -> str:
    """What a date box shows after a submit: the date as dd/mm/yyyy, or the text as typed when it is not one."""
    if not value:
        return ""
    try:
        return day_text(typed_date(value))
    except ValueError:
        return value
