"""Wagtail pages of the public site; they present catalog data and hold no domain rules.

The three index pages give the site's sections their title and introduction; the section's URLs, the index
included, are routed by `cms.urls` (one set of routes) to the functions in `cms.views`, which read through
`cms.selectors` and cache the rendered HTML (`cms.cache`). A page's own `serve` (Wagtail's preview) renders
its index the same way.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms import views


class HomePage(Page):
    """The site's front page: a search box and the catalog by field, level and agency."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu ngắn dưới tiêu đề trang chủ."))
    search_placeholder = models.CharField(
        _("gợi ý ô tìm kiếm"),
        max_length=255,
        blank=True,
        default="Nhập tên thủ tục, ví dụ: đăng ký khai sinh",
        help_text=_("Chữ mờ hiển thị trong ô tìm kiếm."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("search_placeholder")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def serve(self, request, *args, **kwargs):
        return views.home(request, page=self)


class ProcedureIndexPage(Page):
    """/thu-tuc/: the catalog in force, listings by field/level/agency and one page per procedure."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu trên trang danh mục."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang danh mục thủ tục")
        verbose_name_plural = _("trang danh mục thủ tục")

    def serve(self, request, *args, **kwargs):
        return views.procedure_listing(request, page=self)


class DecisionIndexPage(Page):
    """/quyet-dinh/: the announcement decisions and one page per decision, items by category."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu trên trang quyết định."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang quyết định công bố")
        verbose_name_plural = _("trang quyết định công bố")

    def serve(self, request, *args, **kwargs):
        return views.decision_listing(request, page=self)


class PostingIndexPage(Page):
    """/niem-yet/: the public posting (niêm yết) of each reception place, with its A4 PDF poster."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu trên trang niêm yết."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang niêm yết thủ tục")
        verbose_name_plural = _("trang niêm yết thủ tục")

    def serve(self, request, *args, **kwargs):
        return views.posting_listing(request, page=self)
