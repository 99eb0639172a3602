"""Markup helpers written in Python for templates rendered many times per admin page (config.forms)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from config.forms import attrs_html

register = template.Library()


@register.simple_tag
def html_attrs(attrs) -> SafeString:
    """`` name="value"…`` of a dict of attributes, as wagtailadmin/shared/attrs.html (and Django's
    attrs.html) write them: False leaves an attribute out, True writes its name alone."""
    return mark_safe(attrs_html(attrs) if isinstance(attrs, dict) else "")  # attrs_html escapes every part
