"""Personal data sent with a feedback never appears on a public page, feed, sitemap, API or search result."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from catalog.models import Agency
from feedback.choices import Classification
from feedback.models import Feedback
from feedback.selectors import published_answers_for_procedure
from feedback.services import (
    feedback_answer_draft,
    feedback_answer_publish,
    feedback_answer_review,
    feedback_answer_submit,
    feedback_classify,
)
from tests.factories.catalog import AgencyFactory
from tests.factories.feedback import procedure_in_force, submission_payload
from tests.feedback.uploads import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

NAME = "Hoàng Thị Bímật Xyzq"
ADDRESS = "99 Đường Riêngtư Qwv, Phường 9"
PHONE = "0909123987"
MAILING = "Hộp thư Kínđáo 777"
EMAIL = "bimat.xyzq@example.org"
FILENAME = "cccd-bimat-xyzq.pdf"
SECRETS = [NAME, ADDRESS, PHONE, MAILING, EMAIL, FILENAME, "Bímật", "Xyzq", "Riêngtư", "Kínđáo", "bimat.xyzq"]


def _published_item(client: Client) -> Feedback:
    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")
    data = submission_payload(
        ho_ten=NAME,
        dia_chi=ADDRESS,
        dien_thoai=PHONE,
        dia_chi_thu_tin=MAILING,
        email=EMAIL,
        ma_thu_tuc="1.001193",
        tieu_de=f"Phản ánh của {NAME}",
        noi_dung=f"Tôi là {NAME}, ở {ADDRESS}, điện thoại {PHONE}: giấy khai sinh cấp chậm lộtrình.",
    )
    data["dong_y_xu_ly_du_lieu"] = "on"
    data["cho_phep_cong_khai"] = "on"
    data["tep_dinh_kem"] = [upload(FILENAME, PDF_BYTES)]
    assert client.post("/phan-anh-kien-nghi/", data).status_code == 302
    feedback = Feedback.objects.get()
    agency: Agency = AgencyFactory(name="Sở Tư pháp")
    feedback_classify(feedback=feedback, decision=Classification.ACCEPT, agency=agency)
    feedback_answer_draft(
        feedback=feedback,
        public_title="Về thời gian cấp giấy khai sinh lộtrình",
        public_question="Người dân hỏi vì sao giấy khai sinh cấp chậm lộtrình.",
        answer="Giấy khai sinh được cấp ngay trong ngày làm việc.",
    )
    feedback_answer_submit(feedback=feedback)
    feedback_answer_review(feedback=feedback, approve=True)
    return feedback_answer_publish(feedback=feedback)


def _public_urls(feedback: Feedback) -> list[str]:
    return [
        "/",
        "/phan-anh-kien-nghi/",
        "/phan-anh-kien-nghi/?ma_thu_tuc=1.001193",
        "/phan-anh-kien-nghi/da-gui/",
        "/phan-anh-kien-nghi/tra-loi/",
        f"/phan-anh-kien-nghi/tra-loi/{feedback.register_number}/",
        "/phan-anh-kien-nghi/chon-thu-tuc/?q=khai+sinh",
        "/api/v1/openapi.json",
        # Site-wide pages owned by other apps; checked whatever their status (404 pages included).
        "/thu-tuc/1.001193/",
        "/sitemap.xml",
        "/nguon-tin/quyet-dinh.atom",
        "/nguon-tin/thu-tuc.atom",
        "/tim-kiem/?q=l%E1%BB%99tr%C3%ACnh",
        "/api/v1/search?q=l%E1%BB%99tr%C3%ACnh",
        "/api/v1/search/suggest?q=l%E1%BB%99tr%C3%ACnh",
        "/api/v1/procedures/1.001193",
    ]


@pytest.fixture
def swept():
    client = Client()
    feedback = _published_item(client)
    pages = {url: client.get(url).content.decode("utf-8", errors="replace") for url in _public_urls(feedback)}
    code = {"ma_tra_cuu": feedback.tracking_code}
    pages["POST /phan-anh-kien-nghi/tra-cuu/"] = client.post("/phan-anh-kien-nghi/tra-cuu/", code).content.decode()
    pages["POST /api/v1/feedback/tra-cuu"] = client.post(
        "/api/v1/feedback/tra-cuu", code, content_type="application/json"
    ).content.decode()
    for section in re.findall(r"<loc>https?://[^/<]+(/sitemap-[^<]+)</loc>", pages["/sitemap.xml"]):
        pages[section] = client.get(section).content.decode("utf-8", errors="replace")
    pages["include:procedure_answers"] = render_to_string(
        "feedback/includes/procedure_answers.html", {"answers": published_answers_for_procedure(code="1.001193")}
    )
    return feedback, pages


def test_published_answer_is_actually_public(swept):
    feedback, pages = swept

    assert "cấp ngay trong ngày làm việc" in pages[f"/phan-anh-kien-nghi/tra-loi/{feedback.register_number}/"]


def test_procedure_include_shows_the_answer(swept):
    _feedback, pages = swept

    assert "Về thời gian cấp giấy khai sinh" in pages["include:procedure_answers"]


def test_procedure_page_shows_the_answer(swept):
    _feedback, pages = swept

    assert "Về thời gian cấp giấy khai sinh" in pages["/thu-tuc/1.001193/"]


def test_sitemap_sections_were_swept(swept):
    _feedback, pages = swept

    assert any(url.startswith("/sitemap-") for url in pages)


def test_no_personal_data_on_any_public_page(swept):
    _feedback, pages = swept

    leaks = [(url, secret) for url, page in pages.items() for secret in SECRETS if secret in page]

    assert leaks == []


def test_tracking_code_is_not_on_shared_public_pages(swept):
    feedback, pages = swept
    shared = ["/phan-anh-kien-nghi/tra-loi/", f"/phan-anh-kien-nghi/tra-loi/{feedback.register_number}/"]

    assert all(feedback.tracking_code not in pages[url] for url in shared)
