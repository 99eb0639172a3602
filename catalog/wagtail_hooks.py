"""Wagtail admin registration of the catalog (viewsets live in catalog.viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from catalog.models import AnnouncementDecision, Procedure
from catalog.permissions import AgencyScopedPermissionPolicy

# Policies first: Wagtail refuses a custom policy once it has created its fallback for the model.
register_permission_policy(Procedure, AgencyScopedPermissionPolicy(Procedure, agency_field="owner_agency"))
register_permission_policy(
    AnnouncementDecision, AgencyScopedPermissionPolicy(AnnouncementDecision, agency_field="proposing_agency")
)

from catalog.viewsets import CatalogViewSetGroup  # noqa: E402  (after the policies, see above)

register_snippet(CatalogViewSetGroup)

DECISION_APPLIED = "catalog.decision_applied"


@hooks.register("register_log_actions")
def register_catalog_log_actions(actions):
    actions.register_action(
        DECISION_APPLIED,
        _("Áp dụng quyết định công bố"),
        _("Quyết định công bố đã có hiệu lực: các thủ tục trong danh mục đã được áp dụng"),
    )
