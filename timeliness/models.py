"""Models of the timeliness app: source systems and the dossiers they report."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.choices import Channel
from timeliness.choices import DossierStatus, Outcome


class SourceSystem(models.Model):
    """A one-stop system (or a file source) that reports dossiers; the API authenticates it by a hashed token.

    Dossier codes are unique per source system, so the same code from two systems are two dossiers. A source
    writes dossiers only for the agencies it is registered for (`agencies`), or for every agency when
    `all_agencies` is set (the province's own one-stop system, a file imported by an operator); a row for
    another agency is refused with its reason.
    """

    name = models.SlugField(
        _("mã hệ thống"),
        max_length=64,
        unique=True,
        help_text=_("Mã ngắn, không dấu, ví dụ “motcua-soc-trang”; dùng làm nguồn khi nhập tệp hồ sơ."),
    )
    description = models.CharField(
        _("mô tả"), max_length=255, blank=True, help_text=_("Tên đầy đủ của hệ thống một cửa, đơn vị vận hành.")
    )
    token_prefix = models.CharField(
        _("tiền tố mã truy cập"),
        max_length=12,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Tám ký tự đầu của mã truy cập, để nhận biết mã mà không lưu mã."),
    )
    token_hash = models.CharField(
        _("băm mã truy cập"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("SHA-256 của mã truy cập; mã gốc chỉ hiển thị một lần khi cấp."),
    )
    is_active = models.BooleanField(
        _("đang hoạt động"), default=True, help_text=_("Bỏ chọn để từ chối mọi yêu cầu đồng bộ của hệ thống này.")
    )
    all_agencies = models.BooleanField(
        _("gửi hồ sơ của mọi cơ quan"),
        default=False,
        help_text=_(
            "Chỉ chọn cho hệ thống một cửa dùng chung của cả tỉnh. Nếu không, hệ thống chỉ được gửi hồ sơ của "
            "các cơ quan chọn bên dưới."
        ),
    )
    agencies = models.ManyToManyField(
        "catalog.Agency",
        blank=True,
        related_name="dossier_sources",
        verbose_name=_("cơ quan được gửi hồ sơ"),
        help_text=_("Hồ sơ của cơ quan khác gửi từ hệ thống này bị từ chối, từng hồ sơ kèm lý do."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, help_text=_("Lúc đăng ký hệ thống."))
    token_issued_at = models.DateTimeField(
        _("cấp mã lúc"), null=True, blank=True, editable=False, help_text=_("Lần gần nhất cấp mã truy cập.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("hệ thống nguồn")
        verbose_name_plural = _("hệ thống nguồn")

    def __str__(self) -> str:
        return self.description or self.name


class Dossier(models.Model):
    """One dossier (hồ sơ) as a one-stop system reported it, with both due dates and its stored outcome.

    `due_at` is the date the statistics measure against: the one-stop system's when given, else the
    catalog's. `outcome` is the classification when imported; for resolved dossiers it never changes, and
    reports re-classify pending ones "as of" any date from `due_at`, `resolved_at` and `status`.
    """

    source = models.ForeignKey(
        SourceSystem,
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # covered by the (source, code) unique index
        verbose_name=_("hệ thống nguồn"),
        help_text=_("Hệ thống một cửa hoặc nguồn tệp đã gửi hồ sơ."),
    )
    code = models.CharField(
        _("mã hồ sơ"), max_length=100, help_text=_("Mã hồ sơ trên hệ thống nguồn (ma_ho_so), duy nhất theo nguồn.")
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # covered by the (agency, received_at) index
        verbose_name=_("cơ quan"),
        help_text=_("Cơ quan giải quyết hồ sơ (ma_co_quan)."),
    )
    procedure_code = models.CharField(
        _("mã thủ tục"),
        max_length=64,
        blank=True,
        help_text=_("Mã thủ tục như hệ thống nguồn gửi (ma_thu_tuc); nối với danh mục theo mã, không theo khóa."),
    )
    channel = models.CharField(
        _("kênh nộp"),
        max_length=16,
        choices=Channel.choices,
        blank=True,
        help_text=_("Trực tiếp, trực tuyến hoặc bưu chính; để trống nếu nguồn không ghi."),
    )
    received_at = models.DateTimeField(_("ngày tiếp nhận"), help_text=_("Thời điểm tiếp nhận hồ sơ."))
    completed_at = models.DateTimeField(
        _("ngày bổ sung hoàn thiện"),
        null=True,
        blank=True,
        help_text=_("Khi hồ sơ bị trả để bổ sung: thời điểm nhận đủ hồ sơ bổ sung; thời hạn tính lại từ đây."),
    )
    due_at_source = models.DateTimeField(
        _("hạn xử lý (một cửa)"),
        null=True,
        blank=True,
        help_text=_("Hạn xử lý do hệ thống một cửa đặt (han_xu_ly)."),
    )
    due_at_catalog = models.DateTimeField(
        _("hạn xử lý (danh mục)"),
        null=True,
        blank=True,
        help_text=_("Hạn tính từ thời hạn giải quyết đã công bố và lịch ngày làm việc."),
    )
    due_at = models.DateTimeField(
        _("hạn xử lý áp dụng"),
        null=True,
        blank=True,
        help_text=_("Hạn dùng để thống kê: của hệ thống một cửa nếu có, nếu không thì của danh mục."),
    )
    rescheduled_due_at = models.DateTimeField(
        _("hẹn lại (thư xin lỗi)"),
        null=True,
        blank=True,
        help_text=_("Ngày hẹn trả mới trong thư xin lỗi (chỉ một lần); không làm hồ sơ trễ thành đúng hạn."),
    )
    resolved_at = models.DateTimeField(
        _("ngày trả kết quả"),
        null=True,
        blank=True,
        help_text=_("Thời điểm trả kết quả, từ chối hoặc rút hồ sơ; để trống khi đang giải quyết."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DossierStatus.choices, help_text=_("Trạng thái do nguồn báo.")
    )
    outcome = models.CharField(
        _("kết quả so với hạn"),
        max_length=20,
        choices=Outcome.choices,
        help_text=_("Phân loại lúc nhập; với hồ sơ đã giải quyết là kết quả cuối cùng."),
    )
    statutory_outcome = models.CharField(
        _("kết quả so với thời hạn quy định"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text=_(
            "Phân loại so với hạn tính theo thời hạn giải quyết đã công bố (hạn theo danh mục); trống khi danh "
            "mục không tính được hạn."
        ),
    )
    deadline_mismatch = models.BooleanField(
        _("hạn một cửa khác thời hạn quy định"),
        default=False,
        help_text=_("Hạn của hệ thống một cửa sớm hơn hoặc muộn hơn hạn tính theo thời hạn đã công bố."),
    )
    deadline_ambiguous = models.BooleanField(
        _("thời hạn quy định có nhiều trường hợp"),
        default=False,
        help_text=_(
            "Thủ tục có nhiều thời hạn theo trường hợp cho kênh nộp này: thống kê dùng hạn của hồ sơ, không "
            "đoán trường hợp."
        ),
    )
    imported_at = models.DateTimeField(
        _("nhập lúc"), help_text=_("Lần nhập hoặc đồng bộ gần nhất làm thay đổi hồ sơ (gửi lại y hệt thì giữ nguyên).")
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="timeliness_dossier_source_code_uniq"),
        ]
        indexes = [
            models.Index(fields=["received_at"], name="timeliness_received_idx"),
            models.Index(fields=["agency", "received_at"], name="timeliness_agency_received_idx"),
            models.Index(
                fields=["due_at"], name="timeliness_pending_due_idx", condition=models.Q(status="dang_giai_quyet")
            ),
            models.Index(
                fields=["agency", "procedure_code"],
                name="timeliness_mismatch_idx",
                condition=models.Q(deadline_mismatch=True),
            ),
        ]

    def __str__(self) -> str:
        return self.code
