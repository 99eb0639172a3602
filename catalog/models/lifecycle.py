"""Lifecycle fields that belong to the database row, not to revisions."""


class RowLifecycleMixin:
    """Keeps `lifecycle_fields` from the row when a revision becomes an object (publish, restore, compare).

    Services change the lifecycle (status, successor, applied time) on the row only; a revision saved
    earlier must not bring back the status it was saved with when it is published later.
    """

    lifecycle_fields: tuple[str, ...] = ()

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.lifecycle_fields:
            setattr(obj, name, getattr(self, name))
        return obj
