"""Pure mappers between `tthc-exchange/1` JSON (national portal labels as keys) and exchange records.

The only module that knows the format's key names. Import direction: every string is normalised to
Unicode NFC, and an empty optional text becomes null (the catalog stores both as empty). Export
direction: keys in the documented order, then the catalog's additions, then unknown keys (sorted)
that were kept from an earlier import.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.utils.translation import gettext as _

from catalog.text import procedure_name_clean
from exchange.records import (
    AgenciesRecord,
    ChannelRecord,
    DocumentHeader,
    DossierGroupRecord,
    LegalBasisRecord,
    NamedCodeRecord,
    NationalCodesRecord,
    PaperRecord,
    ProcedureRecord,
    ProvincialDecisionRecord,
    RelatedRecord,
    StatusRecord,
    StructuredCaseRecord,
)

_ABSENT = object()

FORMAT = "tthc-exchange/1"

# Keys of one procedure, in the documented order.
PORTAL_KEYS = (
    "ma_thu_tuc",
    "ten_thu_tuc",
    "so_quyet_dinh",
    "cap_thuc_hien",
    "loai_thu_tuc",
    "linh_vuc",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "doi_tuong_thuc_hien",
    "co_quan_thuc_hien",
    "co_quan_co_tham_quyen",
    "dia_chi_tiep_nhan",
    "co_quan_duoc_uy_quyen",
    "co_quan_phoi_hop",
    "ket_qua_thuc_hien",
    "can_cu_phap_ly",
    "yeu_cau_dieu_kien",
    "tu_khoa",
    "mo_ta",
    "nguon",
)
CATALOG_KEYS = (
    "duong_dan",
    "muc_do_dvc_truc_tuyen",
    "tiep_nhan_mot_cua",
    "nhom_lien_thong",
    "thu_tuc_lien_quan",
    "thu_tuc_thay_the",
    "don_vi_chu_tri",
    "ma_quoc_gia",
    "thoi_han_cau_truc",
    "quyet_dinh_cong_bo_tinh",
    "trang_thai",
    "phien_ban",
    "ban_lam_viec",
)
# Online service levels as exchanged: the catalog's values, "khong" = stated not online, null = unknown.
ONLINE_LEVELS = ("khong", "thong_tin", "mot_phan", "toan_trinh")
KNOWN_KEYS = frozenset(PORTAL_KEYS + CATALOG_KEYS)

# Record attribute → external key, for error paths that name the external field.
FIELD_PATHS = {
    "code": "ma_thu_tuc",
    "name": "ten_thu_tuc",
    "central_decision_number": "so_quyet_dinh",
    "levels": "cap_thuc_hien",
    "procedure_type": "loai_thu_tuc",
    "field": "linh_vuc",
    "steps": "trinh_tu_thuc_hien",
    "channels": "cach_thuc_thuc_hien",
    "channel_label": "hinh_thuc_nop",
    "channel_time_limit": "thoi_han_giai_quyet",
    "structured": "thoi_han_cau_truc",
    "structured_cases": "cac_truong_hop",
    "structured_amount": "so_luong",
    "dossier": "thanh_phan_ho_so",
    "dossier_case": "truong_hop",
    "papers": "giay_to",
    "applicants": "doi_tuong_thuc_hien",
    "implementing": "co_quan_thuc_hien",
    "competent": "co_quan_co_tham_quyen",
    "authorised": "co_quan_duoc_uy_quyen",
    "coordinating": "co_quan_phoi_hop",
    "receiving_address": "dia_chi_tiep_nhan",
    "results": "ket_qua_thuc_hien",
    "legal_bases": "can_cu_phap_ly",
    "legal_number": "so_ky_hieu",
    "legal_issued_on": "ngay_ban_hanh",
    "legal_issuer": "co_quan_ban_hanh",
    "requirements": "yeu_cau_dieu_kien",
    "keywords": "tu_khoa",
    "description": "mo_ta",
    "source": "nguon",
    "slug": "duong_dan",
    "online_service_level": "muc_do_dvc_truc_tuyen",
    "one_stop": "tiep_nhan_mot_cua",
    "inter_agency_group": "nhom_lien_thong",
    "related": "thu_tuc_lien_quan",
    "successor": "thu_tuc_thay_the",
    "owner_agency": "don_vi_chu_tri",
    "national_codes": "ma_quoc_gia",
    "provincial_decisions": "quyet_dinh_cong_bo_tinh",
    "status": "trang_thai",
    "status_valid_from": "tu_ngay",
    "status_decision": "so_quyet_dinh",
}


def nfc_deep(value: Any) -> Any:
    """Every string in a JSON value (keys included) normalised to NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc_deep(item) for item in value]
    if isinstance(value, dict):
        return {nfc_deep(key): nfc_deep(item) for key, item in value.items()}
    return value


def sorted_deep(value: Any) -> Any:
    """Dicts with sorted keys at every depth (the database may not keep key order)."""
    if isinstance(value, dict):
        return {key: sorted_deep(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_deep(item) for item in value]
    return value


def _opt(value: str | None) -> str | None:
    """Optional text: empty or blank means not stated."""
    if value is None or not value.strip():
        return None
    return value


def _strings(value: list | None) -> tuple[str, ...]:
    return tuple(value or ())


def header_from_json(document: dict[str, Any]) -> DocumentHeader:
    return DocumentHeader(
        format=document.get("format", ""),
        generated_at=document.get("generated_at"),
        source_note=document.get("source_note"),
    )


def header_to_json(header: DocumentHeader) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT}
    if header.generated_at:
        out["generated_at"] = header.generated_at
    if header.source_note:
        out["source_note"] = header.source_note
    return out


def _structured_from_json(entry: dict[str, Any]) -> tuple[str, str, tuple[StructuredCaseRecord, ...]]:
    cases = tuple(
        StructuredCaseRecord(
            amount=case["so_luong"],
            unit=case["don_vi"],
            start_event=case.get("tinh_tu", "complete_dossier"),
            case=case.get("truong_hop", ""),
            max_only=case.get("toi_da", False),
        )
        for case in entry.get("cac_truong_hop", [])
    )
    return entry["trang_thai"], entry.get("ly_do", ""), cases


def record_from_json(raw: dict[str, Any]) -> ProcedureRecord:
    """A procedure object (already schema-valid) → record. Strings are normalised to NFC; a name loses the
    list marker a source left before it (". Thủ tục…", "1. Công nhận…")."""
    data = nfc_deep(raw)
    return ProcedureRecord(
        code=_opt(data.get("ma_thu_tuc")),
        name=procedure_name_clean(data["ten_thu_tuc"]),
        central_decision_number=_opt(data.get("so_quyet_dinh")),
        levels=_strings(data.get("cap_thuc_hien")),
        procedure_type=_opt(data.get("loai_thu_tuc")),
        field=_opt(data.get("linh_vuc")),
        steps=_strings(data.get("trinh_tu_thuc_hien")),
        channels=_channels_from_json(data),
        dossier=tuple(_group_from_json(group) for group in data.get("thanh_phan_ho_so") or []),
        applicants=_strings(data.get("doi_tuong_thuc_hien")),
        agencies=AgenciesRecord(
            implementing=_strings(data.get("co_quan_thuc_hien")),
            competent=_strings(data.get("co_quan_co_tham_quyen")),
            authorised=_strings(data.get("co_quan_duoc_uy_quyen")),
            coordinating=_strings(data.get("co_quan_phoi_hop")),
        ),
        receiving_address=_opt(data.get("dia_chi_tiep_nhan")),
        results=_strings(data.get("ket_qua_thuc_hien")),
        legal_bases=tuple(_legal_from_json(basis) for basis in data.get("can_cu_phap_ly") or []),
        requirements=_opt(data.get("yeu_cau_dieu_kien")),
        keywords=_strings(data.get("tu_khoa")),
        description=_opt(data.get("mo_ta")),
        source=data.get("nguon") or None,
        extra={key: value for key, value in data.items() if key not in KNOWN_KEYS},
        **_catalog_fields_from_json(data),
    )


def _channels_from_json(data: dict[str, Any]) -> tuple[ChannelRecord, ...]:
    """The channels, each with its structured time limit (`thoi_han_cau_truc`, by position) when given."""
    structured = data.get("thoi_han_cau_truc") or []
    channels = []
    for index, channel in enumerate(data.get("cach_thuc_thuc_hien") or []):
        status, flag, cases = _structured_from_json(structured[index]) if index < len(structured) else (None, "", ())
        channels.append(
            ChannelRecord(
                label=channel["hinh_thuc_nop"],
                time_limit_text=_opt(channel.get("thoi_han_giai_quyet")),
                fee_text=channel.get("phi_le_phi"),
                description=channel.get("mo_ta"),
                time_limit_status=status,
                time_limit_flag=flag,
                structured=cases,
            )
        )
    return tuple(channels)


def _group_from_json(group: dict[str, Any]) -> DossierGroupRecord:
    return DossierGroupRecord(
        case=_opt(group.get("truong_hop")),
        papers=tuple(
            PaperRecord(
                name=paper["ten_giay_to"],
                forms=_strings(paper.get("mau_don_to_khai")),
                originals=paper.get("so_ban_chinh"),
                copies=paper.get("so_ban_sao"),
                required=paper.get("bat_buoc", True),
                form_url=paper.get("tep_mau"),
            )
            for paper in group.get("giay_to") or []
        ),
    )


def _catalog_fields_from_json(data: dict[str, Any]) -> dict[str, Any]:
    """The record fields read from the catalog's additions to the portal's keys (None: left out of the file)."""
    related = data.get("thu_tuc_lien_quan", _ABSENT)
    online = data.get("muc_do_dvc_truc_tuyen", _ABSENT)
    owner = data.get("don_vi_chu_tri")
    return {
        "slug": data.get("duong_dan"),
        "online_service_level": None if online is _ABSENT else (online or ""),
        "one_stop": data.get("tiep_nhan_mot_cua"),
        "inter_agency_group": (data["nhom_lien_thong"] or "") if "nhom_lien_thong" in data else None,
        "related": None if related is _ABSENT else tuple(_related_from_json(entry) for entry in related or []),
        "owner_agency": NamedCodeRecord(owner["ten"], owner["ma"], owner.get("ma_quoc_gia") or "") if owner else None,
        "national_codes": _national_codes_from_json(data.get("ma_quoc_gia")),
        "successor": _related_from_json(data.get("thu_tuc_thay_the")),
        "provincial_decisions": tuple(_decision_from_json(item) for item in data.get("quyet_dinh_cong_bo_tinh") or []),
        "status": _status_from_json(data.get("trang_thai")),
        "version": data.get("phien_ban"),
        "draft": bool(data.get("ban_lam_viec")),
    }


def _national_codes_from_json(codes: dict[str, Any] | None) -> NationalCodesRecord | None:
    if codes is None:
        return None
    return NationalCodesRecord(
        field=codes.get("linh_vuc"),
        levels=tuple(NamedCodeRecord(entry["ten"], entry["ma"]) for entry in codes.get("cap_thuc_hien") or []),
        agencies=tuple(NamedCodeRecord(entry["ten"], entry["ma"]) for entry in codes.get("co_quan") or []),
    )


def _decision_from_json(item: dict[str, Any]) -> ProvincialDecisionRecord:
    return ProvincialDecisionRecord(
        number=item["so_quyet_dinh"],
        signed_on=item.get("ngay_ky"),
        effective_on=item.get("ngay_hieu_luc"),
        category=item["loai"],
        legal_document=_legal_from_json(item["van_ban"]) if item.get("van_ban") else None,
        change_note=_opt(item.get("noi_dung_thay_doi")),
        successor=_related_from_json(item.get("thu_tuc_thay_the")),
    )


def _status_from_json(status: dict[str, Any] | None) -> StatusRecord | None:
    if not status:
        return None
    return StatusRecord(status["ma"], status.get("tu_ngay"), status.get("den_ngay"), status.get("so_quyet_dinh"))


def _legal_from_json(basis: dict[str, Any]) -> LegalBasisRecord:
    return LegalBasisRecord(
        number=basis["so_ky_hieu"],
        summary=_opt(basis.get("trich_yeu")),
        issued_on=basis.get("ngay_ban_hanh"),
        issuer=_opt(basis.get("co_quan_ban_hanh")),
    )


def _related_from_json(entry: dict[str, Any] | None) -> RelatedRecord | None:
    if not entry:
        return None
    return RelatedRecord(code=_opt(entry.get("ma_thu_tuc")), name=procedure_name_clean(entry["ten_thu_tuc"]))


def _structured_to_json(channel: ChannelRecord) -> dict[str, Any]:
    entry: dict[str, Any] = {"hinh_thuc_nop": channel.label, "trang_thai": channel.time_limit_status or "missing"}
    if channel.time_limit_flag:
        entry["ly_do"] = channel.time_limit_flag
    entry["cac_truong_hop"] = [
        {
            "so_luong": case.amount,
            "don_vi": case.unit,
            "tinh_tu": case.start_event,
            "truong_hop": case.case,
            "toi_da": case.max_only,
        }
        for case in channel.structured
    ]
    return entry


def record_to_json(record: ProcedureRecord, *, catalog_keys: bool = True) -> dict[str, Any]:
    """Record → procedure object in the documented key order (plus the catalog's keys when asked)."""
    out: dict[str, Any] = {
        "ma_thu_tuc": record.code,
        "ten_thu_tuc": record.name,
        "so_quyet_dinh": record.central_decision_number,
        "cap_thuc_hien": list(record.levels),
        "loai_thu_tuc": record.procedure_type,
        "linh_vuc": record.field,
        "trinh_tu_thuc_hien": list(record.steps),
        "cach_thuc_thuc_hien": [_channel_to_json(channel) for channel in record.channels],
        "thanh_phan_ho_so": [
            {"truong_hop": group.case, "giay_to": [_paper_to_json(paper) for paper in group.papers]}
            for group in record.dossier
        ],
        "doi_tuong_thuc_hien": list(record.applicants),
        "co_quan_thuc_hien": list(record.agencies.implementing),
        "co_quan_co_tham_quyen": list(record.agencies.competent),
        "dia_chi_tiep_nhan": record.receiving_address,
        "co_quan_duoc_uy_quyen": list(record.agencies.authorised),
        "co_quan_phoi_hop": list(record.agencies.coordinating),
        "ket_qua_thuc_hien": list(record.results),
        "can_cu_phap_ly": [_legal_to_json(basis) for basis in record.legal_bases],
        "yeu_cau_dieu_kien": record.requirements,
        "tu_khoa": list(record.keywords),
        "mo_ta": record.description,
    }
    if record.source:
        out["nguon"] = sorted_deep(record.source)
    if catalog_keys:
        out.update(_catalog_keys_to_json(record))
    for key in sorted(record.extra):
        out[key] = sorted_deep(record.extra[key])
    return out


def _channel_to_json(channel: ChannelRecord) -> dict[str, Any]:
    return {
        "hinh_thuc_nop": channel.label,
        "thoi_han_giai_quyet": channel.time_limit_text,
        "phi_le_phi": channel.fee_text,
        "mo_ta": channel.description,
    }


def _catalog_keys_to_json(record: ProcedureRecord) -> dict[str, Any]:
    """The catalog's additions to the portal's keys, in their documented order."""
    out: dict[str, Any] = {}
    if record.slug is not None:
        out["duong_dan"] = record.slug
    out["muc_do_dvc_truc_tuyen"] = record.online_service_level or None
    if record.one_stop is not None:
        out["tiep_nhan_mot_cua"] = record.one_stop
    out["nhom_lien_thong"] = record.inter_agency_group or None
    out["thu_tuc_lien_quan"] = [_related_to_json(entry) for entry in record.related or ()]
    out["thu_tuc_thay_the"] = _related_to_json(record.successor) if record.successor else None
    out["don_vi_chu_tri"] = _owner_to_json(record.owner_agency) if record.owner_agency else None
    codes = record.national_codes
    if codes is not None and (codes.field or codes.levels or codes.agencies):
        out["ma_quoc_gia"] = _national_codes_to_json(codes)
    out["thoi_han_cau_truc"] = [_structured_to_json(channel) for channel in record.channels]
    out["quyet_dinh_cong_bo_tinh"] = [_decision_to_json(decision) for decision in record.provincial_decisions]
    if record.status is not None:
        out["trang_thai"] = _status_to_json(record.status)
    out["phien_ban"] = record.version
    if record.draft:
        out["ban_lam_viec"] = True
    return out


def _national_codes_to_json(codes: NationalCodesRecord) -> dict[str, Any]:
    return {
        "linh_vuc": codes.field,
        "cap_thuc_hien": [{"ten": entry.name, "ma": entry.code} for entry in codes.levels],
        "co_quan": [{"ten": entry.name, "ma": entry.code} for entry in codes.agencies],
    }


def _status_to_json(status: StatusRecord) -> dict[str, Any]:
    return {
        "ma": status.status,
        "tu_ngay": status.valid_from,
        "den_ngay": status.valid_until,
        "so_quyet_dinh": status.decision,
    }


def _paper_to_json(paper: PaperRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ten_giay_to": paper.name,
        "mau_don_to_khai": list(paper.forms),
        "so_ban_chinh": paper.originals,
        "so_ban_sao": paper.copies,
        "bat_buoc": paper.required,
    }
    if paper.form_url:
        out["tep_mau"] = paper.form_url
    return out


def _owner_to_json(owner: NamedCodeRecord) -> dict[str, Any]:
    out = {"ten": owner.name, "ma": owner.code}
    if owner.national_code:
        out["ma_quoc_gia"] = owner.national_code
    return out


def _legal_to_json(basis: LegalBasisRecord) -> dict[str, Any]:
    return {
        "so_ky_hieu": basis.number,
        "trich_yeu": basis.summary,
        "ngay_ban_hanh": basis.issued_on,
        "co_quan_ban_hanh": basis.issuer,
    }


def _related_to_json(entry: RelatedRecord) -> dict[str, Any]:
    return {"ma_thu_tuc": entry.code, "ten_thu_tuc": entry.name}


def _decision_to_json(decision: ProvincialDecisionRecord) -> dict[str, Any]:
    return {
        "so_quyet_dinh": decision.number,
        "ngay_ky": decision.signed_on,
        "ngay_hieu_luc": decision.effective_on,
        "loai": decision.category,
        "van_ban": _legal_to_json(decision.legal_document) if decision.legal_document else None,
        "noi_dung_thay_doi": decision.change_note,
        "thu_tuc_thay_the": _related_to_json(decision.successor) if decision.successor else None,
    }


def path_of(*parts: str | int) -> str:
    """An error path such as `cach_thuc_thuc_hien[1].thoi_han_giai_quyet` from record attribute names."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = FIELD_PATHS.get(part, part)
            text += f".{name}" if text else name
    return text


def raw_code(raw: Any) -> Any:
    """The code a procedure object gives, as written: names a record that fails the schema."""
    return raw.get("ma_thu_tuc") if isinstance(raw, dict) else None


def structured_problems(raw: dict[str, Any], record: ProcedureRecord) -> list[tuple[str, str]]:
    """(path, reason) where the structured time limits (one entry per channel, in the channels' order) do
    not line up with the record's channels: what the JSON Schema cannot say."""
    structured = raw.get("thoi_han_cau_truc")
    if structured is None:
        return []
    if len(structured) != len(record.channels):
        return [(path_of("structured"), _("số mục khác số hình thức nộp"))]
    return [
        (path_of("structured", i, "channel_label"), _("không khớp hình thức nộp cùng vị trí"))
        for i, (entry, channel) in enumerate(zip(structured, record.channels, strict=True))
        if entry["hinh_thuc_nop"] != channel.label
    ]
