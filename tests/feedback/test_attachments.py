import pytest

from feedback.attachments import DOCX, JPEG, PDF, PNG, AttachmentError, attachments_check, detect_content_type
from tests.feedback.uploads import JPEG_BYTES, PDF_BYTES, PNG_BYTES, docx_bytes, plain_zip_bytes, upload


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF_BYTES, PDF), (PNG_BYTES, PNG), (JPEG_BYTES, JPEG)],
)
def test_type_is_read_from_the_bytes(content, expected):
    assert detect_content_type(upload("tep.bin", content)) == expected


def test_docx_is_a_zip_with_a_word_document():
    assert detect_content_type(upload("don.docx", docx_bytes())) == DOCX


def test_zip_without_word_document_is_not_docx():
    assert detect_content_type(upload("don.docx", plain_zip_bytes())) is None


def test_executable_renamed_to_pdf_is_refused():
    spoofed = upload("hoa-don.pdf", b"MZ\x90\x00" + b"\x00" * 60, content_type="application/pdf")

    with pytest.raises(AttachmentError, match="hoa-don.pdf"):
        attachments_check([spoofed])


def test_html_renamed_to_png_is_refused():
    spoofed = upload("anh.png", b"<html><script>alert(1)</script></html>", content_type="image/png")

    with pytest.raises(AttachmentError):
        attachments_check([spoofed])


def test_six_files_are_refused():
    files = [upload(f"tep{n}.pdf", PDF_BYTES) for n in range(6)]

    with pytest.raises(AttachmentError, match="tối đa 5"):
        attachments_check(files)


def test_more_than_ten_megabytes_in_total_is_refused():
    files = [upload(f"tep{n}.pdf", PDF_BYTES + b"0" * (4 * 1024 * 1024)) for n in range(3)]

    with pytest.raises(AttachmentError, match="vượt quá"):
        attachments_check(files)


def test_five_small_valid_files_pass():
    files = [upload(f"tep{n}.pdf", PDF_BYTES) for n in range(5)]

    assert len(attachments_check(files)) == 5
