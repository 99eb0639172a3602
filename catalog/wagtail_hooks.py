"""Wagtail admin registration of the catalog (viewsets live in catalog.viewsets)."""

from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.signals import published
from wagtail.snippets.models import register_snippet

from catalog.compliance import compliance_deadlines
from catalog.models import AnnouncementDecision, Procedure
from catalog.permissions import AgencyScopedPermissionPolicy, user_agency_id, user_sees_all_agencies
from catalog.services.decisions import register_decision_log_actions
from catalog.services.procedures import procedure_mark_approved

# Policies first: Wagtail refuses a custom policy once it has created its fallback for the model.
register_permission_policy(Procedure, AgencyScopedPermissionPolicy(Procedure, agency_field="owner_agency"))
register_permission_policy(
    AnnouncementDecision, AgencyScopedPermissionPolicy(AnnouncementDecision, agency_field="proposing_agency")
)

from catalog.viewsets import CatalogViewSetGroup  # noqa: E402  (after the policies, see above)

register_snippet(CatalogViewSetGroup)


def procedure_published(sender, instance, **kwargs):
    """Wagtail published a procedure (final workflow approval or direct publication): only call the service."""
    procedure_mark_approved(procedure=instance)


# Receivers connect here (wagtail_hooks modules load before Wagtail publishes anything: publishing writes an
# audit-log entry, which loads the hooks first). dispatch_uid keeps it single.
published.connect(procedure_published, sender=Procedure, dispatch_uid="catalog.procedure_published")


@hooks.register("register_log_actions")
def register_catalog_log_actions(actions):
    register_decision_log_actions(actions)


class DeadlinesPanel(Component):
    """Dashboard panel "Hạn cần theo dõi": legal deadlines of decisions, national entry and postings."""

    name = "catalog_deadlines"
    template_name = "catalog/admin/deadlines_panel.html"
    order = 90
    max_rows = 20

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        rows = compliance_deadlines(today=timezone.localdate())
        if not user_sees_all_agencies(user):
            agency_id = user_agency_id(user)
            rows = [row for row in rows if row.decision and row.decision.proposing_agency_id == agency_id]
        context["rows"] = [(row, -row.days) for row in rows[: self.max_rows]]
        context["hidden"] = max(len(rows) - self.max_rows, 0)
        context["overdue_count"] = sum(row.overdue for row in rows)
        return context


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    if request.user.has_perm("catalog.change_announcementdecision") or user_sees_all_agencies(request.user):
        panels.append(DeadlinesPanel(request))


@hooks.register("insert_global_admin_css")
def catalog_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("catalog/admin/admin.css"))
