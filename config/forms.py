"""The project's form renderer: Django's template renderer, with the plain ``<input>`` widgets written out.

Every hidden, text, number… input renders ``django/forms/widgets/<type>.html``, which includes input.html,
which includes attrs.html: three template renders for one tag, 130 times on a decision's page of 20 items
(the choosers' hidden inputs, each inline row's id, order and delete fields). :func:`input_html` writes the
same markup from the widget's context; every other template renders as Django renders it.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

# Django's templates that only include django/forms/widgets/input.html (the renderer strips the output).
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "hidden", "text", "number", "email", "url", "password", "date", "datetime", "time")
    + ("search", "tel", "color")
)


def _attribute_text(value) -> str:
    """``{{ value|stringformat:'s' }}`` in an autoescaped template."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # stringformat's own rule
    return text if isinstance(value, SafeData) else escape(text)


def input_html(widget: dict) -> SafeString:
    """The markup of Django's ``django/forms/widgets/input.html`` for a widget's context (``widget`` of
    ``Input.get_context``), without rendering the template and its attrs.html."""
    parts = ['<input type="', conditional_escape(widget["type"]), '" name="', conditional_escape(widget["name"]), '"']
    if widget["value"] is not None:
        parts += [' value="', _attribute_text(widget["value"]), '"']
    for key, value in widget["attrs"].items():
        if value is False:
            continue
        parts += [" ", conditional_escape(key)]
        if value is not True:
            parts += ['="', _attribute_text(value), '"']
    parts.append(">")
    return mark_safe("".join(parts))  # every part escaped above


class FormRenderer(DjangoTemplates):
    """``FORM_RENDERER``: Django's default renderer; the input widgets' templates written out (input_html)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in INPUT_TEMPLATES and isinstance(widget, dict) and "type" in widget:
            return input_html(widget)
        return super().render(template_name, context, request=request)
