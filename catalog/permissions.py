"""Agency-scoped permissions for the catalog admin.

Department staff (a user with an `AgencyMembership`) draft only their own agency's procedures and
decisions; the provincial office (reviewers and approvers of the workflow) and superusers work on all.
A non-superuser who is neither in a provincial group nor a member of an agency sees nothing: access is
granted, never assumed.
"""

from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

# Names of the groups that work across every agency (created by catalog.services.staff.staff_setup).
DRAFTERS_GROUP = "Cán bộ sở, ngành"
REVIEWERS_GROUP = "Phòng Kiểm soát TTHC"
APPROVERS_GROUP = "Lãnh đạo UBND tỉnh"
PROVINCIAL_GROUPS = (REVIEWERS_GROUP, APPROVERS_GROUP)


def user_sees_all_agencies(user) -> bool:
    """Superusers and members of the provincial office's groups work on every agency's records."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_catalog_sees_all", None)
    if cached is None:
        cached = user.groups.filter(name__in=PROVINCIAL_GROUPS).exists()
        user._catalog_sees_all = cached
    return cached


def user_agency_id(user) -> int | None:
    """The agency a department user belongs to, or None."""
    if not user.is_authenticated:
        return None
    # The reverse one-to-one raises RelatedObjectDoesNotExist (an AttributeError) when absent.
    membership = getattr(user, "agency_membership", None)
    return membership.agency_id if membership else None


def agency_scope_filter(user, agency_field: str) -> Q | None:
    """A filter limiting records to the user's agency; None when the user sees everything."""
    if user_sees_all_agencies(user):
        return None
    agency_id = user_agency_id(user)
    if agency_id is None:
        return Q(pk__in=[])
    return Q(**{f"{agency_field}_id": agency_id})


def queryset_for_user(queryset: QuerySet, *, user, agency_field: str) -> QuerySet:
    """`queryset` narrowed to what `user` may see."""
    scope = agency_scope_filter(user, agency_field)
    return queryset if scope is None else queryset.filter(scope)


def instance_in_scope(instance: Model, *, user, agency_field: str) -> bool:
    """Whether `instance` belongs to an agency `user` may work on."""
    if user_sees_all_agencies(user):
        return True
    agency_id = user_agency_id(user)
    return agency_id is not None and getattr(instance, f"{agency_field}_id") == agency_id


class AgencyScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (from groups) narrowed, per instance, to the user's agency."""

    def __init__(self, model, *, agency_field: str, **kwargs):
        super().__init__(model, **kwargs)
        self.agency_field = agency_field

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance_in_scope(
            instance, user=user, agency_field=self.agency_field
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        return queryset_for_user(queryset, user=user, agency_field=self.agency_field)
