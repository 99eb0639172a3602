"""Reads of the feedback domain: status by tracking code, published answers, the staff queue, on-time shares."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from catalog.models import Agency, ProcedureVersion
from catalog.permissions import scoped_queryset
from catalog.text import fold_diacritics
from feedback.choices import AnswerState, FeedbackStatus
from feedback.models import CLOSED_STATUSES, Feedback, PersonalDataAccess
from feedback.tracking import tracking_code_normalise


def feedback_get_by_tracking_code(*, code: str) -> Feedback | None:
    """The item with tracking code `code` as a person typed it: XXXX-XXXX-XX codes in any case, spacing and
    look-alike letters (feedback.tracking), older codes exactly as issued (case-sensitive)."""
    code = (code or "").strip()
    if not code or "\x00" in code:  # NUL: no such code, and PostgreSQL text cannot hold it
        return None
    readable = tracking_code_normalise(code)
    return Feedback.objects.filter(tracking_code__in={code, readable} - {None}).first()


def feedback_public_status(*, feedback: Feedback) -> dict[str, Any]:
    """What the sender may see by tracking code: status, public history, answer. Never personal data.

    The due date shown is the handling deadline (`due_on`), not the internal forwarding one. Dates and times are
    values (local time); pages print them dd/mm/yyyy, the API in ISO 8601.
    """
    answered = feedback.answer_state == AnswerState.PUBLISHED
    return {
        "so_dang_ky": feedback.register_number,
        "tinh_trang": feedback.status,
        "tinh_trang_hien_thi": str(feedback.get_status_display()),
        "ngay_tiep_nhan": timezone.localdate(feedback.received_at),
        "han_xu_ly": feedback.due_on,
        "co_quan_xu_ly": feedback.agency.name if feedback.agency_id else None,
        "lich_su": [
            {
                "thoi_diem": timezone.localtime(event.at),
                "tinh_trang": event.status,
                "tinh_trang_hien_thi": str(event.get_status_display()),
                "ghi_chu": event.note,
            }
            for event in feedback.events.filter(public=True)
        ],
        "tra_loi": (
            {
                "tieu_de": feedback.public_title,
                "cau_hoi": feedback.public_question,
                "noi_dung": feedback.answer,
                "ngay_tra_loi": timezone.localdate(feedback.answered_at),
            }
            if answered
            else None
        ),
    }


def published_answers() -> QuerySet[Feedback]:
    """Answers published with the sender's consent, newest first."""
    return (
        Feedback.objects.filter(answer_state=AnswerState.PUBLISHED, allow_publication=True)
        .select_related("agency")
        .order_by("-answered_at")
    )


def published_answer_get(*, register_number: str) -> Feedback | None:
    return published_answers().filter(register_number=register_number).first()


def published_answers_for_procedure(*, code: str) -> list[Feedback]:
    """Published answers about the procedure with national code `code` (for the procedure page)."""
    if not code:
        return []
    # Only what the page's summary shows: the rest of the row (the sender's details among it) stays in the database.
    return list(
        published_answers()
        .filter(procedure_code=code)
        .only("id", "register_number", "public_title", "answered_at", "agency__id", "agency__name")
    )


@dataclass(frozen=True)
class ProcedureChoice:
    code: str
    name: str


def procedure_in_force_get(*, code: str, day: dt.date | None = None) -> ProcedureVersion | None:
    """The version in force on `day` (today by default) of the procedure with code `code`."""
    day = day or timezone.localdate()
    code = (code or "").strip()
    if not code or "\x00" in code:  # NUL: no such code, and PostgreSQL text cannot hold it
        return None
    return (
        ProcedureVersion.objects.in_force_on(day).filter(code=code).select_related("procedure").order_by("-number")
    ).first()


def procedures_in_force_search(*, query: str, day: dt.date | None = None, limit: int = 50) -> list[ProcedureChoice]:
    """Procedures in force whose code or name contains every word of `query`, accent-insensitive."""
    day = day or timezone.localdate()
    words = fold_diacritics(query).casefold().split()
    if not words:
        return []
    results: list[ProcedureChoice] = []
    seen: set[str] = set()
    rows = ProcedureVersion.objects.in_force_on(day).exclude(code="").order_by("name").values_list("code", "name")
    for code, name in rows.iterator():
        haystack = fold_diacritics(f"{code} {name}").casefold()
        if code not in seen and all(word in haystack for word in words):
            seen.add(code)
            results.append(ProcedureChoice(code=code, name=name))
            if len(results) >= limit:
                break
    return results


def feedback_for_transfer(*, since: dt.date | None = None, until: dt.date | None = None) -> QuerySet[Feedback]:
    """Records received in a period (days included), oldest first: what is transferred to the national feedback
    system (feedback.exports)."""
    items = Feedback.objects.select_related("agency").order_by("received_at")
    if since:
        items = items.filter(received_at__date__gte=since)
    if until:
        items = items.filter(received_at__date__lte=until)
    return items


def feedback_for_user(*, user) -> QuerySet[Feedback]:
    """The items `user` may handle: those assigned to their agency, or all for province-level handlers."""
    return scoped_queryset(Feedback.objects.all(), user=user)


def feedback_queue(
    *,
    user,
    status: str = "",
    agency: Agency | None = None,
    kind: str = "",
    overdue: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Feedback]:
    """The staff queue of `user` (their agency's items), filtered; overdue = still open and past the deadline
    that applies now."""
    queryset = feedback_for_user(user=user).select_related("agency").order_by("received_at")
    if status:
        queryset = queryset.filter(status=status)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    if kind:
        queryset = queryset.filter(kind=kind)
    if overdue:
        queryset = queryset.filter(overdue_q(today=today or timezone.localdate()))
    return queryset


def overdue_q(*, today: dt.date) -> Q:
    """Open items past their deadline (forwarding deadline while still unclassified)."""
    return Q(status=FeedbackStatus.RECEIVED, forward_due_on__lt=today) | Q(
        status__in=[FeedbackStatus.ACCEPTED, FeedbackStatus.PROCESSING], due_on__lt=today
    )


@dataclass(frozen=True)
class AgencyOnTimeShare:
    """One report row: items an agency handled on time, late, and still open past the deadline."""

    agency: Agency
    on_time: int
    late: int
    pending_overdue: int
    pending_in_time: int

    @property
    def counted(self) -> int:
        return self.on_time + self.late + self.pending_overdue

    @property
    def rate(self) -> Decimal | None:
        """Share handled on time, in percent with two decimals; None when nothing is counted."""
        if not self.counted:
            return None
        return (Decimal(100) * self.on_time / self.counted).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def points(self) -> int | None:
        """Circular 01/2018 index 8: 100% → 2 points, ≥ 90% → 1, otherwise 0."""
        rate = self.rate
        if rate is None:
            return None
        if rate >= 100:
            return 2
        return 1 if rate >= 90 else 0


def agency_on_time_shares(
    *, start: dt.date, end: dt.date, today: dt.date | None = None, user=None
) -> list[AgencyOnTimeShare]:
    """Per agency, items received from `start` to `end` (inclusive): handled on time vs late.

    Late includes items still open past their deadline (they can no longer be on time); open items within
    their deadline are shown apart and do not enter the rate. With `user`, only the agencies they handle.
    """
    today = today or timezone.localdate()
    items = Feedback.objects.all() if user is None else feedback_for_user(user=user)
    items = items.filter(agency__isnull=False, received_at__date__gte=start, received_at__date__lte=end).select_related(
        "agency"
    )
    rows: dict[int, dict[str, Any]] = {}
    for item in items:
        row = rows.setdefault(
            item.agency_id, {"agency": item.agency, "on_time": 0, "late": 0, "pending_overdue": 0, "pending_in_time": 0}
        )
        if item.status in CLOSED_STATUSES and item.handled_on:
            row["on_time" if item.handled_on <= item.due_on else "late"] += 1
        elif item.due_on < today:
            row["pending_overdue"] += 1
        else:
            row["pending_in_time"] += 1
    shares = [AgencyOnTimeShare(**row) for row in rows.values()]
    return sorted(shares, key=lambda share: (share.agency.sort_order, share.agency.name))


def personal_data_accesses_for_user(*, user) -> QuerySet[PersonalDataAccess]:
    """Who in staff saw which sender's personal data, limited to the items `user` may see (bulk exports, which
    name no item, only for province-level staff)."""
    return scoped_queryset(PersonalDataAccess.objects.select_related("user", "feedback"), user=user)
