"""Wagtail admin: the staff view of on-time statistics (menu item "Thống kê đúng hạn")."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from timeliness import admin_views


@hooks.register("register_admin_urls")
def register_timeliness_admin_urls():
    return [path("thong-ke-dung-han/", admin_views.staff_dashboard, name="timeliness_staff")]


@hooks.register("register_admin_menu_item")
def register_timeliness_menu_item():
    return MenuItem(_("Thống kê đúng hạn"), reverse("timeliness_staff"), icon_name="time", order=900)
