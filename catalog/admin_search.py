"""Search and order the way Vietnamese staff expect, in admin listings and choosers.

- Searching folds diacritics on both sides ("ho tich" finds "Hộ tịch"; catalog.folding) and needs every
  word of the query, each in any of the searched fields.
- Names sort in Vietnamese dictionary order (catalog.collation), in listings and choosers alike.

A snippet viewset gets both by mixing in :class:`VietnameseSnippetViewSetMixin`; its ``search_fields``
drive the listing's search box and the chooser's, and ``vietnamese_sort_keys`` names the columns that sort
in Vietnamese order (the first one is the default order).
"""

from django import forms
from django.db import connections
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail.models import Revision, RevisionMixin
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views

from catalog.admin_prefetch import prefetch_admin_status
from catalog.admin_widgets import ShapeCachedSnippetChooser
from catalog.collation import vietnamese_order_keys, vietnamese_order_slice
from catalog.folding import folded_search

# From this many rows before a page on, VietnamesePaginator reads the page along the sort key's index.
DEEP_PAGE_OFFSET = 500


class VietnamesePaginator(WagtailPaginator):
    """ "4.011 thủ tục hành chính": the count under a listing grouped the Vietnamese way."""

    @cached_property
    def items_count_label(self):
        name = self.verbose_name if self.count == 1 else self.verbose_name_plural
        return f"{number_format(self.count, use_l10n=True, force_grouping=True)} {name}"

    def _get_page(self, object_list, number, paginator):
        # A deep page of a listing in Vietnamese order is read along the sort key's index (PostgreSQL), not
        # by sorting every row before the page (catalog.collation.vietnamese_order_slice). Its four small
        # queries repeat the listing's filters, so the first pages, cheap either way, keep the one query.
        query = getattr(object_list, "query", None)
        if query is not None and query.low_mark >= DEEP_PAGE_OFFSET and isinstance(self.object_list, QuerySet):
            rows = vietnamese_order_slice(self.object_list, query.low_mark, query.high_mark)
            if rows is not None:
                object_list = rows
        return super()._get_page(object_list, number, paginator)


def vietnamese_ordering(queryset, keys):
    """``queryset`` ordered by ``keys`` ("name", "-name"), text in Vietnamese order, then by primary key."""
    vendor = connections[queryset.db].vendor
    expressions = []
    for key in keys:
        descending = key.startswith("-")
        for expression in vietnamese_order_keys(key.lstrip("-"), vendor, model=queryset.model):
            expressions.append(expression.desc() if descending else expression.asc())
    return queryset.order_by(*expressions, "pk")


class FoldedSearchFilterForm(BaseFilterForm):
    """The chooser's search box: accent-insensitive, over the viewset's ``search_fields``."""

    search_fields: tuple[str, ...] = ()

    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Gõ tên để tìm, có dấu hoặc không dấu")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = folded_search(objects, fields=self.search_fields, query=query)
            self.is_searching = True
            self.search_query = query
        return objects


class VietnameseChooseMixin:
    """Chooser listing: folded search over ``search_fields``, Vietnamese order by ``sort_keys``."""

    search_fields: tuple[str, ...] = ()
    sort_keys: tuple[str, ...] = ()
    paginator_class = VietnamesePaginator

    def get_filter_form_class(self):
        return type("FoldedSearchFilterForm", (FoldedSearchFilterForm,), {"search_fields": tuple(self.search_fields)})

    def get_results_page(self, request):
        page = super().get_results_page(request)
        prefetch_admin_status(page.object_list)
        return page

    def apply_object_list_ordering(self, objects):
        if self.sort_keys:
            return vietnamese_ordering(objects, self.sort_keys)
        return super().apply_object_list_ordering(objects)


class ChooseView(VietnameseChooseMixin, snippet_chooser.ChooseView):
    pass


class ChooseResultsView(VietnameseChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class VietnameseSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """Snippet chooser whose search box folds diacritics and whose list is in Vietnamese order; its form
    widget renders from cached markup (catalog.admin_widgets.ShapeCachedSnippetChooser)."""

    base_widget_class = ShapeCachedSnippetChooser

    def __init__(self, *args, search_fields=(), sort_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        options = {"search_fields": tuple(search_fields), "sort_keys": tuple(sort_keys)}
        self.choose_view_class = type("ChooseView", (ChooseView,), options)
        self.choose_results_view_class = type("ChooseResultsView", (ChooseResultsView,), options)


class VietnameseIndexView(snippet_views.IndexView):
    """Snippet listing: the search box folds diacritics; name columns sort in Vietnamese order."""

    vietnamese_sort_keys: tuple[str, ...] = ()
    paginator_class = VietnamesePaginator

    @cached_property
    def is_searchable(self):
        return bool(self.search_fields) and bool(self.index_results_url or self.search_url)

    def get_table(self, object_list):
        object_list = list(object_list)
        prefetch_admin_status(object_list)
        return super().get_table(object_list)

    def _annotate_queryset_updated_at(self, queryset):
        # Wagtail's annotation (F("latest_revision__created_at")) joins the revisions even into the narrow
        # queries of vietnamese_order_slice, and the join, though PostgreSQL removes it, still keeps a page
        # from being read from the sort key's index alone; as a subquery it stays out of them.
        if not issubclass(queryset.model, RevisionMixin):
            return super()._annotate_queryset_updated_at(queryset)
        created_at = Revision.objects.filter(pk=OuterRef("latest_revision_id")).values("created_at")
        return queryset.select_related("latest_revision").annotate(_updated_at=Subquery(created_at))

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return folded_search(queryset, fields=self.search_fields or [], query=self.search_query)

    def order_queryset(self, queryset):
        ordering = self.ordering
        keys = self.vietnamese_sort_keys
        if keys and (ordering is None or ordering.lstrip("-") in keys):
            queryset = super().order_queryset(queryset)  # keeps Wagtail's own annotations
            return vietnamese_ordering(queryset, [ordering or keys[0]])
        return super().order_queryset(queryset)


class VietnameseSnippetViewSetMixin:
    """Mix into a SnippetViewSet: listing and chooser search fold diacritics and sort in Vietnamese order."""

    index_view_class = VietnameseIndexView
    chooser_viewset_class = VietnameseSnippetChooserViewSet
    vietnamese_sort_keys: tuple[str, ...] = ("name",)
    search_backend_name = None

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(vietnamese_sort_keys=tuple(self.vietnamese_sort_keys), **kwargs)

    @cached_property
    def chooser_viewset(self):
        # Built once: Wagtail asks for it for every chooser widget (130 times on a decision's page of 20
        # items, each time building new view and widget classes that only a full garbage collection frees);
        # the registered chooser and the widgets' then are the same object.
        return self.chooser_viewset_class(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
            search_fields=self.search_fields or (),
            sort_keys=self.vietnamese_sort_keys,
        )
