"""Status of many drafts at once, for admin listings and choosers (no query per row).

Wagtail's status tag asks each row for its scheduled revision and its active workflow state: two
queries per row (111 queries for a listing page of 50 procedures). :func:`prefetch_admin_status` answers
both for a whole page in two queries and leaves the answers where Wagtail's models look for them
(``scheduled_revision`` is a cached property; ``_current_workflow_states`` is what
``prefetch_workflow_states`` fills for pages).
"""

from collections import defaultdict
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from wagtail.models import DraftStateMixin, Revision, WorkflowMixin, WorkflowState


def prefetch_admin_status(objects: Sequence) -> None:
    """Attach the scheduled revision and the active workflow states to each object of one model."""
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects:
        return
    model = type(objects[0])
    if not issubclass(model, (DraftStateMixin, WorkflowMixin)):
        return
    base_content_type = model.get_base_content_type()
    ids = [str(obj.pk) for obj in objects]
    if issubclass(model, DraftStateMixin):
        scheduled: dict[str, Revision] = {}
        revisions = Revision.objects.filter(
            base_content_type=base_content_type, object_id__in=ids, approved_go_live_at__isnull=False
        ).order_by("pk")
        for revision in revisions:
            scheduled.setdefault(revision.object_id, revision)
        for obj in objects:
            obj.__dict__["scheduled_revision"] = scheduled.get(str(obj.pk))
    if issubclass(model, WorkflowMixin):
        states: dict[str, list[WorkflowState]] = {}
        active = (
            WorkflowState.objects.active()
            .filter(base_content_type=base_content_type, object_id__in=ids)
            .select_related("current_task_state__task")
        )
        for state in active:
            states.setdefault(state.object_id, []).append(state)
        for obj in objects:
            obj._current_workflow_states = states.get(str(obj.pk), [])


def _remember_workflow(obj, workflow) -> None:
    """Answer `get_workflow()` on this instance from memory (one query per request, not one per caller)."""
    obj.get_workflow = lambda: workflow


class EditStatusPrefetchMixin:
    """Edit views of draft/workflow models: the object's status and workflow read once per request.

    Wagtail asks the edited object (and its live row) for its workflow, workflow state and scheduled
    revision from the header, side panels, lock and action menu — a dozen identical queries. Here they
    are answered once and remembered on both instances.
    """

    def get_object(self, queryset=None):
        # Wagtail's setup() and Django's BaseUpdateView.get() both ask for the object: read it once.
        remembered = self.__dict__.get("_edited_object")
        if remembered is not None and queryset is None:
            return remembered
        obj = super().get_object(queryset)
        if obj is None:
            return obj
        self._edited_object = obj
        live = getattr(self, "live_object", obj)
        prefetch_admin_status([live])
        instances = [live] if obj is live else [live, obj]
        if obj is not live:
            obj._current_workflow_states = getattr(live, "_current_workflow_states", [])
            if "scheduled_revision" in live.__dict__:
                obj.__dict__["scheduled_revision"] = live.__dict__["scheduled_revision"]
        if isinstance(live, WorkflowMixin):
            workflow = live.get_workflow()
            for instance in instances:
                _remember_workflow(instance, workflow)
        return obj


def preload_chooser_values(form) -> None:
    """Inline rows' chooser widgets (a decision's procedures, a place's chosen procedures…) each show the
    chosen object: load those objects in one query per model, not one per row."""
    from wagtail.admin.widgets.chooser import BaseChooser

    wanted: dict[type, set] = defaultdict(set)
    widgets: list = []
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            for name, field in child.fields.items():
                widget = field.widget
                if not isinstance(widget, BaseChooser) or widget.model_class is None:
                    continue
                value = child[name].value()
                if value in (None, "") or isinstance(value, widget.model_class):
                    continue
                try:
                    wanted[widget.model_class].add(widget.model_class._meta.pk.to_python(value))
                except ValidationError:
                    continue
                widgets.append(widget)
    loaded = {model: model._default_manager.in_bulk(list(pks)) for model, pks in wanted.items()}
    for widget in widgets:
        _answer_from(widget, loaded[widget.model_class])


def _answer_from(widget, instances: dict) -> None:
    original = widget.get_instance
    pk_field = widget.model_class._meta.pk

    def get_instance(value):
        try:
            instance = instances.get(pk_field.to_python(value)) if value not in (None, "") else None
        except ValidationError:
            instance = None
        return instance if instance is not None else original(value)

    widget.get_instance = get_instance


class ChooserPreloadMixin:
    """Create/edit views: the objects shown in inline rows' choosers are read in one query per model."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        preload_chooser_values(form)
        return form
