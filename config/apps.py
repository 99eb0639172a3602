from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def cache_tables_create(sender, using="default", verbosity=1, **kwargs) -> None:
    """After every `migrate`, create the database cache tables that are missing (no-op with Redis)."""
    call_command("createcachetable", database=using, verbosity=0)


class ProjectConfig(AppConfig):
    """Project wiring (settings, URLs, API, middleware); an app only so that `migrate` creates cache tables."""

    name = "config"
    label = "config"
    verbose_name = "Cấu hình"

    def ready(self):
        post_migrate.connect(cache_tables_create, sender=self, dispatch_uid="config.cache_tables_create")
