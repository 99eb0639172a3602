"""The admin's icon tag gives Wagtail's markup for each icon, from a cache of rendered icons."""

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags import wagtailadmin_tags

from config.admin_icons import ICON_TEMPLATE


def _tag(arguments: str, **context) -> str:
    return engines["django"].from_string("{% load wagtailadmin_tags %}{% icon " + arguments + " %}").render(context)


def _wagtail_markup(**arguments) -> str:
    return render_to_string(ICON_TEMPLATE, wagtailadmin_tags.icon(**arguments))


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('name="bin"', {"name": "bin"}),
        ('"edit" "w-field__icon"', {"name": "edit", "classname": "w-field__icon"}),
        ('name="help" title="Hướng dẫn" wrapped=True', {"name": "help", "title": "Hướng dẫn", "wrapped": True}),
    ],
)
def test_the_icon_tag_gives_wagtails_markup(arguments, expected):
    assert _tag(arguments) == _tag(arguments) == _wagtail_markup(**expected)


def test_a_title_from_the_context_is_escaped_and_a_literal_one_is_not():
    escaped = _tag('name="help" title=title', title="Trợ giúp <b>")
    literal = _tag('name="help" title="Trợ giúp <b>"')

    assert escaped == _wagtail_markup(name="help", title="Trợ giúp <b>")
    assert literal == _wagtail_markup(name="help", title=mark_safe("Trợ giúp <b>"))
    assert escaped != literal


def test_the_icon_tag_still_needs_a_name():
    with pytest.raises(ValueError):
        _tag('classname="x"')
