import datetime as dt
import json

import pytest

from feedback.models import Feedback
from tests.factories.feedback import FeedbackFactory, submission_payload
from tests.feedback.uploads import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/feedback"


def post_json(client, payload, **extra):
    return client.post(URL, data=json.dumps(payload), content_type="application/json", **extra)


def test_valid_submission_returns_201(client):
    response = post_json(client, submission_payload())

    assert response.status_code == 201


def test_created_body_has_register_number_and_tracking_code(client):
    body = post_json(client, submission_payload()).json()

    feedback = Feedback.objects.get()
    assert body == {"so_dang_ky": feedback.register_number, "ma_tra_cuu": feedback.tracking_code}


def test_missing_identity_names_each_field(client):
    body = post_json(client, submission_payload(ho_ten="", dia_chi="", dien_thoai="")).json()

    assert {error["field"] for error in body["errors"]} == {"ho_ten", "dia_chi", "dien_thoai", "dia_chi_thu_tin"}


def test_error_messages_are_vietnamese(client):
    body = post_json(client, submission_payload(dong_y_xu_ly_du_lieu=False)).json()

    assert body["errors"] == [
        {
            "field": "dong_y_xu_ly_du_lieu",
            "message": "Cần đồng ý cho xử lý dữ liệu cá nhân thì mới tiếp nhận được phản ánh.",
        }
    ]


def test_invalid_submission_returns_400(client):
    response = post_json(client, submission_payload(loai="to_cao"))

    assert response.status_code == 400


def test_invalid_submission_writes_nothing(client):
    post_json(client, submission_payload(noi_dung=""))

    assert not Feedback.objects.exists()


def test_body_that_is_not_json_is_400_with_detail(client):
    response = client.post(URL, data="không phải json", content_type="application/json")

    assert response.json()["detail"] == "Nội dung yêu cầu không phải JSON hợp lệ."


def test_sixth_submission_in_an_hour_is_429(client):
    for n in range(5):
        post_json(client, submission_payload(noi_dung=f"Nội dung số {n} đủ dài để tiếp nhận được."))

    response = post_json(client, submission_payload(noi_dung="Nội dung số sáu đủ dài để tiếp nhận được."))

    assert response.status_code == 429


def test_duplicate_is_409_naming_the_content(client):
    post_json(client, submission_payload())

    body = post_json(client, submission_payload()).json()

    assert body["errors"][0]["field"] == "noi_dung"


def test_duplicate_names_the_earlier_number_and_the_end_of_its_code(client):
    first = post_json(client, submission_payload()).json()

    response = post_json(client, submission_payload())

    body = response.json()
    hint = "••••-••••-" + first["ma_tra_cuu"][-2:]
    assert (response.status_code, body["so_dang_ky"], body["goi_y_ma_tra_cuu"]) == (409, first["so_dang_ky"], hint)


def test_duplicate_never_reveals_the_whole_tracking_code(client):
    first = post_json(client, submission_payload()).json()

    text = post_json(client, submission_payload()).content.decode()

    assert first["ma_tra_cuu"] not in text


def test_multipart_variant_stores_attachments(client):
    data = submission_payload()
    data["tep_dinh_kem"] = [upload("giay-to.pdf", PDF_BYTES)]

    response = client.post(f"{URL}/multipart", data=data)

    assert response.status_code == 201 and Feedback.objects.get().attachments.count() == 1


def test_multipart_variant_refuses_spoofed_attachment(client):
    data = submission_payload()
    data["tep_dinh_kem"] = [upload("giay-to.pdf", b"MZ\x90\x00 not a pdf")]

    body = client.post(f"{URL}/multipart", data=data).json()

    assert body["errors"][0]["field"] == "tep_dinh_kem"


def lookup(client, code: str):
    return client.post(f"{URL}/tra-cuu", {"ma_tra_cuu": code}, content_type="application/json")


def test_status_by_tracking_code(client):
    feedback = FeedbackFactory()

    body = lookup(client, feedback.tracking_code).json()

    assert body["so_dang_ky"] == feedback.register_number


def test_status_shows_published_answer(client):
    feedback = FeedbackFactory(answered=True)

    body = lookup(client, feedback.tracking_code).json()

    assert body["tra_loi"]["noi_dung"] == feedback.answer


def test_status_hides_unpublished_draft(client):
    feedback = FeedbackFactory(assigned=True, answer="Dự thảo chưa duyệt", answer_state="draft")

    body = lookup(client, feedback.tracking_code).json()

    assert body["tra_loi"] is None


def test_unknown_tracking_code_is_404(client):
    assert lookup(client, "khong-co-ma-nay").status_code == 404


def test_status_lookup_accepts_the_code_in_any_case_and_spacing(client):
    feedback = FeedbackFactory(tracking_code="7K3M-9QXA-2B")

    body = lookup(client, " 7k3m 9qxa 2b ").json()

    assert body["so_dang_ky"] == feedback.register_number


def test_status_lookup_by_get_with_the_code_in_the_path_no_longer_exists(client):
    feedback = FeedbackFactory()

    assert client.get(f"{URL}/{feedback.tracking_code}", follow=True).status_code == 404


def test_status_dates_are_iso_with_the_handling_due_date(client):
    feedback = FeedbackFactory(due_on=dt.date(2026, 3, 16), forward_due_on=dt.date(2026, 3, 9))

    body = lookup(client, feedback.tracking_code).json()

    assert body["han_xu_ly"] == "2026-03-16"


def test_status_carries_no_personal_data(client):
    feedback = FeedbackFactory(answered=True)

    text = lookup(client, feedback.tracking_code).content.decode()

    assert feedback.sender_name not in text and feedback.sender_phone not in text and feedback.sender_email not in text
