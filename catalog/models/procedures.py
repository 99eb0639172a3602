"""The procedure record (Decree 63/2010 Art. 8(2)) as staff edit it in the admin.

The `Procedure` row holds the approved working copy; drafts live in Wagtail revisions. What the public
sees is a frozen `ProcedureVersion`, created when an announcement decision takes effect.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Left, Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
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

from catalog.choices import (
    AgencyRole,
    Channel,
    OnlineServiceLevel,
    ProcedureStatus,
    StartEvent,
    TimeLimitStatus,
    TimeUnit,
)
from catalog.collation import SORT_PREFIX_LENGTH, vietnamese_sort_key
from catalog.folding import fold
from catalog.models.lifecycle import RowLifecycleMixin
from catalog.models.revision_loading import BulkCheckedRevisionMixin
from catalog.text import normalize_text
from catalog.validators import validate_procedure_code


def _normalize_fields(instance, *names: str) -> None:
    """Normalise the named text fields of `instance` in place (see `catalog.text.normalize_text`)."""
    for name in names:
        value = getattr(instance, name)
        if isinstance(value, str):
            setattr(instance, name, normalize_text(value))


# Columns derived from a procedure's name (Procedure.refresh_name_keys), written with it by bulk writers.
NAME_KEY_COLUMNS = ("name_sort_key", "name_folded")


class Procedure(
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
    """One administrative procedure (thủ tục hành chính) with every element the law requires."""

    code = models.CharField(
        _("mã thủ tục"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_procedure_code],
        help_text=_(
            "Mã do Cơ sở dữ liệu quốc gia cấp, giữ đúng dạng được cấp: 1.001193, 1.012753.H19 hoặc "
            "1.001234.000.00.00.H55. Để trống cho tới khi được cấp; không tự đặt mã."
        ),
    )
    slug = models.SlugField(
        _("đường dẫn"), max_length=255, unique=True, help_text=_("Đường dẫn ổn định khi thủ tục chưa có mã.")
    )
    name = models.TextField(_("tên thủ tục"), help_text=_("Tên đầy đủ như trong quyết định công bố."))
    name_sort_key = models.TextField(
        _("khóa sắp xếp tên"),
        default="",
        blank=True,
        editable=False,
        help_text=_("Tính từ tên thủ tục để sắp xếp theo thứ tự tiếng Việt; tự cập nhật khi tên thay đổi."),
    )
    name_sort_prefix = models.GeneratedField(
        expression=Left("name_sort_key", SORT_PREFIX_LENGTH),
        output_field=models.TextField(),
        db_persist=True,
        verbose_name=_("đầu khóa sắp xếp tên"),
        help_text=_("Phần đầu của khóa sắp xếp tên, để đánh chỉ mục; cơ sở dữ liệu tự tính từ khóa sắp xếp."),
    )
    name_folded = models.TextField(
        _("tên không dấu"),
        default="",
        blank=True,
        editable=False,
        help_text=_("Tên thủ tục viết thường, bỏ dấu, để tìm kiếm không dấu; tự cập nhật khi tên thay đổi."),
    )
    field = models.ForeignKey(
        "catalog.Field",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
        help_text=_("Lĩnh vực của thủ tục như công bố (hộ tịch, đất đai…); dùng để tra cứu và lập danh mục."),
    )
    levels = ParentalManyToManyField(
        "catalog.Level",
        verbose_name=_("cấp thực hiện"),
        blank=True,
        related_name="procedures",
        help_text=_("Các cấp có thể giải quyết thủ tục (tỉnh, xã…); chọn một hoặc nhiều cấp."),
    )
    procedure_type = models.CharField(
        _("loại thủ tục"), max_length=255, blank=True, help_text=_("Loại thủ tục theo Cơ sở dữ liệu quốc gia.")
    )
    central_decision_number = models.CharField(
        _("số quyết định công bố của Bộ"),
        max_length=100,
        blank=True,
        help_text=_("Quyết định của Bộ, ngành trung ương công bố thủ tục, ví dụ 1872/QĐ-BTP."),
    )
    owner_agency = models.ForeignKey(
        "catalog.Agency",
        verbose_name=_("cơ quan chủ trì soạn thảo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_procedures",
        help_text=_("Sở, ngành chịu trách nhiệm dự thảo; cán bộ của cơ quan này được sửa thủ tục."),
    )
    applicants = models.JSONField(
        _("đối tượng thực hiện"), default=list, blank=True, help_text=_("Mỗi dòng một đối tượng.")
    )
    results = models.JSONField(_("kết quả thực hiện"), default=list, blank=True, help_text=_("Mỗi dòng một kết quả."))
    receiving_address = models.TextField(
        _("địa chỉ tiếp nhận hồ sơ"),
        blank=True,
        help_text=_("Nơi người dân nộp hồ sơ, như ghi trong quyết định công bố; in trên bản niêm yết."),
    )
    requirements = models.TextField(
        _("yêu cầu, điều kiện"),
        blank=True,
        help_text=_(
            "Yêu cầu, điều kiện như văn bản quy định. Để trống khi chưa có thông tin; nếu thủ tục không có yêu "
            "cầu, điều kiện thì chọn ô “Không có yêu cầu, điều kiện” bên dưới."
        ),
    )
    no_requirements = models.BooleanField(
        _("không có yêu cầu, điều kiện"),
        default=False,
        help_text=_(
            "Cán bộ xác nhận văn bản quy định không đặt yêu cầu, điều kiện; trang công khai ghi “Không”. "
            "Không chọn và để trống thì trang ghi “Chưa có thông tin”."
        ),
    )
    keywords = models.JSONField(
        _("từ khóa"), default=list, blank=True, help_text=_("Từ khóa giúp người dân tìm thủ tục, mỗi dòng một từ khóa.")
    )
    description = models.TextField(
        _("mô tả"), blank=True, help_text=_("Tóm tắt ngắn thủ tục dùng để làm gì; hiện dưới tên trên trang công khai.")
    )
    related_procedures = ParentalManyToManyField(
        "self",
        verbose_name=_("thủ tục liên quan"),
        symmetrical=False,
        blank=True,
        help_text=_(
            "Thủ tục người dân thường làm kèm hoặc trước thủ tục này; hiện thành liên kết trên trang công khai."
        ),
    )
    online_service_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"),
        max_length=16,
        choices=OnlineServiceLevel.choices,
        blank=True,
        default=OnlineServiceLevel.UNKNOWN,
        help_text=_(
            "Theo Nghị định 42/2022/NĐ-CP. Để “Chưa có thông tin” khi nguồn không nêu; chỉ chọn “Không cung cấp "
            "trực tuyến” khi thủ tục không có cách thức nộp trực tuyến."
        ),
    )
    one_stop = models.BooleanField(
        _("tiếp nhận tại Bộ phận Một cửa"),
        default=True,
        help_text=_("Hồ sơ được tiếp nhận và trả kết quả tại Bộ phận Một cửa (Nghị định 61/2018/NĐ-CP)."),
    )
    inter_agency_group = models.CharField(
        _("nhóm thủ tục liên thông"),
        max_length=255,
        blank=True,
        help_text=_("Tên nhóm thủ tục thực hiện liên thông; để trống nếu không liên thông."),
    )
    commonly_used = models.BooleanField(
        _("thường dùng"),
        default=False,
        help_text=_(
            "Đánh dấu thủ tục người dân hay làm (khai sinh, cấp giấy phép xây dựng nhà ở...): tra cứu ưu tiên "
            "thủ tục này khi câu tra cứu nói chung chung."
        ),
    )
    demand = models.PositiveIntegerField(
        _("số hồ sơ 12 tháng gần nhất"),
        default=0,
        editable=False,
        help_text=_(
            "Số hồ sơ tiếp nhận trong 12 tháng gần nhất theo thống kê đúng hạn; cập nhật sau mỗi lần nhập hồ sơ."
        ),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProcedureStatus.choices, default=ProcedureStatus.DRAFT, editable=False
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        editable=False,
    )
    source = models.JSONField(
        _("nguồn dữ liệu"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Nguồn gốc bản ghi khi nhập từ tệp (giữ nguyên)."),
    )
    extra = models.JSONField(
        _("dữ liệu bổ sung"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Các khóa không thuộc định dạng trao đổi, giữ lại khi nhập/xuất."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("status"),
        index.FilterField("owner_agency"),
    ]

    lifecycle_fields = ("status", "replaced_by_id")
    # Columns holding catalog.collation's Vietnamese sort key and catalog.folding's folded form of a text
    # column (see vietnamese_order_keys and folded_search); refresh_name_keys() writes both. Codes are ASCII
    # (validate_procedure_code), so SQL lower() is their folded form. The database derives a bounded prefix
    # of the sort key (name_sort_prefix) that PostgreSQL can index: a full key can exceed a btree entry.
    stored_sort_keys = {"name": "name_sort_key"}
    stored_sort_prefixes = {"name": "name_sort_prefix"}
    stored_folded = {"name": "name_folded", "code": Lower("code")}

    class Meta:
        ordering = ["name"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}" if self.code else (self.name or str(_("Thủ tục chưa đặt tên")))

    def refresh_name_keys(self) -> None:
        """Keep ``name_sort_key`` and ``name_folded`` in step with ``name``: writes that bypass :meth:`save`
        (bulk inserts and updates) call this before writing the row, and write both columns."""
        self.name_sort_key = vietnamese_sort_key(self.name)
        self.name_folded = fold(self.name)

    def save(self, *args, **kwargs):
        self.refresh_name_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = sorted({*update_fields, *NAME_KEY_COLUMNS})
        super().save(*args, **kwargs)

    def clean(self) -> None:
        _normalize_fields(self, "name", "receiving_address", "requirements", "description")
        for name in ("applicants", "results", "keywords"):
            values = getattr(self, name)
            if isinstance(values, list):
                setattr(self, name, [normalize_text(v) if isinstance(v, str) else v for v in values])

    def get_preview_template(self, request, mode_name):
        return "catalog/previews/procedure.html"


class ProcedureStep(Orderable):
    """Trình tự thực hiện: one ordered step."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(_("nội dung bước"), help_text=_("Ví dụ: “Bước 1: Nộp hồ sơ tại Bộ phận Một cửa”."))

    class Meta(Orderable.Meta):
        verbose_name = _("bước thực hiện")
        verbose_name_plural = _("trình tự thực hiện")

    def clean(self) -> None:
        _normalize_fields(self, "text")


class ProcedureChannel(Orderable):
    """Cách thức thực hiện: one submission channel with its own published time limit and fee."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(
        _("hình thức nộp"),
        max_length=16,
        choices=Channel.choices,
        help_text=_(
            "Cách nộp hồ sơ: trực tiếp, trực tuyến hoặc qua dịch vụ bưu chính; mỗi cách có thời hạn và phí riêng."
        ),
    )
    channel_label = models.CharField(
        _("nhãn hình thức nộp"), max_length=100, blank=True, help_text=_("Nhãn gốc khi khác với tên chuẩn.")
    )
    time_limit_text = models.TextField(
        _("thời hạn giải quyết (văn bản)"), blank=True, help_text=_("Thời hạn như được công bố, giữ nguyên câu chữ.")
    )
    fee_text = models.TextField(
        _("phí, lệ phí"),
        null=True,
        blank=True,
        help_text=_(
            "Phí, lệ phí như văn bản quy định. Để trống khi chưa có thông tin; nếu không thu thì chọn ô "
            "“Không thu phí, lệ phí”."
        ),
    )
    no_fee = models.BooleanField(
        _("không thu phí, lệ phí"),
        default=False,
        help_text=_("Cán bộ xác nhận cách thức này không thu phí, lệ phí; trang công khai ghi “Không”."),
    )
    description = models.TextField(
        _("mô tả"),
        null=True,
        blank=True,
        help_text=_("Ghi chú riêng cho cách nộp này như công bố, ví dụ giờ tiếp nhận hoặc địa chỉ cổng trực tuyến."),
    )
    time_limit_status = models.CharField(
        _("tình trạng cấu trúc thời hạn"),
        max_length=16,
        choices=TimeLimitStatus.choices,
        default=TimeLimitStatus.MISSING,
        help_text=_("Cho biết thời hạn đã được tách thành số ngày, đơn vị, mốc tính hay còn cần cán bộ làm."),
    )
    time_limit_flag = models.CharField(
        _("lý do cần xem lại"), max_length=255, blank=True, help_text=_("Vì sao thời hạn chưa được cấu trúc tự động.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("cách thức thực hiện")
        verbose_name_plural = _("cách thức thực hiện")

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.time_limit_text}"

    def clean(self) -> None:
        _normalize_fields(self, "time_limit_text", "fee_text", "description")


class ProcedureTimeLimit(Orderable):
    """A structured statutory time limit for one channel (and case): amount, unit and start event."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="time_limits")
    channel = models.CharField(
        _("hình thức nộp"),
        max_length=16,
        choices=Channel.choices,
        help_text=_("Cách nộp hồ sơ mà thời hạn này áp dụng."),
    )
    case = models.CharField(
        _("trường hợp"), max_length=500, blank=True, help_text=_("Để trống nếu áp dụng cho mọi trường hợp.")
    )
    amount = models.DecimalField(
        _("số lượng"), max_digits=7, decimal_places=2, help_text=_("Số ngày hoặc số giờ; 0 với thời hạn trong ngày.")
    )
    unit = models.CharField(
        _("đơn vị"),
        max_length=16,
        choices=TimeUnit.choices,
        help_text=_(
            "Ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ), ngày theo lịch, giờ làm việc hoặc trả trong ngày."
        ),
    )
    start_event = models.CharField(
        _("tính từ"),
        max_length=32,
        choices=StartEvent.choices,
        default=StartEvent.COMPLETE_DOSSIER,
        help_text=_("Mốc bắt đầu tính thời hạn, như văn bản công bố ghi."),
    )
    max_only = models.BooleanField(
        _("là thời hạn tối đa"), default=False, help_text=_("Đánh dấu khi văn bản ghi “không quá”.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("thời hạn có cấu trúc")
        verbose_name_plural = _("thời hạn có cấu trúc")

    def clean(self) -> None:
        if self.amount is None:
            return
        if self.unit == TimeUnit.SAME_DAY:
            if self.amount != 0:
                raise ValidationError({"amount": _("Thời hạn trong ngày không có số lượng (để 0).")})
        elif self.amount <= 0:
            raise ValidationError({"amount": _("Thời hạn phải lớn hơn 0.")})


class DossierItem(Orderable):
    """Thành phần hồ sơ: one paper, grouped by case, with forms and number of originals/copies."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="dossier_items")
    case = models.TextField(
        _("trường hợp"), blank=True, help_text=_("Nhóm giấy tờ theo trường hợp; để trống nếu chung.")
    )
    name = models.TextField(
        _("tên giấy tờ"), help_text=_("Tên giấy tờ như công bố, ví dụ “Tờ khai đăng ký khai sinh theo mẫu”.")
    )
    forms = models.JSONField(_("mẫu đơn, tờ khai"), default=list, blank=True, help_text=_("Tên các mẫu đơn kèm theo."))
    form_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp mẫu đơn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tệp mẫu đơn, tờ khai để người dân tải về, nếu giấy tờ có mẫu."),
    )
    originals = models.PositiveSmallIntegerField(
        _("số bản chính"),
        null=True,
        blank=True,
        help_text=_("Số bản chính người nộp phải nộp; 0 nếu không yêu cầu bản chính."),
    )
    copies = models.PositiveSmallIntegerField(
        _("số bản sao"),
        null=True,
        blank=True,
        help_text=_("Số bản sao người nộp phải nộp; 0 nếu không yêu cầu bản sao."),
    )
    required = models.BooleanField(
        _("bắt buộc"), default=True, help_text=_("Bỏ chọn nếu chỉ nộp trong một số trường hợp.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("giấy tờ")
        verbose_name_plural = _("thành phần hồ sơ")

    def clean(self) -> None:
        _normalize_fields(self, "case", "name")


class ProcedureAgency(Orderable):
    """An agency named on the procedure in one role; the published name is kept even when linked."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="agencies")
    role = models.CharField(
        _("vai trò"),
        max_length=16,
        choices=AgencyRole.choices,
        help_text=_("Cơ quan này làm gì với thủ tục: thực hiện, có thẩm quyền quyết định, được ủy quyền hay phối hợp."),
    )
    name = models.TextField(
        _("tên cơ quan như công bố"),
        help_text=_("Tên cơ quan đúng như quyết định công bố ghi; giữ nguyên cả khi đã chọn cơ quan trong danh mục."),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        verbose_name=_("cơ quan trong danh mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedure_roles",
        help_text=_("Chọn cơ quan tương ứng trong danh mục cơ quan, để báo cáo và phân quyền theo cơ quan."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("cơ quan liên quan")
        verbose_name_plural = _("cơ quan liên quan")


class ProcedureLegalBasis(Orderable):
    """Căn cứ pháp lý: one legal document cited, as published, optionally linked to the register."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="legal_bases")
    number = models.CharField(
        _("số ký hiệu"), max_length=255, blank=True, help_text=_("Số ký hiệu văn bản, ví dụ 123/2015/NĐ-CP.")
    )
    summary = models.TextField(_("trích yếu"), blank=True, help_text=_("Tên, trích yếu của văn bản như công bố."))
    issued_on = models.DateField(
        _("ngày ban hành"), null=True, blank=True, help_text=_("Ngày ban hành văn bản, nếu biết.")
    )
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        blank=True,
        help_text=_("Cơ quan ban hành văn bản, ví dụ Chính phủ, Bộ Tư pháp, UBND tỉnh."),
    )
    document = models.ForeignKey(
        "catalog.LegalDocument",
        verbose_name=_("văn bản trong danh mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citations",
        help_text=_(
            "Văn bản tương ứng trong danh mục văn bản pháp luật, nếu có; để biết thủ tục nào dựa trên văn bản nào."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def clean(self) -> None:
        _normalize_fields(self, "number", "summary", "issuer")
