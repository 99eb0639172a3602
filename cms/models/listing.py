"""Read tables of the public listings, maintained on publish (`cms.services`), never edited by hand.

Sorting 20,000 names in Vietnamese order at every request is what made a cold listing page slow; each
published version therefore carries its sort key and an integer rank in that order, indexed, and the
per-field/level/agency counts are computed once per day and publication instead of on every page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A B-tree entry must stay well under PostgreSQL's limit (~2.7 kB); names that agree on this many
# bytes of their sort key are ordered by version id.
SORT_KEY_BYTES = 1000


class ListingSortKey(models.Model):
    """A Vietnamese sort key of a listed name and its rank in that order.

    Ranks leave gaps, so a new name usually slots in between its neighbours without renumbering; the
    keys (hundreds of bytes each) live here, apart from the rows listings scan, which stay narrow.
    """

    key = models.BinaryField(_("khóa sắp xếp"), max_length=SORT_KEY_BYTES)
    rank = models.BigIntegerField(
        _("thứ tự"), unique=True, help_text=_("Vị trí của tên trong thứ tự từ điển tiếng Việt; hệ thống tự tính.")
    )

    class Meta:
        indexes = [models.Index(fields=["key"], name="cms_listing_sort_key_idx")]
        verbose_name = _("khóa sắp xếp tên")
        verbose_name_plural = _("khóa sắp xếp tên")

    def __str__(self) -> str:
        return str(self.rank)


class ListingEntry(models.Model):
    """One published procedure version as listings read it: validity, field and the rank of its name."""

    version = models.OneToOneField(
        "catalog.ProcedureVersion",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="listing_entry",
        verbose_name=_("phiên bản thủ tục"),
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("thủ tục"),
        help_text=_("Thủ tục mà dòng danh sách này trình bày; hệ thống tự cập nhật."),
    )
    field = models.ForeignKey(
        "catalog.Field",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lĩnh vực"),
        help_text=_("Lĩnh vực của thủ tục, để lọc danh sách theo lĩnh vực."),
    )
    valid_from = models.DateField(_("có hiệu lực từ"), help_text=_("Ngày phiên bản bắt đầu có hiệu lực."))
    valid_until = models.DateField(
        _("hết hiệu lực từ"), null=True, blank=True, help_text=_("Ngày phiên bản hết hiệu lực; trống nếu đang áp dụng.")
    )
    # ListingSortKey.rank of the name: equal names share it; listings order by (rank, version).
    rank = models.BigIntegerField(_("thứ tự"), help_text=_("Vị trí của tên thủ tục trong thứ tự từ điển tiếng Việt."))

    class Meta:
        indexes = [
            models.Index(fields=["rank", "version"], name="cms_listing_rank_idx"),
            models.Index(fields=["field", "rank"], name="cms_listing_field_rank_idx"),
            models.Index(fields=["procedure"], name="cms_listing_procedure_idx"),
        ]
        verbose_name = _("dòng danh mục công khai")
        verbose_name_plural = _("dòng danh mục công khai")

    def __str__(self) -> str:
        return str(self.version_id)


class CatalogCounts(models.Model):
    """How many procedures are in force on `day`: in total and per field, level and agency (ids as keys).

    Refreshed when something is published and on the first read of a new day; listings and the home
    page read one row instead of grouping the whole catalog.
    """

    day = models.DateField(_("ngày"), unique=True, help_text=_("Ngày mà các số đếm thủ tục đang có hiệu lực áp dụng."))
    counts = models.JSONField(
        _("số thủ tục"),
        default=dict,
        help_text=_("Số thủ tục đang có hiệu lực: tổng số và theo lĩnh vực, cấp, cơ quan; hệ thống tự tính."),
    )
    computed_at = models.DateTimeField(_("tính lúc"), auto_now=True)

    class Meta:
        verbose_name = _("số thủ tục theo nhóm")
        verbose_name_plural = _("số thủ tục theo nhóm")

    def __str__(self) -> str:
        return self.day.isoformat()
