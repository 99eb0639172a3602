"""Announcement decisions (quyết định công bố) of the provincial chairman and their items."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from catalog.choices import AnnouncementCategory, DecisionStatus
from catalog.models.lifecycle import RowLifecycleMixin
from catalog.models.revision_loading import BulkCheckedRevisionMixin


class AnnouncementDecision(
    BulkCheckedRevisionMixin,
    RowLifecycleMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A decision announcing new, amended, replaced and abolished procedures (Decree 63/2010 Art. 13–15)."""

    number = models.CharField(_("số quyết định"), max_length=100, unique=True, help_text=_("Ví dụ: 345/QĐ-UBND."))
    title = models.CharField(
        _("trích yếu"),
        max_length=1000,
        blank=True,
        help_text=_("Ví dụ: Về việc công bố danh mục thủ tục hành chính lĩnh vực hộ tịch."),
    )
    signed_on = models.DateField(
        _("ngày ký"),
        null=True,
        blank=True,
        help_text=_("Ngày Chủ tịch UBND tỉnh ký quyết định; hạn nhập CSDL quốc gia tính từ ngày này."),
    )
    signer = models.CharField(
        _("người ký"), max_length=255, blank=True, help_text=_("Chủ tịch hoặc Phó Chủ tịch UBND tỉnh ký quyết định.")
    )
    effective_on = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Các thủ tục trong quyết định được áp dụng từ ngày này."),
    )
    basis_effective_on = models.DateField(
        _("ngày hiệu lực của văn bản quy định thủ tục"),
        null=True,
        blank=True,
        help_text=_("Quyết định phải được ký trước ngày này ít nhất 5 ngày làm việc (Nghị định 63/2010, Điều 15)."),
    )
    late_signing_reason = models.TextField(
        _("lý do ký muộn"),
        blank=True,
        help_text=_(
            "Bắt buộc khi quyết định được ký muộn hơn hạn: ít nhất 5 ngày làm việc trước ngày văn bản quy định "
            "thủ tục có hiệu lực (Nghị định 63/2010, Điều 15)."
        ),
    )
    proposing_agency = models.ForeignKey(
        "catalog.Agency",
        verbose_name=_("cơ quan trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_decisions",
        help_text=_("Sở, ngành soạn và trình quyết định; cán bộ của cơ quan này được xem và sửa quyết định."),
    )
    proposal_reference = models.CharField(
        _("tờ trình"), max_length=255, blank=True, help_text=_("Số, ngày tờ trình của sở, ngành.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bản quét quyết định đã ký (PDF), đăng kèm trên trang công khai."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT, editable=False
    )
    applied_at = models.DateTimeField(_("áp dụng lúc"), null=True, blank=True, editable=False)

    search_fields = [
        index.SearchField("number"),
        index.SearchField("title"),
        index.AutocompleteField("number"),
        index.FilterField("proposing_agency"),  # the agency scope narrows chooser searches
    ]

    lifecycle_fields = ("status", "applied_at")

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("quyết định công bố")
        verbose_name_plural = _("quyết định công bố")

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.signed_on and self.effective_on and self.effective_on < self.signed_on:
            raise ValidationError({"effective_on": _("Ngày có hiệu lực không được trước ngày ký.")})

    def get_preview_template(self, request, mode_name):
        return "catalog/previews/decision.html"


class DecisionItem(Orderable):
    """One procedure announced by a decision, with its category and what changed."""

    decision = ParentalKey(AnnouncementDecision, on_delete=models.CASCADE, related_name="items")
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="decision_items",
        help_text=_("Gõ tên hoặc mã để tìm thủ tục được công bố trong quyết định."),
    )
    category = models.CharField(
        _("loại công bố"),
        max_length=16,
        choices=AnnouncementCategory.choices,
        help_text=_(
            "Thủ tục mới ban hành, được sửa đổi bổ sung, được thay thế hay bị bãi bỏ (Nghị định 63/2010, Điều 14)."
        ),
    )
    successor = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục thay thế"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="succeeding_items",
        help_text=_("Chỉ với loại “được thay thế”: thủ tục mới thay cho thủ tục này."),
    )
    legal_document = models.ForeignKey(
        "catalog.LegalDocument",
        verbose_name=_("văn bản quy định việc sửa đổi, thay thế, bãi bỏ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_items",
        help_text=_(
            "Văn bản quy phạm pháp luật quy định nội dung sửa đổi, bổ sung, thay thế hoặc việc bãi bỏ thủ tục "
            "(cột “Tên VBQPPL” của danh mục). Bắt buộc với thủ tục được sửa đổi, bổ sung, được thay thế, bị bãi bỏ."
        ),
    )
    change_note = models.TextField(
        _("nội dung thay đổi"), blank=True, help_text=_("Nêu rõ bộ phận nào được sửa đổi, bổ sung.")
    )
    version = models.ForeignKey(
        "catalog.ProcedureVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    national_entered_on = models.DateField(
        _("ngày nhập CSDL quốc gia"),
        null=True,
        blank=True,
        help_text=_("Ngày thủ tục được nhập, công khai trên Cơ sở dữ liệu quốc gia."),
    )
    national_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cán bộ đã ghi nhận việc nhập thủ tục này vào Cơ sở dữ liệu quốc gia."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("thủ tục trong quyết định")
        verbose_name_plural = _("danh mục thủ tục trong quyết định")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.procedure}"
