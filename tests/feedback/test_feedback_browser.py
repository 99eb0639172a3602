"""Journey in a real browser: submit from the procedure's form, look up the status, read the answer on the procedure page."""

import pytest

from feedback.choices import Classification
from feedback.models import Feedback
from feedback.services import (
    feedback_answer_draft,
    feedback_answer_publish,
    feedback_answer_review,
    feedback_answer_submit,
    feedback_classify,
)
from tests.factories.catalog import AgencyFactory
from tests.factories.feedback import procedure_in_force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class FeedbackFormPage:
    """Page object of /phan-anh-kien-nghi/."""

    def __init__(self, page):
        self.page = page

    def open(self, code: str = ""):
        self.page.goto(f"/phan-anh-kien-nghi/?ma_thu_tuc={code}" if code else "/phan-anh-kien-nghi/")
        return self

    def fill_valid(self):
        page = self.page
        page.get_by_label("Cá nhân", exact=True).check()
        page.get_by_label("Họ và tên (hoặc tên tổ chức)").fill("Lê Văn Trình Duyệt")
        page.get_by_label("Địa chỉ", exact=True).fill("7 Trần Phú, Phường 7, TP. Sóc Trăng")
        page.get_by_label("Số điện thoại").fill("0939111222")
        page.get_by_label("Sự không phù hợp của quy định hành chính với thực tế").check()
        page.get_by_label("Tiêu đề", exact=True).fill("Mẫu tờ khai quá dài")
        page.get_by_label("Nội dung", exact=True).fill(
            "Mẫu tờ khai yêu cầu ghi lại thông tin đã có trong cơ sở dữ liệu."
        )
        page.get_by_label("Tôi đồng ý", exact=False).check()
        page.get_by_label("Cho phép công khai", exact=False).check()
        return self

    def submit(self):
        self.page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
        return self


def _publish(feedback: Feedback) -> None:
    feedback_classify(feedback=feedback, decision=Classification.ACCEPT, agency=AgencyFactory(name="Sở Tư pháp"))
    feedback_answer_draft(
        feedback=feedback,
        public_title="Về độ dài mẫu tờ khai",
        public_question="Vì sao mẫu tờ khai yêu cầu ghi lại thông tin đã có?",
        answer="Mẫu tờ khai mới đã bỏ các thông tin có sẵn trong cơ sở dữ liệu.",
    )
    feedback_answer_submit(feedback=feedback)
    feedback_answer_review(feedback=feedback, approve=True)
    feedback_answer_publish(feedback=feedback)


def test_submit_look_up_and_read_the_published_answer(browser_page):
    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")
    FeedbackFormPage(browser_page).open(code="1.001193").fill_valid().submit()
    tracking_code = browser_page.locator("#ma-tra-cuu").inner_text().strip()

    browser_page.goto("/phan-anh-kien-nghi/tra-cuu/")
    browser_page.get_by_label("Mã tra cứu").fill(tracking_code)
    browser_page.get_by_role("button", name="Tra cứu").click()
    status_before = browser_page.locator("#tinh-trang").inner_text()

    _publish(Feedback.objects.get(tracking_code=tracking_code))
    browser_page.reload()
    answer_on_status_page = browser_page.locator("#tra-loi").inner_text()
    browser_page.goto("/thu-tuc/1.001193/")
    browser_page.get_by_role("link", name="Về độ dài mẫu tờ khai").click()

    assert (status_before, "Mẫu tờ khai mới" in answer_on_status_page, browser_page.locator("h1").inner_text()) == (
        "Đã tiếp nhận, chờ phân loại",
        True,
        "Về độ dài mẫu tờ khai",
    )


def test_missing_name_is_reported_next_to_the_field(browser_page):
    form = FeedbackFormPage(browser_page).open().fill_valid()
    browser_page.get_by_label("Họ và tên (hoặc tên tổ chức)").fill("")
    form.submit()

    assert (
        browser_page.locator("#id_ho_ten_error").inner_text().strip()
        == "Cần ghi họ và tên người gửi (hoặc tên tổ chức)."
    )


def test_typing_a_procedure_name_offers_suggestions_that_fill_the_code(browser_page):
    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")
    FeedbackFormPage(browser_page).open()

    browser_page.get_by_label("Mã thủ tục hành chính liên quan (không bắt buộc)").press_sequentially("khai sinh")
    browser_page.get_by_role("button", name="Thủ tục đăng ký khai sinh (1.001193)").click()

    assert browser_page.get_by_label("Mã thủ tục hành chính liên quan (không bắt buộc)").input_value() == "1.001193"
