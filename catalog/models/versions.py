"""Frozen, dated versions of procedures: what the public sees and what history answers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.choices import AnnouncementCategory


class ProcedureVersionQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """Versions in force on `day` (valid_from ≤ day < valid_until)."""
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=day)
        )


class ProcedureVersion(models.Model):
    """A procedure's content as announced, valid from one date until (not including) another.

    `content` is the full snapshot (see `catalog.snapshots`); name, code, field and levels are copied
    out of it so listings need no JSON parsing.
    """

    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("thủ tục"),
        help_text=_("Thủ tục mà phiên bản này ghi lại nội dung."),
    )
    number = models.PositiveIntegerField(
        _("phiên bản"), help_text=_("Số thứ tự phiên bản của thủ tục, tăng dần mỗi lần công bố.")
    )
    valid_from = models.DateField(
        _("có hiệu lực từ"), help_text=_("Ngày nội dung này bắt đầu áp dụng (ngày quyết định công bố có hiệu lực).")
    )
    valid_until = models.DateField(
        _("hết hiệu lực từ"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên phiên bản không còn hiệu lực; trống nếu đang có hiệu lực."),
    )
    decision = models.ForeignKey(
        "catalog.AnnouncementDecision",
        verbose_name=_("quyết định công bố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
        help_text=_("Quyết định công bố đưa nội dung này vào áp dụng."),
    )
    category = models.CharField(
        _("loại công bố"),
        max_length=16,
        choices=AnnouncementCategory.choices,
        blank=True,
        help_text=_("Loại công bố của quyết định đối với thủ tục: mới, sửa đổi bổ sung, thay thế hoặc bãi bỏ."),
    )
    ended_by = models.ForeignKey(
        "catalog.AnnouncementDecision",
        verbose_name=_("quyết định chấm dứt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ended_versions",
        help_text=_("Quyết định làm phiên bản này hết hiệu lực (sửa đổi, thay thế, bãi bỏ), nếu có."),
    )
    content = models.JSONField(
        _("nội dung"), help_text=_("Toàn bộ nội dung thủ tục tại thời điểm công bố; không sửa tay.")
    )
    code = models.CharField(
        _("mã thủ tục"),
        max_length=32,
        blank=True,
        db_index=True,
        help_text=_("Mã thủ tục trong phiên bản này, như trên CSDL quốc gia."),
    )
    name = models.TextField(_("tên thủ tục"), help_text=_("Tên thủ tục trong phiên bản này."))
    field = models.ForeignKey(
        "catalog.Field",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
        help_text=_("Lĩnh vực của thủ tục trong phiên bản này."),
    )
    levels = models.ManyToManyField(
        "catalog.Level",
        verbose_name=_("cấp thực hiện"),
        blank=True,
        related_name="versions",
        help_text=_("Các cấp thực hiện thủ tục trong phiên bản này."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        ordering = ["procedure", "number"]
        constraints = [models.UniqueConstraint(fields=["procedure", "number"], name="unique_procedure_version_number")]
        indexes = [models.Index(fields=["valid_from", "valid_until"], name="version_validity_idx")]
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"

    def clean(self) -> None:
        if self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
        overlapping = ProcedureVersion.objects.filter(procedure_id=self.procedure_id).exclude(pk=self.pk)
        overlapping = overlapping.filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=self.valid_from))
        if self.valid_until:
            overlapping = overlapping.filter(valid_from__lt=self.valid_until)
        if overlapping.exists():
            raise ValidationError(
                {"valid_from": _("Đã có một phiên bản khác của thủ tục này có hiệu lực trong khoảng thời gian này.")}
            )
