from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelinessConfig(AppConfig):
    name = "timeliness"
    label = "timeliness"
    verbose_name = _("Thống kê giải quyết hồ sơ đúng hạn")
    default_auto_field = "django.db.models.BigAutoField"
