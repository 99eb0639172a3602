"""Agencies, fields and reception places: the organisational reference data of a province."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

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
    name = models.CharField(
        _("tên cơ quan"),
        max_length=255,
        help_text=_(
            "Tên chính thức hiện hành. Khi cơ quan được đổi tên theo quyết định, dùng thao tác “Đổi tên” (nút ⋯ "
            "đầu trang) để tên cũ được giữ trong lịch sử."
        ),
    )
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
        help_text=_(
            "Cơ quan nhận lại nhiệm vụ khi sáp nhập hoặc giải thể. Khi sáp nhập, dùng thao tác “Sáp nhập vào…” "
            "(nút ⋯ đầu trang): ngày hết hiệu lực và cơ quan kế thừa được ghi cùng lúc."
        ),
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

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="names",
        verbose_name=_("cơ quan"),
        help_text=_("Cơ quan đã mang tên này; tên hiện hành nằm ở bản ghi cơ quan."),
    )
    name = models.CharField(
        _("tên"),
        max_length=255,
        help_text=_(
            "Tên chính thức cơ quan mang trong khoảng thời gian dưới đây; hiện trên các thủ tục, quyết định của thời kỳ đó."
        ),
    )
    short_name = models.CharField(
        _("tên viết tắt"),
        max_length=100,
        blank=True,
        help_text=_("Tên ngắn dùng trong bảng biểu thời kỳ đó, ví dụ “Sở TP”; để trống nếu không có."),
    )
    valid_from = models.DateField(
        _("từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày bắt đầu mang tên này; để trống nếu không rõ (từ khi thành lập)."),
    )
    valid_until = models.DateField(
        _("đến ngày (không bao gồm)"),
        null=True,
        blank=True,
        help_text=_("Ngày đổi sang tên mới: từ ngày này tên cũ không còn dùng."),
    )

    class Meta:
        ordering = ["agency", "valid_from"]
        verbose_name = _("tên cũ của cơ quan")
        verbose_name_plural = _("tên cũ của cơ quan")

    def __str__(self) -> str:
        return self.name


class FieldTopic(models.Model):
    """Chủ đề: a handful of topics that group the ~230 fields, so citizens browse a short list first.

    Staff edit topics and which fields belong to each; `keywords` let the loader place new fields.
    """

    name = models.CharField(
        _("tên chủ đề"), max_length=255, unique=True, help_text=_("Ví dụ: “Hộ tịch, cư trú, quốc tịch”.")
    )
    slug = models.SlugField(
        _("đường dẫn"), max_length=255, unique=True, help_text=_("Phần đường dẫn trên trang công khai, không dấu.")
    )
    description = models.CharField(
        _("mô tả ngắn"), max_length=500, blank=True, help_text=_("Một dòng giải thích chủ đề, hiện dưới tên.")
    )
    keywords = models.TextField(
        _("từ khóa xếp lĩnh vực"),
        blank=True,
        help_text=_(
            "Mỗi dòng một từ khóa. Lĩnh vực chưa có chủ đề mà tên chứa từ khóa (không phân biệt dấu, hoa thường) "
            "được xếp vào chủ đề này khi nạp dữ liệu."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự ưu tiên"),
        default=0,
        help_text=_("Khi tên lĩnh vực khớp từ khóa của nhiều chủ đề, chủ đề có số nhỏ hơn được chọn."),
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class Field(models.Model):
    """Lĩnh vực: the subject area of a procedure (hộ tịch, đất đai...).

    A field whose name is only a variant of another's ("An toàn, vệ sinh lao động") is kept, so the
    source stays intact, and points to the field it is an alias of; the public site shows one field.
    """

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
    topic = models.ForeignKey(
        FieldTopic,
        verbose_name=_("chủ đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fields",
        help_text=_("Chủ đề mà lĩnh vực thuộc về trên trang công khai."),
    )
    alias_of = models.ForeignKey(
        "self",
        verbose_name=_("là tên khác của lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aliases",
        help_text=_(
            "Chọn khi tên này chỉ là cách viết khác của một lĩnh vực đã có (ví dụ “An toàn, vệ sinh lao động”): "
            "trang công khai gộp thủ tục vào lĩnh vực được chọn."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.alias_of_id is None:
            return
        if self.alias_of_id == self.pk:
            raise ValidationError({"alias_of": _("Lĩnh vực không thể là tên khác của chính nó.")})
        if self.alias_of.alias_of_id is not None:
            raise ValidationError(
                {
                    "alias_of": _("“%(name)s” đã là tên khác của một lĩnh vực; hãy chọn lĩnh vực chính.")
                    % {"name": self.alias_of}
                }
            )
        if self.pk and Field.objects.filter(alias_of=self).exists():
            raise ValidationError(
                {"alias_of": _("Lĩnh vực này đang có tên khác gộp vào; hãy gộp các tên đó vào lĩnh vực chính trước.")}
            )


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


class ReceptionPlace(ClusterableModel):
    """A place where dossiers are received (one-stop unit), with its public posting and feedback notice.

    What the place posts (niêm yết) is decided by staff: rules (every procedure of an agency, field or
    level, kept current as the catalog changes), procedures added by hand and procedures removed by hand.
    Read it with `catalog.selectors.reception_place_procedures`, never from one of the three parts alone.
    """

    name = models.CharField(
        _("tên nơi tiếp nhận"), max_length=255, help_text=_("Ví dụ: Trung tâm Phục vụ hành chính công tỉnh.")
    )
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_(
            "Phần đường dẫn của trang niêm yết, không dấu. Để trống để tự tạo từ tên; đường dẫn theo tên cho "
            "tới lần niêm yết đầu tiên."
        ),
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan quản lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reception_places",
        help_text=_("Cơ quan quản lý nơi tiếp nhận (ví dụ Văn phòng UBND tỉnh, UBND xã)."),
    )
    address = models.CharField(
        _("địa chỉ"), max_length=500, blank=True, help_text=_("Địa chỉ in trên bản niêm yết khi thủ tục không ghi.")
    )
    procedures = models.ManyToManyField(
        "catalog.Procedure",
        through="catalog.PostingAddition",
        verbose_name=_("thủ tục niêm yết thêm"),
        blank=True,
        related_name="added_at_reception_places",
        help_text=_("Thủ tục được chọn niêm yết thêm tại đây, ngoài các thủ tục theo quy tắc."),
    )
    # Feedback notice (Decree 20/2008 Art. 13) printed on every posting.
    notice_receiver = models.CharField(
        _("cơ quan tiếp nhận phản ánh, kiến nghị"),
        max_length=255,
        blank=True,
        help_text=_("Tên cơ quan tiếp nhận phản ánh, kiến nghị về quy định hành chính."),
    )
    notice_address = models.CharField(
        _("địa chỉ tiếp nhận phản ánh"), max_length=500, blank=True, help_text=_("Địa chỉ nhận phản ánh trực tiếp.")
    )
    notice_mailing_address = models.CharField(
        _("địa chỉ thư tín"), max_length=500, blank=True, help_text=_("Địa chỉ nhận thư phản ánh qua bưu điện.")
    )
    notice_phone = models.CharField(
        _("số điện thoại chuyên dùng"), max_length=50, blank=True, help_text=_("Ví dụ: 0299.3822049.")
    )
    notice_website = models.URLField(
        _("trang thông tin điện tử"), blank=True, help_text=_("Địa chỉ trang web nhận phản ánh, bắt đầu bằng https://.")
    )
    notice_email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Hộp thư nhận phản ánh, kiến nghị."))
    posted_at = models.DateTimeField(
        _("niêm yết lần cuối"), null=True, blank=True, help_text=_("Lần gần nhất bản niêm yết được in và dán/cập nhật.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("nơi tiếp nhận hồ sơ")
        verbose_name_plural = _("nơi tiếp nhận hồ sơ")

    def __str__(self) -> str:
        return self.name


class PostingRule(Orderable):
    """Post at a place every procedure of an agency, a field and/or a level — now and as the catalog changes.

    The criteria given all apply (an agency and a field: that agency's procedures of that field). A
    procedure is "of an agency" when the agency drafts it (owner) or is named as its implementing agency.
    """

    place = ParentalKey(ReceptionPlace, on_delete=models.CASCADE, related_name="posting_rules")
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Mọi thủ tục do cơ quan này chủ trì hoặc thực hiện."),
    )
    field = models.ForeignKey(
        Field,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Mọi thủ tục thuộc lĩnh vực này."),
    )
    level = models.ForeignKey(
        Level,
        verbose_name=_("cấp thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Mọi thủ tục thực hiện ở cấp này."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("quy tắc niêm yết")
        verbose_name_plural = _("quy tắc niêm yết")

    def __str__(self) -> str:
        parts = [str(part) for part in (self.agency, self.field, self.level) if part is not None]
        return " · ".join(parts) or str(_("Quy tắc trống"))

    def clean(self) -> None:
        if not (self.agency_id or self.field_id or self.level_id):
            raise ValidationError(_("Chọn ít nhất một trong: cơ quan, lĩnh vực, cấp thực hiện."))


class PostingChoice(Orderable):
    """A procedure chosen by hand for a place's posting (added or removed); each chosen once per place."""

    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Gõ tên hoặc mã để tìm thủ tục."),
    )

    class Meta(Orderable.Meta):
        abstract = True


class PostingAddition(PostingChoice):
    """A procedure posted at a place by hand (in addition to the place's rules)."""

    place = ParentalKey(ReceptionPlace, on_delete=models.CASCADE, related_name="posting_additions")

    class Meta(PostingChoice.Meta):
        verbose_name = _("thủ tục niêm yết thêm")
        verbose_name_plural = _("thủ tục niêm yết thêm")
        constraints = [
            models.UniqueConstraint(fields=["place", "procedure"], name="catalog_posting_addition_unique"),
        ]


class PostingExclusion(PostingChoice):
    """A procedure a rule would post at a place but staff chose not to post there."""

    place = ParentalKey(ReceptionPlace, on_delete=models.CASCADE, related_name="posting_exclusions")

    class Meta(PostingChoice.Meta):
        verbose_name = _("thủ tục không niêm yết")
        verbose_name_plural = _("thủ tục không niêm yết")
        constraints = [
            models.UniqueConstraint(fields=["place", "procedure"], name="catalog_posting_exclusion_unique"),
        ]


class AgencyMembership(models.Model):
    """Links a staff account to the agency it works for; drives agency-scoped permissions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_membership",
        verbose_name=_("tài khoản"),
        help_text=_("Tài khoản đăng nhập của cán bộ; mỗi tài khoản thuộc một cơ quan."),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("cơ quan"),
        help_text=_("Cán bộ chỉ xem và soạn thủ tục, quyết định của cơ quan này."),
    )

    class Meta:
        verbose_name = _("cán bộ thuộc cơ quan")
        verbose_name_plural = _("cán bộ thuộc cơ quan")

    def __str__(self) -> str:
        return f"{self.user} — {self.agency}"
