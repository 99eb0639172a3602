"""Wagtail pages of the public site; they present catalog data and hold no domain rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: what the site offers and a search box."""

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
