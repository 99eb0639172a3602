"""Agency scoping: which records of which agency a staff account may see and work on.

Department staff (a user with an `AgencyMembership`) work only on their own agency's records; province-level
staff (the provincial office's groups) and superusers work on all. A non-superuser who is neither
province-level nor a member of an agency sees nothing: access is granted, never assumed, and model
permissions alone never grant access across agencies.

This module is the one place that decides. Each scoped model has an `AgencyScope` (the path from a record
to its agency, and who sees every agency's records): the catalog's own below, other apps' through the
Wagtail hook `register_agency_scopes` (a function returning a list of `AgencyScope`). The admin applies the
scopes to every URL that names an object and to every listing (catalog.admin_scope), the permission
policies of the catalog snippets apply them per instance, services and selectors call them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy

# Names of the groups that work across every agency (created by catalog.services.staff.staff_setup).
DRAFTERS_GROUP = "Cán bộ sở, ngành"
REVIEWERS_GROUP = "Phòng Kiểm soát TTHC"
APPROVERS_GROUP = "Lãnh đạo UBND tỉnh"
PROVINCIAL_GROUPS = (REVIEWERS_GROUP, APPROVERS_GROUP)

SCOPES_HOOK = "register_agency_scopes"


def user_in_groups(user, names: Iterable[str]) -> bool:
    """Whether an active account is a superuser or belongs to one of the groups `names` (cached per request)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = user.__dict__.setdefault("_agency_scope_groups", {})
    key = tuple(sorted(names))
    if key not in cache:
        cache[key] = user.groups.filter(name__in=key).exists()
    return cache[key]


def user_sees_all_agencies(user) -> bool:
    """Superusers and members of the provincial office's groups work on every agency's catalog records."""
    return user_in_groups(user, PROVINCIAL_GROUPS)


def user_agency_id(user) -> int | None:
    """The agency a department user belongs to, or None."""
    if not user.is_authenticated:
        return None
    # The reverse one-to-one raises RelatedObjectDoesNotExist (an AttributeError) when absent.
    membership = getattr(user, "agency_membership", None)
    return membership.agency_id if membership else None


@dataclass(frozen=True)
class AgencyScope:
    """How the records of `model` belong to an agency, and who sees every agency's records.

    `agency_path` is the ORM path from a record to its agency ("owner_agency", "decision__proposing_agency").
    A record with no agency (an unassigned feedback item) is seen only by those who see all agencies.
    """

    model: type[Model]
    agency_path: str
    sees_all: Callable[..., bool] = user_sees_all_agencies

    def filter(self, user) -> Q | None:
        """A filter limiting records to those `user` may see; None when the user sees everything."""
        if self.sees_all(user):
            return None
        agency_id = user_agency_id(user)
        if agency_id is None:
            return Q(pk__in=[])
        return Q(**{self.agency_path: agency_id})

    def narrow(self, queryset: QuerySet, *, user) -> QuerySet:
        scope = self.filter(user)
        return queryset if scope is None else queryset.filter(scope)

    def agency_id_of(self, instance: Model) -> int | None:
        """The agency id of `instance`, following `agency_path` (its last step read as the `_id` column)."""
        *relations, last = self.agency_path.split("__")
        target = instance
        for name in relations:
            target = getattr(target, name, None)
            if target is None:
                return None
        return getattr(target, f"{last}_id", None)

    def contains(self, instance: Model, *, user) -> bool:
        """Whether `user` may see `instance` (an in-memory record: its agency as it stands)."""
        if self.sees_all(user):
            return True
        agency_id = user_agency_id(user)
        return agency_id is not None and self.agency_id_of(instance) == agency_id

    def contains_ids(self, ids: Iterable, *, user) -> bool:
        """Whether every record named by `ids` (URL values: quoted primary keys) exists and is in scope."""
        wanted = {unquote(str(value)) for value in ids}
        if not wanted:
            return True
        try:
            found = self.narrow(self.model._default_manager.filter(pk__in=wanted), user=user).count()
        except (ValueError, TypeError, ValidationError):
            return False  # not a primary key of this model: names nothing the user may see
        return found == len(wanted)

    @cached_property
    def content_type_id(self) -> int:
        return ContentType.objects.get_for_model(self.model).pk


def _catalog_scopes() -> list[AgencyScope]:
    from catalog.models import AnnouncementDecision, DecisionItem, Procedure

    return [
        AgencyScope(Procedure, "owner_agency"),
        AgencyScope(AnnouncementDecision, "proposing_agency"),
        AgencyScope(DecisionItem, "decision__proposing_agency"),
    ]


_scopes: dict[type[Model], AgencyScope] | None = None


def agency_scopes() -> dict[type[Model], AgencyScope]:
    """Every registered scope by model: the catalog's and those of the `register_agency_scopes` hooks."""
    global _scopes
    if _scopes is None:
        found = _catalog_scopes()
        for hook in hooks.get_hooks(SCOPES_HOOK):
            found.extend(hook())
        _scopes = {scope.model: scope for scope in found}
    return _scopes


def agency_scope_for(model: type[Model] | None) -> AgencyScope | None:
    """The scope of `model` (proxies and subclasses share their concrete model's), or None if unscoped."""
    if model is None:
        return None
    return agency_scopes().get(model._meta.concrete_model)


def scoped_queryset(queryset: QuerySet, *, user) -> QuerySet:
    """`queryset` narrowed to what `user` may see (unchanged for models that are not agency-scoped)."""
    scope = agency_scope_for(queryset.model)
    return queryset if scope is None else scope.narrow(queryset, user=user)


def user_sees_all_scopes(user) -> bool:
    """Whether `user` sees every agency's records of every scoped model (nothing to narrow)."""
    return all(scope.sees_all(user) for scope in agency_scopes().values())


def generic_rows_in_scope(queryset: QuerySet, *, user, content_type_field: str, object_id_field: str) -> QuerySet:
    """Rows that point at objects by (content type, object id) — log entries, workflow states, references —
    narrowed to those whose object `user` may see. Rows about unscoped models pass unchanged."""
    for scope in agency_scopes().values():
        rule = scope.filter(user)
        if rule is None:
            continue
        visible_ids = scope.model._default_manager.filter(rule).annotate(_id_text=Cast("pk", CharField()))
        queryset = queryset.filter(
            ~Q(**{f"{content_type_field}_id": scope.content_type_id})
            | Q(**{f"{object_id_field}__in": visible_ids.values("_id_text")})
        )
    return queryset


# --- Helpers kept for the callers that name the agency field directly --------------------------------


def queryset_for_user(queryset: QuerySet, *, user, agency_field: str) -> QuerySet:
    """`queryset` narrowed to what `user` may see."""
    return AgencyScope(queryset.model, agency_field).narrow(queryset, user=user)


def instance_in_scope(instance: Model, *, user, agency_field: str) -> bool:
    """Whether `instance` belongs to an agency `user` may work on."""
    return AgencyScope(type(instance), agency_field).contains(instance, user=user)


class AgencyScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (from groups) narrowed, per instance, to the user's agency."""

    def __init__(self, model, *, agency_field: str, **kwargs):
        super().__init__(model, **kwargs)
        self.agency_field = agency_field

    @property
    def scope(self) -> AgencyScope:
        return agency_scope_for(self.model) or AgencyScope(self.model, self.agency_field)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.scope.contains(instance, user=user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.scope.contains(instance, user=user)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        return self.scope.narrow(queryset, user=user)
