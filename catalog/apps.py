from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_collation(sender, connection, **kwargs):
    """SQLite has no Vietnamese collation nor folding: give each new connection both (catalog.collation,
    catalog.folding)."""
    if connection.vendor == "sqlite":
        from catalog.collation import COLLATION_NAME, sqlite_collation
        from catalog.folding import FUNCTION_NAME, sqlite_fold

        connection.connection.create_collation(COLLATION_NAME, sqlite_collation)
        connection.connection.create_function(FUNCTION_NAME, 1, sqlite_fold, deterministic=True)


class CatalogConfig(AppConfig):
    name = "catalog"
    label = "catalog"
    verbose_name = _("Danh mục thủ tục hành chính")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        connection_created.connect(_register_sqlite_collation, dispatch_uid="catalog_sqlite_collation")
        from catalog.admin_widgets import register_date_widgets

        register_date_widgets()
