"""Completeness of a procedure record, Decree 63/2010 Art. 8(2).

A procedure may be submitted or announced only when every element is present: name, steps, channels,
dossier components (with number of sets), time limit, applicants, handling agency and result; and an
explicit statement for fees (per channel) and for requirements, which may be "Không" (staff tick
`no_fee` / `no_requirements`). Unknown is not "none": an empty fee or requirement is missing information.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalog.choices import AgencyRole
from catalog.models import Procedure


@dataclass(frozen=True)
class MissingElement:
    field: str  # model/snapshot field name
    label: str  # Vietnamese label for staff


def _stated(text: str | None) -> bool:
    return bool((text or "").strip())


def _has_any(values) -> bool:
    return any(str(value).strip() for value in values)


def _content_missing(procedure: Procedure, channels: list, items: list) -> list[MissingElement]:
    """Name, steps, channels and dossier components (with their number of sets)."""
    missing = []
    if not (procedure.name or "").strip():
        missing.append(MissingElement("name", str(_("Tên thủ tục"))))
    if not any(step.text.strip() for step in procedure.steps.all()):
        missing.append(MissingElement("steps", str(_("Trình tự thực hiện"))))
    if not channels:
        missing.append(MissingElement("channels", str(_("Cách thức thực hiện"))))
    if not items:
        missing.append(MissingElement("dossier_items", str(_("Thành phần hồ sơ"))))
    elif any(item.originals is None and item.copies is None for item in items):
        missing.append(MissingElement("dossier_items", str(_("Số lượng bộ hồ sơ (bản chính, bản sao)"))))
    return missing


def _handling_missing(procedure: Procedure, channels: list) -> list[MissingElement]:
    """Time limit (every channel), applicants, implementing agency and result."""
    missing = []
    if not channels or any(not _stated(channel.time_limit_text) for channel in channels):
        missing.append(MissingElement("time_limit", str(_("Thời hạn giải quyết"))))
    if not _has_any(procedure.applicants):
        missing.append(MissingElement("applicants", str(_("Đối tượng thực hiện"))))
    if not any(entry.role == AgencyRole.IMPLEMENTING and entry.name.strip() for entry in procedure.agencies.all()):
        missing.append(MissingElement("agencies", str(_("Cơ quan thực hiện"))))
    if not _has_any(procedure.results):
        missing.append(MissingElement("results", str(_("Kết quả thực hiện"))))
    return missing


def _statements_missing(procedure: Procedure, channels: list) -> list[MissingElement]:
    """Fees (per channel) and requirements: stated, or explicitly "Không"."""
    missing = []
    if channels and any(not (_stated(channel.fee_text) or channel.no_fee) for channel in channels):
        missing.append(
            MissingElement("fees", str(_("Phí, lệ phí (ghi rõ mức thu, hoặc chọn “Không thu phí, lệ phí”)")))
        )
    if not (_stated(procedure.requirements) or procedure.no_requirements):
        missing.append(
            MissingElement(
                "requirements",
                str(_("Yêu cầu, điều kiện (ghi rõ, hoặc chọn “Không có yêu cầu, điều kiện”)")),
            )
        )
    return missing


def procedure_missing_elements(procedure: Procedure) -> list[MissingElement]:
    """The elements `procedure` lacks, in the order of Art. 8(2); empty when complete.

    Works on unsaved in-memory clusters too (the admin checks a submitted form before saving).
    """
    channels = list(procedure.channels.all())
    items = list(procedure.dossier_items.all())
    return (
        _content_missing(procedure, channels, items)
        + _handling_missing(procedure, channels)
        + _statements_missing(procedure, channels)
    )
