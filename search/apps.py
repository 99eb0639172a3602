from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Tra cứu thủ tục")
    default_auto_field = "django.db.models.BigAutoField"
