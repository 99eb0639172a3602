"""Admin widgets of the catalog: date pickers that read and show dates the Vietnamese way (dd/mm/yyyy), and
snippet choosers rendered from cached markup (ShapeCachedChooserMixin).

Wagtail's picker, on leaving a field whose text it cannot parse, silently replaces it with today's date
(``validateOnBlur``): "15/11/2015" typed against its ISO format became the day of typing and was saved.
These widgets keep what staff typed, so a date the server cannot read comes back as a field error.
The date format itself comes from ``WAGTAIL_DATE_FORMAT`` / ``WAGTAIL_DATETIME_FORMAT`` (settings).
"""

import re

from django.db import models
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, BaseChooser
from wagtail.snippets.widgets import AdminSnippetChooser

# What the picker must not do on its own: replace unparsable text, or fill an empty field.
_KEEP_TYPED_TEXT = {"validateOnBlur": False, "allowBlank": True}


class VietnameseDateInput(AdminDateInput):
    """A date picker showing dd/mm/yyyy that never replaces what was typed."""

    def __init__(self, attrs=None, format=None):
        attrs = {"placeholder": _("dd/mm/yyyy"), **(attrs or {})}
        super().__init__(attrs=attrs, format=format)

    def get_config(self):
        return {**super().get_config(), **_KEEP_TYPED_TEXT}


class VietnameseDateTimeInput(AdminDateTimeInput):
    """A date-and-time picker showing dd/mm/yyyy hh:mm that never replaces what was typed."""

    def __init__(self, attrs=None, format=None, time_format=None, js_overlay_parent_selector="body"):
        attrs = {"placeholder": _("dd/mm/yyyy hh:mm"), **(attrs or {})}
        super().__init__(
            attrs=attrs, format=format, time_format=time_format, js_overlay_parent_selector=js_overlay_parent_selector
        )

    def get_config(self):
        return {**super().get_config(), **_KEEP_TYPED_TEXT}


def register_date_widgets() -> None:
    """Every admin model form (snippets, settings, pages) gets these pickers for date and datetime fields."""
    register_form_field_override(models.DateField, override={"widget": VietnameseDateInput})
    register_form_field_override(models.DateTimeField, override={"widget": VietnameseDateTimeInput})


# Stand-ins for what differs between two choosers of the same kind in a rendered chooser (private-use
# characters: Wagtail's markup never holds them, and each is replaced in one pass, so a value that
# happens to contain one is not rescanned).
_SLOT_ID, _SLOT_EDIT_URL, _SLOT_TITLE, _SLOT_INPUT = "\ue000", "\ue001", "\ue002", "\ue003"
_SLOTS = re.compile(f"[{_SLOT_ID}{_SLOT_EDIT_URL}{_SLOT_TITLE}{_SLOT_INPUT}]")
_chooser_shapes: dict[tuple, str] = {}


class ShapeCachedChooserMixin:
    """A chooser widget rendered from its kind's cached markup, filled with the row's id, title and link.

    Wagtail renders chooser.html (a dropdown, five icons, ~130 template nodes) for every chooser: 65 times
    on a decision's page of 20 items, a quarter of its server time. The markup of choosers of one kind
    (widget class, texts in the active language, required or not, empty or chosen, with or without an edit
    link) differs only in the field's id, the chosen object's title and edit link, and the hidden input:
    it is rendered once per kind with stand-ins for those and filled in per chooser (escaped as the
    template escapes them). A widget with another template renders as Wagtail does.
    """

    def render_html(self, name, value_data, attrs):
        value_data = value_data or {}
        if self.template_name != BaseChooser.template_name:
            return super().render_html(name, value_data, attrs)
        edit_url = value_data.get("edit_url", "")
        chooser_url = self.get_chooser_modal_url()
        shape = self._chooser_shape(name, value=bool(value_data), edit_link=bool(edit_url), chooser_url=chooser_url)
        values = {
            _SLOT_ID: escape(attrs["id"]),
            _SLOT_EDIT_URL: escape(edit_url),
            _SLOT_TITLE: escape(value_data.get(self.display_title_key, "")),
            _SLOT_INPUT: self.render_hidden_input(name, value_data.get("id"), attrs),
        }
        return mark_safe(_SLOTS.sub(lambda match: values[match.group()], shape))  # values escaped

    def _chooser_shape(self, name: str, *, value: bool, edit_link: bool, chooser_url: str) -> str:
        texts = (self.choose_one_text, self.choose_another_text, self.link_to_chosen_text, self.clear_choice_text)
        flags = (self.show_edit_link, self.show_clear_link, self.is_required, self.icon, self.classname)
        key = (type(self), get_language(), *map(str, texts), *flags, chooser_url, value, edit_link)
        shape = _chooser_shapes.get(key)
        if shape is None:
            sample = {"id": "", "edit_url": _SLOT_EDIT_URL if edit_link else "", self.display_title_key: _SLOT_TITLE}
            context = self.get_context(name, sample if value else {}, {"id": _SLOT_ID})
            context["original_field_html"] = mark_safe(_SLOT_INPUT)  # a stand-in, filled above
            shape = _chooser_shapes[key] = render_to_string(self.template_name, context)
        return shape


class ShapeCachedSnippetChooser(ShapeCachedChooserMixin, AdminSnippetChooser):
    """Wagtail's snippet chooser widget, rendered from its kind's cached markup (ShapeCachedChooserMixin)."""
