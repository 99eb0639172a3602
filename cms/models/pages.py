"""Wagtail pages of the public site; they present catalog data and hold no domain rules.

The three index pages route their sub-URLs (RoutablePageMixin) to the functions in `cms.views`, which
read through `cms.selectors` and cache the rendered HTML (`cms.cache`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
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


class ProcedureIndexPage(RoutablePageMixin, Page):
    """/thu-tuc/: the catalog in force, listings by field/level/agency and one page per procedure."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu trên trang danh mục."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang danh mục thủ tục")
        verbose_name_plural = _("trang danh mục thủ tục")

    @path("", name="index")
    def index_view(self, request):
        return views.procedure_listing(request, page=self)

    @path("linh-vuc/", name="fields")
    def fields_view(self, request):
        return views.fields_index(request, page=self)

    @path("chu-de/<slug:slug>/", name="topic")
    def topic_view(self, request, slug):
        return views.procedure_listing(request, page=self, topic_slug=slug)

    @path("linh-vuc/<slug:slug>/", name="field")
    def field_view(self, request, slug):
        return views.procedure_listing(request, page=self, field_slug=slug)

    @path("cap/<slug:code>/", name="level")
    def level_view(self, request, code):
        return views.procedure_listing(request, page=self, level_code=code)

    @path("co-quan/<slug:code>/", name="agency")
    def agency_view(self, request, code):
        return views.procedure_listing(request, page=self, agency_code=code)

    @path("<slug:key>/", name="procedure")
    def procedure_view(self, request, key):
        # Codes contain dots, which Wagtail's page URLs refuse: cms.urls serves those; this serves slugs.
        return views.procedure_detail(request, page=self, key=key)


class DecisionIndexPage(RoutablePageMixin, Page):
    """/quyet-dinh/: the announcement decisions and one page per decision, items by category."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu trên trang quyết định."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang quyết định công bố")
        verbose_name_plural = _("trang quyết định công bố")

    @path("", name="index")
    def index_view(self, request):
        return views.decision_listing(request, page=self)

    @path("<int:pk>/", name="decision")
    def decision_view(self, request, pk):
        return views.decision_detail(request, page=self, pk=pk)


class PostingIndexPage(RoutablePageMixin, Page):
    """/niem-yet/: the public posting (niêm yết) of each reception place (its A4 PDF poster is in cms.urls)."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu trên trang niêm yết."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang niêm yết thủ tục")
        verbose_name_plural = _("trang niêm yết thủ tục")

    @path("", name="index")
    def index_view(self, request):
        return views.posting_listing(request, page=self)

    @path("<slug:slug>/", name="posting")
    def posting_view(self, request, slug):
        return views.posting_detail(request, page=self, slug=slug)
