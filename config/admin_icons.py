"""Wagtail's ``{% icon %}`` tag, rendered once per distinct icon instead of once per use.

The admin renders the tag's template (wagtailadmin/shared/icon.html) for every icon: about 820 times on a
decision's page of 20 items (choosers, inline rows' menus, comment buttons), some 20 ms of its server
time. An icon's markup depends only on the tag's arguments, so the same template is rendered once per
distinct set of arguments (the title in the active language) and reused: the markup is unchanged.
"""

import functools

from django.template.loader import render_to_string
from django.utils.safestring import SafeData, SafeString, mark_safe
from wagtail.admin.templatetags import wagtailadmin_tags

ICON_TEMPLATE = "wagtailadmin/shared/icon.html"


@functools.lru_cache(maxsize=2048)
def _icon_html(name: str, classname: str | None, title: str | None, title_is_safe: bool, wrapped: bool) -> SafeString:
    if title_is_safe:
        title = mark_safe(title)  # it was safe text (a template literal) when the tag got it
    return render_to_string(ICON_TEMPLATE, wagtailadmin_tags.icon(name, classname, title, wrapped))


def icon(name=None, classname=None, title=None, wrapped=False) -> SafeString:
    """Wagtail's icon tag (same arguments, same markup), from the cache of rendered icons. A title that is
    safe text (a literal in the template) is not escaped, as in Wagtail's tag, so it is part of the key."""
    if not name:
        raise ValueError("You must supply an icon name")
    text = None if title is None else str(title)
    classes = None if classname is None else str(classname)
    return _icon_html(str(name), classes, text, isinstance(title, SafeData), bool(wrapped))


def icon_tag_install() -> None:
    """Register :func:`icon` as ``{% icon %}`` in Wagtail's tag library (templates compiled from now on)."""
    wagtailadmin_tags.register.simple_tag(icon, name="icon")
