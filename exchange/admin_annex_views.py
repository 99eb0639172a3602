"""Wagtail admin: a decision's annex downloaded from its page (xlsx, docx), and a draft decision started from an
annex workbook — the staff's way to `export_procedures --format xlsx|docx --decision N` and
`import_decision_annex`, without a shell."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from catalog.models import Agency, AnnouncementDecision, Procedure
from catalog.permissions import scoped_queryset, user_agency_id, user_sees_all_agencies
from catalog.text import vn_slugify
from exchange.forms import AnnexImportForm
from exchange.services.annexes import (
    AnnexImportError,
    decision_annex_docx,
    decision_annex_xlsx,
    decision_create_from_annex,
)

VIEW_PERMISSIONS = ("catalog.view_announcementdecision", "catalog.change_announcementdecision")
ADD_PERMISSION = "catalog.add_announcementdecision"
ANNEX_FORMATS = {
    "xlsx": (decision_annex_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (decision_annex_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def user_may_download_annex(user) -> bool:
    return any(user.has_perm(permission) for permission in VIEW_PERMISSIONS)


def annex_filename(decision: AnnouncementDecision, extension: str) -> str:
    """ "phu-luc-345-qd-ubnd.xlsx": the decision's number in the name, in letters every system keeps."""
    number = vn_slugify(decision.number.replace("/", " "), max_length=80)  # 345/QĐ-UBND: 345-qd-ubnd
    return f"phu-luc-{number or decision.pk}.{extension}"


def decision_annex_view(request, pk: int, extension: str):
    """The decision's annex as it stands (the draft's list too: staff check it before signing)."""
    if extension not in ANNEX_FORMATS:
        raise Http404
    if not user_may_download_annex(request.user):
        raise PermissionDenied
    decision = get_object_or_404(scoped_queryset(AnnouncementDecision.objects.all(), user=request.user), pk=pk)
    write, content_type = ANNEX_FORMATS[extension]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"annex.{extension}"
        write(decision=decision, path=path)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{annex_filename(decision, extension)}"'
    return response


class DecisionAnnexImportView(WagtailAdminTemplateMixin, FormView):
    """Upload an annex workbook; a draft decision is created from its lists (all or nothing), or every problem is
    listed with its row and column. Department staff start it for their agency, with their agency's procedures."""

    form_class = AnnexImportForm
    template_name = "exchange/admin/annex_import.html"
    page_title = gettext_lazy("Tạo dự thảo quyết định từ phụ lục")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ADD_PERMISSION):
            raise PermissionDenied
        if not user_sees_all_agencies(request.user) and user_agency_id(request.user) is None:
            raise PermissionDenied  # a department user without an agency proposes for nobody
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_catalog_announcementdecision:list"), "label": _("Quyết định công bố")},
            {"url": "", "label": self.page_title},
        ]

    def _scope(self) -> dict:
        user = self.request.user
        if user_sees_all_agencies(user):
            return {}
        return {
            "proposing_agency": Agency.objects.get(pk=user_agency_id(user)),
            "procedures": scoped_queryset(Procedure.objects.all(), user=user),
        }

    def form_valid(self, form):
        upload = form.cleaned_data["tep"]
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
            for chunk in upload.chunks():
                file.write(chunk)
            file.flush()
            try:
                decision = decision_create_from_annex(
                    path=file.name, number=form.cleaned_data["so_quyet_dinh"].strip() or None, **self._scope()
                )
            except AnnexImportError as error:
                for line in str(error).splitlines():
                    form.add_error(None, line)
                messages.error(self.request, _("Chưa tạo được dự thảo: phụ lục có lỗi, xem danh sách bên dưới."))
                return self.form_invalid(form)
        log(instance=decision, action="wagtail.create", user=self.request.user)  # the decision's history: who
        messages.success(
            self.request,
            _("Đã tạo dự thảo quyết định %(number)s với %(count)s thủ tục.")
            % {"number": decision.number, "count": decision.items.count()},
        )
        return redirect("wagtailsnippets_catalog_announcementdecision:edit", decision.pk)
