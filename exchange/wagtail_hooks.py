"""Wagtail admin registration of the exchange app: the national-database entry checklist, and decision annexes
(downloaded from a decision's page and the listing, a draft started from one)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, HeaderButton

from catalog.models import AnnouncementDecision, DecisionItem
from catalog.viewsets import DECISION_BUTTONS_HOOK
from exchange import admin_annex_views, admin_views


@hooks.register("register_admin_urls")
def register_exchange_admin_urls():
    return [
        path("nhap-csdl-quoc-gia/", admin_views.national_entry_checklist_view, name="exchange_national_entry"),
        path(
            "nhap-csdl-quoc-gia/<int:item_id>/da-nhap/",
            admin_views.national_entry_mark_view,
            name="exchange_national_entry_mark",
        ),
        path(
            "quyet-dinh/<int:pk>/phu-luc.<str:extension>",
            admin_annex_views.decision_annex_view,
            name="exchange_decision_annex",
        ),
        path(
            "quyet-dinh/tao-tu-phu-luc/",
            admin_annex_views.DecisionAnnexImportView.as_view(),
            name="exchange_decision_annex_import",
        ),
    ]


@hooks.register("register_admin_object_urls")
def register_exchange_admin_object_urls():
    """The object each admin URL names, for the admin's agency scope (catalog.admin_scope)."""
    return {
        "exchange_national_entry_mark": (DecisionItem, "item_id"),
        "exchange_decision_annex": (AnnouncementDecision, "pk"),
    }


def _annex_links(decision: AnnouncementDecision) -> list[tuple[str, str]]:
    return [
        (_("Tải phụ lục (Excel)"), reverse("exchange_decision_annex", args=[decision.pk, "xlsx"])),
        (_("Tải phụ lục (Word)"), reverse("exchange_decision_annex", args=[decision.pk, "docx"])),
    ]


@hooks.register(DECISION_BUTTONS_HOOK)
def decision_annex_header_buttons(decision, user):
    """The listing: start a draft from an annex; a decision's page: download its annex."""
    if decision is None:
        if not user.has_perm(admin_annex_views.ADD_PERMISSION):
            return []
        url = reverse("exchange_decision_annex_import")
        return [HeaderButton(_("Tạo từ phụ lục (Excel)"), url=url, icon_name="upload")]
    if not admin_annex_views.user_may_download_annex(user):
        return []
    return [HeaderButton(label, url=url, icon_name="download") for label, url in _annex_links(decision)]


@hooks.register("register_snippet_listing_buttons")
def decision_annex_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, AnnouncementDecision) or not admin_annex_views.user_may_download_annex(user):
        return []
    # In the row's "more" menu: the row's own link stays the one obvious action.
    return [Button(label, url=url, icon_name="download", priority=60) for label, url in _annex_links(snippet)]


class _ChecklistMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_exchange_menu_item():
    return _ChecklistMenuItem(_("Nhập CSDL quốc gia"), reverse("exchange_national_entry"), icon_name="tasks", order=850)
