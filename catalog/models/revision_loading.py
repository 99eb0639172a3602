"""Turning a revision back into an object without one query per child row.

modelcluster checks every foreign key of a revision's content (the object's and each child row's: a
decision's 20 items each point to their decision and their procedure) with one `.get()` each. This mixin
checks them per related model in one query, then applies modelcluster's own rules to the keys whose
target is gone: DO_NOTHING keeps the key; SET_NULL clears it; CASCADE drops a child row (clears it on
the object itself); any other rule raises, as modelcluster does.
"""

from collections import defaultdict

from django.db import models
from modelcluster.models import get_all_child_relations


def _foreign_keys(model) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if field.remote_field is not None and isinstance(field.remote_field, models.ManyToOneRel)
    ]


def _target(field) -> tuple[type, str]:
    remote = field.remote_field
    return remote.model, remote.field_name


def _clean(field, value):
    model, to_field = _target(field)
    return model._meta.get_field(to_field).to_python(value)


def _gather(model, item: dict, wanted: dict) -> None:
    for field in _foreign_keys(model):
        value = item.get(field.name)
        if value is not None:
            wanted[_target(field)].add(_clean(field, value))
    for relation in get_all_child_relations(model):
        for child in item.get(relation.get_accessor_name()) or []:
            _gather(relation.related_model, child, wanted)


def _checked(model, item: dict, existing: dict, *, strict: bool) -> dict | None:
    """`item` with its dangling keys resolved by on_delete; None when the row itself must be dropped."""
    item = dict(item)
    for field in _foreign_keys(model):
        value = item.get(field.name)
        if value is None or _clean(field, value) in existing[_target(field)]:
            continue
        on_delete = field.remote_field.on_delete
        if on_delete == models.DO_NOTHING:
            continue
        if on_delete == models.CASCADE:
            if strict:
                return None
            item[field.name] = None
        elif on_delete == models.SET_NULL:
            item[field.name] = None
        else:
            raise Exception("can't currently handle on_delete types other than CASCADE, SET_NULL and DO_NOTHING")
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if name in item:
            children = (_checked(relation.related_model, child, existing, strict=True) for child in item[name] or [])
            item[name] = [child for child in children if child is not None]
    return item


class BulkCheckedRevisionMixin:
    """Load revisions (drafts, history, publishing) checking foreign keys per related model, not per row."""

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        if not check_fks:
            return super().from_serializable_data(data, check_fks=False, strict_fks=strict_fks)
        wanted: dict[tuple[type, str], set] = defaultdict(set)
        _gather(cls, data, wanted)
        existing = {
            (model, to_field): set(
                model._default_manager.filter(**{f"{to_field}__in": values}).values_list(to_field, flat=True)
            )
            for (model, to_field), values in wanted.items()
        }
        checked = _checked(cls, data, existing, strict=strict_fks)
        if checked is None:
            return None
        return super().from_serializable_data(checked, check_fks=False, strict_fks=strict_fks)
