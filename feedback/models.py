"""Models of the feedback app: feedback on administrative regulations (Decree 20/2008/NĐ-CP)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.choices import AccessAction, AnswerState, FeedbackKind, FeedbackStatus, SenderType
from feedback.storage import attachment_upload_to, private_storage

#: Statuses in which nothing is left to do.
CLOSED_STATUSES = (FeedbackStatus.NOT_ACCEPTED, FeedbackStatus.FORWARDED, FeedbackStatus.ANSWERED)


class FeedbackCounter(models.Model):
    """The last register number issued in a year; locked row-wise so numbers have no gaps or duplicates."""

    year = models.PositiveIntegerField(_("năm"), primary_key=True, help_text=_("Năm của số đăng ký."))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0, help_text=_("Số thứ tự cuối cùng."))

    class Meta:
        verbose_name = _("bộ đếm số đăng ký")
        verbose_name_plural = _("bộ đếm số đăng ký")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class FeedbackSubmissionLock(models.Model):
    """One row per content fingerprint, locked while a submission with that fingerprint is registered, so
    identical submissions arriving together are checked for duplicates one after the other."""

    fingerprint = models.CharField(
        _("dấu vân nội dung"), max_length=64, primary_key=True, help_text=_("Băm nội dung + liên hệ.")
    )
    locked_at = models.DateTimeField(_("khóa lúc"), auto_now=True, help_text=_("Lần tiếp nhận gần nhất."))

    class Meta:
        verbose_name = _("khóa chống gửi trùng")
        verbose_name_plural = _("khóa chống gửi trùng")

    def __str__(self) -> str:
        return self.fingerprint


class Feedback(models.Model):
    """One feedback or petition on an administrative regulation, from receipt to published answer.

    Personal data (sender_*, attachments) is shown only in staff views, each access logged.
    """

    register_number = models.CharField(
        _("số đăng ký"), max_length=20, unique=True, help_text=_("PAKN-<năm>-<số thứ tự 6 chữ số>.")
    )
    tracking_code = models.CharField(
        _("mã tra cứu"),
        max_length=32,
        unique=True,
        help_text=_("Mã ngẫu nhiên (dạng XXXX-XXXX-XX) để người gửi tra cứu tình trạng."),
    )
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), help_text=_("Lúc hệ thống nhận phản ánh."))

    # Sender (personal data).
    sender_type = models.CharField(
        _("loại người gửi"), max_length=16, choices=SenderType.choices, help_text=_("Cá nhân hay tổ chức.")
    )
    sender_name = models.CharField(_("họ tên / tên tổ chức"), max_length=200, help_text=_("Dữ liệu cá nhân."))
    sender_address = models.CharField(_("địa chỉ"), max_length=500, help_text=_("Dữ liệu cá nhân."))
    sender_phone = models.CharField(_("điện thoại"), max_length=32, blank=True, help_text=_("Dữ liệu cá nhân."))
    sender_mailing_address = models.CharField(
        _("địa chỉ thư tín"), max_length=500, blank=True, help_text=_("Dữ liệu cá nhân.")
    )
    sender_email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Dữ liệu cá nhân; để gửi thông báo."))
    consent_at = models.DateTimeField(
        _("đồng ý xử lý dữ liệu lúc"), help_text=_("Thời điểm người gửi đồng ý (Luật Bảo vệ dữ liệu cá nhân 2025).")
    )
    allow_publication = models.BooleanField(
        _("cho phép công khai"), default=False, help_text=_("Người gửi đồng ý công khai nội dung trả lời.")
    )
    personal_data_erased_at = models.DateTimeField(
        _("đã xóa dữ liệu cá nhân lúc"), null=True, blank=True, help_text=_("Khi hết thời hạn lưu trữ.")
    )

    # Content.
    kind = models.CharField(
        _("nội dung phản ánh"), max_length=32, choices=FeedbackKind.choices, help_text=_("Theo Điều 5 Nghị định 20.")
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
        help_text=_("Thủ tục hành chính được phản ánh, nếu có."),
    )
    procedure_code = models.CharField(
        _("mã thủ tục"), max_length=32, blank=True, db_index=True, help_text=_("Mã thủ tục lúc gửi.")
    )
    procedure_name = models.CharField(
        _("tên thủ tục"), max_length=1000, blank=True, help_text=_("Tên thủ tục lúc gửi.")
    )
    regulation = models.CharField(
        _("quy định được phản ánh"), max_length=500, blank=True, help_text=_("Văn bản, điều khoản được phản ánh.")
    )
    title = models.CharField(_("tiêu đề"), max_length=250, help_text=_("Tiêu đề do người gửi viết."))
    content = models.TextField(_("nội dung"), help_text=_("Nội dung do người gửi viết (có thể chứa dữ liệu cá nhân)."))
    content_fingerprint = models.CharField(
        _("dấu vân nội dung"), max_length=64, db_index=True, help_text=_("Băm nội dung + liên hệ, để phát hiện trùng.")
    )

    # Handling.
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.RECEIVED,
        db_index=True,
        help_text=_("Tình trạng xử lý."),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        verbose_name=_("cơ quan xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_items",
        help_text=_("Cơ quan được giao xử lý."),
    )
    due_on = models.DateField(_("hạn xử lý"), help_text=_("Ngày làm việc cuối cùng để xử lý xong."))
    forward_due_on = models.DateField(
        _("hạn chuyển"), help_text=_("Hạn chuyển phản ánh ngoài thẩm quyền (5 ngày làm việc).")
    )
    not_accepted_reason = models.TextField(
        _("lý do không tiếp nhận"), blank=True, help_text=_("Thông báo cho người gửi; không ghi dữ liệu cá nhân.")
    )
    forwarded_to = models.CharField(
        _("chuyển đến"), max_length=255, blank=True, help_text=_("Cơ quan có thẩm quyền nhận phản ánh được chuyển.")
    )
    handled_on = models.DateField(
        _("ngày xử lý xong"), null=True, blank=True, help_text=_("Ngày trả lời, chuyển hoặc thông báo không tiếp nhận.")
    )

    # Answer.
    public_title = models.CharField(
        _("tiêu đề công khai"),
        max_length=250,
        blank=True,
        help_text=_("Tiêu đề đã biên tập, không có dữ liệu cá nhân."),
    )
    public_question = models.TextField(
        _("câu hỏi công khai"), blank=True, help_text=_("Nội dung đã biên tập, bỏ mọi dữ liệu cá nhân.")
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True, help_text=_("Trả lời của cơ quan có thẩm quyền."))
    answer_state = models.CharField(
        _("tình trạng trả lời"),
        max_length=16,
        choices=AnswerState.choices,
        default=AnswerState.NONE,
        blank=True,
        help_text=_("Dự thảo → chờ duyệt → đã duyệt → đã công bố."),
    )
    answer_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cán bộ soạn trả lời."),
    )
    answer_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cán bộ duyệt trả lời."),
    )
    answered_at = models.DateTimeField(_("công bố trả lời lúc"), null=True, blank=True, help_text=_("Lúc công bố."))
    sender_notified_at = models.DateTimeField(
        _("đã báo người gửi lúc"), null=True, blank=True, help_text=_("Lần gửi thư điện tử gần nhất.")
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        permissions = [
            ("review_feedback_answer", _("Có thể duyệt và công bố trả lời phản ánh")),
            ("view_feedback_personal_data", _("Có thể xem dữ liệu cá nhân người gửi phản ánh")),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="feedback_status_due_idx")]

    def __str__(self) -> str:
        return self.register_number

    @property
    def is_published(self) -> bool:
        """Answer published on the public list (only with the sender's consent)."""
        return self.answer_state == AnswerState.PUBLISHED and self.allow_publication

    @property
    def effective_due_on(self):
        """The deadline that applies now: forwarding while still awaiting classification or forwarded."""
        if self.status in (FeedbackStatus.RECEIVED, FeedbackStatus.FORWARDED):
            return self.forward_due_on
        return self.due_on


class FeedbackAttachment(models.Model):
    """A file sent with the feedback; stored privately, served only to staff (access logged)."""

    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("phản ánh"),
        on_delete=models.CASCADE,
        related_name="attachments",
        help_text=_("Phản ánh, kiến nghị mà tệp này được gửi kèm."),
    )
    file = models.FileField(
        _("tệp"), storage=private_storage, upload_to=attachment_upload_to, max_length=255, help_text=_("Tệp lưu riêng.")
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, help_text=_("Tên tệp người gửi tải lên."))
    content_type = models.CharField(_("loại tệp"), max_length=100, help_text=_("Xác định theo nội dung tệp."))
    size = models.PositiveIntegerField(_("kích thước (byte)"), help_text=_("Kích thước tệp."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tệp đính kèm phản ánh")
        verbose_name_plural = _("tệp đính kèm phản ánh")

    def __str__(self) -> str:
        return self.original_name


class FeedbackEvent(models.Model):
    """A step in the handling history; public events are shown to the sender on the status page."""

    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("phản ánh"),
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("Phản ánh, kiến nghị mà bước xử lý này thuộc về."),
    )
    at = models.DateTimeField(_("thời điểm"), help_text=_("Lúc xảy ra."))
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=FeedbackStatus.choices, help_text=_("Tình trạng sau bước này.")
    )
    note = models.TextField(_("ghi chú"), blank=True, help_text=_("Mô tả bước xử lý; không ghi dữ liệu cá nhân."))
    public = models.BooleanField(_("công khai"), default=True, help_text=_("Hiện cho người gửi khi tra cứu."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cán bộ thực hiện (không công khai)."),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("bước xử lý phản ánh")
        verbose_name_plural = _("bước xử lý phản ánh")

    def __str__(self) -> str:
        return f"{self.feedback} – {self.get_status_display()}"


class PersonalDataAccess(models.Model):
    """Who in staff looked at a sender's personal data, and when (personal-data law: access is logged)."""

    feedback = models.ForeignKey(
        Feedback,
        verbose_name=_("phản ánh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="personal_data_accesses",
        help_text=_("Phản ánh được xem; trống khi xuất hàng loạt."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Trống khi truy cập bằng lệnh quản trị."),
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, help_text=_("Lúc truy cập."))
    action = models.CharField(_("hành động"), max_length=16, choices=AccessAction.choices, help_text=_("Đã làm gì."))
    detail = models.CharField(_("chi tiết"), max_length=255, blank=True, help_text=_("Ví dụ: tên tệp, đường dẫn."))
    client_ip = models.GenericIPAddressField(
        _("địa chỉ mạng"), null=True, blank=True, help_text=_("Địa chỉ của máy truy cập (sau proxy tin cậy).")
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()}"
