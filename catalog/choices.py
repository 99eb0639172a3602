"""Enumerations of the procedure domain (labels in Vietnamese, values stable for data exchange)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyLevel(models.TextChoices):
    CENTRAL = "trung_uong", _("Trung ương")
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")
    OTHER = "khac", _("Khác")


class AgencyGroup(models.TextChoices):
    """How a province groups agencies in its reports."""

    DEPARTMENT = "so_nganh", _("Sở, ban, ngành tỉnh")
    DISTRICT_COMMITTEE = "ubnd_huyen", _("UBND cấp huyện")
    COMMUNE_COMMITTEE = "ubnd_xa", _("UBND cấp xã")
    OTHER = "khac", _("Cơ quan khác")


class Channel(models.TextChoices):
    """Cách thức thực hiện (submission channel)."""

    IN_PERSON = "truc_tiep", _("Trực tiếp")
    ONLINE = "truc_tuyen", _("Trực tuyến")
    POSTAL = "buu_chinh", _("Dịch vụ bưu chính")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("Ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("Ngày")
    WORKING_HOURS = "working_hours", _("Giờ làm việc")
    SAME_DAY = "same_day", _("Trong ngày")


class StartEvent(models.TextChoices):
    """When the clock starts."""

    COMPLETE_DOSSIER = "complete_dossier", _("Kể từ ngày nhận đủ hồ sơ hợp lệ")
    RECEIPT = "receipt", _("Kể từ ngày tiếp nhận hồ sơ")
    OTHER = "other", _("Mốc khác (xem văn bản)")


class TimeLimitStatus(models.TextChoices):
    PARSED = "parsed", _("Đã cấu trúc tự động")
    NEEDS_REVIEW = "needs_review", _("Cần cán bộ cấu trúc")
    MANUAL = "manual", _("Cán bộ đã cấu trúc")
    MISSING = "missing", _("Chưa có thời hạn")


class OnlineServiceLevel(models.TextChoices):
    """Decree 42/2022: online public-service levels. Empty = the source does not say (never "none")."""

    UNKNOWN = "", _("Chưa có thông tin")
    NONE = "khong", _("Không cung cấp trực tuyến")
    INFORMATION = "thong_tin", _("Dịch vụ công trực tuyến cung cấp thông tin")
    PARTIAL = "mot_phan", _("Một phần")
    FULL = "toan_trinh", _("Toàn trình")


class ProcedureStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã duyệt, chờ công bố")
    IN_FORCE = "in_force", _("Đang có hiệu lực")
    REPLACED = "replaced", _("Đã được thay thế")
    ABOLISHED = "abolished", _("Đã bãi bỏ")


class AnnouncementCategory(models.TextChoices):
    """Decree 63/2010 Art. 14 categories of a decision item."""

    NEW = "new", _("Thủ tục hành chính mới ban hành")
    AMENDED = "amended", _("Thủ tục hành chính được sửa đổi, bổ sung")
    REPLACED = "replaced", _("Thủ tục hành chính được thay thế")
    ABOLISHED = "abolished", _("Thủ tục hành chính bị bãi bỏ")


# What a decision does to a procedure, as a procedure's page names it ("Quyết định ... (sửa đổi, bổ sung)").
ANNOUNCEMENT_ROLES = {
    AnnouncementCategory.NEW: _("công bố mới ban hành"),
    AnnouncementCategory.AMENDED: _("sửa đổi, bổ sung"),
    AnnouncementCategory.REPLACED: _("thay thế"),
    AnnouncementCategory.ABOLISHED: _("bãi bỏ"),
}


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã ký, chờ hiệu lực")
    APPLIED = "applied", _("Đã có hiệu lực")


class CalendarAdjustmentKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ (hoán đổi / nghỉ thêm)")
    WORKING_DAY = "working_day", _("Ngày làm bù")


class AgencyRole(models.TextChoices):
    IMPLEMENTING = "implementing", _("Cơ quan thực hiện")
    COMPETENT = "competent", _("Cơ quan có thẩm quyền")
    AUTHORISED = "authorised", _("Cơ quan được ủy quyền")
    COORDINATING = "coordinating", _("Cơ quan phối hợp")
