"""Hostile input on the public endpoints: a clean 4xx and nothing stored, or stored verbatim and inert.

Covers what tests/feedback and tests/cms do not already: oversized bodies, deep JSON, invalid UTF-8, NUL
bytes, path traversal in attachment names, CSRF-less posts of the public form, and SQL/HTML injection
strings in every field of the public forms and query parameters.
"""

import json

import pytest
from django.test import Client

from feedback.models import Feedback, FeedbackAttachment
from tests.factories.feedback import submission_payload
from tests.feedback.uploads import PDF_BYTES, upload
from tests.security.fuzzing import hostile_requests

pytestmark = pytest.mark.django_db

API = "/api/v1/feedback"
FORM = "/phan-anh-kien-nghi/"
SQL = "'; DROP TABLE feedback_feedback; --"
HTML = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
TEXT_FIELDS = ["ho_ten", "dia_chi", "dia_chi_thu_tin", "quy_dinh_lien_quan", "tieu_de", "noi_dung"]
CONSTRAINED_FIELDS = ["loai_nguoi_gui", "loai", "email", "dien_thoai", "ma_thu_tuc"]
MODEL_FIELD = {
    "ho_ten": "sender_name",
    "dia_chi": "sender_address",
    "dia_chi_thu_tin": "sender_mailing_address",
    "quy_dinh_lien_quan": "regulation",
    "tieu_de": "title",
    "noi_dung": "content",
}


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    from django.core.cache import cache

    cache.clear()


def post_json(client, body: bytes):
    return client.post(API, data=body, content_type="application/json")


def form_data(**overrides) -> dict:
    data = submission_payload(**overrides)
    return {key: ("on" if value is True else value) for key, value in data.items() if value is not False}


# --- oversized, deep, malformed bodies ------------------------------------------------------------------


def test_oversized_json_body_is_413(client):
    body = json.dumps(submission_payload(noi_dung="x" * 3_000_000)).encode()
    assert post_json(client, body).status_code == 413


def test_oversized_json_body_stores_nothing(client):
    post_json(client, json.dumps(submission_payload(noi_dung="x" * 3_000_000)).encode())
    assert Feedback.objects.count() == 0


def test_oversized_form_post_is_400(client):
    assert client.post(FORM, form_data(noi_dung="x" * 3_000_000)).status_code == 400


def test_deeply_nested_json_is_400(client):
    assert post_json(client, b"[" * 100_000 + b"]" * 100_000).status_code == 400


def test_deeply_nested_json_value_is_400(client):
    body = json.dumps(submission_payload()).encode()[:-1] + b', "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert post_json(client, body).status_code == 400


def test_deeply_nested_json_stores_nothing(client):
    post_json(client, b'{"ho_ten": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert Feedback.objects.count() == 0


def test_invalid_utf8_json_is_400(client):
    body = json.dumps(submission_payload(ho_ten="NGUYEN")).encode().replace(b"NGUYEN", b"\xff\xfe\xc3\x28")
    assert post_json(client, body).status_code == 400


def test_invalid_utf8_json_stores_nothing(client):
    body = json.dumps(submission_payload(ho_ten="NGUYEN")).encode().replace(b"NGUYEN", b"\xff\xfe\xc3\x28")
    post_json(client, body)
    assert Feedback.objects.count() == 0


def test_invalid_utf8_form_post_is_400(client):
    body = (
        "&".join(f"{key}={value}" for key, value in form_data(ho_ten="NGUYEN").items() if key != "ho_ten").encode()
        + b"&ho_ten=%FF%FE%C3%28"
    )
    response = client.post(FORM, data=body, content_type="application/x-www-form-urlencoded")
    assert (response.status_code, Feedback.objects.count()) == (400, 0)


def test_invalid_utf8_in_search_query_is_answered(client):
    assert client.get("/tra-cuu/?q=%FF%FE%C3%28").status_code < 500


# --- NUL bytes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_nul_byte_in_json_field_is_400_and_stores_nothing(client, field):
    value = submission_payload().get(field) or "Địa chỉ thư tín"
    response = post_json(client, json.dumps(submission_payload(**{field: value + "\x00abc"})).encode())
    assert (response.status_code, Feedback.objects.count()) == (400, 0)


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_nul_byte_in_form_field_is_400_and_stores_nothing(client, field):
    value = submission_payload().get(field) or "Địa chỉ thư tín"
    response = client.post(FORM, form_data(**{field: value + "\x00abc"}))
    assert (response.status_code, Feedback.objects.count()) == (400, 0)


@pytest.mark.parametrize(
    "path",
    [
        "/tra-cuu/?q=khai%00sinh",
        "/tra-cuu/?q=khai+sinh&field=a%00b",
        "/api/v1/search?q=khai%00sinh",
        "/api/v1/search/suggest?q=khai%00sinh",
        "/phan-anh-kien-nghi/tra-cuu/?ma_tra_cuu=ab%00cd",
        "/phan-anh-kien-nghi/?ma_thu_tuc=1.00%001",
        "/phan-anh-kien-nghi/chon-thu-tuc/?q=khai%00sinh",
        "/api/v1/procedures/1.00%001",
        "/api/v1/procedures/1.00%001.jsonld",
        "/api/v1/procedures?field=a%00b",
        "/api/v1/deadline?received_at=2019-03-05T09:30:00&amount=3&unit=working_days&procedure=1.0%001",
        "/thong-ke/co-quan/ab%00cd/",
        "/thong-ke/tai-ve.csv?co_quan=ab%00cd",
    ],
)
def test_nul_byte_in_query_parameter_is_not_a_server_error(client, path):
    assert client.get(path).status_code < 500


def test_nul_byte_in_tracking_code_api_is_400(client):
    response = client.post("/api/v1/feedback/tra-cuu", {"ma_tra_cuu": "abc\x00def"}, content_type="application/json")
    assert response.status_code == 400


def test_nul_byte_in_tracking_code_form_is_not_a_server_error(client):
    assert client.post("/phan-anh-kien-nghi/tra-cuu/", {"ma_tra_cuu": "abc\x00def"}).status_code < 500


# --- attachments ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "/etc/cron.d/x.pdf"])
def test_traversal_in_attachment_name_never_leaves_the_private_root(client, settings, name):
    response = client.post(f"{API}/multipart", {**form_data(), "tep_dinh_kem": [upload(name, PDF_BYTES)]})
    stored = FeedbackAttachment.objects.get()
    path = settings.FEEDBACK_PRIVATE_ROOT.resolve()
    assert (response.status_code, path in (path / stored.file.name).resolve().parents) == (201, True)


@pytest.mark.parametrize("name", ["../../../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf"])
def test_traversal_in_attachment_name_is_not_kept_as_a_path(client, name):
    client.post(f"{API}/multipart", {**form_data(), "tep_dinh_kem": [upload(name, PDF_BYTES)]})
    stored = FeedbackAttachment.objects.get()
    assert ".." not in stored.original_name + stored.file.name


def test_traversal_name_with_script_content_is_400_and_stores_nothing(client):
    spoofed = upload("../../config/settings/base.pdf", b"import os\nos.system('id')\n", "application/pdf")
    response = client.post(f"{API}/multipart", {**form_data(), "tep_dinh_kem": [spoofed]})
    assert (response.status_code, Feedback.objects.count(), FeedbackAttachment.objects.count()) == (400, 0, 0)


def test_spoofed_attachment_through_the_form_stores_nothing(client):
    spoofed = upload("anh.jpg", b"<svg onload=alert(1)></svg>", "image/jpeg")
    response = client.post(FORM, {**form_data(), "tep_dinh_kem": [spoofed]})
    assert (response.status_code, Feedback.objects.count(), FeedbackAttachment.objects.count()) == (400, 0, 0)


# --- CSRF -----------------------------------------------------------------------------------------------


def test_form_post_without_csrf_token_stores_nothing():
    response = Client(enforce_csrf_checks=True).post(FORM, form_data())
    assert (response.status_code, Feedback.objects.count()) == (403, 0)


def test_admin_login_without_csrf_token_is_403():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "admin", "password": "admin"})
    assert response.status_code == 403


# --- SQL and HTML injection strings in every field -------------------------------------------------------


@pytest.mark.parametrize("payload", [SQL, HTML])
@pytest.mark.parametrize("field", CONSTRAINED_FIELDS)
def test_injection_in_a_constrained_field_is_400_and_stores_nothing(client, field, payload):
    response = post_json(client, json.dumps(submission_payload(**{field: payload})).encode())
    assert (response.status_code, Feedback.objects.count()) == (400, 0)


@pytest.mark.parametrize("payload", [SQL, HTML])
@pytest.mark.parametrize("field", CONSTRAINED_FIELDS)
def test_injection_in_a_constrained_form_field_is_400_and_stores_nothing(client, field, payload):
    response = client.post(FORM, form_data(**{field: payload}))
    assert (response.status_code, Feedback.objects.count()) == (400, 0)


@pytest.mark.parametrize("payload", [SQL, HTML])
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_injection_in_a_free_text_field_is_stored_verbatim_as_text(client, field, payload):
    text = f"{payload} {submission_payload().get(field, '')}".strip()
    if field == "noi_dung":
        text = f"{payload} nội dung phản ánh đủ dài để hợp lệ."
    post_json(client, json.dumps(submission_payload(**{field: text[:250]})).encode())
    assert getattr(Feedback.objects.get(), MODEL_FIELD[field]) == text[:250]


@pytest.mark.parametrize(
    "path",
    [
        "/tra-cuu/?q={}",
        "/api/v1/search?q={}",
        "/api/v1/search/suggest?q={}",
        "/phan-anh-kien-nghi/tra-cuu/?ma_tra_cuu={}",
        "/phan-anh-kien-nghi/chon-thu-tuc/?q={}",
        "/phan-anh-kien-nghi/?ma_thu_tuc={}",
        "/thu-tuc/?trang={}",
        "/api/v1/procedures?field={}",
        "/api/v1/deadline?received_at={}&amount=3&unit=working_days",
        "/thong-ke/?nam={}",
    ],
)
@pytest.mark.parametrize("payload", [SQL, HTML])
def test_injection_in_a_query_parameter_is_never_a_server_error(client, path, payload):
    from urllib.parse import quote

    assert client.get(path.format(quote(payload))).status_code < 500


# --- escaping of rendered user content ------------------------------------------------------------------


def test_search_page_escapes_the_query(client):
    html = client.get("/tra-cuu/", {"q": HTML}).content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


def test_procedure_picker_escapes_the_query(client):
    html = client.get("/phan-anh-kien-nghi/chon-thu-tuc/", {"q": HTML}).content.decode()
    assert "<script>alert" not in html


def test_rejected_form_escapes_what_was_typed(client):
    html = client.post(FORM, form_data(tieu_de=HTML, noi_dung="ngắn")).content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


def test_published_answer_list_escapes_the_question(client):
    from tests.factories.feedback import FeedbackFactory

    FeedbackFactory(answered=True, public_title=HTML, public_question=HTML, answer=HTML)
    html = client.get("/phan-anh-kien-nghi/tra-loi/").content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


def test_published_answer_page_escapes_question_and_answer(client):
    from tests.factories.feedback import FeedbackFactory

    item = FeedbackFactory(answered=True, public_title=HTML, public_question=HTML, answer=HTML)
    html = client.get(f"/phan-anh-kien-nghi/tra-loi/{item.register_number}/").content.decode()
    assert ("<script>alert" in html, "onerror=alert" in html.replace("&lt;img src=x onerror=alert", "")) == (
        False,
        False,
    )


def test_procedure_page_escapes_the_name(client):
    from tests.factories.feedback import procedure_in_force

    procedure_in_force(code="1.999001", name=f"Thủ tục {HTML}")
    html = client.get("/thu-tuc/1.999001/").content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


def test_procedure_listing_escapes_the_name(client):
    from tests.factories.feedback import procedure_in_force

    procedure_in_force(code="1.999002", name=f"Thủ tục {HTML}")
    html = client.get("/thu-tuc/").content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


def test_admin_feedback_queue_escapes_the_title(admin_client):
    from tests.factories.feedback import FeedbackFactory

    FeedbackFactory(title=HTML)
    html = admin_client.get("/admin/phan-anh-kien-nghi/").content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


def test_admin_feedback_detail_escapes_sender_content(admin_client):
    from tests.factories.feedback import FeedbackFactory

    item = FeedbackFactory(title=HTML, content=HTML, sender_name=HTML, sender_address=HTML)
    html = admin_client.get(f"/admin/phan-anh-kien-nghi/{item.pk}/").content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


def test_admin_procedure_listing_escapes_the_name(admin_client):
    from tests.factories.feedback import procedure_in_force

    procedure_in_force(code="1.999003", name=f"Thủ tục {HTML}")
    html = admin_client.get("/admin/snippets/catalog/procedure/").content.decode()
    assert ("<script>alert" in html, "&lt;script&gt;alert" in html) == (False, True)


# --- issue 16.8: lone surrogates, digits other than 0-9, deep JSON for dossiers, lists for strings ----------

SURROGATES = ["\ud800", "\udfff", "a\ud83db", "\ude00x"]


def _source_token() -> str:
    from tests.factories.timeliness import SourceSystemFactory
    from timeliness.services.sources import source_system_issue_token

    return source_system_issue_token(source=SourceSystemFactory(name="mot-cua-thu"))


@pytest.mark.parametrize("surrogate", SURROGATES)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_lone_surrogate_in_a_feedback_field_is_400_and_stores_nothing(client, field, surrogate):
    body = json.dumps(submission_payload(**{field: f"Nội dung {surrogate} đủ dài để hợp lệ."}))
    response = post_json(client, body.encode())
    assert (response.status_code, response.json()["errors"][0]["field"], Feedback.objects.count()) == (400, "", 0)


def test_lone_surrogate_in_a_json_key_is_400(client):
    body = json.dumps({**submission_payload(), "\ud800": "x"}).encode()
    assert post_json(client, body).status_code == 400


def test_lone_surrogate_in_a_tracking_lookup_is_400(client):
    body = json.dumps({"ma_tra_cuu": "\ud800"}).encode()
    assert client.post("/api/v1/feedback/tra-cuu", body, content_type="application/json").status_code == 400


def test_lone_surrogate_in_a_dossier_is_400(client):
    body = json.dumps({"dossiers": [{"ma_ho_so": "\ud800", "ma_co_quan": "A", "ten_co_quan": "B"}]}).encode()
    response = client.post(
        "/api/v1/dossiers", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_source_token()}"
    )
    assert response.status_code == 400


def test_lone_surrogate_with_a_form_content_type_is_400(client):
    body = json.dumps(submission_payload(ho_ten="\ud800")).encode()
    response = client.post(API, body, content_type="text/plain")
    assert (response.status_code, Feedback.objects.count()) == (400, 0)


@pytest.mark.parametrize("digits", ["²", "³", "٢٠٢٠", "２０２０", "२०२०", "¹⁰", "2⁰2⁶"])
@pytest.mark.parametrize(
    "path",
    [
        "/thong-ke/?nam={}",
        "/thong-ke/?quy={}",
        "/thong-ke/?thang={}",
        "/thong-ke/tai-ve.csv?nam={}",
        "/thu-tuc/?trang={}",
        "/tra-cuu/?page={}",
        "/phan-anh-kien-nghi/tra-loi/?trang={}",
        "/api/v1/search?page={}",
        "/api/v1/procedures?page={}",
        "/api/v1/deadline?received_at=2019-03-05T09:30:00&amount={}&unit=working_days",
    ],
)
def test_digits_other_than_0_9_in_a_numeric_parameter_are_400(client, path, digits):
    assert client.get(path.format(digits)).status_code == 400


def test_the_400_page_names_the_parameter_in_vietnamese(client):
    html = client.get("/thong-ke/", {"nam": "²"}).content.decode()
    assert "nam" in html and "chữ số 0–9" in html


def test_a_search_with_a_superscript_in_a_word_is_still_answered(client):
    assert client.get("/tra-cuu/", {"q": "diện tích 100 m²"}).status_code == 200


def test_deeply_nested_dossier_json_is_400_and_stores_nothing(client):
    from timeliness.models import Dossier

    body = b'{"dossiers": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post(
        "/api/v1/dossiers", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_source_token()}"
    )
    assert (response.status_code, Dossier.objects.count()) == (400, 0)


def test_moderately_nested_dossier_json_past_the_limit_is_400(client, settings):
    inner = {"ma_ho_so": "1", "ma_co_quan": "A", "ten_co_quan": "B", "ngay_tiep_nhan": "2026-03-02"}
    for _level in range(settings.REQUEST_JSON_MAX_DEPTH):
        inner = {"x": inner}
    body = json.dumps({"dossiers": [inner]}).encode()
    response = client.post(
        "/api/v1/dossiers", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_source_token()}"
    )
    assert response.status_code == 400


@pytest.mark.parametrize("value", [["a", "b"], {"a": 1}, 12, True])
@pytest.mark.parametrize("field", TEXT_FIELDS + CONSTRAINED_FIELDS)
def test_a_non_string_where_a_string_belongs_is_400_naming_the_field(client, field, value):
    response = post_json(client, json.dumps(submission_payload(**{field: value})).encode())
    body = response.json()
    assert (response.status_code, body["errors"][0]["field"], Feedback.objects.count()) == (400, field, 0)


@pytest.mark.parametrize("value", [["on"], "có", 1, {"x": True}])
def test_a_non_boolean_consent_is_400(client, value):
    response = post_json(client, json.dumps(submission_payload(dong_y_xu_ly_du_lieu=value)).encode())
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "dong_y_xu_ly_du_lieu")


def test_a_list_where_a_dossier_field_string_belongs_is_400_naming_the_row(client):
    rows = [{"ma_ho_so": "HS-1", "ma_co_quan": ["A"], "ten_co_quan": "B", "ngay_tiep_nhan": "2026-03-02"}]
    response = client.post(
        "/api/v1/dossiers",
        json.dumps({"dossiers": rows}).encode(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_source_token()}",
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "dossiers[0].ma_co_quan")


def test_a_list_where_the_tracking_code_belongs_is_400(client):
    body = json.dumps({"ma_tra_cuu": ["AAAA-BBBB-CC"]}).encode()
    assert client.post("/api/v1/feedback/tra-cuu", body, content_type="application/json").status_code == 400


def test_a_body_larger_than_the_request_limit_is_413_before_it_is_read(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    response = client.post(f"{API}/multipart", {**form_data(), "tep_dinh_kem": [upload("a.pdf", PDF_BYTES * 200)]})
    assert (response.status_code, Feedback.objects.count()) == (413, 0)


@pytest.mark.parametrize(
    ("label", "method", "path", "body"), hostile_requests(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_every_hostile_request_of_the_fuzz_run_is_400(client, label, method, path, body):
    send = client.get if method == "GET" else client.post
    response = send(path) if body is None else send(path, data=body, content_type="application/json")
    assert (response.status_code, Feedback.objects.count()) == (400, 0)
