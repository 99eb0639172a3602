"""Vietnamese formats: dates are written and typed day first (dd/mm/yyyy).

Django's own `vi` formats leave the input formats to the global defaults, which read "05/11/2015" as
month/day (11 May) and refuse "15/11/2015". Here every form accepts day-first dates, ISO dates (YYYY-MM-DD,
what scripts and browsers' native pickers send) and nothing month-first.
"""

from django.conf.locale.vi.formats import (  # noqa: F401
    DECIMAL_SEPARATOR,
    MONTH_DAY_FORMAT,
    THOUSAND_SEPARATOR,
    TIME_FORMAT,
    YEAR_MONTH_FORMAT,
)

# Dates read day first, compactly, everywhere a date is shown without an explicit format (admin listings,
# tooltips of relative times): "06/12/2026", "19:08 06/12/2026".
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
FIRST_DAY_OF_WEEK = 1  # Monday
NUMBER_GROUPING = 3

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 15/11/2015
    "%d-%m-%Y",  # 15-11-2015
    "%d.%m.%Y",  # 15.11.2015
    "%Y-%m-%d",  # 2015-11-15 (ISO)
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f", "%Hh%M", "%Hg%M"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
