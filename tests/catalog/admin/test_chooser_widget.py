"""Snippet choosers render from their kind's cached markup exactly as Wagtail renders them."""

import pytest
from django.utils import translation
from wagtail.snippets.widgets import AdminSnippetChooser

from catalog.admin_widgets import ShapeCachedChooserMixin
from catalog.models import Procedure
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db


def _widgets(required=False):
    """The procedure chooser's widget, and the same widget as Wagtail renders it (without the mixin)."""
    widget_class = Procedure.snippet_viewset.chooser_viewset.widget_class
    assert issubclass(widget_class, ShapeCachedChooserMixin)
    options = {key: value for key, value in vars(widget_class).items() if not key.startswith("__")}
    wagtails = type("WagtailSnippetChooser", (AdminSnippetChooser,), options)
    widgets = widget_class(), wagtails()
    for widget in widgets:
        widget.is_required = required
    return widgets


@pytest.mark.parametrize("required", [False, True])
def test_choosers_in_a_row_render_as_wagtail_renders_each(required):
    chosen = ProcedureFactory(name='Đăng ký <b>khai sinh</b> & "kết hôn"')
    rows = [("items-0-procedure", chosen.pk), ("items-1-procedure", None), ("items-2-procedure", chosen.pk)]

    for name, value in rows:
        ours, wagtails = _widgets(required)
        attrs = {"id": f"id_{name}", "aria-describedby": f"panel-{name}-helptext"}

        assert ours.render(name, value, attrs) == wagtails.render(name, value, attrs)


def test_a_chooser_renders_in_the_active_language():
    chosen = ProcedureFactory()
    attrs = {"id": "id_items-0-procedure"}
    _widgets()[0].render("items-0-procedure", chosen.pk, attrs)

    with translation.override("en"):
        ours, wagtails = _widgets()

        assert ours.render("items-0-procedure", chosen.pk, attrs) == wagtails.render(
            "items-0-procedure", chosen.pk, attrs
        )
