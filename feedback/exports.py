"""Mapping of feedback records to the flat rows transferred to the national feedback system.

Field names of the transfer format live only here; the command and the report page's download both call
`feedback_transfer_write`.
"""

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import IO, Any

from django.utils import timezone

from feedback.choices import AccessAction
from feedback.models import Feedback

FIELDS = [
    "so_dang_ky",
    "ngay_tiep_nhan",
    "loai_nguoi_gui",
    "ho_ten",
    "dia_chi",
    "dien_thoai",
    "dia_chi_thu_tin",
    "email",
    "loai",
    "ma_thu_tuc",
    "ten_thu_tuc",
    "quy_dinh_lien_quan",
    "tieu_de",
    "noi_dung",
    "cho_phep_cong_khai",
    "tinh_trang",
    "co_quan_xu_ly",
    "han_xu_ly",
    "ngay_xu_ly_xong",
    "ly_do_khong_tiep_nhan",
    "chuyen_den",
    "tieu_de_cong_khai",
    "cau_hoi_cong_khai",
    "noi_dung_tra_loi",
    "ngay_tra_loi",
    "so_tep_dinh_kem",
]


def feedback_export_row(feedback: Feedback) -> dict[str, Any]:
    """One record in the transfer format (includes personal data: the national system needs it)."""
    return {
        "so_dang_ky": feedback.register_number,
        "ngay_tiep_nhan": timezone.localtime(feedback.received_at).isoformat(),
        "loai_nguoi_gui": feedback.sender_type,
        "ho_ten": feedback.sender_name,
        "dia_chi": feedback.sender_address,
        "dien_thoai": feedback.sender_phone,
        "dia_chi_thu_tin": feedback.sender_mailing_address,
        "email": feedback.sender_email,
        "loai": feedback.kind,
        "ma_thu_tuc": feedback.procedure_code,
        "ten_thu_tuc": feedback.procedure_name,
        "quy_dinh_lien_quan": feedback.regulation,
        "tieu_de": feedback.title,
        "noi_dung": feedback.content,
        "cho_phep_cong_khai": feedback.allow_publication,
        "tinh_trang": feedback.status,
        "co_quan_xu_ly": feedback.agency.name if feedback.agency_id else "",
        "han_xu_ly": feedback.due_on.isoformat(),
        "ngay_xu_ly_xong": feedback.handled_on.isoformat() if feedback.handled_on else "",
        "ly_do_khong_tiep_nhan": feedback.not_accepted_reason,
        "chuyen_den": feedback.forwarded_to,
        "tieu_de_cong_khai": feedback.public_title,
        "cau_hoi_cong_khai": feedback.public_question,
        "noi_dung_tra_loi": feedback.answer,
        "ngay_tra_loi": timezone.localtime(feedback.answered_at).isoformat() if feedback.answered_at else "",
        "so_tep_dinh_kem": feedback.attachments.count(),
    }


def write_csv(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    writer = csv.DictWriter(stream, fieldnames=FIELDS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_json(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    items = list(rows)
    json.dump({"phan_anh_kien_nghi": items}, stream, ensure_ascii=False, indent=2)
    return len(items)


TRANSFER_WRITERS = {"csv": write_csv, "json": write_json}


def feedback_transfer_write(
    stream: IO[str], *, format: str, since: dt.date | None, until: dt.date | None, user, destination: str
) -> int:
    """The records received from `since` to `until` (days included) written to `stream` in the transfer format
    (`format`: csv or json); the export of the senders' personal data is logged with `user` and `destination`.
    Returns how many records were written."""
    from feedback.selectors import feedback_for_transfer
    from feedback.services import personal_data_access_log

    rows = (feedback_export_row(item) for item in feedback_for_transfer(since=since, until=until).iterator())
    count = TRANSFER_WRITERS[format](rows, stream)
    personal_data_access_log(
        feedback=None, user=user, action=AccessAction.EXPORT, detail=f"{count} bản ghi → {destination}"
    )
    return count
