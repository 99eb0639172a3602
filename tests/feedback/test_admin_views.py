import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from catalog.models import AgencyMembership
from feedback.choices import FeedbackStatus
from feedback.models import FeedbackAttachment, PersonalDataAccess
from tests.factories.catalog import AgencyFactory
from tests.factories.feedback import FeedbackFactory
from tests.feedback.uploads import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

BASE = "/admin/phan-anh-kien-nghi/"


def with_attachment(**fields):
    feedback = FeedbackFactory(**fields)
    attachment = FeedbackAttachment(
        feedback=feedback, original_name="cccd.pdf", content_type="application/pdf", size=10
    )
    attachment.file.save("cccd.pdf", upload("cccd.pdf", PDF_BYTES), save=True)
    return feedback, attachment


def test_queue_lists_items(staff_client):
    feedback = FeedbackFactory()

    assert feedback.register_number in staff_client.get(BASE).content.decode()


def test_queue_filters_overdue(staff_client):
    late = FeedbackFactory(status=FeedbackStatus.ACCEPTED, due_on="2020-01-10", forward_due_on="2020-01-05")
    fresh = FeedbackFactory(status=FeedbackStatus.ACCEPTED)

    html = staff_client.get(BASE, {"overdue": "on"}).content.decode()

    assert late.register_number in html and fresh.register_number not in html


def test_queue_filters_by_agency(staff_client):
    mine = FeedbackFactory(assigned=True)
    other = FeedbackFactory(assigned=True)

    html = staff_client.get(BASE, {"agency": mine.agency.pk}).content.decode()

    assert mine.register_number in html and other.register_number not in html


def test_queue_shows_no_personal_data(privileged_client):
    FeedbackFactory(sender_name="Lâm Thị Riêng Tư")

    assert "Lâm Thị Riêng Tư" not in privileged_client.get(BASE).content.decode()


def test_anonymous_cannot_open_the_queue(client):
    assert client.get(BASE).status_code == 302


def test_detail_without_permission_hides_personal_data(clerk_client, clerk_agency):
    feedback = FeedbackFactory(sender_name="Lâm Thị Riêng Tư", assigned=True, agency=clerk_agency)

    response = clerk_client.get(f"{BASE}{feedback.pk}/")

    assert response.status_code == 200 and "Lâm Thị Riêng Tư" not in response.content.decode()


def test_detail_with_permission_shows_personal_data(privileged_client):
    feedback = FeedbackFactory(sender_name="Lâm Thị Riêng Tư")

    assert "Lâm Thị Riêng Tư" in privileged_client.get(f"{BASE}{feedback.pk}/").content.decode()


def test_viewing_personal_data_is_logged(privileged_client, staff):
    feedback = FeedbackFactory()

    privileged_client.get(f"{BASE}{feedback.pk}/")

    assert PersonalDataAccess.objects.filter(feedback=feedback, user=staff, action="view").count() == 1


def test_attachment_is_served_to_authorised_staff(privileged_client):
    feedback, attachment = with_attachment()

    response = privileged_client.get(f"{BASE}{feedback.pk}/tep/{attachment.pk}/")

    assert b"".join(response.streaming_content) == PDF_BYTES


def test_attachment_download_is_logged(privileged_client, staff):
    feedback, attachment = with_attachment()

    privileged_client.get(f"{BASE}{feedback.pk}/tep/{attachment.pk}/")

    assert PersonalDataAccess.objects.filter(feedback=feedback, user=staff, action="attachment").exists()


def test_attachment_is_refused_without_personal_data_permission(clerk_client, clerk_agency):
    feedback, attachment = with_attachment(assigned=True, agency=clerk_agency)

    response = clerk_client.get(f"{BASE}{feedback.pk}/tep/{attachment.pk}/")

    assert response.status_code == 302 and not PersonalDataAccess.objects.exists()


def test_attachment_has_no_public_url():
    _feedback, attachment = with_attachment()

    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018


def test_classify_forward_through_admin(staff_client):
    feedback = FeedbackFactory()

    staff_client.post(f"{BASE}{feedback.pk}/phan-loai/", {"decision": "forward", "forwarded_to": "Bộ Tài chính"})

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.FORWARDED


def test_full_answer_workflow_through_admin_publishes_and_notifies(staff_client):
    feedback = FeedbackFactory()
    agency = AgencyFactory()
    staff_client.post(f"{BASE}{feedback.pk}/phan-loai/", {"decision": "accept", "agency": agency.pk})
    staff_client.post(
        f"{BASE}{feedback.pk}/du-thao/",
        {"public_title": "Tiêu đề", "public_question": "Câu hỏi", "answer": "Trả lời", "submit_for_review": "1"},
    )
    staff_client.post(f"{BASE}{feedback.pk}/duyet/", {"approve": "1"})

    staff_client.post(f"{BASE}{feedback.pk}/cong-bo/")

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED and mail.outbox[-1].to == [feedback.sender_email]


def test_publish_without_review_permission_is_refused(client, django_user_model):
    feedback = FeedbackFactory(
        assigned=True, answer_state="approved", answer="A", public_title="T", public_question="Q"
    )
    user = django_user_model.objects.create_user("soanthao", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_feedback"),
        Permission.objects.get(codename="change_feedback"),
    )
    AgencyMembership.objects.create(user=user, agency=feedback.agency)
    client.force_login(user)

    client.post(f"{BASE}{feedback.pk}/cong-bo/")

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.PROCESSING


def test_report_shows_points(staff_client):
    agency = AgencyFactory(name="Sở Kiểm Tra Báo Cáo")
    FeedbackFactory(answered=True, agency=agency)

    html = staff_client.get(f"{BASE}bao-cao/").content.decode()

    assert "Sở Kiểm Tra Báo Cáo" in html and "100,00" in html


def test_access_log_lists_who_viewed_personal_data(client, django_user_model, privileged_client, staff):
    feedback = FeedbackFactory()
    privileged_client.get(f"{BASE}{feedback.pk}/")
    auditor = django_user_model.objects.create_superuser("kiemtra", password="x")
    client.force_login(auditor)

    html = client.get(f"{BASE}nhat-ky-truy-cap/").content.decode()

    assert staff.username in html and feedback.register_number in html


def test_report_of_an_agency_handler_shows_only_their_agency(clerk_client, clerk_agency):
    FeedbackFactory(answered=True, agency=clerk_agency)
    FeedbackFactory(answered=True, agency=AgencyFactory(name="Sở Ngoài Phạm Vi"))

    html = clerk_client.get(f"{BASE}bao-cao/").content.decode()

    assert "Sở Xây dựng" in html and "Sở Ngoài Phạm Vi" not in html


def test_agency_handler_is_not_offered_assignment(clerk_client, clerk_agency):
    feedback = FeedbackFactory(assigned=True, agency=clerk_agency)

    html = clerk_client.get(f"{BASE}{feedback.pk}/").content.decode()

    assert f"{feedback.pk}/giao/" not in html
