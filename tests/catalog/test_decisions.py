"""Announcement decisions: approval checks, all-or-nothing application, the lifecycle end to end."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from catalog.choices import AnnouncementCategory, DecisionStatus, ProcedureStatus
from catalog.compliance import decision_signing_deadlines
from catalog.models import ProcedureVersion
from catalog.permissions import APPROVERS_GROUP
from catalog.selectors import procedure_history, procedure_version_on
from catalog.services.decisions import (
    decision_apply,
    decision_approve,
    decisions_apply_due,
    decisions_apply_due_report,
)
from catalog.services.procedures import procedure_mark_national_entry, procedure_submit_check
from catalog.services.staff import staff_setup
from catalog.services.versions import version_create
from tests.factories.catalog import DecisionFactory, DecisionItemFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2019, 3, 1)
EFFECTIVE = dt.date(2019, 3, 15)
LATER_SIGNED = dt.date(2019, 6, 3)
LATER_EFFECTIVE = dt.date(2019, 6, 17)


def approved_decision(*items, signed_on=SIGNED, effective_on=EFFECTIVE):
    """A decision with (procedure, category[, successor]) items, approved."""
    decision = DecisionFactory(signed_on=signed_on, effective_on=effective_on)
    for order, spec in enumerate(items):
        procedure, category, *rest = spec
        DecisionItemFactory(
            decision=decision,
            procedure=procedure,
            category=category,
            successor=rest[0] if rest else None,
            sort_order=order,
        )
    return decision_approve(decision=decision)


def in_force(procedure, day=EFFECTIVE):
    version_create(procedure=procedure, valid_from=day)
    return procedure


# --- approval -------------------------------------------------------------------------------------------


def test_approve_sets_status_approved():
    decision = DecisionItemFactory().decision

    decision_approve(decision=decision)

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED


def test_approve_writes_an_audit_log_entry(django_user_model):
    user = django_user_model.objects.create_user(username="chanhvp", password="x")
    user.groups.add(staff_setup().groups[APPROVERS_GROUP])  # province level: may approve any agency's items
    decision = DecisionItemFactory().decision

    decision_approve(decision=decision, user=user)

    assert ModelLogEntry.objects.for_instance(decision).filter(action="catalog.decision.approve", user=user).exists()


def test_effective_before_signing_is_refused_naming_effective_on():
    decision = DecisionItemFactory(
        decision=DecisionFactory(signed_on=dt.date(2019, 3, 15), effective_on=dt.date(2019, 3, 1))
    ).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["effective_on"]


def test_decision_without_items_is_refused_naming_items():
    decision = DecisionFactory()

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items"]


def test_decision_without_signing_date_is_refused_naming_signed_on():
    decision = DecisionItemFactory(decision=DecisionFactory(signed_on=None)).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["signed_on"]


def test_signing_date_in_the_future_is_refused_naming_signed_on():
    decision = DecisionItemFactory(
        decision=DecisionFactory(signed_on=dt.date(2019, 3, 5), effective_on=dt.date(2019, 3, 15))
    ).decision

    with freeze_time("2019-03-04 09:00:00+07:00"), pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["signed_on"]


# Legal document in force Fri 15/2/2019: the decision is due by Fri 1/2 (Tết 2019 between); signed Mon 11/2.
LATE = {
    "signed_on": dt.date(2019, 2, 11),
    "effective_on": dt.date(2019, 2, 15),
    "basis_effective_on": dt.date(2019, 2, 15),
}


def test_late_signing_without_a_reason_is_refused_naming_the_reason():
    decision = DecisionItemFactory(decision=DecisionFactory(**LATE)).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert caught.value.message_dict == {
        "late_signing_reason": [
            "Quyết định ký ngày 11/02/2019, muộn 1 ngày làm việc so với hạn 01/02/2019 (ít nhất 5 ngày làm việc "
            "trước ngày 15/02/2019 văn bản quy định thủ tục có hiệu lực, Nghị định 63/2010, Điều 15): phải ghi lý "
            "do ký muộn."
        ]
    }


def test_late_signing_with_its_reason_is_approved_and_stays_late():
    decision = DecisionItemFactory(
        decision=DecisionFactory(**LATE, late_signing_reason="Bộ Tư pháp ban hành văn bản muộn")
    ).decision

    decision_approve(decision=decision)

    [row] = decision_signing_deadlines(today=dt.date(2019, 3, 1))
    assert (decision.status, row.overdue, row.days) == (DecisionStatus.APPROVED, True, -1)
    assert "ký muộn 1 ngày làm việc" in row.what and "Bộ Tư pháp ban hành văn bản muộn" in row.what


def test_signing_in_time_needs_no_reason():
    decision = DecisionItemFactory(decision=DecisionFactory(**{**LATE, "signed_on": dt.date(2019, 2, 1)})).decision

    assert decision_approve(decision=decision).status == DecisionStatus.APPROVED


@pytest.mark.parametrize("category", ["amended", "replaced", "abolished"])
def test_item_without_its_legal_document_is_refused_naming_it(category):
    procedure = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    successor = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2)) if category == "replaced" else None
    decision = DecisionItemFactory(
        procedure=procedure, category=category, successor=successor, legal_document=None
    ).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-0-legal_document"]


def test_new_item_needs_no_amending_document():
    decision = DecisionItemFactory(category="new", legal_document=None).decision

    assert decision_approve(decision=decision).status == DecisionStatus.APPROVED


def test_incomplete_procedure_is_refused_listing_missing_elements():
    procedure = ProcedureFactory(code="1.001193")
    decision = DecisionItemFactory(procedure=procedure).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert caught.value.message_dict["items-0-procedure"] == [
        f"Mục 1 ({procedure}): hồ sơ thủ tục còn thiếu: Trình tự thực hiện, Cách thức thực hiện, "
        "Thành phần hồ sơ, Thời hạn giải quyết, Đối tượng thực hiện, Cơ quan thực hiện, Kết quả thực hiện, "
        "Yêu cầu, điều kiện (ghi rõ, hoặc chọn “Không có yêu cầu, điều kiện”)."
    ]


def test_incomplete_procedure_error_names_the_item_position():
    decision = DecisionItemFactory(sort_order=0).decision
    DecisionItemFactory(decision=decision, procedure=ProcedureFactory(), sort_order=1)

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-1-procedure"]


def test_procedure_not_yet_approved_by_workflow_is_refused():
    decision = DecisionItemFactory(procedure=ProcedureFactory(complete=True, live=False)).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert "items-0-procedure" in caught.value.message_dict


def test_abolishing_a_procedure_not_in_force_is_refused_naming_procedure():
    decision = DecisionItemFactory(category=AnnouncementCategory.ABOLISHED).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-0-procedure"]


def test_amending_a_procedure_not_in_force_is_refused():
    decision = DecisionItemFactory(category=AnnouncementCategory.AMENDED).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-0-procedure"]


def test_announcing_as_new_a_procedure_already_in_force_is_refused_naming_category():
    procedure = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    decision = DecisionItemFactory(procedure=procedure, category=AnnouncementCategory.NEW).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-0-category"]


def test_replaced_item_without_successor_is_refused_naming_successor():
    procedure = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    decision = DecisionItemFactory(procedure=procedure, category=AnnouncementCategory.REPLACED).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-0-successor"]


def test_successor_neither_in_force_nor_announced_is_refused():
    procedure = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    decision = DecisionItemFactory(
        procedure=procedure, category=AnnouncementCategory.REPLACED, successor=ProcedureFactory(complete=True)
    ).decision

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-0-successor"]


def test_same_procedure_twice_is_refused():
    decision = DecisionItemFactory(sort_order=0).decision
    DecisionItemFactory(decision=decision, procedure=decision.items.get().procedure, sort_order=1)

    with pytest.raises(ValidationError) as caught:
        decision_approve(decision=decision)

    assert list(caught.value.message_dict) == ["items-1-procedure"]


# --- application ----------------------------------------------------------------------------------------


def test_apply_new_item_creates_version_one_from_effective_date():
    procedure = ProcedureFactory(complete=True)
    decision_apply(decision=approved_decision((procedure, AnnouncementCategory.NEW)))

    version = ProcedureVersion.objects.get(procedure=procedure)

    assert (version.number, version.valid_from) == (1, EFFECTIVE)


def test_apply_records_the_version_on_the_item():
    procedure = ProcedureFactory(complete=True)
    decision = approved_decision((procedure, AnnouncementCategory.NEW))

    decision_apply(decision=decision)

    assert decision.items.get().version == ProcedureVersion.objects.get(procedure=procedure)


def test_apply_marks_decision_applied():
    decision = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW))

    decision_apply(decision=decision)

    decision.refresh_from_db()
    assert (decision.status, decision.applied_at is not None) == (DecisionStatus.APPLIED, True)


def test_apply_refuses_a_draft_decision_naming_status():
    decision = DecisionItemFactory().decision

    with pytest.raises(ValidationError) as caught:
        decision_apply(decision=decision)

    assert list(caught.value.message_dict) == ["status"]


def test_apply_twice_is_refused():
    decision = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW))
    decision_apply(decision=decision)

    with pytest.raises(ValidationError):
        decision_apply(decision=decision)


def test_apply_before_effective_date_is_refused_naming_effective_on():
    decision = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW))

    with pytest.raises(ValidationError) as caught:
        decision_apply(decision=decision, on=dt.date(2019, 3, 14))

    assert list(caught.value.message_dict) == ["effective_on"]


def test_replaced_procedure_points_to_its_successor():
    old = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    successor = ProcedureFactory(complete=True)
    decision = approved_decision((old, AnnouncementCategory.REPLACED, successor), (successor, AnnouncementCategory.NEW))

    decision_apply(decision=decision)

    old.refresh_from_db()
    assert (old.status, old.replaced_by) == (ProcedureStatus.REPLACED, successor)


def test_successor_is_in_force_from_the_effective_date():
    old = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    successor = ProcedureFactory(complete=True)
    decision_apply(
        decision=approved_decision(
            (old, AnnouncementCategory.REPLACED, successor), (successor, AnnouncementCategory.NEW)
        )
    )

    assert procedure_version_on(procedure=successor, day=EFFECTIVE).valid_from == EFFECTIVE


def test_replaced_procedure_is_not_in_force_from_the_effective_date():
    old = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    successor = ProcedureFactory(complete=True)
    decision_apply(
        decision=approved_decision(
            (old, AnnouncementCategory.REPLACED, successor), (successor, AnnouncementCategory.NEW)
        )
    )

    assert procedure_version_on(procedure=old, day=EFFECTIVE) is None


# --- all or nothing -------------------------------------------------------------------------------------


def _state(*procedures):
    return (
        ProcedureVersion.objects.count(),
        list(ProcedureVersion.objects.order_by("pk").values_list("valid_until", flat=True)),
        [type(p).objects.get(pk=p.pk).status for p in procedures],
    )


def test_one_bad_item_leaves_nothing_changed():
    fresh = ProcedureFactory(complete=True)
    amended = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    abolished = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    decision = approved_decision(
        (fresh, AnnouncementCategory.NEW),
        (amended, AnnouncementCategory.AMENDED),
        (abolished, AnnouncementCategory.ABOLISHED),
    )
    # Between signing and the effective date another version of the abolished procedure starts that day.
    version_create(procedure=abolished, valid_from=EFFECTIVE)
    before = _state(fresh, amended, abolished)

    with pytest.raises(ValidationError):
        decision_apply(decision=decision)

    assert _state(fresh, amended, abolished) == before


def test_bad_item_error_names_item_and_field():
    fresh = ProcedureFactory(complete=True)
    abolished = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    decision = approved_decision((fresh, AnnouncementCategory.NEW), (abolished, AnnouncementCategory.ABOLISHED))
    version_create(procedure=abolished, valid_from=EFFECTIVE)

    with pytest.raises(ValidationError) as caught:
        decision_apply(decision=decision)

    assert list(caught.value.message_dict) == ["items-1-valid_until"]


def test_bad_item_error_message_names_procedure_code():
    fresh = ProcedureFactory(complete=True)
    abolished = in_force(ProcedureFactory(complete=True, code="1.001193"), dt.date(2019, 1, 2))
    decision = approved_decision((fresh, AnnouncementCategory.NEW), (abolished, AnnouncementCategory.ABOLISHED))
    version_create(procedure=abolished, valid_from=EFFECTIVE)

    with pytest.raises(ValidationError) as caught:
        decision_apply(decision=decision)

    assert caught.value.messages[0].startswith("Mục 2 (1.001193 – ")


def test_failed_apply_leaves_decision_approved():
    abolished = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    decision = approved_decision((abolished, AnnouncementCategory.ABOLISHED))
    version_create(procedure=abolished, valid_from=EFFECTIVE)

    with pytest.raises(ValidationError):
        decision_apply(decision=decision)

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED


def test_procedure_abolished_elsewhere_after_approval_is_refused_at_apply():
    procedure = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    decision = approved_decision((procedure, AnnouncementCategory.AMENDED))
    other = approved_decision(
        (procedure, AnnouncementCategory.ABOLISHED), signed_on=dt.date(2019, 3, 1), effective_on=dt.date(2019, 3, 8)
    )
    decision_apply(decision=other)

    with pytest.raises(ValidationError) as caught:
        decision_apply(decision=decision)

    assert list(caught.value.message_dict) == ["items-0-procedure"]


# --- scheduled application ------------------------------------------------------------------------------


def test_apply_due_applies_decisions_effective_today():
    decision = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW))

    assert decisions_apply_due(today=EFFECTIVE) == [decision]


def test_apply_due_leaves_future_decisions_waiting():
    approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW))

    assert decisions_apply_due(today=dt.date(2019, 3, 14)) == []


def test_apply_due_skips_draft_decisions():
    DecisionItemFactory()

    assert decisions_apply_due(today=EFFECTIVE) == []


def test_apply_due_applies_late_decisions_from_their_effective_date():
    procedure = ProcedureFactory(complete=True)
    approved_decision((procedure, AnnouncementCategory.NEW))

    decisions_apply_due(today=dt.date(2019, 4, 1))

    assert ProcedureVersion.objects.get(procedure=procedure).valid_from == EFFECTIVE


def test_apply_due_one_failing_decision_does_not_block_the_others():
    abolished = in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2))
    failing = approved_decision((abolished, AnnouncementCategory.ABOLISHED))
    version_create(procedure=abolished, valid_from=EFFECTIVE)
    good = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW))

    report = decisions_apply_due_report(today=EFFECTIVE)

    assert (report.applied, [decision for decision, _ in report.failed]) == ([good], [failing])


def test_apply_due_applies_older_decision_first():
    procedure = ProcedureFactory(complete=True)
    amending = approved_decision(
        (in_force(ProcedureFactory(complete=True), dt.date(2019, 1, 2)), AnnouncementCategory.AMENDED),
        signed_on=LATER_SIGNED,
        effective_on=LATER_EFFECTIVE,
    )
    creating = approved_decision((procedure, AnnouncementCategory.NEW))

    assert decisions_apply_due(today=LATER_EFFECTIVE) == [creating, amending]


# --- the lifecycle end to end ---------------------------------------------------------------------------


@pytest.fixture
def lifecycle():
    """A procedure drafted, approved, announced from 15/3/2019 and amended from 17/6/2019."""
    procedure = ProcedureFactory(complete=True, name="Đăng ký khai sinh", live=False)
    # The review workflow publishes the procedure (live) once the division approves it.
    procedure.live = True
    procedure.save()
    with freeze_time("2019-03-01"):
        first = approved_decision((procedure, AnnouncementCategory.NEW))
    with freeze_time("2019-03-15"):
        decisions_apply_due(today=dt.date(2019, 3, 15))
    procedure.refresh_from_db()
    procedure.name = "Đăng ký khai sinh (sửa đổi)"
    procedure.save()
    with freeze_time("2019-06-03"):
        second = approved_decision(
            (procedure, AnnouncementCategory.AMENDED), signed_on=LATER_SIGNED, effective_on=LATER_EFFECTIVE
        )
    with freeze_time("2019-06-17"):
        decisions_apply_due(today=dt.date(2019, 6, 17))
    return procedure, first, second


def test_lifecycle_nothing_in_force_before_first_decision(lifecycle):
    procedure, _, _ = lifecycle

    assert procedure_version_on(procedure=procedure, day=dt.date(2019, 3, 14)) is None


def test_lifecycle_version_one_in_force_between_decisions(lifecycle):
    procedure, _, _ = lifecycle

    assert procedure_version_on(procedure=procedure, day=dt.date(2019, 6, 16)).content["name"] == "Đăng ký khai sinh"


def test_lifecycle_version_two_in_force_after_amendment(lifecycle):
    procedure, _, _ = lifecycle

    version = procedure_version_on(procedure=procedure, day=dt.date(2019, 6, 17))

    assert (version.number, version.name) == (2, "Đăng ký khai sinh (sửa đổi)")


def test_lifecycle_history_lists_both_versions_with_their_decisions(lifecycle):
    procedure, first, second = lifecycle

    assert [(v.number, v.decision) for v in procedure_history(procedure=procedure)] == [(1, first), (2, second)]


def test_lifecycle_abolition_keeps_history_but_nothing_in_force(lifecycle):
    procedure, _, _ = lifecycle
    with freeze_time("2019-08-01"):
        decision_apply(
            decision=approved_decision(
                (procedure, AnnouncementCategory.ABOLISHED),
                signed_on=dt.date(2019, 8, 1),
                effective_on=dt.date(2019, 8, 15),
            )
        )

    assert (
        procedure_version_on(procedure=procedure, day=dt.date(2019, 8, 15)),
        len(procedure_history(procedure=procedure)),
    ) == (None, 2)


def test_lifecycle_abolished_procedure_has_status_abolished(lifecycle):
    procedure, _, _ = lifecycle
    decision_apply(
        decision=approved_decision(
            (procedure, AnnouncementCategory.ABOLISHED),
            signed_on=dt.date(2019, 8, 1),
            effective_on=dt.date(2019, 8, 15),
        )
    )

    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.ABOLISHED


# --- procedure services around decisions (catalog/services/procedures.py) -------------------------------


def test_submit_check_passes_a_complete_procedure():
    assert procedure_submit_check(procedure=ProcedureFactory(complete=True)) is None


def test_submit_check_lists_missing_elements_by_field():
    procedure = ProcedureFactory(complete=True)
    procedure.steps.all().delete()
    procedure.agencies.all().delete()

    with pytest.raises(ValidationError) as caught:
        procedure_submit_check(procedure=procedure)

    assert caught.value.message_dict == {
        "steps": ["Còn thiếu: Trình tự thực hiện (Nghị định 63/2010, Điều 8 khoản 2)."],
        "agencies": ["Còn thiếu: Cơ quan thực hiện (Nghị định 63/2010, Điều 8 khoản 2)."],
    }


@freeze_time("2019-03-20")
def test_mark_national_entry_records_date_and_user(django_user_model):
    user = django_user_model.objects.create_user(username="canbo", password="x")
    decision = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW))
    item = decision.items.get()

    procedure_mark_national_entry(item=item, entered_on=dt.date(2019, 3, 5), user=user)

    item.refresh_from_db()
    assert (item.national_entered_on, item.national_entered_by) == (dt.date(2019, 3, 5), user)


@freeze_time("2019-03-20")
def test_mark_national_entry_before_signing_is_refused_naming_the_field(django_user_model):
    user = django_user_model.objects.create_user(username="canbo", password="x")
    item = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW)).items.get()

    with pytest.raises(ValidationError) as caught:
        procedure_mark_national_entry(item=item, entered_on=dt.date(2019, 2, 28), user=user)

    assert list(caught.value.message_dict) == ["national_entered_on"]


@freeze_time("2019-03-20")
def test_mark_national_entry_on_a_draft_decision_is_refused(django_user_model):
    user = django_user_model.objects.create_user(username="canbo", password="x")
    item = DecisionItemFactory()

    with pytest.raises(ValidationError):
        procedure_mark_national_entry(item=item, entered_on=dt.date(2019, 3, 5), user=user)


@freeze_time("2019-03-20")
def test_mark_national_entry_in_the_future_is_refused(django_user_model):
    user = django_user_model.objects.create_user(username="canbo", password="x")
    item = approved_decision((ProcedureFactory(complete=True), AnnouncementCategory.NEW)).items.get()

    with pytest.raises(ValidationError):
        procedure_mark_national_entry(item=item, entered_on=dt.date(2019, 3, 21), user=user)
