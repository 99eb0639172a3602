"""Legal documents the catalog cites and whose effective dates drive announcement deadlines."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalDocument(models.Model):
    """A law, decree, circular or decision (văn bản quy phạm pháp luật)."""

    number = models.CharField(_("số ký hiệu"), max_length=255, unique=True, help_text=_("Ví dụ: 60/2014/QH13."))
    summary = models.TextField(_("trích yếu"), blank=True, help_text=_("Ví dụ: Luật Hộ tịch."))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True, help_text=_("Ngày ký ban hành văn bản."))
    effective_on = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Dùng để nhắc hạn ban hành quyết định công bố (trước ít nhất 5 ngày làm việc)."),
    )
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=255, blank=True, help_text=_("Ví dụ: Quốc hội, Chính phủ, Bộ Tư pháp.")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("văn bản pháp luật")
        verbose_name_plural = _("văn bản pháp luật")

    def __str__(self) -> str:
        return f"{self.number} {self.summary}".strip()
