"""Template helpers of the site's layout (templates/base.html)."""

from django import template

register = template.Library()


@register.filter
def starts_with(value: str, prefix: str) -> bool:
    """`{% if request.path|starts_with:section_url %}`: the page is in that section of the site."""
    return bool(prefix) and str(value).startswith(str(prefix))
