"""Template filters that write numbers the Vietnamese way: thousands grouped by dots ("4.011")."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def vi_number(value):
    """ "4011" → "4.011", "86.87" → "86,87" (the active language's separators, grouping forced)."""
    if value is None or value == "":
        return value
    try:
        return number_format(value, use_l10n=True, force_grouping=True)
    except (TypeError, ValueError):
        return value
