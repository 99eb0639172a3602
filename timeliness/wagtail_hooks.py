"""Wagtail admin: the staff view of on-time statistics (menu item "Thống kê đúng hạn") and the dossier sources
(Cài đặt → "Hệ thống nguồn hồ sơ", see viewsets.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from catalog.models import Agency
from catalog.permissions import REVIEWERS_GROUP
from catalog.services.staff import StaffRole
from timeliness import admin_views
from timeliness.viewsets import source_system_viewset


@hooks.register("register_admin_urls")
def register_timeliness_admin_urls():
    return [
        path("thong-ke-dung-han/", admin_views.staff_dashboard, name="timeliness_staff"),
        path("thong-ke-dung-han/tai-ve.<str:fmt>", admin_views.staff_download, name="timeliness_staff_download"),
        path("thong-ke-dung-han/co-quan/<str:code>/", admin_views.staff_agency, name="timeliness_staff_agency"),
        path(
            "thong-ke-dung-han/co-quan/<str:code>/tai-ve.<str:fmt>",
            admin_views.staff_agency_download,
            name="timeliness_staff_agency_download",
        ),
    ]


@hooks.register("register_admin_object_urls")
def register_timeliness_admin_object_urls():
    """The object each statistics URL names, for the admin's agency scope (catalog.admin_scope): an agency by
    its code. The figures are the public statistics' (aggregates, no personal data), so no agency is hidden."""
    return {"timeliness_staff_agency": (Agency, "code"), "timeliness_staff_agency_download": (Agency, "code")}


@hooks.register("register_admin_menu_item")
def register_timeliness_menu_item():
    return MenuItem(_("Thống kê đúng hạn"), reverse("timeliness_staff"), icon_name="time", order=900)


# --- Dossier sources --------------------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_source_system_viewset():
    return source_system_viewset


@hooks.register("register_staff_roles")
def register_source_system_staff_roles():
    """The procedure-control division registers one-stop systems and issues their tokens."""
    actions = ("add", "change", "view")
    return [StaffRole(group=REVIEWERS_GROUP, permissions=tuple(f"timeliness.{a}_sourcesystem" for a in actions))]
