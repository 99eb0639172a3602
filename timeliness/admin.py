"""Django admin for source systems: create one, and (re)issue its API token, shown once in a message."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from timeliness.models import SourceSystem
from timeliness.services.sources import source_system_issue_token


@admin.register(SourceSystem)
class SourceSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "is_active", "token_prefix", "token_issued_at"]
    readonly_fields = ["token_prefix", "token_issued_at", "created_at"]
    search_fields = ["name", "description"]
    actions = ["issue_token"]

    def _announce(self, request, source: SourceSystem) -> None:
        token = source_system_issue_token(source=source)
        messages.warning(
            request,
            _("Mã truy cập mới của %(name)s (chỉ hiện một lần, hãy lưu lại): %(token)s")
            % {"name": source.name, "token": token},
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            self._announce(request, obj)

    @admin.action(description=_("Cấp lại mã truy cập API (mã cũ hết hiệu lực)"))
    def issue_token(self, request, queryset):
        for source in queryset:
            self._announce(request, source)
