"""Writes of the feedback domain: submission, classification, assignment, answer review and publication."""

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.calendar import due_at
from catalog.choices import TimeUnit
from catalog.models import Agency, Procedure
from config.network import current_client_ip, rate_limit_subject
from config.ratelimit import rate_limit_hit
from feedback.attachments import attachments_check
from feedback.choices import AnswerState, Classification, FeedbackStatus
from feedback.models import (
    Feedback,
    FeedbackAttachment,
    FeedbackCounter,
    FeedbackEvent,
    FeedbackSubmissionLock,
    PersonalDataAccess,
)
from feedback.signals import answers_changed
from feedback.tracking import tracking_code_hint, tracking_code_new


class FeedbackRejected(Exception):
    """A submission or a staff action the rules refuse; `message` is for the person (Vietnamese)."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class RateLimited(FeedbackRejected):
    """Too many submissions from one address."""


class DuplicateFeedback(FeedbackRejected):
    """The same content with the same contact was sent within the duplicate window; names the earlier item."""

    def __init__(self, message: str, *, field: str = "", earlier: Feedback):
        super().__init__(message, field=field)
        self.register_number = earlier.register_number
        self.tracking_hint = tracking_code_hint(earlier.tracking_code)


@dataclass(frozen=True)
class FeedbackInput:
    """A validated submission (see `feedback.forms.FeedbackForm`)."""

    sender_type: str
    sender_name: str
    sender_address: str
    sender_phone: str
    sender_mailing_address: str
    sender_email: str
    kind: str
    title: str
    content: str
    allow_publication: bool
    procedure: Procedure | None = None
    procedure_code: str = ""
    procedure_name: str = ""
    regulation: str = ""


# --- abuse controls ---------------------------------------------------------------------------------------


def feedback_rate_limit_hit(*, client_ip: str) -> None:
    """Count one submission from `client_ip` (IPv6: its /64) and raise RateLimited beyond the hourly or daily
    limit. Counted first, then checked, in the shared cache, so the limits hold across workers and hosts."""
    subject = rate_limit_subject(client_ip)
    for scope, limit, window, per in (
        ("feedback-submit-hour", settings.FEEDBACK_RATE_LIMIT_PER_HOUR, 3600, _("giờ")),
        ("feedback-submit-day", settings.FEEDBACK_RATE_LIMIT_PER_DAY, 86400, _("ngày")),
    ):
        if not rate_limit_hit(scope=scope, subject=subject, limit=limit, window_seconds=window).allowed:
            raise RateLimited(
                _(
                    "Bạn đã gửi quá %(limit)d phản ánh, kiến nghị trong một %(per)s từ cùng một địa chỉ mạng. "
                    "Xin vui lòng thử lại sau, hoặc gửi qua đường bưu chính, điện thoại chuyên dùng."
                )
                % {"limit": limit, "per": per}
            )


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def content_fingerprint(*, content: str, phone: str, mailing_address: str) -> str:
    """Hash of content + contact: the same text from the same phone (or mailing address) is a duplicate."""
    contact = re.sub(r"\D", "", phone) if phone else _normalise(mailing_address)
    return hashlib.sha256(f"{_normalise(content)}|{contact}".encode()).hexdigest()


# --- numbering --------------------------------------------------------------------------------------------


def _register_number_next(*, year: int) -> str:
    """The next number of `year`; call inside the submission transaction (the counter row stays locked)."""
    FeedbackCounter.objects.bulk_create([FeedbackCounter(year=year, last_number=0)], ignore_conflicts=True)
    counter = FeedbackCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"PAKN-{year}-{counter.last_number:06d}"


def _event_add(
    feedback: Feedback, *, note: str, public: bool = True, actor=None, at: dt.datetime | None = None
) -> FeedbackEvent:
    return FeedbackEvent.objects.create(
        feedback=feedback, at=at or timezone.now(), status=feedback.status, note=note, public=public, actor=actor
    )


# --- submission -------------------------------------------------------------------------------------------


def _duplicate_lock(fingerprint: str) -> None:
    """Hold the lock of `fingerprint` until the transaction ends: identical submissions queue up here, so the
    duplicate check below is never a check-then-insert race (20 parallel posts register one item)."""
    FeedbackSubmissionLock.objects.bulk_create([FeedbackSubmissionLock(fingerprint=fingerprint)], ignore_conflicts=True)
    FeedbackSubmissionLock.objects.select_for_update().filter(fingerprint=fingerprint).update(locked_at=timezone.now())


def feedback_due_dates(*, received_at: dt.datetime) -> tuple[dt.date, dt.date]:
    """Handling and forwarding deadlines under the catalog's dossier rules (a receipt on a non-working day
    counts from the next working day; the day of receipt does not count)."""
    handling = due_at(received_at, amount=settings.FEEDBACK_HANDLING_WORKING_DAYS, unit=TimeUnit.WORKING_DAYS)
    forwarding = due_at(received_at, amount=settings.FEEDBACK_FORWARDING_WORKING_DAYS, unit=TimeUnit.WORKING_DAYS)
    return timezone.localdate(handling), timezone.localdate(forwarding)


def feedback_submit(*, data: FeedbackInput, attachments: Sequence[UploadedFile] = (), client_ip: str = "") -> Feedback:
    """Register a submission: number, tracking code, deadlines, attachments, history, confirmation e-mail.

    Refuses (without writing anything) when the address exceeds the rate limit, the same content with the
    same contact arrived within the duplicate window, or an attachment is refused.
    """
    if client_ip:
        feedback_rate_limit_hit(client_ip=client_ip)
    checked = attachments_check(list(attachments))
    fingerprint = content_fingerprint(
        content=data.content, phone=data.sender_phone, mailing_address=data.sender_mailing_address
    )
    now = timezone.now()
    window_start = now - dt.timedelta(hours=settings.FEEDBACK_DUPLICATE_WINDOW_HOURS)
    due_on, forward_due_on = feedback_due_dates(received_at=now)
    received_day = timezone.localdate(now)
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            _duplicate_lock(fingerprint)
            earlier = (
                Feedback.objects.filter(content_fingerprint=fingerprint, received_at__gte=window_start)
                .order_by("received_at")
                .first()
            )
            if earlier is not None:
                raise DuplicateFeedback(
                    _(
                        "Phản ánh, kiến nghị có cùng nội dung và cùng số liên hệ đã được tiếp nhận trong vòng "
                        "%(hours)d giờ qua (số %(number)s, mã tra cứu %(hint)s). Xin không gửi lại; dùng mã "
                        "tra cứu đã nhận để theo dõi."
                    )
                    % {
                        "hours": settings.FEEDBACK_DUPLICATE_WINDOW_HOURS,
                        "number": earlier.register_number,
                        "hint": tracking_code_hint(earlier.tracking_code),
                    },
                    field="noi_dung",
                    earlier=earlier,
                )
            feedback = Feedback(
                register_number=_register_number_next(year=received_day.year),
                tracking_code=tracking_code_new(),
                received_at=now,
                sender_type=data.sender_type,
                sender_name=data.sender_name,
                sender_address=data.sender_address,
                sender_phone=data.sender_phone,
                sender_mailing_address=data.sender_mailing_address,
                sender_email=data.sender_email,
                consent_at=now,
                allow_publication=data.allow_publication,
                kind=data.kind,
                procedure=data.procedure,
                procedure_code=data.procedure_code,
                procedure_name=data.procedure_name,
                regulation=data.regulation,
                title=data.title,
                content=data.content,
                content_fingerprint=fingerprint,
                status=FeedbackStatus.RECEIVED,
                due_on=due_on,
                forward_due_on=forward_due_on,
            )
            feedback.full_clean()
            feedback.save()
            for item in checked:
                attachment = FeedbackAttachment(
                    feedback=feedback,
                    original_name=item.upload.name[:255],
                    content_type=item.content_type,
                    size=item.upload.size,
                )
                attachment.file.save(item.upload.name, item.upload, save=False)
                stored_names.append(attachment.file.name)
                attachment.save()
            _event_add(feedback, note=_("Đã tiếp nhận phản ánh, kiến nghị."), at=now)
    except BaseException:
        for name in stored_names:
            FeedbackAttachment.file.field.storage.delete(name)
        raise
    if feedback.sender_email:
        _mail_sender(feedback, template="feedback/email/received.txt", subject=_("Đã tiếp nhận phản ánh, kiến nghị"))
    return feedback


def _mail_sender(feedback: Feedback, *, template: str, subject: str) -> None:
    if not feedback.sender_email:
        return
    body = render_to_string(
        template, {"feedback": feedback, "lookup_url": settings.SITE_BASE_URL + reverse("feedback:lookup")}
    )
    send_mail(f"{subject} {feedback.register_number}", body, None, [feedback.sender_email])
    feedback.sender_notified_at = timezone.now()
    feedback.save(update_fields=["sender_notified_at"])


# --- staff handling ---------------------------------------------------------------------------------------


def _require_status(feedback: Feedback, *allowed: str) -> None:
    if feedback.status not in allowed:
        raise FeedbackRejected(
            _("Không thể thực hiện khi phản ánh đang ở tình trạng “%(status)s”.")
            % {"status": feedback.get_status_display()}
        )


def feedback_classify(
    *,
    feedback: Feedback,
    decision: str,
    user=None,
    reason: str = "",
    forwarded_to: str = "",
    agency: Agency | None = None,
    today: dt.date | None = None,
) -> Feedback:
    """Accept, refuse (with a reason told to the sender) or forward outside competence (within 5 working days)."""
    _require_status(feedback, FeedbackStatus.RECEIVED)
    today = today or timezone.localdate()
    with transaction.atomic():
        if decision == Classification.ACCEPT:
            feedback.status = FeedbackStatus.ACCEPTED
            note = _("Phản ánh, kiến nghị được tiếp nhận xử lý.")
        elif decision == Classification.REJECT:
            if not reason.strip():
                raise FeedbackRejected(_("Cần ghi lý do không tiếp nhận."), field="reason")
            feedback.status = FeedbackStatus.NOT_ACCEPTED
            feedback.not_accepted_reason = reason.strip()
            feedback.handled_on = today
            note = _("Không tiếp nhận: %(reason)s") % {"reason": feedback.not_accepted_reason}
        elif decision == Classification.FORWARD:
            if not forwarded_to.strip():
                raise FeedbackRejected(_("Cần ghi cơ quan có thẩm quyền nhận phản ánh."), field="forwarded_to")
            feedback.status = FeedbackStatus.FORWARDED
            feedback.forwarded_to = forwarded_to.strip()
            feedback.handled_on = today
            note = _("Đã chuyển đến %(agency)s (ngoài thẩm quyền).") % {"agency": feedback.forwarded_to}
        else:
            raise FeedbackRejected(_("Cách phân loại không hợp lệ."), field="decision")
        feedback.save()
        _event_add(feedback, note=note, actor=user)
        if agency is not None and decision == Classification.ACCEPT:
            feedback_assign(feedback=feedback, agency=agency, user=user)
    if decision == Classification.REJECT:
        _mail_sender(feedback, template="feedback/email/not_accepted.txt", subject=_("Không tiếp nhận phản ánh"))
    elif decision == Classification.FORWARD:
        _mail_sender(feedback, template="feedback/email/forwarded.txt", subject=_("Đã chuyển phản ánh"))
    return feedback


def feedback_assign(*, feedback: Feedback, agency: Agency, user=None) -> Feedback:
    """Give an accepted item to the agency that will answer it."""
    _require_status(feedback, FeedbackStatus.ACCEPTED, FeedbackStatus.PROCESSING)
    with transaction.atomic():
        feedback.agency = agency
        feedback.status = FeedbackStatus.PROCESSING
        feedback.save(update_fields=["agency", "status"])
        _event_add(feedback, note=_("Giao %(agency)s xử lý.") % {"agency": agency.name}, actor=user)
    return feedback


def feedback_answer_draft(
    *, feedback: Feedback, public_title: str, public_question: str, answer: str, user=None
) -> Feedback:
    """Save the answer draft and the edited question (personal data removed by staff)."""
    _require_status(feedback, FeedbackStatus.ACCEPTED, FeedbackStatus.PROCESSING)
    if feedback.answer_state not in (AnswerState.NONE, AnswerState.DRAFT):
        raise FeedbackRejected(_("Trả lời đang chờ duyệt hoặc đã duyệt; không sửa được."))
    with transaction.atomic():
        feedback.public_title = public_title.strip()
        feedback.public_question = public_question.strip()
        feedback.answer = answer.strip()
        feedback.answer_state = AnswerState.DRAFT
        feedback.answer_drafted_by = user
        feedback.save()
        _event_add(feedback, note=_("Soạn dự thảo trả lời."), public=False, actor=user)
    return feedback


def feedback_answer_submit(*, feedback: Feedback, user=None) -> Feedback:
    """Send the draft for review; it needs an answer and, for publication, the edited title and question."""
    if feedback.answer_state != AnswerState.DRAFT:
        raise FeedbackRejected(_("Chỉ gửi duyệt được một dự thảo."))
    missing = [
        label
        for label, value in (
            (_("nội dung trả lời"), feedback.answer),
            (_("tiêu đề công khai"), feedback.public_title),
            (_("câu hỏi công khai"), feedback.public_question),
        )
        if not value.strip()
    ]
    if missing:
        raise FeedbackRejected(_("Dự thảo còn thiếu: %(missing)s.") % {"missing": ", ".join(missing)})
    with transaction.atomic():
        feedback.answer_state = AnswerState.IN_REVIEW
        feedback.save(update_fields=["answer_state"])
        _event_add(feedback, note=_("Gửi duyệt dự thảo trả lời."), public=False, actor=user)
    return feedback


def feedback_answer_review(*, feedback: Feedback, approve: bool, comment: str = "", user=None) -> Feedback:
    """The reviewer approves the draft or sends it back with a comment."""
    if feedback.answer_state != AnswerState.IN_REVIEW:
        raise FeedbackRejected(_("Không có dự thảo nào đang chờ duyệt."))
    with transaction.atomic():
        feedback.answer_state = AnswerState.APPROVED if approve else AnswerState.DRAFT
        feedback.answer_reviewed_by = user if approve else None
        feedback.save(update_fields=["answer_state", "answer_reviewed_by"])
        note = _("Duyệt dự thảo trả lời.") if approve else _("Trả lại dự thảo: %(c)s") % {"c": comment}
        _event_add(feedback, note=note, public=False, actor=user)
    return feedback


def _answers_changed_send(feedback: Feedback) -> None:
    """Tell presenting apps (page caches) once the current transaction commits."""
    codes = [feedback.procedure_code] if feedback.procedure_code else []
    transaction.on_commit(lambda: answers_changed.send(sender=Feedback, procedure_codes=codes))


def feedback_answer_publish(*, feedback: Feedback, user=None, today: dt.date | None = None) -> Feedback:
    """Publish the approved answer: visible on the status page, on the public list (with consent), e-mailed."""
    if feedback.answer_state != AnswerState.APPROVED:
        raise FeedbackRejected(_("Chỉ công bố được trả lời đã duyệt."))
    with transaction.atomic():
        feedback.answer_state = AnswerState.PUBLISHED
        feedback.status = FeedbackStatus.ANSWERED
        feedback.answered_at = timezone.now()
        feedback.handled_on = today or timezone.localdate()
        feedback.save()
        _event_add(feedback, note=_("Đã trả lời phản ánh, kiến nghị."), actor=user)
        _answers_changed_send(feedback)
    _mail_sender(feedback, template="feedback/email/answered.txt", subject=_("Trả lời phản ánh, kiến nghị"))
    return feedback


def personal_data_access_log(*, feedback: Feedback | None, user, action: str, detail: str = "") -> None:
    """Record that `user` saw personal data of `feedback` (Law 91/2025/QH15: access is logged)."""
    PersonalDataAccess.objects.create(
        feedback=feedback,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        detail=detail[:255],
        client_ip=current_client_ip() or None,
    )


def feedback_erase_personal_data(*, feedback: Feedback, user=None) -> Feedback:
    """Remove the sender's personal data (retention ended or consent withdrawn); the case stays countable."""
    with transaction.atomic():
        if feedback.answer_state == AnswerState.PUBLISHED:
            _answers_changed_send(feedback)
        for attachment in feedback.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()
        feedback.sender_name = "—"
        feedback.sender_address = "—"
        feedback.sender_phone = ""
        feedback.sender_mailing_address = ""
        feedback.sender_email = ""
        feedback.content = feedback.public_question or ""
        feedback.personal_data_erased_at = timezone.now()
        feedback.save()
        _event_add(feedback, note=_("Đã xóa dữ liệu cá nhân người gửi."), public=False, actor=user)
    return feedback


def feedback_personal_data_purge(*, today: dt.date | None = None) -> int:
    """Erase personal data of items closed longer ago than FEEDBACK_RETENTION_DAYS; returns how many."""
    from feedback.models import CLOSED_STATUSES

    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    expired = Feedback.objects.filter(
        status__in=CLOSED_STATUSES, handled_on__lt=cutoff, personal_data_erased_at__isnull=True
    )
    count = 0
    for feedback in expired.iterator():
        feedback_erase_personal_data(feedback=feedback)
        count += 1
    # Duplicate-check locks are needed only within the duplicate window.
    lock_cutoff = timezone.now() - dt.timedelta(hours=settings.FEEDBACK_DUPLICATE_WINDOW_HOURS)
    FeedbackSubmissionLock.objects.filter(locked_at__lt=lock_cutoff).delete()
    return count
