"""Admin widgets of the catalog: date pickers that read and show dates the Vietnamese way (dd/mm/yyyy).

Wagtail's picker, on leaving a field whose text it cannot parse, silently replaces it with today's date
(``validateOnBlur``): "15/11/2015" typed against its ISO format became the day of typing and was saved.
These widgets keep what staff typed, so a date the server cannot read comes back as a field error.
The date format itself comes from ``WAGTAIL_DATE_FORMAT`` / ``WAGTAIL_DATETIME_FORMAT`` (settings).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

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
