"""Procedure writes around the review workflow and the national database (Decree 63/2010 Art. 8, 24)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.choices import DecisionStatus, ProcedureStatus
from catalog.completeness import procedure_missing_elements
from catalog.models import DecisionItem, Procedure, ProcedureVersion
from catalog.services.decisions import LOG_NATIONAL_ENTRY, audit_log


def procedure_submit_check(*, procedure: Procedure) -> None:
    """Refuse to submit an incomplete procedure to review: a ValidationError per missing element.

    Keys are the elements' field names (steps, channels, dossier_items, time_limit, applicants, agencies);
    messages are Vietnamese, in the order of Art. 8(2). Works on unsaved in-memory clusters.
    """
    missing = procedure_missing_elements(procedure)
    if missing:
        errors: dict[str, list[str]] = {}
        for element in missing:
            errors.setdefault(element.field, []).append(
                _("Còn thiếu: %(element)s (Nghị định 63/2010, Điều 8 khoản 2).") % {"element": element.label}
            )
        raise ValidationError(errors)


def procedure_mark_approved(*, procedure: Procedure) -> Procedure:
    """The review workflow approved (published) a procedure: a draft becomes APPROVED, ready to announce.

    Only a DRAFT that never had a public version changes; procedures further in their lifecycle keep their
    status. Called after Wagtail publishes a procedure (final workflow approval or direct publication).
    """
    if procedure.status != ProcedureStatus.DRAFT:
        return procedure
    if ProcedureVersion.objects.filter(procedure=procedure).exists():
        return procedure
    Procedure.objects.filter(pk=procedure.pk, status=ProcedureStatus.DRAFT).update(status=ProcedureStatus.APPROVED)
    procedure.status = ProcedureStatus.APPROVED
    return procedure


def procedure_mark_national_entry(*, item: DecisionItem, entered_on: dt.date, user) -> DecisionItem:
    """Record that the procedure announced by `item` was entered and published in the national database.

    Refused (naming `national_entered_on`) before the decision is signed/approved, before its signing date
    or in the future. Writes an audit-log entry on the decision.
    """
    decision = item.decision
    if decision.status == DecisionStatus.DRAFT:
        raise ValidationError(
            {
                "national_entered_on": _("Quyết định %(number)s chưa được ký nên chưa nhập CSDL quốc gia.")
                % {"number": decision.number}
            }
        )
    if decision.signed_on and entered_on < decision.signed_on:
        raise ValidationError(
            {
                "national_entered_on": _("Ngày nhập CSDL quốc gia (%(entered)s) không được trước ngày ký (%(signed)s).")
                % {"entered": f"{entered_on:%d/%m/%Y}", "signed": f"{decision.signed_on:%d/%m/%Y}"}
            }
        )
    if entered_on > timezone.localdate():
        raise ValidationError({"national_entered_on": _("Ngày nhập CSDL quốc gia không được ở tương lai.")})
    with transaction.atomic():
        item.national_entered_on = entered_on
        item.national_entered_by = user
        item.save(update_fields=["national_entered_on", "national_entered_by"])
        audit_log(
            instance=decision,
            action=LOG_NATIONAL_ENTRY,
            user=user,
            data={"item": item.pk, "procedure": item.procedure_id, "entered_on": entered_on.isoformat()},
        )
    return item
