"""Agencies, fields and reception places: the organisational reference data of a province."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.choices import AgencyGroup, AgencyLevel


class Agency(models.Model):
    """A state body that drafts, handles or receives procedures.

    Agencies carry validity dates because provinces and districts were reorganised (2025): a renamed
    agency keeps its earlier names in `AgencyName`, a merged one points to its `successor`.
    """

    code = models.CharField(
        _("mã cơ quan"),
        max_length=64,
        unique=True,
        help_text=_("Mã ổn định dùng trong trao đổi dữ liệu (ví dụ mã trên hệ thống một cửa)."),
    )
    name = models.CharField(_("tên cơ quan"), max_length=255, help_text=_("Tên chính thức hiện hành."))
    national_code = models.CharField(
        _("mã cơ quan trên CSDL quốc gia"),
        max_length=64,
        blank=True,
        help_text=_("Mã đơn vị do Cơ sở dữ liệu quốc gia về thủ tục hành chính cấp, nếu có; xuất kèm bản ghi thủ tục."),
    )
    short_name = models.CharField(
        _("tên viết tắt"), max_length=100, blank=True, help_text=_("Tên ngắn dùng trong bảng biểu, ví dụ “Sở TP”.")
    )
    level = models.CharField(
        _("cấp"),
        max_length=16,
        choices=AgencyLevel.choices,
        default=AgencyLevel.PROVINCE,
        help_text=_("Cấp hành chính của cơ quan."),
    )
    group = models.CharField(
        _("nhóm báo cáo"),
        max_length=16,
        choices=AgencyGroup.choices,
        default=AgencyGroup.OTHER,
        help_text=_("Nhóm dùng khi lập báo cáo của tỉnh."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("Cơ quan quản lý trực tiếp, nếu có."),
    )
    valid_from = models.DateField(
        _("hiệu lực từ"),
        null=True,
        blank=True,
        help_text=_("Ngày cơ quan được thành lập hoặc bắt đầu hoạt động với tên này."),
    )
    valid_until = models.DateField(
        _("hiệu lực đến (không bao gồm)"),
        null=True,
        blank=True,
        help_text=_("Ngày cơ quan thôi tồn tại (giải thể, sáp nhập); để trống nếu còn hoạt động."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("Cơ quan nhận lại nhiệm vụ khi sáp nhập hoặc giải thể."),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0, help_text=_("Thứ tự hiển thị trong báo cáo."))

    class Meta:
        ordering = ["group", "sort_order", "name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")})


class AgencyName(models.Model):
    """A name an agency bore during a period, so history shows the name valid at the time."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="names", verbose_name=_("cơ quan"))
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("đến ngày (không bao gồm)"), null=True, blank=True)

    class Meta:
        ordering = ["agency", "valid_from"]
        verbose_name = _("tên cũ của cơ quan")
        verbose_name_plural = _("tên cũ của cơ quan")

    def __str__(self) -> str:
        return self.name


class Field(models.Model):
    """Lĩnh vực: the subject area of a procedure (hộ tịch, đất đai...)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True, help_text=_("Tên lĩnh vực như công bố."))
    national_code = models.CharField(
        _("mã lĩnh vực trên CSDL quốc gia"),
        max_length=64,
        blank=True,
        help_text=_("Mã lĩnh vực do Cơ sở dữ liệu quốc gia cấp, nếu có; xuất kèm bản ghi thủ tục."),
    )
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=255,
        unique=True,
        allow_unicode=False,
        help_text=_("Phần đường dẫn trên trang công khai, không dấu."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    """Cấp thực hiện (ministry, province, district, commune, other); a small fixed reference table."""

    code = models.CharField(_("mã"), max_length=16, unique=True, help_text=_("Mã ổn định trong đường dẫn công khai."))
    name = models.CharField(_("tên"), max_length=64, help_text=_("Tên cấp thực hiện như Cổng Dịch vụ công quốc gia."))
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Thứ tự hiển thị."))
    national_code = models.CharField(
        _("mã cấp trên CSDL quốc gia"),
        max_length=64,
        blank=True,
        help_text=_("Mã cấp thực hiện do Cơ sở dữ liệu quốc gia dùng, nếu có; xuất kèm bản ghi thủ tục."),
    )

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("cấp thực hiện")
        verbose_name_plural = _("cấp thực hiện")

    def __str__(self) -> str:
        return self.name


class ReceptionPlace(models.Model):
    """A place where dossiers are received (one-stop unit), with its public posting and feedback notice."""

    name = models.CharField(
        _("tên nơi tiếp nhận"), max_length=255, help_text=_("Ví dụ: Trung tâm Phục vụ hành chính công tỉnh.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan quản lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reception_places",
    )
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    procedures = models.ManyToManyField(
        "catalog.Procedure",
        verbose_name=_("thủ tục tiếp nhận tại đây"),
        blank=True,
        related_name="reception_places",
        help_text=_("Các thủ tục được niêm yết tại nơi này."),
    )
    # Feedback notice (Decree 20/2008 Art. 13) printed on every posting.
    notice_receiver = models.CharField(_("cơ quan tiếp nhận phản ánh, kiến nghị"), max_length=255, blank=True)
    notice_address = models.CharField(_("địa chỉ tiếp nhận phản ánh"), max_length=500, blank=True)
    notice_mailing_address = models.CharField(_("địa chỉ thư tín"), max_length=500, blank=True)
    notice_phone = models.CharField(_("số điện thoại chuyên dùng"), max_length=50, blank=True)
    notice_website = models.URLField(_("trang thông tin điện tử"), blank=True)
    notice_email = models.EmailField(_("thư điện tử"), blank=True)
    posted_at = models.DateTimeField(
        _("niêm yết lần cuối"), null=True, blank=True, help_text=_("Lần gần nhất bản niêm yết được in và dán/cập nhật.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("nơi tiếp nhận hồ sơ")
        verbose_name_plural = _("nơi tiếp nhận hồ sơ")

    def __str__(self) -> str:
        return self.name


class AgencyMembership(models.Model):
    """Links a staff account to the agency it works for; drives agency-scoped permissions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_membership",
        verbose_name=_("tài khoản"),
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="members", verbose_name=_("cơ quan"))

    class Meta:
        verbose_name = _("cán bộ thuộc cơ quan")
        verbose_name_plural = _("cán bộ thuộc cơ quan")

    def __str__(self) -> str:
        return f"{self.user} — {self.agency}"
