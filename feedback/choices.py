"""Enumerations of the feedback domain (values stable: the API and the export use them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SenderType(models.TextChoices):
    INDIVIDUAL = "ca_nhan", _("Cá nhân")
    ORGANISATION = "to_chuc", _("Tổ chức")


class FeedbackKind(models.TextChoices):
    """The content of feedback on regulations, Decree 20/2008/NĐ-CP Art. 5 (as amended)."""

    CONCRETE_OBSTACLE = "vuong_mac_cu_the", _("Vướng mắc cụ thể trong thực hiện quy định hành chính")
    UNSUITABLE = "khong_phu_hop_thuc_te", _("Sự không phù hợp của quy định hành chính với thực tế")
    INCONSISTENT = "khong_dong_bo", _("Sự không đồng bộ, không thống nhất của các quy định hành chính")
    UNLAWFUL = "trai_phap_luat", _("Quy định hành chính không hợp pháp, trái với văn bản quy phạm pháp luật")
    AGAINST_TREATY = (
        "trai_dieu_uoc_quoc_te",
        _("Quy định hành chính trái với điều ước quốc tế mà Việt Nam là thành viên"),
    )
    OTHER = "van_de_khac", _("Những vấn đề khác liên quan đến quy định hành chính")
    HANDLING_PROPOSAL = "phuong_an_xu_ly", _("Phương án xử lý những phản ánh nêu trên")
    NEW_INITIATIVE = "sang_kien_ban_hanh_moi", _("Sáng kiến ban hành mới quy định hành chính")


class FeedbackStatus(models.TextChoices):
    """Where a feedback item stands; shown to the sender on the status page."""

    RECEIVED = "received", _("Đã tiếp nhận, chờ phân loại")
    ACCEPTED = "accepted", _("Đã tiếp nhận xử lý")
    NOT_ACCEPTED = "not_accepted", _("Không tiếp nhận")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    PROCESSING = "processing", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")


class AnswerState(models.TextChoices):
    """The internal review of a drafted answer (never shown to the public)."""

    NONE = "", _("Chưa có dự thảo")
    DRAFT = "draft", _("Dự thảo")
    IN_REVIEW = "in_review", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    PUBLISHED = "published", _("Đã công bố")


class Classification(models.TextChoices):
    ACCEPT = "accept", _("Tiếp nhận xử lý")
    REJECT = "reject", _("Không tiếp nhận (nêu lý do)")
    FORWARD = "forward", _("Chuyển cơ quan có thẩm quyền (ngoài thẩm quyền)")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Xem thông tin cá nhân")
    ATTACHMENT = "attachment", _("Tải tệp đính kèm")
    EXPORT = "export", _("Xuất dữ liệu")
