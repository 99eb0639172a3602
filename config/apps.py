from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def cache_tables_create(sender, using="default", verbosity=1, **kwargs) -> None:
    """After every `migrate`, create the database cache tables that are missing (no-op with Redis)."""
    call_command("createcachetable", database=using, verbosity=0)


class ProjectConfig(AppConfig):
    """Project wiring (settings, URLs, API, middleware); an app so that `migrate` creates cache tables and the
    admin's icon tag is cached (config.admin_icons)."""

    name = "config"
    label = "config"
    verbose_name = "Cấu hình"

    def ready(self):
        from config.admin_icons import icon_tag_install

        post_migrate.connect(cache_tables_create, sender=self, dispatch_uid="config.cache_tables_create")
        icon_tag_install()
