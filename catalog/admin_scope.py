"""Agency scope on every admin URL: the middleware that applies catalog.permissions to the Wagtail admin.

Every request under the admin passes `AdminScopeMiddleware.process_view`, which

1. finds which model and which objects the resolved URL names (`admin_url_target`): path arguments in
   any form (`pk`, `object_id`, regex groups, quoted keys, a registered keyword such as `item_id`) and
   `?id=` values (chosen-multiple, bulk actions), the model coming from the view (`model` of a Wagtail
   generic view), the viewset that owns the URL namespace, `app_label`/`model_name` arguments, or the
   `register_admin_object_urls` hook; and answers 404 when any of them is outside the user's scope;
2. for views that list rows of scoped models — choosers, listings and exports, usage, site history,
   workflow reports — runs the same view class with its rows narrowed by the same scopes.

Views added later are covered without code of their own: a Wagtail generic view knows its model; a
project view under a viewset takes the viewset's model; others declare theirs through the hook
(`{url_name: (model, keyword)}`). tests/security/test_admin_url_scope.py walks every admin URL pattern
and fails on one that names an object this module cannot place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Model
from django.http import Http404
from django.urls import ResolverMatch, reverse
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.chooser import BaseChooseView
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.models import ReferenceIndex

from catalog.permissions import agency_scope_for, generic_rows_in_scope, scoped_queryset, user_sees_all_scopes

OBJECT_URLS_HOOK = "register_admin_object_urls"
# Path arguments that name the URL's main object in Wagtail's generic views.
OBJECT_KWARGS = ("pk", "object_id")
# Arguments that name a model (bulk actions, editing sessions, settings).
MODEL_KWARGS = (("app_label", "model_name"), ("app_name", "model_name"))


@dataclass(frozen=True)
class AdminTarget:
    """What an admin URL names: a model and the ids of its objects (empty for a listing)."""

    model: type[Model] | None
    object_ids: tuple[str, ...] = ()
    selects_all: bool = False  # bulk action over "all" objects of the listing
    source: str = ""  # how the model was found (for error messages of the URL-enumeration test)
    kwargs_used: tuple[str, ...] = field(default=())


def _declared_object_urls() -> dict[str, tuple[type[Model], str]]:
    declared: dict[str, tuple[type[Model], str]] = {}
    for hook in hooks.get_hooks(OBJECT_URLS_HOOK):
        declared.update(hook())
    return declared


@functools.cache
def declared_object_urls() -> dict[str, tuple[type[Model], str]]:
    """{url name: (model, path keyword)} declared by apps for their own admin views."""
    return _declared_object_urls()


@functools.cache
def _viewset_models() -> dict[str, type[Model]]:
    from wagtail.admin.viewsets import viewsets

    return {
        viewset.url_namespace: _as_model(viewset.model)
        for viewset in viewsets.viewsets
        if getattr(viewset, "model", None) is not None and getattr(viewset, "name", None)
    }


def _as_model(model) -> type[Model] | None:
    if isinstance(model, str):  # "app_label.ModelName", as Wagtail's choosers name swappable models
        try:
            return apps.get_model(model)
        except (LookupError, ValueError):
            return None
    return model if isinstance(model, type) and issubclass(model, Model) else None


def view_model(view_func) -> type[Model] | None:
    """The model a (class-based) view works on, as given to or declared by its class (Django or REST
    framework view)."""
    initkwargs = getattr(view_func, "view_initkwargs", None) or getattr(view_func, "initkwargs", None) or {}
    model = initkwargs.get("model")
    if model is None:
        view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
        model = getattr(view_class, "model", None)
    return _as_model(model)


def admin_url_target(match: ResolverMatch, query=None) -> AdminTarget:
    """The model and object ids an admin URL names (see the module docstring for where they come from)."""
    kwargs = match.kwargs
    query_ids = tuple(value for value in (query.getlist("id") if query is not None else []) if value != "all")
    selects_all = query is not None and "all" in query.getlist("id")
    declared = declared_object_urls().get(match.view_name)
    if declared is not None:
        model, keyword = declared
        ids = (str(kwargs[keyword]),) if keyword in kwargs else ()
        return AdminTarget(model, ids + query_ids, selects_all, "hook", (keyword,))
    for app_key, model_key in MODEL_KWARGS:
        if app_key in kwargs and model_key in kwargs:
            try:
                model = apps.get_model(kwargs[app_key], kwargs[model_key])
            except (LookupError, ValueError):
                return AdminTarget(None, source="unknown model")
            ids = tuple(str(kwargs[name]) for name in OBJECT_KWARGS if name in kwargs)
            return AdminTarget(model, ids + query_ids, selects_all, "model arguments", (app_key, model_key))
    model = view_model(match.func)
    source = "view"
    if model is None and match.namespace:
        model = _viewset_models().get(match.namespace)
        source = "viewset"
    if model is None:
        return AdminTarget(None, source="none")
    ids = tuple(str(kwargs[name]) for name in OBJECT_KWARGS if name in kwargs)
    return AdminTarget(
        model, ids + query_ids, selects_all, source, tuple(name for name in OBJECT_KWARGS if name in kwargs)
    )


def target_in_scope(target: AdminTarget, *, user) -> bool:
    """Whether every object the URL names is one `user` may see."""
    scope = agency_scope_for(target.model)
    if scope is None:
        return True
    if target.selects_all and not scope.sees_all(user):
        return False
    return scope.contains_ids(target.object_ids, user=user)


# --- Listings narrowed ----------------------------------------------------------------------------------


class ScopedChooseMixin:
    """A chooser (and its search results) lists only objects in scope."""

    def get_object_list(self):
        return scoped_queryset(super().get_object_list(), user=self.request.user)


class ScopedIndexMixin:
    """A listing (and its CSV/XLSX export) holds only objects in scope."""

    def get_base_queryset(self):
        return scoped_queryset(super().get_base_queryset(), user=self.request.user)


class GenericRowsMixin:
    """Rows that name their object by (content type, object id), under `rows_path` (e.g. a task state's
    workflow state), narrowed to objects in scope."""

    rows_path = ""

    def rows_in_scope(self, queryset):
        return generic_rows_in_scope(
            queryset,
            user=self.request.user,
            content_type_field=f"{self.rows_path}content_type",
            object_id_field=f"{self.rows_path}object_id",
        )


class ScopedUsageMixin(GenericRowsMixin):
    """ "Usage" of any object lists only the referring objects in scope."""

    def get_queryset(self):
        return self.rows_in_scope(ReferenceIndex.get_references_to(self.object)).group_by_source_object()


class ScopedLogEntriesMixin(GenericRowsMixin):
    """Site history: each log model's entries narrowed to objects in scope before the union."""

    def filter_queryset(self, queryset):
        if any(field.name == "object_id" for field in queryset.model._meta.get_fields()):  # not page log entries
            queryset = self.rows_in_scope(queryset)
        return super().filter_queryset(queryset)


class ScopedWorkflowStatesMixin(GenericRowsMixin):
    """Workflow report (workflow states) and workflow tasks report (task states, `rows_path` set): only
    those of objects in scope."""

    def get_queryset(self):
        return self.rows_in_scope(super().get_queryset())


class ScopedTaskStatesMixin(ScopedWorkflowStatesMixin):
    rows_path = "workflow_state__"


# (base view class, mixin, whether it applies only to views of a scoped model)
LISTING_MIXINS = (
    (BaseChooseView, ScopedChooseMixin, True),
    (IndexView, ScopedIndexMixin, True),
    (UsageView, ScopedUsageMixin, False),
    (LogEntriesView, ScopedLogEntriesMixin, False),
    (WorkflowTasksView, ScopedTaskStatesMixin, False),
    (WorkflowView, ScopedWorkflowStatesMixin, False),
)


def _listing_mixin(view_class, model) -> type | None:
    for base, mixin, needs_scoped_model in LISTING_MIXINS:
        if issubclass(view_class, base) and (not needs_scoped_model or agency_scope_for(model) is not None):
            return mixin
    return None


@functools.cache
def _scoped_view(view_func):
    """The same view built from its class with the narrowing mixin, wrapped as the admin wraps every view."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is None:
        return None
    mixin = _listing_mixin(view_class, view_model(view_func))
    if mixin is None:
        return None
    scoped_class = type(f"AgencyScoped{view_class.__name__}", (mixin, view_class), {"__module__": __name__})
    return never_cache(_admin_not_found(require_admin_access(scoped_class.as_view(**view_func.view_initkwargs))))


def _admin_not_found(view):
    """The admin's own 404 page for an Http404 raised inside the view (as wagtail.admin.urls wraps views)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return admin_not_found(request)

    return wrapper


def admin_not_found(request):
    return page_not_found(request, None, template_name="wagtailadmin/404.html")


class AdminScopeMiddleware:
    """Applies the agency scopes to every admin view (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or not request.path.startswith(self.admin_prefix):
            return None  # not the admin, or the admin's own login redirect applies
        if user_sees_all_scopes(user):
            return None
        if not target_in_scope(admin_url_target(match, request.GET), user=user):
            return admin_not_found(request)
        scoped = _scoped_view(view_func)
        if scoped is not None:
            return scoped(request, *view_args, **view_kwargs)
        return None
