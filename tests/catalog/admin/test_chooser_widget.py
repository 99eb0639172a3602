"""Snippet choosers render from their kind's cached markup exactly as Wagtail renders them."""

import pytest
from django.utils import translation
from wagtail.admin.widgets import BaseChooser

from catalog.admin_widgets import ShapeCachedChooserMixin
from catalog.models import Procedure
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db


def _widget(**kwargs):
    widget = Procedure.snippet_viewset.chooser_viewset.widget_class(**kwargs)
    assert isinstance(widget, ShapeCachedChooserMixin)
    return widget


def _as_wagtail_renders(widget, name, value, attrs):
    """Wagtail's own chooser markup (BaseChooser.render_html: chooser.html per widget)."""
    value_data = widget.get_value_data(value)
    html = BaseChooser.render_html(widget, name, value_data, attrs)
    return f"{html}<script>{widget.render_js_init(attrs['id'], name, value_data)}</script>"


@pytest.mark.parametrize("required", [False, True])
def test_choosers_in_a_row_render_as_wagtail_renders_each(required):
    chosen = ProcedureFactory(name='Đăng ký <b>khai sinh</b> & "kết hôn"')
    rows = [("items-0-procedure", chosen.pk), ("items-1-procedure", None), ("items-2-procedure", chosen.pk)]

    for name, value in rows:
        widget = _widget()
        widget.is_required = required
        attrs = {"id": f"id_{name}"}

        assert widget.render(name, value, attrs) == _as_wagtail_renders(widget, name, value, attrs)


def test_a_chooser_renders_in_the_active_language():
    chosen = ProcedureFactory()
    attrs = {"id": "id_items-0-procedure"}
    _widget().render("items-0-procedure", chosen.pk, attrs)

    with translation.override("en"):
        widget = _widget()
        html = widget.render("items-0-procedure", chosen.pk, attrs)

        assert html == _as_wagtail_renders(widget, "items-0-procedure", chosen.pk, attrs)
