"""Staff groups, their permissions and the review workflow of procedures and decisions.

The internal process (Circular 01/2018 Art. 8): a department drafts; the procedure-control division of
the provincial office checks; the provincial leadership approves. In Wagtail this is one workflow with two
group-approval tasks, assigned to the Procedure and AnnouncementDecision snippets. `staff_setup()` is
idempotent: run it as often as you like, it converges on this set-up without duplicating anything.

Other apps add their roles (feedback handlers of the province and of the agencies, the permissions on
dossier sources) through the Wagtail hook `register_staff_roles`: a function returning `StaffRole`s. A role
naming an existing group adds permissions to it. Which agency a member works for comes from
`AgencyMembership`; the scopes in catalog.permissions decide what each role sees.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail import hooks
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from catalog.models import (
    Agency,
    AgencyMembership,
    AgencyName,
    AnnouncementDecision,
    CalendarAdjustment,
    Field,
    LegalDocument,
    Procedure,
    ReceptionPlace,
)
from catalog.permissions import APPROVERS_GROUP, DRAFTERS_GROUP, REVIEWERS_GROUP

WORKFLOW_NAME = "Thẩm định và phê duyệt thủ tục hành chính"
REVIEW_TASK_NAME = "Phòng Kiểm soát TTHC thẩm định"
APPROVAL_TASK_NAME = "Lãnh đạo UBND tỉnh phê duyệt"

# Permissions per group: {model: actions}. "view" lets choosers list reference data.
_REFERENCE = (Agency, AgencyName, Field, LegalDocument, ReceptionPlace, CalendarAdjustment)
GROUP_PERMISSIONS: dict[str, dict[type, tuple[str, ...]]] = {
    DRAFTERS_GROUP: {
        Procedure: ("add", "change", "lock", "unlock", "view"),
        AnnouncementDecision: ("add", "change", "lock", "unlock", "view"),
        **dict.fromkeys(_REFERENCE, ("view",)),
    },
    REVIEWERS_GROUP: {
        Procedure: ("add", "change", "delete", "lock", "unlock", "view"),
        AnnouncementDecision: ("add", "change", "delete", "lock", "unlock", "view"),
        AgencyMembership: ("add", "change", "delete", "view"),
        **dict.fromkeys(_REFERENCE, ("add", "change", "delete", "view")),
    },
    APPROVERS_GROUP: {
        Procedure: ("change", "publish", "lock", "unlock", "view"),
        AnnouncementDecision: ("change", "publish", "lock", "unlock", "view"),
        **dict.fromkeys(_REFERENCE, ("view",)),
    },
}
# Wagtail-wide permissions every staff group needs: the admin itself, documents (forms, decision files).
_COMMON = (
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
)


STAFF_ROLES_HOOK = "register_staff_roles"


@dataclass(frozen=True)
class StaffRole:
    """A staff group another app needs, with its permissions as "app_label.codename"."""

    group: str
    permissions: tuple[str, ...]


@dataclass(frozen=True)
class StaffSetupResult:
    groups: dict[str, Group]
    workflow: Workflow


def _permission(model: type, action: str) -> Permission:
    content_type = ContentType.objects.get_for_model(model)
    codename = f"{action}_{model._meta.model_name}"
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
    )
    return permission


def _common_permissions() -> list[Permission]:
    found = []
    for app_label, model_name, codename in _COMMON:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model_name, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def _task(name: str, group: Group) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.active = True
    task.save()
    task.groups.set([group])
    return task


def _named_permission(name: str) -> Permission:
    app_label, _dot, codename = name.partition(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is None:
        raise LookupError(f"No permission {name} (are the migrations of {app_label} applied?)")
    return permission


def staff_roles() -> list[StaffRole]:
    """The roles other apps register through the `register_staff_roles` hook."""
    return [role for hook in hooks.get_hooks(STAFF_ROLES_HOOK) for role in hook()]


@transaction.atomic
def staff_setup() -> StaffSetupResult:
    """Create or update the staff groups (the catalog's three and the other apps' roles), their permissions and
    the two-step review workflow."""
    common = _common_permissions()
    groups: dict[str, Group] = {}
    for group_name, model_actions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = [_permission(model, action) for model, actions in model_actions.items() for action in actions]
        group.permissions.add(*permissions, *common)
        groups[group_name] = group
    for role in staff_roles():
        group = groups.get(role.group) or Group.objects.get_or_create(name=role.group)[0]
        group.permissions.add(*(_named_permission(name) for name in role.permissions))
        groups[role.group] = group

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    tasks = [_task(REVIEW_TASK_NAME, groups[REVIEWERS_GROUP]), _task(APPROVAL_TASK_NAME, groups[APPROVERS_GROUP])]
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})

    for model in (Procedure, AnnouncementDecision):
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return StaffSetupResult(groups=groups, workflow=workflow)
