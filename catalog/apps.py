from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_collation(sender, connection, **kwargs):
    """SQLite has no Vietnamese collation: give each new connection one (see catalog.collation)."""
    if connection.vendor == "sqlite":
        from catalog.collation import COLLATION_NAME, sqlite_collation

        connection.connection.create_collation(COLLATION_NAME, sqlite_collation)


class CatalogConfig(AppConfig):
    name = "catalog"
    label = "catalog"
    verbose_name = _("Danh mục thủ tục hành chính")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        connection_created.connect(_register_sqlite_collation, dispatch_uid="catalog_sqlite_collation")
