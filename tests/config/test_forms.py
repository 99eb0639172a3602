"""The form renderer writes the input widgets out with exactly the markup of Django's templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from config.forms import FormRenderer

WIDGETS = [
    forms.HiddenInput,
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
]


@pytest.mark.parametrize("widget_class", WIDGETS)
@pytest.mark.parametrize(
    "attrs",
    [
        {"id": "id_x"},
        {"id": "id_x", "required": True, "disabled": False, "data-a": 'say "<hi>" & bye'},
        {"id": "id_x", "data-safe": mark_safe("<b>"), "data-tuple": (1, 2), "data-n": 7},
    ],
)
@pytest.mark.parametrize("value", [None, "", 5, 'a "b" <c>'])
def test_an_input_widget_renders_as_djangos_templates_render_it(widget_class, attrs, value):
    widget = widget_class()

    written = widget.render("items-0-procedure", value, attrs, renderer=FormRenderer())

    assert written == widget.render("items-0-procedure", value, attrs, renderer=DjangoTemplates())


def test_an_input_widget_renders_without_a_template(monkeypatch):
    renderer = FormRenderer()
    monkeypatch.setattr(renderer, "get_template", lambda name: pytest.fail(f"template {name} rendered"))

    assert forms.HiddenInput().render("id", 3, {"id": "id_id"}, renderer=renderer) == (
        '<input type="hidden" name="id" value="3" id="id_id">'
    )


CHOICES = [("", "---------"), ("a", "Ăn <uống>"), (3, mark_safe("<b>Ba</b>"))]
GROUPED = [("Nhóm <1>", [("x", "Xã"), ("y", "Yên")]), ("z", "Zê")]


@pytest.mark.parametrize(
    "widget",
    [
        forms.Select(choices=CHOICES),
        forms.Select(choices=GROUPED),
        forms.SelectMultiple(choices=GROUPED),
        forms.NullBooleanSelect(),
        forms.Select(choices=[]),
        forms.Textarea(),
        forms.Textarea(attrs={"rows": 3}),
        forms.CheckboxSelectMultiple(choices=CHOICES),
        forms.CheckboxInput(),
    ],
    ids=lambda widget: type(widget).__name__,
)
@pytest.mark.parametrize("value", [None, "", "a", 3, 'a "b" <c>', "true"])
def test_selects_text_areas_and_other_widgets_render_as_djangos_templates_render_them(widget, value):
    attrs = {"id": "id_kind", "required": True}

    written = widget.render("kind", value, attrs, renderer=FormRenderer())

    assert written == widget.render("kind", value, attrs, renderer=DjangoTemplates())


def test_the_project_renders_forms_with_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)


def test_a_multiple_select_with_several_values_renders_as_djangos_templates_render_it():
    widget = forms.SelectMultiple(choices=GROUPED)

    written = widget.render("kind", ["x", "z"], {"id": "id_kind"}, renderer=FormRenderer())

    assert written == widget.render("kind", ["x", "z"], {"id": "id_kind"}, renderer=DjangoTemplates())


WAGTAIL_ATTRS = (
    "{% for name, value in attrs.items %}{% if value is not False %} {{ name }}{% if value is not True %}"
    "=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}{% endfor %}"
)


@pytest.mark.parametrize(
    "attrs",
    [{}, {"data-a": 'say "<hi>"', "hidden": True, "disabled": False, "data-n": 7, "data-s": mark_safe("<b>")}, None],
)
def test_the_projects_attrs_template_writes_what_wagtails_wrote(attrs):
    from django.template import engines
    from django.template.loader import render_to_string

    context = {} if attrs is None else {"attrs": attrs}

    expected = engines["django"].from_string(WAGTAIL_ATTRS).render(context)
    assert render_to_string("wagtailadmin/shared/attrs.html", context) == expected
