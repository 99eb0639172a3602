"""Wagtail admin of the dossier sources: staff register a one-stop system, the agencies it reports dossiers
for, and issue or re-issue its API token (shown once, only its hash is kept).

Thin: registering and issuing go through timeliness.services.sources.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from catalog.collation import order_by_vietnamese, vietnamese_sort_key
from catalog.models import Agency
from timeliness.models import SourceSystem
from timeliness.services.sources import (
    source_system_agencies_check,
    source_system_issue_token,
    source_system_register,
)

TOKEN_TEMPLATE = "timeliness/admin/source_token.html"
LISTED_AGENCIES = 3  # agencies named in a listing row before "và N cơ quan khác"


class SourceSystemForm(WagtailAdminModelForm):
    """A source and the agencies it may write dossiers for (at least one, or every agency)."""

    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Cơ quan được gửi hồ sơ"),
        help_text=gettext_lazy("Hồ sơ của cơ quan khác gửi từ hệ thống này bị từ chối, từng hồ sơ kèm lý do."),
    )

    class Meta:
        model = SourceSystem
        fields = ["name", "description", "is_active", "all_agencies", "agencies"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = order_by_vietnamese(Agency.objects.all(), "name")

    def clean(self):
        cleaned = super().clean()
        try:
            source_system_agencies_check(
                all_agencies=bool(cleaned.get("all_agencies")), agencies=cleaned.get("agencies") or []
            )
        except ValidationError as error:
            self.add_service_errors(error)
        return cleaned

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the fields it names (on the form when it names none)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages_ in error.message_dict.items():
            for message in messages_:
                self.add_error(field if field in self.fields else None, message)


def _token_response(request, view, source: SourceSystem, token: str, *, first: bool):
    """The page that shows a token, once: it is rendered in answer to the POST and never stored."""
    context = view.get_context_data()
    index_url = reverse("timeliness_sources:index")
    context.update(
        source=source,
        token=token,
        first=first,
        page_title=_("Mã truy cập của %(name)s") % {"name": source.name},
        breadcrumbs_items=[
            *view.breadcrumbs_items[:1],
            {"url": index_url, "label": SourceSystem._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": source.name},
        ],
        index_url=index_url,
        edit_url=reverse("timeliness_sources:edit", args=[quote(source.pk)]),
        api_url=request.build_absolute_uri("/api/v1/dossiers"),
    )
    response = TemplateResponse(request, TOKEN_TEMPLATE, context)
    response["Cache-Control"] = "no-store"
    return response


class SourceIndexView(generic.IndexView):
    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "name", label=_("Mã hệ thống"), get_url=self.get_edit_url, sort_key="name"
            ),
            Column("description", label=_("Mô tả")),
            Column("agencies_text", label=_("Cơ quan được gửi hồ sơ"), accessor=_agencies_text),
            BooleanColumn("is_active", label=_("Đang hoạt động")),
            Column("token_prefix", label=_("Mã truy cập (đầu)"), accessor=_token_hint),
            Column("token_issued_at", label=_("Cấp mã lúc"), accessor=_issued_at, sort_key="token_issued_at"),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("agencies")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                Button(
                    _("Cấp lại mã truy cập"),
                    url=reverse("timeliness_sources:issue_token", args=[quote(instance.pk)]),
                    icon_name="key",
                    priority=5,
                )
            )
        return buttons


def _agencies_text(source: SourceSystem) -> str:
    if source.all_agencies:
        return _("Mọi cơ quan")
    names = sorted((agency.name for agency in source.agencies.all()), key=vietnamese_sort_key)
    if not names:
        return _("Chưa chọn cơ quan nào")
    shown = "; ".join(names[:LISTED_AGENCIES])
    more = len(names) - LISTED_AGENCIES
    return shown if more <= 0 else _("%(shown)s và %(more)s cơ quan khác") % {"shown": shown, "more": more}


def _issued_at(source: SourceSystem) -> str:
    if source.token_issued_at is None:
        return "—"
    return f"{timezone.localtime(source.token_issued_at):%H:%M %d/%m/%Y}"


def _token_hint(source: SourceSystem) -> str:
    return f"{source.token_prefix}…" if source.token_prefix else _("Chưa cấp")


class SourceCreateView(generic.CreateView):
    """Registers the source and shows its first token once (nothing of it is stored but the hash)."""

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object, token = source_system_register(
                name=data["name"],
                description=data["description"],
                agencies=data["agencies"],
                all_agencies=data["all_agencies"],
                is_active=data["is_active"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        return _token_response(self.request, self, self.object, token, first=True)


class SourceEditView(generic.EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                HeaderButton(
                    _("Cấp lại mã truy cập"),
                    url=reverse("timeliness_sources:issue_token", args=[quote(self.object.pk)]),
                    icon_name="key",
                )
            )
        return buttons


class SourceDeleteView(generic.DeleteView):
    """A source that has sent dossiers keeps them: it is locked (not active) instead of deleted."""

    def form_valid(self, form):
        count = self.object.dossiers.count()
        if count:
            messages.error(
                self.request,
                _(
                    "Hệ thống %(name)s đã gửi %(count)s hồ sơ nên không xóa được; bỏ chọn “đang hoạt động” để từ "
                    "chối mọi yêu cầu của hệ thống."
                )
                % {"name": self.object.name, "count": count},
            )
            return redirect("timeliness_sources:edit", quote(self.object.pk))
        return super().form_valid(form)


class SourceIssueTokenView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Re-issue the token: confirm (GET), then issue and show the new token once (POST); the old one stops."""

    template_name = "timeliness/admin/source_token_confirm.html"
    permission_required = "change"
    header_icon = "key"
    model = SourceSystem

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(SourceSystem, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Cấp lại mã truy cập")

    def get_page_subtitle(self):
        return self.object.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            source=self.object,
            edit_url=reverse("timeliness_sources:edit", args=[quote(self.object.pk)]),
        )
        return context

    def post(self, request, *args, **kwargs):
        token = source_system_issue_token(source=self.object)
        return _token_response(request, self, self.object, token, first=False)


class SourceSystemViewSet(ModelViewSet):
    """Menu "Cài đặt → Hệ thống nguồn hồ sơ"."""

    model = SourceSystem
    icon = "key"
    menu_label = gettext_lazy("Hệ thống nguồn hồ sơ")
    menu_name = "dossier-sources"
    name = "timeliness_sources"
    url_prefix = "he-thong-nguon-ho-so"
    add_to_settings_menu = True
    menu_order = 650
    index_view_class = SourceIndexView
    add_view_class = SourceCreateView
    edit_view_class = SourceEditView
    delete_view_class = SourceDeleteView
    search_fields = ["name", "description"]
    search_backend_name = None
    ordering = ["name"]

    def get_form_class(self, for_update=False):
        return SourceSystemForm

    @cached_property
    def issue_token_view(self):
        return self.construct_view(SourceIssueTokenView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"cap-ma/<{self.pk_path_converter}:pk>/", self.issue_token_view, name="issue_token"),
        ]


source_system_viewset = SourceSystemViewSet()
