"""Attachment checks by content (magic bytes), never by file name or the browser's declared type."""

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class CheckedAttachment:
    upload: UploadedFile
    content_type: str


class AttachmentError(ValueError):
    """An attachment the app refuses; the message names the file and the reason (Vietnamese)."""


def _is_docx(upload: UploadedFile) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "word/document.xml" in names and "[Content_Types].xml" in names


def detect_content_type(upload: UploadedFile) -> str | None:
    """The real type of an uploaded file among the accepted ones, read from its bytes; None otherwise."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04") and _is_docx(upload):
        return DOCX
    return None


def attachments_check(uploads: Sequence[UploadedFile]) -> list[CheckedAttachment]:
    """Check count, total size and each file's real type; raise AttachmentError naming the problem."""
    if len(uploads) > settings.FEEDBACK_MAX_ATTACHMENTS:
        raise AttachmentError(_("Chỉ được gửi tối đa %(n)d tệp đính kèm.") % {"n": settings.FEEDBACK_MAX_ATTACHMENTS})
    total = sum(upload.size or 0 for upload in uploads)
    if total > settings.FEEDBACK_MAX_ATTACHMENTS_BYTES:
        raise AttachmentError(
            _("Tổng dung lượng tệp đính kèm (%(total)s) vượt quá giới hạn %(limit)s.")
            % {"total": filesizeformat(total), "limit": filesizeformat(settings.FEEDBACK_MAX_ATTACHMENTS_BYTES)}
        )
    checked = []
    for upload in uploads:
        content_type = detect_content_type(upload)
        if content_type is None:
            raise AttachmentError(
                _("Tệp “%(name)s” không phải PDF, JPEG, PNG hoặc DOCX (kiểm tra theo nội dung tệp).")
                % {"name": upload.name}
            )
        checked.append(CheckedAttachment(upload=upload, content_type=content_type))
    return checked
