"""Wagtail admin viewsets for the staff-edited search aids (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.models import PendingIndexUpdate, PromotedResult, Synonym, ZeroResultQuery


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Từ đồng nghĩa")
    list_display = ["__str__", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["terms", "note"]
    panels = [FieldPanel("terms"), FieldPanel("note"), FieldPanel("active")]


class PromotedResultViewSet(SnippetViewSet):
    model = PromotedResult
    icon = "pick"
    menu_label = _("Kết quả ưu tiên")
    list_display = ["query", "procedure", "sort_order"]
    search_fields = ["query"]
    panels = [FieldPanel("query"), FieldPanel("procedure"), FieldPanel("sort_order"), FieldPanel("note")]


class ZeroResultQueryViewSet(SnippetViewSet):
    model = ZeroResultQuery
    icon = "warning"
    menu_label = _("Tra cứu không có kết quả")
    list_display = ["query", "count", "last_seen", "reviewed"]
    list_filter = ["reviewed"]
    search_fields = ["query"]
    ordering = ["reviewed", "-count"]
    panels = [FieldPanel("query", read_only=True), FieldPanel("count", read_only=True), FieldPanel("reviewed")]


class PendingIndexUpdateViewSet(SnippetViewSet):
    model = PendingIndexUpdate
    icon = "time"
    menu_label = _("Cập nhật chỉ mục đang chờ")
    list_display = ["procedure_id", "attempts", "updated_at", "last_error"]
    panels = [FieldPanel("procedure_id", read_only=True), FieldPanel("attempts", read_only=True)]


class SearchViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Tra cứu")
    menu_icon = "search"
    menu_order = 300
    items = (SynonymViewSet, PromotedResultViewSet, ZeroResultQueryViewSet, PendingIndexUpdateViewSet)
