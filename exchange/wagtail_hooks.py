"""Wagtail admin registration of the exchange app: the national-database entry checklist."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from catalog.models import DecisionItem
from exchange import admin_views


@hooks.register("register_admin_urls")
def register_exchange_admin_urls():
    return [
        path("nhap-csdl-quoc-gia/", admin_views.national_entry_checklist_view, name="exchange_national_entry"),
        path(
            "nhap-csdl-quoc-gia/<int:item_id>/da-nhap/",
            admin_views.national_entry_mark_view,
            name="exchange_national_entry_mark",
        ),
    ]


@hooks.register("register_admin_object_urls")
def register_exchange_admin_object_urls():
    """The object each admin URL names, for the admin's agency scope (catalog.admin_scope)."""
    return {"exchange_national_entry_mark": (DecisionItem, "item_id")}


class _ChecklistMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_exchange_menu_item():
    return _ChecklistMenuItem(_("Nhập CSDL quốc gia"), reverse("exchange_national_entry"), icon_name="tasks", order=850)
