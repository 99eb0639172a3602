"""Wagtail admin registration of the cms app: the stale-postings view and its menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from catalog.models import ReceptionPlace
from cms.admin_views import PERMISSION, MarkPostedView, StalePostingsView


@hooks.register("register_admin_urls")
def register_posting_urls():
    return [
        path("niem-yet-can-cap-nhat/", StalePostingsView.as_view(), name="cms_stale_postings"),
        path("niem-yet-can-cap-nhat/<int:pk>/da-niem-yet/", MarkPostedView.as_view(), name="cms_mark_posted"),
    ]


@hooks.register("register_admin_object_urls")
def register_posting_object_urls():
    """The object each admin URL names, for the admin's agency scope (catalog.admin_scope)."""
    return {"cms_mark_posted": (ReceptionPlace, "pk")}


class PostingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_posting_menu_item():
    return PostingMenuItem(_("Niêm yết cần cập nhật"), reverse("cms_stale_postings"), icon_name="warning", order=900)
