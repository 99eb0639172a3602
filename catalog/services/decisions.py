"""Announcement decisions: approval checks and application on the effective date (Decree 63/2010 Art. 13–15).

Applying a decision is all-or-nothing: every item (new, amended, replaced, abolished) takes effect in one
transaction or none does. Errors name the item (its position and procedure code) and the field, with
keys shaped like the admin's inline formset fields (`items-0-procedure`).

Scheduling: `python manage.py apply_due_decisions` (run daily by cron) calls `decisions_apply_due`.

Agency scope: a department puts in its decisions only procedures its agency may act on (catalog.permissions);
province-level staff put any. `decision_items_scope_errors` checks items as the admin form submits them,
and approving or applying on behalf of a user checks every item again.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from catalog.choices import AnnouncementCategory, DecisionStatus, ProcedureStatus
from catalog.completeness import procedure_missing_elements
from catalog.compliance import decision_signing_check
from catalog.dates import day_text
from catalog.models import AnnouncementDecision, DecisionItem, Procedure, ProcedureVersion
from catalog.permissions import agency_scope_for
from catalog.services.versions import _version_create, _version_end, procedures_changed_send

logger = logging.getLogger(__name__)

# Audit-log actions (labels registered by the admin through the `register_log_actions` hook).
LOG_DECISION_APPROVE = "catalog.decision.approve"
LOG_DECISION_APPLY = "catalog.decision.apply"
LOG_NATIONAL_ENTRY = "catalog.decision.national_entry"
_LOG_ACTIONS = (
    (
        LOG_DECISION_APPROVE,
        gettext_lazy("Ký ban hành quyết định công bố"),
        gettext_lazy("Quyết định công bố đã được ký, chờ hiệu lực"),
    ),
    (LOG_DECISION_APPLY, gettext_lazy("Áp dụng quyết định công bố"), gettext_lazy("Quyết định công bố đã có hiệu lực")),
    (
        LOG_NATIONAL_ENTRY,
        gettext_lazy("Nhập CSDL quốc gia"),
        gettext_lazy("Thủ tục trong quyết định đã được nhập Cơ sở dữ liệu quốc gia"),
    ),
)


def register_decision_log_actions(actions) -> None:
    """`register_log_actions` hook body: labels of the decision audit-log actions in the admin."""
    for action, label, message in _LOG_ACTIONS:
        actions.register_action(action, label, message)


def audit_log(*, instance, action: str, user=None, data: dict | None = None) -> None:
    """Write a Wagtail audit-log entry, registering the catalog actions if no admin hook did."""
    if not log_registry.action_exists(action):
        register_decision_log_actions(log_registry)
    log(instance=instance, action=action, user=user, data=data)


_NEEDS_CONTENT = (AnnouncementCategory.NEW, AnnouncementCategory.AMENDED)
# Items that act on a procedure already in force, and the verb staff read in the refusal.
_NEEDS_IN_FORCE = {
    AnnouncementCategory.AMENDED: gettext_lazy("sửa đổi, bổ sung"),
    AnnouncementCategory.REPLACED: gettext_lazy("thay thế"),
    AnnouncementCategory.ABOLISHED: gettext_lazy("bãi bỏ"),
}


def _item_label(index: int, procedure: Procedure) -> str:
    """ "Mục 2 (1.000123 – Tên thủ tục)": how staff recognise an item in messages."""
    return _("Mục %(position)s (%(procedure)s)") % {"position": index + 1, "procedure": procedure}


def _item_key(index: int, field_name: str) -> str:
    return f"items-{index}-{field_name}"


def _items(decision: AnnouncementDecision) -> list[DecisionItem]:
    return list(
        DecisionItem.objects.filter(decision=decision)
        .select_related("procedure", "successor")
        .order_by("sort_order", "pk")
    )


def _in_force_on(procedure_ids: set[int], day: dt.date) -> set[int]:
    return set(
        ProcedureVersion.objects.in_force_on(day)
        .filter(procedure_id__in=procedure_ids)
        .values_list("procedure_id", flat=True)
    )


def _missing_text(procedure: Procedure) -> str:
    return ", ".join(element.label for element in procedure_missing_elements(procedure))


def decision_errors(
    *,
    decision: AnnouncementDecision,
    day: dt.date | None = None,
    items: list[DecisionItem] | None = None,
    for_submission: bool = False,
    today: dt.date | None = None,
) -> dict[str, list[str]]:
    """Everything that stops `decision` from being approved or applied, keyed by field; empty when none.

    The one place for decision checks: signing (approval), application, and the admin's submission to
    review (`for_submission`: the list only, before the decision has a number, dates or a signature).
    `day` is the date the items would take effect (defaults to the decision's effective date); `items`
    are read from the database unless given (the admin checks an unsaved form). `today` (default: the
    local date) refuses a signing date in the future.
    """
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not for_submission:
        _signing_errors(decision, add, today or timezone.localdate())
    items = _items(decision) if items is None else items
    if not items:
        add("items", _("Quyết định chưa có thủ tục nào trong danh mục."))
    day = None if for_submission else (day or decision.effective_on)
    _item_errors(items, add, day)
    return errors


def _signing_errors(decision: AnnouncementDecision, add, today: dt.date) -> None:
    """Number and dates; a signing date in the future; a late signing without its reason (Art. 15)."""
    if not (decision.number or "").strip():
        add("number", _("Chưa nhập số quyết định."))
    if decision.signed_on is None:
        add("signed_on", _("Chưa nhập ngày ký."))
    elif decision.signed_on > today:
        add(
            "signed_on",
            _("Ngày ký (%(signed)s) ở tương lai; chỉ ghi nhận quyết định đã ký.")
            % {"signed": day_text(decision.signed_on)},
        )
    if decision.effective_on is None:
        add("effective_on", _("Chưa nhập ngày có hiệu lực."))
    elif decision.signed_on and decision.effective_on < decision.signed_on:
        add(
            "effective_on",
            _("Ngày có hiệu lực (%(effective)s) không được trước ngày ký (%(signed)s).")
            % {"effective": day_text(decision.effective_on), "signed": day_text(decision.signed_on)},
        )
    check = decision_signing_check(decision=decision)
    if check is not None and check.late and not (decision.late_signing_reason or "").strip():
        add(
            "late_signing_reason",
            _(
                "Quyết định ký ngày %(signed)s, muộn %(days)s ngày làm việc so với hạn %(due)s (ít nhất "
                "%(lead)s ngày làm việc trước ngày %(basis)s văn bản quy định thủ tục có hiệu lực, Nghị định "
                "63/2010, Điều 15): phải ghi lý do ký muộn."
            )
            % {
                "signed": day_text(decision.signed_on),
                "days": check.working_days_late,
                "due": day_text(check.due_on),
                "lead": settings.CATALOG_DECISION_LEAD_WORKING_DAYS,
                "basis": day_text(decision.basis_effective_on),
            },
        )


@dataclass(frozen=True)
class _ItemCheck:
    """What the per-item rules need besides the item: its position and label, the day the items would take
    effect (None: not checked against a day), the procedures in force that day, those announced new."""

    index: int
    label: str
    day: dt.date | None
    in_force: set[int]
    announced_new: set[int]

    def key(self, field_name: str) -> str:
        return _item_key(self.index, field_name)


def _item_errors(items: list[DecisionItem], add, day: dt.date | None) -> None:
    """Per item: each procedure once, then every rule of `_ITEM_RULES` in order (completeness of what is
    announced, the legal document, which procedures must or must not be in force on `day`, the successor)."""
    procedure_ids = {item.procedure_id for item in items} | {item.successor_id for item in items if item.successor_id}
    in_force = _in_force_on(procedure_ids, day) if day is not None else set()
    announced_new = {item.procedure_id for item in items if item.category == AnnouncementCategory.NEW}
    seen: dict[int, int] = {}
    for index, item in enumerate(items):
        check = _ItemCheck(index, _item_label(index, item.procedure), day, in_force, announced_new)
        if item.procedure_id in seen:
            add(
                check.key("procedure"),
                _("%(item)s: thủ tục đã có ở mục %(other)s; mỗi thủ tục chỉ xuất hiện một lần trong quyết định.")
                % {"item": check.label, "other": seen[item.procedure_id] + 1},
            )
            continue
        seen[item.procedure_id] = index
        for rule in _ITEM_RULES:
            rule(item, check, add)


def _content_errors(item: DecisionItem, check: _ItemCheck, add) -> None:
    """A new or amended procedure is approved (live) and complete."""
    if item.category not in _NEEDS_CONTENT:
        return
    if not item.procedure.live:
        add(
            check.key("procedure"),
            _("%(item)s: thủ tục chưa được duyệt theo quy trình nên chưa thể công bố.") % {"item": check.label},
        )
    missing = _missing_text(item.procedure)
    if missing:
        add(
            check.key("procedure"),
            _("%(item)s: hồ sơ thủ tục còn thiếu: %(missing)s.") % {"item": check.label, "missing": missing},
        )


def _legal_document_errors(item: DecisionItem, check: _ItemCheck, add) -> None:
    """Amending, replacing or abolishing names the legal document that provides for it."""
    if item.category in _NEEDS_IN_FORCE and item.legal_document_id is None:
        add(
            check.key("legal_document"),
            _("%(item)s: chưa chọn văn bản quy phạm pháp luật quy định việc %(action)s thủ tục.")
            % {"item": check.label, "action": _NEEDS_IN_FORCE[item.category]},
        )


def _new_in_force_errors(item: DecisionItem, check: _ItemCheck, add) -> None:
    """A procedure in force is announced as amended, not as new."""
    if item.category == AnnouncementCategory.NEW and item.procedure_id in check.in_force:
        add(
            check.key("category"),
            _("%(item)s: thủ tục đang có hiệu lực; hãy công bố là thủ tục được sửa đổi, bổ sung.")
            % {"item": check.label},
        )


def _not_in_force_errors(item: DecisionItem, check: _ItemCheck, add) -> None:
    """Only a procedure in force on the day can be amended, replaced or abolished."""
    if check.day is not None and item.category in _NEEDS_IN_FORCE and item.procedure_id not in check.in_force:
        add(
            check.key("procedure"),
            _("%(item)s: thủ tục không có hiệu lực vào ngày %(day)s nên không thể %(action)s.")
            % {"item": check.label, "day": day_text(check.day), "action": _NEEDS_IN_FORCE[item.category]},
        )


def _successor_errors(item: DecisionItem, check: _ItemCheck, add) -> None:
    """A replaced procedure has another one as successor, in force or announced new, and complete; no other
    item has a successor."""
    if item.category != AnnouncementCategory.REPLACED:
        if item.successor_id:
            add(
                check.key("successor"),
                _("%(item)s: chỉ thủ tục được thay thế mới có thủ tục thay thế.") % {"item": check.label},
            )
        return
    successor = item.successor
    if successor is None:
        add(
            check.key("successor"),
            _("%(item)s: thủ tục được thay thế phải có thủ tục thay thế.") % {"item": check.label},
        )
        return
    if successor.pk == item.procedure_id:
        add(check.key("successor"), _("%(item)s: thủ tục không thể tự thay thế chính nó.") % {"item": check.label})
        return
    if check.day is not None and successor.pk not in check.in_force and successor.pk not in check.announced_new:
        add(
            check.key("successor"),
            _(
                "%(item)s: thủ tục thay thế “%(successor)s” chưa có hiệu lực và không được công bố mới "
                "trong quyết định này."
            )
            % {"item": check.label, "successor": successor},
        )
    missing = _missing_text(successor)
    if missing:
        add(
            check.key("successor"),
            _("%(item)s: thủ tục thay thế “%(successor)s” còn thiếu: %(missing)s.")
            % {"item": check.label, "successor": successor, "missing": missing},
        )


# The per-item rules, in the order their messages are listed.
_ITEM_RULES = (_content_errors, _legal_document_errors, _new_in_force_errors, _not_in_force_errors, _successor_errors)


def decision_items_scope_errors(
    *, user, items: Iterable[tuple[int, Procedure | None, Procedure | None]]
) -> dict[str, list[str]]:
    """Items (position, procedure, successor) naming a procedure outside the agencies `user` may act on, keyed
    like the admin's formset fields; empty for province-level staff."""
    scope = agency_scope_for(Procedure)
    errors: dict[str, list[str]] = {}
    for index, procedure, successor in items:
        for field_name, candidate in (("procedure", procedure), ("successor", successor)):
            if candidate is None or scope.contains(candidate, user=user):
                continue
            owner = candidate.owner_agency.name if candidate.owner_agency_id else _("chưa có cơ quan chủ trì")
            errors.setdefault(_item_key(index, field_name), []).append(
                _(
                    "%(item)s: thủ tục “%(procedure)s” thuộc %(owner)s; sở, ngành chỉ đưa vào quyết định các thủ "
                    "tục của cơ quan mình."
                )
                % {"item": _item_label(index, procedure or candidate), "procedure": candidate, "owner": owner}
            )
    return errors


def decision_items_scope_check(*, decision: AnnouncementDecision, user) -> None:
    """Refuse (ValidationError naming each item) when `user` may not act on every procedure of `decision`."""
    items = ((index, item.procedure, item.successor) for index, item in enumerate(_items(decision)))
    errors = decision_items_scope_errors(user=user, items=items)
    if errors:
        raise ValidationError(errors)


def decision_approve(*, decision: AnnouncementDecision, user=None) -> AnnouncementDecision:
    """Record that the decision is signed and waits for its effective date (status APPROVED).

    Refused with a ValidationError listing every problem (missing number/dates, effective date before
    signing, no items, incomplete procedures with their missing elements, replaced items without a
    successor, abolished or replaced procedures not in force on the effective date).
    """
    if decision.status == DecisionStatus.APPLIED:
        raise ValidationError({"status": _("Quyết định đã có hiệu lực, không thể duyệt lại.")})
    if user is not None:
        decision_items_scope_check(decision=decision, user=user)
    errors = decision_errors(decision=decision)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision.status = DecisionStatus.APPROVED
        decision.save(update_fields=["status"])
        audit_log(instance=decision, action=LOG_DECISION_APPROVE, user=user)
    return decision


def _apply_item(
    *, decision: AnnouncementDecision, item: DecisionItem, index: int, day: dt.date
) -> ProcedureVersion | None:
    procedure = item.procedure
    try:
        if item.category in (AnnouncementCategory.NEW, AnnouncementCategory.AMENDED):
            return _version_create(
                procedure=procedure, valid_from=day, decision=decision, category=item.category, ended_previous_by=None
            )
        if item.category == AnnouncementCategory.REPLACED:
            ended = _version_end(procedure=procedure, on=day, decision=decision, status=ProcedureStatus.REPLACED)
            procedure.replaced_by = item.successor
            procedure.save(update_fields=["replaced_by"])
            return ended
        if item.category == AnnouncementCategory.ABOLISHED:
            return _version_end(procedure=procedure, on=day, decision=decision, status=ProcedureStatus.ABOLISHED)
    except ValidationError as error:
        label = _item_label(index, procedure)
        raise ValidationError(
            {
                _item_key(index, field_name): [f"{label}: {message}" for message in messages]
                for field_name, messages in error.message_dict.items()
            }
        )
    raise ValidationError({_item_key(index, "category"): _("Loại công bố không hợp lệ: %s.") % item.category})


def decision_apply(*, decision: AnnouncementDecision, on: dt.date | None = None, user=None) -> AnnouncementDecision:
    """Make every item of an approved decision take effect on `on` (default: its effective date).

    New procedures get version 1 and go in force; amended ones get a new version; replaced ones end and
    point to their successor (which gets its version through its own "new" item); abolished ones end but
    keep their history. All or nothing: any error rolls back every item and raises a ValidationError
    naming the item and the field. `user` (who applied it from the admin) goes into the audit log.
    """
    with transaction.atomic():
        locked = AnnouncementDecision.objects.select_for_update().get(pk=decision.pk)
        if user is not None:
            decision_items_scope_check(decision=locked, user=user)
        if locked.status != DecisionStatus.APPROVED:
            raise ValidationError(
                {
                    "status": _("Chỉ áp dụng được quyết định đã ký, đang chờ hiệu lực (trạng thái hiện tại: %s).")
                    % locked.get_status_display()
                }
            )
        day = on or locked.effective_on
        if locked.effective_on and day < locked.effective_on:
            raise ValidationError(
                {
                    "effective_on": _("Không thể áp dụng quyết định trước ngày có hiệu lực %s.")
                    % day_text(locked.effective_on)
                }
            )
        errors = decision_errors(decision=locked, day=day)
        if errors:
            raise ValidationError(errors)
        changed: list[int] = []
        for index, item in enumerate(_items(locked)):
            version = _apply_item(decision=locked, item=item, index=index, day=day)
            item.version = version
            item.save(update_fields=["version"])
            changed.append(item.procedure_id)
        locked.status = DecisionStatus.APPLIED
        locked.applied_at = timezone.now()
        locked.save(update_fields=["status", "applied_at"])
        audit_log(
            instance=locked, action=LOG_DECISION_APPLY, user=user, data={"on": day.isoformat(), "procedures": changed}
        )
        procedures_changed_send(procedure_ids=changed)
    decision.status = locked.status
    decision.applied_at = locked.applied_at
    return decision


def decision_apply_now(*, decision: AnnouncementDecision, today: dt.date, user=None) -> AnnouncementDecision:
    """Apply an approved decision from the admin ("Áp dụng ngay") once its effective date has come.

    Items take effect on the decision's effective date (also when applied late); before that date the
    service refuses, naming `effective_on`.
    """
    early = decision.effective_on is not None and today < decision.effective_on
    return decision_apply(decision=decision, on=today if early else None, user=user)


@dataclass
class DueDecisions:
    """What a scheduled run did: decisions applied, and those refused with their errors."""

    applied: list[AnnouncementDecision] = field(default_factory=list)
    failed: list[tuple[AnnouncementDecision, ValidationError]] = field(default_factory=list)


def decisions_apply_due_report(*, today: dt.date) -> DueDecisions:
    """Apply every approved decision whose effective date has come, oldest first, each on its own.

    One refused decision does not block the others: it stays approved and is reported in `failed`.
    """
    result = DueDecisions()
    due = AnnouncementDecision.objects.filter(status=DecisionStatus.APPROVED, effective_on__lte=today).order_by(
        "effective_on", "signed_on", "pk"
    )
    for decision in due:
        try:
            decision_apply(decision=decision)
        except ValidationError as error:
            logger.warning("Decision %s not applied: %s", decision.number, "; ".join(error.messages))
            result.failed.append((decision, error))
        else:
            result.applied.append(decision)
    return result


def decisions_apply_due(*, today: dt.date) -> list[AnnouncementDecision]:
    """Apply every approved decision due on or before `today`; returns those applied (failures are logged)."""
    return decisions_apply_due_report(today=today).applied
