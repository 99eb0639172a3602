import datetime as dt
import re

import pytest
from django.core import mail
from freezegun import freeze_time

from catalog.models import CalendarAdjustment
from feedback.choices import AnswerState, Classification, FeedbackStatus
from feedback.forms import FeedbackForm
from feedback.models import Feedback
from feedback.services import (
    DuplicateFeedback,
    FeedbackInput,
    FeedbackRejected,
    RateLimited,
    feedback_answer_draft,
    feedback_answer_publish,
    feedback_answer_review,
    feedback_answer_submit,
    feedback_assign,
    feedback_classify,
    feedback_erase_personal_data,
    feedback_submit,
)
from tests.factories.catalog import AgencyFactory
from tests.factories.feedback import FeedbackFactory, submission_payload

pytestmark = pytest.mark.django_db


def make_input(**overrides) -> FeedbackInput:
    form = FeedbackForm(submission_payload(**overrides))
    assert form.is_valid(), form.errors
    return form.to_input()


@freeze_time("2026-03-02 09:00:00+07:00")
def test_first_submission_of_the_year_gets_number_one():
    feedback = feedback_submit(data=make_input())

    assert feedback.register_number == "PAKN-2026-000001"


@freeze_time("2026-03-02 09:00:00+07:00")
def test_numbers_follow_each_other_within_a_year():
    feedback_submit(data=make_input(noi_dung="Nội dung thứ nhất đủ dài để được tiếp nhận."))

    second = feedback_submit(data=make_input(noi_dung="Nội dung thứ hai đủ dài để được tiếp nhận."))

    assert second.register_number == "PAKN-2026-000002"


def test_numbering_restarts_each_year():
    with freeze_time("2025-12-31 10:00:00+07:00"):
        feedback_submit(data=make_input(noi_dung="Gửi cuối năm trước, nội dung đủ dài."))
    with freeze_time("2026-01-05 10:00:00+07:00"):
        feedback = feedback_submit(data=make_input(noi_dung="Gửi đầu năm sau, nội dung đủ dài."))

    assert feedback.register_number == "PAKN-2026-000001"


def test_year_follows_local_time_not_utc():
    # 31/12/2025 23:30 UTC is already 1/1/2026 in Vietnam.
    with freeze_time("2025-12-31 23:30:00+00:00"):
        feedback = feedback_submit(data=make_input())

    assert feedback.register_number.startswith("PAKN-2026-")


def test_tracking_code_is_ten_crockford_symbols_grouped_4_4_2():
    feedback = feedback_submit(data=make_input())

    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}", feedback.tracking_code)


def test_tracking_codes_differ_between_submissions():
    first = feedback_submit(data=make_input(noi_dung="Nội dung thứ nhất đủ dài để được tiếp nhận."))
    second = feedback_submit(data=make_input(noi_dung="Nội dung thứ hai đủ dài để được tiếp nhận."))

    assert first.tracking_code != second.tracking_code


@freeze_time("2026-04-24 09:00:00+07:00")
def test_handling_deadline_is_ten_working_days_on_the_calendar():
    # Friday 24/4/2026; off: Mon 27/4 (Hùng Kings' Day falls on Sunday 26/4), Thu 30/4, Fri 1/5.
    feedback = feedback_submit(data=make_input())

    assert feedback.due_on == dt.date(2026, 5, 13)


@freeze_time("2026-04-24 09:00:00+07:00")
def test_forwarding_deadline_is_five_working_days():
    feedback = feedback_submit(data=make_input())

    assert feedback.forward_due_on == dt.date(2026, 5, 6)


@freeze_time("2026-03-02 09:00:00+07:00")
def test_deadline_counts_announced_days_off():
    CalendarAdjustment.objects.create(date=dt.date(2026, 3, 3), kind="day_off")

    feedback = feedback_submit(data=make_input())

    assert feedback.forward_due_on == dt.date(2026, 3, 10)


@freeze_time("2026-03-07 10:00:00+07:00")
def test_receipt_on_a_saturday_counts_from_monday():
    # Saturday 7/3/2026: received as of Monday 9/3, which does not count; 10 working days → Monday 23/3.
    feedback = feedback_submit(data=make_input())

    assert (feedback.due_on, feedback.forward_due_on) == (dt.date(2026, 3, 23), dt.date(2026, 3, 16))


@freeze_time("2026-03-07 10:00:00+07:00")
def test_feedback_deadline_is_the_dossier_deadline_of_the_same_receipt():
    from catalog.calendar import due_at

    feedback = feedback_submit(data=make_input())

    dossier_due = due_at(feedback.received_at, amount=10, unit="working_days")
    assert feedback.due_on == dossier_due.date()


@freeze_time("2026-03-02 09:00:00+07:00")
def test_handling_deadline_is_a_setting(settings):
    settings.FEEDBACK_HANDLING_WORKING_DAYS = 3

    feedback = feedback_submit(data=make_input())

    assert feedback.due_on == dt.date(2026, 3, 5)


def test_submission_records_received_event():
    feedback = feedback_submit(data=make_input())

    assert list(feedback.events.values_list("status", flat=True)) == [FeedbackStatus.RECEIVED]


def test_confirmation_email_carries_the_tracking_code():
    feedback = feedback_submit(data=make_input())

    assert feedback.tracking_code in mail.outbox[0].body


def test_confirmation_email_links_to_the_lookup_page_absolutely(settings):
    settings.SITE_BASE_URL = "https://tthc.soctrang.gov.vn"

    feedback_submit(data=make_input())

    assert "https://tthc.soctrang.gov.vn/phan-anh-kien-nghi/tra-cuu/" in mail.outbox[0].body


def test_confirmation_email_never_puts_the_code_in_a_link():
    feedback = feedback_submit(data=make_input())

    assert f"={feedback.tracking_code}" not in mail.outbox[0].body


def test_no_email_without_address():
    feedback_submit(data=make_input(email=""))

    assert mail.outbox == []


def test_duplicate_content_and_phone_within_a_day_is_refused():
    feedback_submit(data=make_input())

    with pytest.raises(DuplicateFeedback):
        feedback_submit(data=make_input(ho_ten="Người khác"))


def test_duplicate_ignores_spacing_and_case():
    feedback_submit(data=make_input(noi_dung="Thời hạn giải quyết quá dài so với thực tế."))

    with pytest.raises(DuplicateFeedback):
        feedback_submit(data=make_input(noi_dung="  thời hạn giải quyết   quá dài so với thực tế. "))


def test_duplicate_names_the_earlier_register_number():
    earlier = feedback_submit(data=make_input())

    with pytest.raises(DuplicateFeedback) as refused:
        feedback_submit(data=make_input())

    assert (refused.value.register_number, refused.value.tracking_hint) == (
        earlier.register_number,
        "••••-••••-" + earlier.tracking_code[-2:],
    )


def test_refused_duplicate_writes_nothing():
    feedback_submit(data=make_input())

    with pytest.raises(DuplicateFeedback):
        feedback_submit(data=make_input())

    assert Feedback.objects.count() == 1


def test_same_content_from_another_phone_is_accepted():
    feedback_submit(data=make_input())

    feedback_submit(data=make_input(dien_thoai="0911000111"))

    assert Feedback.objects.count() == 2


def test_same_content_after_a_day_is_accepted():
    with freeze_time("2026-03-02 09:00:00+07:00"):
        feedback_submit(data=make_input())
    with freeze_time("2026-03-03 09:30:00+07:00"):
        feedback_submit(data=make_input())

    assert Feedback.objects.count() == 2


def test_rate_limit_per_hour_stops_the_sixth_submission():
    for n in range(5):
        feedback_submit(data=make_input(noi_dung=f"Nội dung số {n} đủ dài để được tiếp nhận."), client_ip="10.0.0.1")

    with pytest.raises(RateLimited):
        feedback_submit(data=make_input(noi_dung="Nội dung số 6 đủ dài để được tiếp nhận."), client_ip="10.0.0.1")


def test_rate_limit_is_per_address():
    for n in range(5):
        feedback_submit(data=make_input(noi_dung=f"Nội dung số {n} đủ dài để được tiếp nhận."), client_ip="10.0.0.1")

    feedback = feedback_submit(data=make_input(noi_dung="Từ địa chỉ khác, nội dung đủ dài."), client_ip="10.0.0.2")

    assert feedback.pk is not None


def test_rate_limit_per_day_counts_across_hours(settings):
    settings.FEEDBACK_RATE_LIMIT_PER_HOUR = 100
    settings.FEEDBACK_RATE_LIMIT_PER_DAY = 2
    with freeze_time("2026-03-02 08:00:00+07:00"):
        feedback_submit(data=make_input(noi_dung="Nội dung số một đủ dài để tiếp nhận."), client_ip="10.0.0.3")
    with freeze_time("2026-03-02 10:00:00+07:00"):
        feedback_submit(data=make_input(noi_dung="Nội dung số hai đủ dài để tiếp nhận."), client_ip="10.0.0.3")
    with freeze_time("2026-03-02 12:00:00+07:00"), pytest.raises(RateLimited):
        feedback_submit(data=make_input(noi_dung="Nội dung số ba đủ dài để tiếp nhận."), client_ip="10.0.0.3")


def test_rate_limited_message_is_vietnamese():
    for n in range(5):
        feedback_submit(data=make_input(noi_dung=f"Nội dung số {n} đủ dài để được tiếp nhận."), client_ip="10.0.0.1")

    with pytest.raises(RateLimited) as error:
        feedback_submit(data=make_input(noi_dung="Nội dung số 6 đủ dài để được tiếp nhận."), client_ip="10.0.0.1")

    assert "thử lại sau" in error.value.message


# --- staff handling -------------------------------------------------------------------------------------


def test_accept_with_agency_puts_item_in_processing():
    feedback = FeedbackFactory()

    feedback_classify(feedback=feedback, decision=Classification.ACCEPT, agency=AgencyFactory())

    assert feedback.status == FeedbackStatus.PROCESSING


def test_refusal_needs_a_reason():
    feedback = FeedbackFactory()

    with pytest.raises(FeedbackRejected):
        feedback_classify(feedback=feedback, decision=Classification.REJECT, reason=" ")


def test_refusal_tells_the_sender_the_reason():
    feedback = FeedbackFactory()

    feedback_classify(feedback=feedback, decision=Classification.REJECT, reason="Nội dung là khiếu nại.")

    assert "Nội dung là khiếu nại." in mail.outbox[0].body


def test_forwarding_records_the_day_it_was_handled():
    feedback = FeedbackFactory()

    feedback_classify(
        feedback=feedback, decision=Classification.FORWARD, forwarded_to="Bộ Tư pháp", today=dt.date(2026, 3, 4)
    )

    assert (feedback.status, feedback.handled_on) == (FeedbackStatus.FORWARDED, dt.date(2026, 3, 4))


def test_classifying_twice_is_refused():
    feedback = FeedbackFactory()
    feedback_classify(feedback=feedback, decision=Classification.ACCEPT)

    with pytest.raises(FeedbackRejected):
        feedback_classify(feedback=feedback, decision=Classification.ACCEPT)


def test_assignment_is_a_public_event_naming_the_agency():
    feedback = FeedbackFactory(status=FeedbackStatus.ACCEPTED)
    agency = AgencyFactory(name="Sở Tư pháp")

    feedback_assign(feedback=feedback, agency=agency)

    assert feedback.events.filter(public=True, note__contains="Sở Tư pháp").exists()


def _drafted(**kwargs):
    feedback = FeedbackFactory(assigned=True, **kwargs)
    return feedback_answer_draft(
        feedback=feedback, public_title="Tiêu đề", public_question="Câu hỏi đã biên tập", answer="Trả lời"
    )


def test_draft_without_public_question_cannot_go_to_review():
    feedback = FeedbackFactory(assigned=True)
    feedback_answer_draft(feedback=feedback, public_title="Tiêu đề", public_question="", answer="Trả lời")

    with pytest.raises(FeedbackRejected):
        feedback_answer_submit(feedback=feedback)


def test_unreviewed_answer_cannot_be_published():
    feedback = _drafted()
    feedback_answer_submit(feedback=feedback)

    with pytest.raises(FeedbackRejected):
        feedback_answer_publish(feedback=feedback)


def test_reviewer_can_send_the_draft_back():
    feedback = _drafted()
    feedback_answer_submit(feedback=feedback)

    feedback_answer_review(feedback=feedback, approve=False, comment="Sửa lại căn cứ")

    assert feedback.answer_state == AnswerState.DRAFT


def test_publishing_an_approved_answer_marks_item_answered():
    feedback = _drafted()
    feedback_answer_submit(feedback=feedback)
    feedback_answer_review(feedback=feedback, approve=True)

    feedback_answer_publish(feedback=feedback)

    assert feedback.status == FeedbackStatus.ANSWERED


def test_publishing_emails_the_answer_to_the_sender():
    feedback = _drafted()
    feedback_answer_submit(feedback=feedback)
    feedback_answer_review(feedback=feedback, approve=True)

    feedback_answer_publish(feedback=feedback)

    assert "Trả lời" in mail.outbox[-1].body and mail.outbox[-1].to == ["nguoi.gui@example.org"]


def test_review_events_are_not_public():
    feedback = _drafted()
    feedback_answer_submit(feedback=feedback)

    assert not feedback.events.filter(public=True, note__contains="duyệt").exists()


def test_erasing_personal_data_removes_the_phone():
    feedback = FeedbackFactory(answered=True)

    feedback_erase_personal_data(feedback=feedback)

    feedback.refresh_from_db()
    assert feedback.sender_phone == ""


def test_publishing_announces_changed_answers_for_the_procedure(django_capture_on_commit_callbacks):
    from feedback.signals import answers_changed

    received = []
    answers_changed.connect(lambda **kwargs: received.append(kwargs["procedure_codes"]), weak=False, dispatch_uid="t")
    try:
        feedback = _drafted(procedure_code="1.001193")
        feedback_answer_submit(feedback=feedback)
        feedback_answer_review(feedback=feedback, approve=True)
        with django_capture_on_commit_callbacks(execute=True):
            feedback_answer_publish(feedback=feedback)
    finally:
        answers_changed.disconnect(dispatch_uid="t")

    assert received == [["1.001193"]]
