"""Models of the search app: the database backend's own index, staff-edited search aids, and the queue.

The database index (`SearchDocument` + `SearchFacetValue`) is kept even when Elasticsearch serves search:
it is the fallback when the cluster is down and the source of the catalog vocabulary ("did you mean").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One procedure in force, denormalised for search (original and folded text, display fields)."""

    procedure = models.OneToOneField(
        "catalog.Procedure",
        on_delete=models.CASCADE,
        related_name="search_document",
        verbose_name=_("thủ tục"),
        help_text=_("Thủ tục đang có hiệu lực mà bản ghi tra cứu này đại diện."),
    )
    version = models.ForeignKey(
        "catalog.ProcedureVersion",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("phiên bản"),
        help_text=_("Phiên bản đang có hiệu lực đã được đưa vào chỉ mục."),
    )
    code = models.CharField(_("mã thủ tục"), max_length=32, blank=True, db_index=True, help_text=_("Mã quốc gia."))
    slug = models.TextField(_("đường dẫn"), help_text=_("Đường dẫn khi thủ tục chưa có mã."))
    name = models.TextField(_("tên thủ tục"), help_text=_("Tên như công bố, để hiển thị."))
    name_text = models.TextField(
        _("tên (có dấu, chữ thường)"), help_text=_("Dạng chuẩn hoá có dấu để so khớp chính xác.")
    )
    name_folded = models.TextField(_("tên (không dấu)"), help_text=_("Dạng bỏ dấu để so khớp khi gõ không dấu."))
    body = models.TextField(_("nội dung (hiển thị)"), blank=True, help_text=_("Đoạn văn dùng để trích dẫn kết quả."))
    body_text = models.TextField(
        _("nội dung (có dấu, chữ thường)"), blank=True, help_text=_("Từ khoá, mô tả, kết quả.")
    )
    body_folded = models.TextField(_("nội dung (không dấu)"), blank=True, help_text=_("Dạng bỏ dấu của nội dung."))
    head_folded = models.TextField(
        _("phần chính của tên (không dấu)"),
        blank=True,
        help_text=_(
            "Phần tên trước các điều kiện kèm theo (“đối với…”, “(thực hiện tại…)”), để ưu tiên thủ tục chung."
        ),
    )
    context_terms = models.TextField(
        _("từ trong trình tự thực hiện"),
        blank=True,
        help_text=_("Các âm tiết (không dấu) xuất hiện trong trình tự thực hiện, để khớp cách nói thường ngày."),
    )
    name_length = models.PositiveSmallIntegerField(
        _("số âm tiết của tên"),
        default=0,
        help_text=_("Số âm tiết trong tên thủ tục; hệ thống tự tính để xếp tên ngắn, khớp trọn câu tra cứu lên trước."),
    )
    head_length = models.PositiveSmallIntegerField(
        _("số âm tiết phần chính của tên"),
        default=0,
        help_text=_("Số âm tiết phần chính của tên (trước các điều kiện kèm theo như “đối với…”); hệ thống tự tính."),
    )
    local = models.FloatField(
        _("mức gần người dân"),
        default=0.0,
        help_text=_("1 khi thực hiện ở cấp gần người dân nhất của tỉnh; 0 với cấp bộ."),
    )
    popularity = models.FloatField(
        _("mức phổ biến"), default=0.0, help_text=_("Từ số hồ sơ 12 tháng gần nhất và đánh dấu “thường dùng”, 0–1.")
    )
    field_slug = models.TextField(_("lĩnh vực (mã)"), blank=True, help_text=_("Để lọc theo lĩnh vực."))
    field_name = models.TextField(_("lĩnh vực"), blank=True, help_text=_("Tên lĩnh vực để hiển thị."))
    agency_name = models.TextField(_("cơ quan thực hiện"), blank=True, help_text=_("Để hiển thị."))
    online_service_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=16, blank=True, help_text=_("Để lọc và thống kê.")
    )
    display = models.JSONField(
        _("dữ liệu hiển thị"), default=dict, blank=True, help_text=_("Cấp thực hiện, hình thức nộp... để hiển thị.")
    )
    facet_keys = models.JSONField(
        _("giá trị bộ lọc (gộp)"),
        default=dict,
        blank=True,
        help_text=_(
            "Các giá trị bộ lọc của thủ tục gộp trong một bản ghi, để đếm theo nhóm lọc trong một lượt tra cứu."
        ),
    )
    facet_combo = models.BigIntegerField(
        _("mã tổ hợp bộ lọc"),
        default=0,
        help_text=_("Mã của tổ hợp giá trị bộ lọc; các thủ tục cùng tổ hợp được đếm chung một lần."),
    )
    indexed_at = models.DateTimeField(_("đưa vào chỉ mục lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bản ghi tra cứu")
        verbose_name_plural = _("bản ghi tra cứu")
        # What the database ranking's first phase reads of every candidate, without the long texts of its row
        # (SQLite otherwise walks each row's overflow pages past the bodies; search.backends.sqlite).
        indexes = [models.Index(fields=["id", "facet_combo", "local", "popularity"], name="search_doc_rank_idx")]

    def __str__(self) -> str:
        return self.name


class SearchFacetValue(models.Model):
    """One facet value of a search document (a procedure has several levels, channels, agencies)."""

    class Facet(models.TextChoices):
        FIELD = "field", _("Lĩnh vực")
        LEVEL = "level", _("Cấp thực hiện")
        AGENCY = "agency", _("Cơ quan thực hiện")
        ONLINE = "online", _("Mức độ dịch vụ công trực tuyến")
        CHANNEL = "channel", _("Hình thức nộp")

    document = models.ForeignKey(
        SearchDocument,
        on_delete=models.CASCADE,
        related_name="facet_values",
        verbose_name=_("bản ghi tra cứu"),
        help_text=_("Thủ tục (trong bảng tra cứu) có giá trị lọc này."),
    )
    facet = models.CharField(_("nhóm lọc"), max_length=16, choices=Facet.choices, help_text=_("Nhóm bộ lọc."))
    value = models.CharField(_("giá trị"), max_length=255, help_text=_("Giá trị ổn định dùng trong đường dẫn lọc."))
    label = models.CharField(_("nhãn"), max_length=500, help_text=_("Nhãn hiển thị cho người dùng."))

    class Meta:
        verbose_name = _("giá trị bộ lọc")
        verbose_name_plural = _("giá trị bộ lọc")
        indexes = [models.Index(fields=["facet", "value"], name="search_facet_value_idx")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class Synonym(models.Model):
    """A group of names people use for the same thing ("sổ đỏ" = "giấy chứng nhận quyền sử dụng đất").

    Any term of the group in a query also searches for the others; staff edit the groups in the admin.
    """

    terms = models.TextField(
        _("các cách gọi"),
        help_text=_("Mỗi dòng một cách gọi có cùng nghĩa, ví dụ “sổ đỏ” và “giấy chứng nhận quyền sử dụng đất”."),
    )
    note = models.CharField(
        _("ghi chú"), max_length=500, blank=True, help_text=_("Vì sao các cách gọi này tương đương.")
    )
    one_way = models.BooleanField(
        _("một chiều"),
        default=False,
        help_text=_(
            "Chọn khi cách gọi đầu tiên là cách gọi trong danh mục và các cách gọi sau là cách nói thường ngày: "
            "tra cách gọi sau sẽ tìm cả cách gọi đầu, không ngược lại."
        ),
    )
    active = models.BooleanField(_("đang dùng"), default=True, help_text=_("Bỏ chọn để tạm ngưng nhóm này."))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("từ đồng nghĩa")
        verbose_name_plural = _("từ đồng nghĩa")

    def __str__(self) -> str:
        return " = ".join(self.term_list())

    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.replace(";", "\n").splitlines() if line.strip()]


class SearchLexicon(models.Model):
    """The catalog's vocabulary learnt from the index (search.lexicon), stored once per index change so that
    every process loads it instead of rebuilding it."""

    built_at = models.DateTimeField(_("tạo lúc"), auto_now=True)
    documents = models.PositiveIntegerField(
        _("số thủ tục"),
        default=0,
        help_text=_("Số thủ tục trong chỉ mục khi học bộ từ vựng; học lại khi số này thay đổi nhiều."),
    )
    data = models.BinaryField(_("dữ liệu"), help_text=_("Từ vựng nén (JSON + zlib)."))

    class Meta:
        verbose_name = _("từ vựng tra cứu")
        verbose_name_plural = _("từ vựng tra cứu")

    def __str__(self) -> str:
        return f"{self.documents} thủ tục, {self.built_at:%d/%m/%Y %H:%M}"


class PromotedResult(models.Model):
    """A procedure staff pin to the top for a query ("best bet"), matched without diacritics or case."""

    query = models.CharField(
        _("từ khoá tra cứu"), max_length=255, help_text=_("Khi người dân tra đúng cụm này (không phân biệt dấu).")
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("thủ tục"),
        help_text=_("Thủ tục hiển thị đầu tiên (chỉ khi đang có hiệu lực)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hiển thị trước."))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True, help_text=_("Lý do ghim kết quả này."))

    class Meta:
        ordering = ["query", "sort_order"]
        verbose_name = _("kết quả ưu tiên")
        verbose_name_plural = _("kết quả ưu tiên")

    def __str__(self) -> str:
        return f"{self.query} → {self.procedure_id}"


class ZeroResultQuery(models.Model):
    """A query that found nothing, counted, so staff can add synonyms or best bets."""

    query = models.CharField(_("câu tra cứu"), max_length=255, help_text=_("Lần gõ gần nhất của câu này."))
    query_folded = models.CharField(
        _("câu tra cứu (không dấu)"),
        max_length=255,
        unique=True,
        help_text=_("Câu tra cứu đã bỏ dấu, viết thường, để gộp các cách gõ khác nhau."),
    )
    count = models.PositiveIntegerField(
        _("số lần"),
        default=0,
        help_text=_("Số lần người dân gõ câu này mà không tìm thấy thủ tục nào; số lớn gợi ý thêm từ đồng nghĩa."),
    )
    first_seen = models.DateTimeField(_("lần đầu"), auto_now_add=True)
    last_seen = models.DateTimeField(_("lần gần nhất"), auto_now=True)
    reviewed = models.BooleanField(_("đã xem xét"), default=False, help_text=_("Đánh dấu khi đã xử lý."))

    class Meta:
        ordering = ["reviewed", "-count"]
        verbose_name = _("tra cứu không có kết quả")
        verbose_name_plural = _("tra cứu không có kết quả")

    def __str__(self) -> str:
        return self.query


class PendingIndexUpdate(models.Model):
    """A procedure whose Elasticsearch document still has to be written (the durable retry queue)."""

    procedure_id = models.BigIntegerField(
        _("mã bản ghi thủ tục"),
        unique=True,
        help_text=_("Thủ tục cần ghi lại vào Elasticsearch khi máy chủ tìm kiếm hoạt động trở lại."),
    )
    attempts = models.PositiveIntegerField(
        _("số lần thử"), default=0, help_text=_("Số lần đã thử ghi mà chưa thành công.")
    )
    last_error = models.TextField(
        _("lỗi gần nhất"), blank=True, help_text=_("Lỗi của lần thử gần nhất, để kỹ thuật viên kiểm tra.")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cập nhật chỉ mục đang chờ")
        verbose_name_plural = _("cập nhật chỉ mục đang chờ")

    def __str__(self) -> str:
        return str(self.procedure_id)
