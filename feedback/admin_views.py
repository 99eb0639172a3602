"""Staff views in the Wagtail admin: queue, item (personal data, access logged), actions, on-time report.

Thin: every change goes through `feedback.services`; every read through `feedback.selectors`. Every item is
read through the user's agency scope (feedback.permissions): a handler reaches only the items assigned to
their agency (others answer 404, like items that do not exist); classifying and assigning are for
province-level handlers.
"""

import datetime as dt
import io

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_required

from feedback.choices import AccessAction, AnswerState, FeedbackStatus
from feedback.exports import feedback_transfer_write
from feedback.forms import AnswerDraftForm, AssignForm, ClassifyForm, QueueFilterForm, ReportForm, ReviewForm
from feedback.models import Feedback, FeedbackAttachment
from feedback.permissions import (
    ACCESS_LOG,
    CHANGE,
    PERSONAL,
    REVIEW,
    VIEW,
    feedback_sees_all_agencies,
    feedback_user_may_assign,
)
from feedback.selectors import (
    agency_on_time_shares,
    feedback_for_user,
    feedback_queue,
    personal_data_accesses_for_user,
)
from feedback.services import (
    FeedbackRejected,
    feedback_answer_draft,
    feedback_answer_publish,
    feedback_answer_review,
    feedback_answer_submit,
    feedback_assign,
    feedback_classify,
    personal_data_access_log,
)


def _item(request, pk: int, queryset=None) -> Feedback:
    """The item `pk` if the user's agency scope includes it, else 404 (as if it did not exist)."""
    queryset = feedback_for_user(user=request.user) if queryset is None else queryset
    return get_object_or_404(queryset, pk=pk)


def _require_assigner(request) -> None:
    if not feedback_user_may_assign(request.user):
        raise PermissionDenied


@permission_required(VIEW)
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    items = feedback_queue(
        user=request.user,
        status=filters.get("status", ""),
        agency=filters.get("agency"),
        kind=filters.get("kind", ""),
        overdue=bool(filters.get("overdue")),
        today=today,
    )
    context = {"page_title": _("Phản ánh, kiến nghị"), "header_icon": "mail", "form": form, "items": items[:500]}
    context["today"] = today
    return render(request, "feedback/admin/queue.html", context)


@permission_required(VIEW)
def detail(request, pk: int):
    feedback = _item(request, pk, feedback_for_user(user=request.user).select_related("agency", "procedure"))
    show_personal = request.user.has_perm(PERSONAL)
    if show_personal:
        personal_data_access_log(feedback=feedback, user=request.user, action=AccessAction.VIEW, detail=request.path)
    can_change = request.user.has_perm(CHANGE)
    can_assign = feedback_user_may_assign(request.user)
    can_review = request.user.has_perm(REVIEW)
    context = {
        "page_title": feedback.register_number,
        "header_icon": "mail",
        "item": feedback,
        "show_personal": show_personal,
        "events": feedback.events.select_related("actor"),
        "attachments": feedback.attachments.all(),
        "classify_form": ClassifyForm() if can_assign and feedback.status == FeedbackStatus.RECEIVED else None,
        "assign_form": (
            AssignForm(initial={"agency": feedback.agency})
            if can_assign and feedback.status in (FeedbackStatus.ACCEPTED, FeedbackStatus.PROCESSING)
            else None
        ),
        "answer_form": (
            AnswerDraftForm(
                initial={
                    "public_title": feedback.public_title or feedback.title,
                    "public_question": feedback.public_question,
                    "answer": feedback.answer,
                }
            )
            if can_change
            and feedback.status in (FeedbackStatus.ACCEPTED, FeedbackStatus.PROCESSING)
            and feedback.answer_state in (AnswerState.NONE, AnswerState.DRAFT)
            else None
        ),
        "can_submit": can_change and feedback.answer_state == AnswerState.DRAFT,
        "review_form": ReviewForm() if can_review and feedback.answer_state == AnswerState.IN_REVIEW else None,
        "can_publish": can_review and feedback.answer_state == AnswerState.APPROVED,
        "overdue": feedback.status
        not in (FeedbackStatus.ANSWERED, FeedbackStatus.NOT_ACCEPTED, FeedbackStatus.FORWARDED)
        and feedback.effective_due_on < timezone.localdate(),
    }
    return render(request, "feedback/admin/detail.html", context)


def _act(request, feedback: Feedback, action, success: str):
    try:
        action()
    except FeedbackRejected as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("feedback_admin:detail", pk=feedback.pk)


def _form_errors(request, feedback: Feedback, form):
    for field, errors in form.errors.items():
        for error in errors:
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {error}")
    return redirect("feedback_admin:detail", pk=feedback.pk)


@require_POST
@permission_required(CHANGE)
def classify(request, pk: int):
    feedback = _item(request, pk)
    _require_assigner(request)
    form = ClassifyForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, feedback, form)
    data = form.cleaned_data
    return _act(
        request,
        feedback,
        lambda: feedback_classify(
            feedback=feedback,
            decision=data["decision"],
            user=request.user,
            reason=data["reason"],
            forwarded_to=data["forwarded_to"],
            agency=data["agency"],
        ),
        _("Đã phân loại phản ánh."),
    )


@require_POST
@permission_required(CHANGE)
def assign(request, pk: int):
    feedback = _item(request, pk)
    _require_assigner(request)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, feedback, form)
    return _act(
        request,
        feedback,
        lambda: feedback_assign(feedback=feedback, agency=form.cleaned_data["agency"], user=request.user),
        _("Đã giao cơ quan xử lý."),
    )


@require_POST
@permission_required(CHANGE)
def answer_draft(request, pk: int):
    feedback = _item(request, pk)
    form = AnswerDraftForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, feedback, form)

    def action():
        feedback_answer_draft(feedback=feedback, user=request.user, **form.cleaned_data)
        if "submit_for_review" in request.POST:
            feedback_answer_submit(feedback=feedback, user=request.user)

    return _act(request, feedback, action, _("Đã lưu dự thảo trả lời."))


@require_POST
@permission_required(CHANGE)
def answer_submit(request, pk: int):
    feedback = _item(request, pk)
    return _act(
        request,
        feedback,
        lambda: feedback_answer_submit(feedback=feedback, user=request.user),
        _("Đã gửi duyệt."),
    )


@require_POST
@permission_required(REVIEW)
def answer_review(request, pk: int):
    feedback = _item(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, feedback, form)
    return _act(
        request,
        feedback,
        lambda: feedback_answer_review(
            feedback=feedback,
            approve=form.cleaned_data["approve"],
            comment=form.cleaned_data["comment"],
            user=request.user,
        ),
        _("Đã ghi kết quả duyệt."),
    )


@require_POST
@permission_required(REVIEW)
def answer_publish(request, pk: int):
    feedback = _item(request, pk)
    return _act(
        request,
        feedback,
        lambda: feedback_answer_publish(feedback=feedback, user=request.user),
        _("Đã công bố trả lời và thông báo người gửi."),
    )


@permission_required(PERSONAL)
def attachment(request, pk: int, attachment_pk: int):
    """Serve an attachment to authorised staff only, as a download, and log the access."""
    feedback = _item(request, pk)
    item = get_object_or_404(FeedbackAttachment.objects.select_related("feedback"), pk=attachment_pk, feedback=feedback)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp không còn trên máy chủ."))
    personal_data_access_log(
        feedback=item.feedback, user=request.user, action=AccessAction.ATTACHMENT, detail=item.original_name
    )
    response = FileResponse(handle, as_attachment=True, filename=item.original_name, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required(VIEW)
def report(request):
    today = timezone.localdate()
    initial = {"start": dt.date(today.year, 1, 1), "end": today}
    form = ReportForm(request.GET or None, initial=initial)
    period = form.cleaned_data if form.is_valid() else initial
    shares = agency_on_time_shares(start=period["start"], end=period["end"], today=today, user=request.user)
    context = {
        "page_title": _("Tỷ lệ xử lý phản ánh đúng hạn"),
        "header_icon": "table",
        "form": form if form.is_bound else ReportForm(initial=initial),
        "shares": shares,
        "period": period,
        "transfer_links": _transfer_links(period) if user_may_transfer(request.user) else [],
    }
    return render(request, "feedback/admin/report.html", context)


TRANSFER_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _transfer_links(period: dict) -> list[tuple[str, str]]:
    """(label, URL) of the transfer file of the report's period, per format."""
    url = reverse("feedback_admin:transfer_export")
    days = {"start": f"{period['start']:%d/%m/%Y}", "end": f"{period['end']:%d/%m/%Y}"}
    return [
        (_("Tải %(format)s") % {"format": extension.upper()}, f"{url}?{urlencode({**days, 'dinh_dang': extension})}")
        for extension in TRANSFER_TYPES
    ]


def user_may_transfer(user) -> bool:
    """The transfer to the national system holds every sender's personal data: province-level handlers only."""
    return feedback_sees_all_agencies(user) and user.has_perm(PERSONAL)


@permission_required(VIEW)
def transfer_export(request):
    """The records received in the report's period, in the national feedback system's transfer format (what
    `export_feedback` writes); the download is recorded in the personal-data access log."""
    if not user_may_transfer(request.user):
        raise PermissionDenied
    form = ReportForm(request.GET)
    extension = request.GET.get("dinh_dang", "csv")
    if not form.is_valid() or extension not in TRANSFER_TYPES:
        messages.error(request, _("Chưa xuất được: chọn khoảng thời gian (dd/mm/yyyy) rồi bấm lại."))
        return redirect("feedback_admin:report")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    stream = io.StringIO()
    feedback_transfer_write(
        stream,
        format=extension,
        since=start,
        until=end,
        user=request.user,
        destination=f"tải từ trang quản trị ({start:%d/%m/%Y}–{end:%d/%m/%Y}, {extension})",
    )
    response = HttpResponse(stream.getvalue(), content_type=TRANSFER_TYPES[extension])
    name = f"phan-anh-kien-nghi-{start:%Y-%m-%d}-{end:%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required(ACCESS_LOG)
def access_log(request):
    """Who in staff saw which sender's personal data (for the data-protection officer), within their scope."""
    entries = personal_data_accesses_for_user(user=request.user)[:500]
    context = {"page_title": _("Nhật ký truy cập dữ liệu cá nhân"), "header_icon": "history", "entries": entries}
    return render(request, "feedback/admin/access_log.html", context)
