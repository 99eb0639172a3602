import datetime as dt
import re

import pytest
from django.test import Client

from feedback.models import Feedback
from tests.factories.feedback import FeedbackFactory, procedure_in_force, submission_payload
from tests.feedback.uploads import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

FORM = "/phan-anh-kien-nghi/"


def form_data(**overrides):
    data = submission_payload(**overrides)
    data["dong_y_xu_ly_du_lieu"] = "on" if data["dong_y_xu_ly_du_lieu"] else ""
    data["cho_phep_cong_khai"] = "on" if data["cho_phep_cong_khai"] else ""
    return data


def test_form_page_explains_complaints_go_elsewhere(client):
    assert "Khiếu nại, tố cáo không gửi qua mẫu này" in client.get(FORM).content.decode()


def test_form_cites_the_personal_data_law(client):
    assert "91/2025/QH15" in client.get(FORM).content.decode()


def test_procedure_code_in_query_prefills_the_form(client):
    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")

    html = client.get(FORM, {"ma_thu_tuc": "1.001193"}).content.decode()

    assert 'value="1.001193"' in html and "Thủ tục đăng ký khai sinh" in html


def test_submission_redirects_to_confirmation(client):
    response = client.post(FORM, form_data())

    assert response.status_code == 302 and response["Location"] == "/phan-anh-kien-nghi/da-gui/"


def test_confirmation_shows_register_number_and_tracking_code(client):
    client.post(FORM, form_data())
    feedback = Feedback.objects.get()

    html = client.get("/phan-anh-kien-nghi/da-gui/").content.decode()

    assert feedback.register_number in html and feedback.tracking_code in html


def test_missing_identity_is_shown_with_linked_errors(client):
    html = client.post(FORM, form_data(ho_ten="")).content.decode()

    assert 'href="#id_ho_ten"' in html and 'id="id_ho_ten_error"' in html


def test_invalid_submission_is_400(client):
    assert client.post(FORM, form_data(dia_chi="")).status_code == 400


def test_honeypot_filled_is_refused(client):
    client.post(FORM, form_data(website="http://spam.example"))

    assert not Feedback.objects.exists()


def test_rate_limit_message_is_shown_with_429(client):
    for n in range(5):
        client.post(FORM, form_data(noi_dung=f"Nội dung số {n} đủ dài để được tiếp nhận."))

    response = client.post(FORM, form_data(noi_dung="Nội dung số sáu đủ dài để được tiếp nhận."))

    assert response.status_code == 429 and "thử lại sau" in response.content.decode()


def test_attachment_uploaded_through_the_form_is_stored_privately(client, settings):
    data = form_data()
    data["tep_dinh_kem"] = [upload("giay-to.pdf", PDF_BYTES)]

    client.post(FORM, data)

    path = Feedback.objects.get().attachments.get().file.path
    assert path.startswith(str(settings.FEEDBACK_PRIVATE_ROOT)) and not path.startswith(str(settings.MEDIA_ROOT))


def test_spoofed_attachment_is_refused_by_the_form(client):
    data = form_data()
    data["tep_dinh_kem"] = [upload("anh.png", b"<svg onload=alert(1)>")]

    client.post(FORM, data)

    assert not Feedback.objects.exists()


def test_form_requires_csrf_token():
    client = Client(enforce_csrf_checks=True)

    assert client.post(FORM, form_data()).status_code == 403


def test_lookup_shows_status(client):
    feedback = FeedbackFactory()

    html = client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": feedback.tracking_code}).content.decode()

    assert feedback.register_number in html


def test_lookup_with_unknown_code_says_so(client):
    response = client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": "khong-ton-tai"})

    assert response.status_code == 404 and "Không tìm thấy" in response.content.decode()


def test_a_duplicate_from_the_form_is_409_naming_the_earlier_number(client):
    client.post(FORM, form_data())
    number = Feedback.objects.get().register_number

    response = client.post(FORM, form_data())

    assert (response.status_code, number in response.content.decode()) == (409, True)


def test_lookup_never_reads_the_code_from_the_query_string(client):
    feedback = FeedbackFactory()

    html = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": feedback.tracking_code}).content.decode()

    assert feedback.register_number not in html


def test_lookup_form_is_posted(client):
    html = client.get("/phan-anh-kien-nghi/tra-cuu/").content.decode()

    assert '<form method="post"' in html


def test_lookup_reads_the_code_in_lower_case_with_look_alike_letters(client):
    feedback = FeedbackFactory(tracking_code="7K3M-9Q1A-20")

    html = client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": "7k3m9qla2o"}).content.decode()

    assert feedback.register_number in html


def test_lookup_still_finds_a_code_issued_in_the_old_format(client):
    feedback = FeedbackFactory(tracking_code="K9tOQewF0XWc-Sg2")

    html = client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": "K9tOQewF0XWc-Sg2"}).content.decode()

    assert feedback.register_number in html


def test_lookup_shows_the_handling_due_date_not_the_forwarding_one(client):
    feedback = FeedbackFactory(due_on=dt.date(2026, 3, 16), forward_due_on=dt.date(2026, 3, 9))

    html = client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": feedback.tracking_code}).content.decode()

    assert re.search(r'id="han-xu-ly">16/03/2026<', html) and "09/03/2026" not in html


def test_lookup_page_is_never_cached(client):
    feedback = FeedbackFactory()

    response = client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": feedback.tracking_code})

    assert "no-store" in response["Cache-Control"]


def test_confirmation_links_to_the_lookup_without_the_code(client):
    client.post(FORM, form_data())
    feedback = Feedback.objects.get()

    html = client.get("/phan-anh-kien-nghi/da-gui/").content.decode()

    assert f"?ma_tra_cuu={feedback.tracking_code}" not in html and 'href="/phan-anh-kien-nghi/tra-cuu/"' in html


def test_answer_list_shows_published_answers(client):
    feedback = FeedbackFactory(answered=True)

    assert feedback.public_title in client.get("/phan-anh-kien-nghi/tra-loi/").content.decode()


def test_answer_list_omits_answers_without_publication_consent(client):
    feedback = FeedbackFactory(answered=True, allow_publication=False, public_title="Riêng tư không công khai")

    assert feedback.public_title not in client.get("/phan-anh-kien-nghi/tra-loi/").content.decode()


def test_answer_page_shows_answer(client):
    feedback = FeedbackFactory(answered=True)

    html = client.get(f"/phan-anh-kien-nghi/tra-loi/{feedback.register_number}/").content.decode()

    assert feedback.answer in html


def test_unpublished_answer_page_is_404(client):
    feedback = FeedbackFactory(assigned=True)

    assert client.get(f"/phan-anh-kien-nghi/tra-loi/{feedback.register_number}/").status_code == 404


def test_procedure_picker_finds_without_accents(client):
    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")

    html = client.get("/phan-anh-kien-nghi/chon-thu-tuc/", {"q": "dang ky khai sinh"}).content.decode()

    assert "?ma_thu_tuc=1.001193" in html
