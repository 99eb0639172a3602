"""Every model field staff can edit carries a Vietnamese help text (house style: editor-facing `help_text`).

Walks every concrete model of the project's apps. Left out, each for a reason:
- automatic, primary-key and parent-link (`*_ptr`) fields and non-editable fields: no form shows them;
- fields Wagtail's mixins add to pages and snippets (`live`, `locked`, `latest_revision`, `first_published_at`
  ... ): Wagtail's own admin shows them with its own texts, never as an editable field of ours;
- `ParentalKey`/`sort_order` of inline rows (`Orderable`): the row's parent and its drag-and-drop position,
  set by the inline panel, never typed by staff.
"""

from django.apps import apps
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    WorkflowMixin,
)

PROJECT_APPS = ("catalog", "cms", "exchange", "feedback", "search", "timeliness", "config")
WAGTAIL_MIXINS = (Page, DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin)


def _wagtail_field_names(model) -> set[str]:
    names: set[str] = set()
    for mixin in WAGTAIL_MIXINS:
        if issubclass(model, mixin):
            names.update(field.name for field in mixin._meta.get_fields() if hasattr(field, "attname"))
    return names


def _fields_staff_edit(model):
    wagtail_names = _wagtail_field_names(model)
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or field.primary_key:
            continue
        if not field.editable or field.name in wagtail_names:
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        if isinstance(field, ParentalKey) or (issubclass(model, Orderable) and field.name == "sort_order"):
            continue
        yield field


def _missing_help_texts() -> list[str]:
    missing = []
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.abstract or model._meta.proxy:
                continue
            missing.extend(
                f"{label}.{model.__name__}.{field.name}"
                for field in _fields_staff_edit(model)
                if not str(field.help_text).strip()
            )
    return missing


def test_the_walk_covers_every_project_app():
    assert all(label in apps.app_configs for label in PROJECT_APPS)


def test_every_editable_field_has_a_help_text():
    assert _missing_help_texts() == []
