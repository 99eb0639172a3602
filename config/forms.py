"""The project's form renderer: Django's template renderer, with the commonest widgets written out.

Every hidden, text, number… input renders ``django/forms/widgets/<type>.html``, which includes input.html,
which includes attrs.html: three template renders for one tag, 130 times on a decision's page of 20 items
(the choosers' hidden inputs, each inline row's id, order and delete fields); a select renders a template
per option. :func:`input_html`, :func:`textarea_html` and :func:`select_html` write the same markup from
the widget's context; every other template renders as Django renders it.
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

TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attribute_text(value) -> str:
    """``{{ value|stringformat:'s' }}`` in an autoescaped template."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # stringformat's own rule
    return text if isinstance(value, SafeData) else escape(text)


def attrs_html(attrs: dict) -> str:
    """Django's ``django/forms/widgets/attrs.html`` (and Wagtail's wagtailadmin/shared/attrs.html, which
    templates/wagtailadmin/shared/attrs.html replaces with this)."""
    parts = []
    for key, value in attrs.items():
        if value is False:
            continue
        parts += [" ", conditional_escape(key)]
        if value is not True:
            parts += ['="', _attribute_text(value), '"']
    return "".join(parts)


def input_html(widget: dict) -> SafeString:
    """The markup of Django's ``django/forms/widgets/input.html`` for a widget's context (``widget`` of
    ``Input.get_context``), without rendering the template and its attrs.html."""
    parts = ['<input type="', conditional_escape(widget["type"]), '" name="', conditional_escape(widget["name"]), '"']
    if widget["value"] is not None:
        parts += [' value="', _attribute_text(widget["value"]), '"']
    parts += [attrs_html(widget["attrs"]), ">"]
    return mark_safe("".join(parts))  # every part escaped above


def textarea_html(widget: dict) -> SafeString:
    """The markup of Django's ``django/forms/widgets/textarea.html`` (stripped, as the renderer strips it)."""
    text = conditional_escape(widget["value"]) if widget["value"] else ""
    html = f'<textarea name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>\n{text}</textarea>'
    return mark_safe(html)  # every part escaped above


def select_html(widget: dict) -> SafeString | None:
    """The markup of Django's ``django/forms/widgets/select.html`` with select_option.html options (stripped,
    as the renderer strips it); None when an option has another template."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            value, attrs, label = (
                _attribute_text(option["value"]),
                attrs_html(option["attrs"]),
                conditional_escape(option["label"]),
            )
            parts.append(f'\n  <option value="{value}"{attrs}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # every part escaped above


class FormRenderer(DjangoTemplates):
    """``FORM_RENDERER``: Django's default renderer; the templates of inputs, text areas and selects written
    out (input_html, textarea_html, select_html)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            html = None
            if template_name in INPUT_TEMPLATES and "type" in widget:
                html = input_html(widget)
            elif template_name == TEXTAREA_TEMPLATE:
                html = textarea_html(widget)
            elif template_name == SELECT_TEMPLATE and "optgroups" in widget:
                html = select_html(widget)
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
