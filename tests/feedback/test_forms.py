import pytest

from feedback.forms import FeedbackForm
from tests.factories.feedback import procedure_in_force, submission_payload

pytestmark = pytest.mark.django_db


def errors_of(**overrides) -> dict:
    form = FeedbackForm(submission_payload(**overrides))
    form.is_valid()
    return form.errors


def test_valid_payload_passes():
    assert errors_of() == {}


def test_missing_name_is_named():
    assert errors_of(ho_ten="")["ho_ten"] == ["Cần ghi họ và tên người gửi (hoặc tên tổ chức)."]


def test_missing_address_is_named():
    assert "dia_chi" in errors_of(dia_chi="")


def test_phone_or_mailing_address_is_required():
    assert "dien_thoai" in errors_of(dien_thoai="", dia_chi_thu_tin="")


def test_mailing_address_alone_is_enough():
    assert errors_of(dien_thoai="", dia_chi_thu_tin="Hộp thư 12, Bưu điện Sóc Trăng") == {}


def test_consent_is_required():
    assert "dong_y_xu_ly_du_lieu" in errors_of(dong_y_xu_ly_du_lieu=False)


def test_unknown_kind_is_refused():
    assert "loai" in errors_of(loai="khieu_nai")


def test_content_too_short_is_refused():
    assert "noi_dung" in errors_of(noi_dung="Ngắn")


def test_content_too_long_is_refused():
    assert "noi_dung" in errors_of(noi_dung="a" * 10_001)


def test_title_too_long_is_refused():
    assert "tieu_de" in errors_of(tieu_de="t" * 251)


def test_invalid_phone_is_refused():
    assert "dien_thoai" in errors_of(dien_thoai="gọi tôi")


def test_unknown_procedure_code_is_refused():
    assert "ma_thu_tuc" in errors_of(ma_thu_tuc="9.999999")


def test_procedure_in_force_is_attached():
    version = procedure_in_force(code="1.001193")
    form = FeedbackForm(submission_payload(ma_thu_tuc="1.001193"))
    form.is_valid()

    assert form.to_input().procedure == version.procedure


def test_errors_are_linked_to_their_inputs():
    form = FeedbackForm(submission_payload(ho_ten=""))
    form.is_valid()

    assert "id_ho_ten_error" in form.fields["ho_ten"].widget.attrs["aria-describedby"]
