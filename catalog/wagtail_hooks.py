"""Wagtail admin registration of the catalog (viewsets live in catalog.viewsets)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from catalog.models import AnnouncementDecision, Procedure
from catalog.permissions import AgencyScopedPermissionPolicy
from catalog.services.decisions import register_decision_log_actions

# Policies first: Wagtail refuses a custom policy once it has created its fallback for the model.
register_permission_policy(Procedure, AgencyScopedPermissionPolicy(Procedure, agency_field="owner_agency"))
register_permission_policy(
    AnnouncementDecision, AgencyScopedPermissionPolicy(AnnouncementDecision, agency_field="proposing_agency")
)

from catalog.viewsets import CatalogViewSetGroup  # noqa: E402  (after the policies, see above)

register_snippet(CatalogViewSetGroup)


@hooks.register("register_log_actions")
def register_catalog_log_actions(actions):
    register_decision_log_actions(actions)
