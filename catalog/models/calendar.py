"""Announced working-day adjustments (day swaps, extra days off, make-up Saturdays)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.choices import CalendarAdjustmentKind


class CalendarAdjustment(models.Model):
    """A day whose working status the Government changed for one year, on top of the statutory holidays."""

    date = models.DateField(
        _("ngày"),
        unique=True,
        help_text=_("Ngày được Chính phủ công bố cho nghỉ thêm, hoán đổi hoặc làm bù; mỗi ngày chỉ nhập một lần."),
    )
    kind = models.CharField(
        _("loại"),
        max_length=16,
        choices=CalendarAdjustmentKind.choices,
        help_text=_(
            "“Ngày nghỉ” khi một ngày thường được nghỉ; “Ngày làm bù” khi thứ Bảy hoặc Chủ nhật phải đi làm. Thời hạn giải quyết hồ sơ tính theo lịch này."
        ),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True, help_text=_("Ví dụ: “Nghỉ bù dịp 30/4–1/5”."))
    reference = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Văn bản thông báo, ví dụ Thông báo 6150/TB-LĐTBXH.")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("điều chỉnh ngày làm việc")
        verbose_name_plural = _("điều chỉnh ngày làm việc")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"
