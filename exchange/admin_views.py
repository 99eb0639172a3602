"""Wagtail admin: the changes package, a checklist for entering announced procedures into the national
database (Decree 63/2010 Art. 24), with "đã nhập" forms, a printable page, CSV and JSON downloads."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.admin_forms import NationalEntryForm
from catalog.admin_views import national_entry_form, national_entry_record
from catalog.models import AnnouncementDecision, DecisionItem
from catalog.permissions import user_agency_id, user_sees_all_agencies
from exchange.forms import ChecklistFilterForm
from exchange.selectors import (
    ChecklistRow,
    change_package_items,
    change_package_scope,
    national_entry_checklist,
)
from exchange.services.exporting import procedures_export_json

PERMISSION = "catalog.change_announcementdecision"
CSV_HEADER = (
    "STT",
    "Số quyết định",
    "Ngày ký",
    "Hạn nhập CSDL quốc gia",
    "Loại công bố",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Ngày nhập",
    "Người nhập",
)


def _prefix(item: DecisionItem) -> str:
    """Each row's form fields carry the item (the checklist holds one form per item)."""
    return f"item-{item.pk}"


def _in_scope(user, item: DecisionItem) -> bool:
    return user_sees_all_agencies(user) or item.decision.proposing_agency_id == user_agency_id(user)


def _decision_in_scope(user, selection: dict) -> bool:
    number = selection["decision_number"]
    agency_id = user_agency_id(user)
    return (
        bool(number and agency_id)
        and AnnouncementDecision.objects.filter(number=number, proposing_agency_id=agency_id).exists()
    )


def _rows(request, selection: dict) -> list[ChecklistRow]:
    rows = national_entry_checklist(**selection)
    return [row for row in rows if _in_scope(request.user, row.item)]


def _who(item: DecisionItem) -> str:
    user = item.national_entered_by
    return (user.get_full_name() or user.get_username()) if user else ""


def _csv(rows: list[ChecklistRow]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for number, row in enumerate(rows, start=1):
        item = row.item
        writer.writerow(
            (
                number,
                item.decision.number,
                f"{item.decision.signed_on:%d/%m/%Y}",
                f"{row.due_on:%d/%m/%Y}",
                item.get_category_display(),
                item.procedure.code or "",
                item.procedure.name,
                item.procedure.field.name if item.procedure.field_id else "",
                f"{item.national_entered_on:%d/%m/%Y}" if item.national_entered_on else "",
                _who(item),
            )
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nhap-csdl-quoc-gia-{timezone.localdate():%Y%m%d}.csv"'
    return response


def _package(request, selection: dict) -> list[DecisionItem]:
    """The change package within the user's scope: procedures changed since their last national entry."""
    items = change_package_items(decision_number=selection["decision_number"], changed_since=selection["changed_since"])
    return [item for item in items if _in_scope(request.user, item)]


def _json(request, selection: dict) -> HttpResponse:
    stream = io.BytesIO()
    items = _package(request, selection)
    procedures_export_json(
        scope=change_package_scope(items),
        stream=stream,
        source_note=_("Gói thay đổi để nhập CSDL quốc gia: %(count)s thủ tục thay đổi từ lần nhập gần nhất")
        % {"count": len(items)},
    )
    response = HttpResponse(stream.getvalue(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="goi-thay-doi-{timezone.localdate():%Y%m%d}.json"'
    return response


@permission_required(PERMISSION, raise_exception=True)
def national_entry_checklist_view(request):
    filters = ChecklistFilterForm(request.GET or None)
    selection = filters.selection()
    output = request.GET.get("dinh_dang")
    if output == "json":
        if not user_sees_all_agencies(request.user) and not _decision_in_scope(request.user, selection):
            raise PermissionDenied(_("Chỉ tải được gói thay đổi của một quyết định do đơn vị mình trình."))
        return _json(request, selection)
    rows = _rows(request, selection)
    if output == "csv":
        return _csv(rows)
    context = {
        "filters": filters,
        "rows": [(row, national_entry_form(item=row.item, prefix=_prefix(row.item))) for row in rows],
        "media": NationalEntryForm().media,
        "pending": sum(not row.entered for row in rows),
        "overdue": sum(row.overdue and not row.entered for row in rows),
        "package_count": len(_package(request, selection)),
        "query": request.GET.urlencode(),
        "today": timezone.localdate(),
    }
    template = "exchange/admin/checklist_print.html" if output == "in" else "exchange/admin/checklist.html"
    return render(request, template, context)


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def national_entry_mark_view(request, item_id: int):
    item = get_object_or_404(DecisionItem.objects.select_related("decision", "procedure"), pk=item_id)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("exchange_national_entry")
    if not _in_scope(request.user, item):
        messages.error(request, _("Bạn không có quyền với quyết định %(number)s.") % {"number": item.decision.number})
        return redirect(back)
    national_entry_record(
        request, item=item, form=national_entry_form(item=item, data=request.POST, prefix=_prefix(item))
    )
    return redirect(back)
