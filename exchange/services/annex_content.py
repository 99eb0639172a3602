"""A decision annex as plain data (`annex_document`): what both renderings (`exchange.services.annexes`)
show, and the lists' titles and columns the reverse reading (`exchange.services.annex_import`) recognises.
See `exchange.services.annexes` for the annex's form."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings

from catalog.choices import AnnouncementCategory
from catalog.citations import legal_citation
from catalog.models import AnnouncementDecision, DecisionItem, LegalDocument, Procedure
from catalog.selectors import procedures_reception_places
from catalog.text import normalize_name
from catalog.timelimits import time_limit_display
from exchange.mappers.catalog_procedure import procedure_to_record
from exchange.records import LegalBasisRecord, PaperRecord, ProcedureRecord
from exchange.selectors import RECORD_PREFETCH, record_from_snapshot

FONT = "Times New Roman"
UNKNOWN = "Chưa có thông tin"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
# Levels a province handles, in the annex's order; the ministry level is never a group of a provincial list.
PROVINCE_LEVELS = ("tinh", "huyen", "xa")
LEVEL_GROUPS = {
    "tinh": "Thủ tục hành chính cấp tỉnh",
    "huyen": "Thủ tục hành chính cấp huyện",
    "xa": "Thủ tục hành chính cấp xã",
}
OTHER_GROUP = "Thủ tục hành chính khác"

# Phần I lists: category, title, columns (the template's, in its order).
LISTS = (
    (
        AnnouncementCategory.NEW,
        "Danh mục thủ tục hành chính mới ban hành",
        (
            "STT",
            "Tên thủ tục hành chính",
            "Thời hạn giải quyết",
            "Địa điểm thực hiện",
            "Phí, lệ phí (nếu có)",
            "Căn cứ pháp lý",
        ),
    ),
    (
        AnnouncementCategory.AMENDED,
        "Danh mục thủ tục hành chính được sửa đổi, bổ sung",
        (
            "STT",
            "Số hồ sơ TTHC (mã)",
            "Tên thủ tục hành chính",
            "Tên VBQPPL quy định nội dung sửa đổi, bổ sung",
            "Lĩnh vực",
            "Cơ quan thực hiện",
        ),
    ),
    (
        AnnouncementCategory.REPLACED,
        "Danh mục thủ tục hành chính được thay thế",
        (
            "STT",
            "Số hồ sơ TTHC được thay thế",
            "Tên TTHC được thay thế",
            "Tên TTHC thay thế",
            "Tên VBQPPL quy định nội dung thay thế",
            "Lĩnh vực",
            "Cơ quan thực hiện",
        ),
    ),
    (
        AnnouncementCategory.ABOLISHED,
        "Danh mục thủ tục hành chính bị bãi bỏ",
        (
            "STT",
            "Số hồ sơ TTHC",
            "Tên thủ tục hành chính",
            "Tên VBQPPL quy định việc bãi bỏ, hủy bỏ",
            "Lĩnh vực",
            "Cơ quan thực hiện",
        ),
    ),
)
LIST_PHRASES = {
    AnnouncementCategory.NEW: "MỚI BAN HÀNH",
    AnnouncementCategory.AMENDED: "ĐƯỢC SỬA ĐỔI, BỔ SUNG",
    AnnouncementCategory.REPLACED: "ĐƯỢC THAY THẾ",
    AnnouncementCategory.ABOLISHED: "BỊ BÃI BỎ",
}
PART_ONE = "PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH"
PART_TWO = "PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH"
# Part II: every element of Decree 63/2010 Art. 8(2) under a numbered heading, in the template's order.
ELEMENTS = (
    "Trình tự thực hiện",
    "Cách thức thực hiện",
    "Thành phần, số lượng hồ sơ",
    "Thời hạn giải quyết",
    "Đối tượng thực hiện thủ tục hành chính",
    "Cơ quan thực hiện thủ tục hành chính",
    "Kết quả thực hiện thủ tục hành chính",
    "Phí, lệ phí (nếu có)",
    "Tên mẫu đơn, mẫu tờ khai (nếu có)",
    "Yêu cầu, điều kiện thực hiện thủ tục hành chính (nếu có)",
    "Căn cứ pháp lý của thủ tục hành chính",
)


# --- the annex as data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnexRow:
    """A row of a Phần I list: a group heading spanning the table (`cells` one text), or a procedure."""

    cells: tuple[str, ...]
    group: bool = False


@dataclass(frozen=True)
class AnnexList:
    category: str
    title: str  # "1. Danh mục thủ tục hành chính mới ban hành"
    columns: tuple[str, ...]
    rows: tuple[AnnexRow, ...]

    @property
    def item_count(self) -> int:
        return sum(not row.group for row in self.rows)


@dataclass(frozen=True)
class AnnexBlock:
    """A paragraph of Phần II: a heading (`level` 1 = procedure group, 2 = procedure, 3 = element) or text."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class AnnexDocument:
    heading: tuple[str, ...]  # "PHỤ LỤC", list title, "(Ban hành kèm theo ...)"
    lists: tuple[AnnexList, ...]
    content: tuple[AnnexBlock, ...]

    @property
    def item_count(self) -> int:
        return sum(annex_list.item_count for annex_list in self.lists)


@dataclass
class _Entry:
    item: DecisionItem
    record: ProcedureRecord
    level_code: str  # one of PROVINCE_LEVELS, or "" (other)
    field_name: str
    successor: ProcedureRecord | None = None
    places: list[str] = field(default_factory=list)


def _legal_citation(document: LegalDocument | LegalBasisRecord | None) -> str:
    if document is None:
        return UNKNOWN
    return legal_citation(document.number, document.summary, document.issued_on, document.issuer)


def province_level(procedure: Procedure) -> str:
    codes = {level.code for level in procedure.levels.all()}
    return next((code for code in PROVINCE_LEVELS if code in codes), "")


def field_heading(name: str) -> str:
    name = name or "khác"
    return name if normalize_name(name).startswith("lĩnh vực") else f"Lĩnh vực {name}"


def _per_channel(values: list[tuple[str, str]]) -> str:
    """One text when every channel says the same, else "Trực tiếp: …" per channel."""
    if not values:
        return UNKNOWN
    if len({text for _label, text in values}) == 1:
        return values[0][1]
    return "\n".join(f"{label}: {text}" for label, text in values)


def _time_limits(record: ProcedureRecord) -> str:
    return _per_channel(
        [(channel.label, time_limit_display(channel.time_limit_text) or UNKNOWN) for channel in record.channels]
    )


def _fees(record: ProcedureRecord) -> str:
    return _per_channel([(channel.label, (channel.fee_text or "").strip() or UNKNOWN) for channel in record.channels])


def _entries(decision: AnnouncementDecision) -> list[_Entry]:
    items = list(
        DecisionItem.objects.filter(decision=decision)
        .select_related("procedure", "successor", "legal_document", "version")
        .order_by("sort_order", "pk")
    )
    ids = {item.procedure_id for item in items} | {item.successor_id for item in items if item.successor_id}
    procedures = {
        p.pk: p for p in Procedure.objects.filter(pk__in=ids).select_related("field").prefetch_related(*RECORD_PREFETCH)
    }

    def record_of(item: DecisionItem, procedure: Procedure) -> ProcedureRecord:
        # What the decision announced: the version it made (once applied), else the approved working copy.
        if item.version_id and item.category in (AnnouncementCategory.NEW, AnnouncementCategory.AMENDED):
            return record_from_snapshot(item.version.content)
        return procedure_to_record(procedure, catalog_keys=False)

    places = procedures_reception_places(procedure_ids=[item.procedure_id for item in items])
    entries = []
    for item in items:
        procedure = procedures[item.procedure_id]
        successor = procedures.get(item.successor_id) if item.successor_id else None
        entries.append(
            _Entry(
                item=item,
                record=record_of(item, procedure),
                level_code=province_level(procedure),
                field_name=procedure.field.name if procedure.field_id else "",
                successor=procedure_to_record(successor, catalog_keys=False) if successor else None,
                places=[place.name for place in places[item.procedure_id]],
            )
        )
    return entries


def _grouped(entries: list[_Entry]) -> Iterator[tuple[str, list[tuple[str, list[_Entry]]]]]:
    """(level heading, [(field heading, entries)]) by the province's level order, then fields in the order
    they first appear in the decision, entries in the decision's order."""
    order = [*PROVINCE_LEVELS, ""]
    for level_code in order:
        members = [entry for entry in entries if entry.level_code == level_code]
        if not members:
            continue
        fields: dict[str, list[_Entry]] = {}
        for entry in members:
            fields.setdefault(entry.field_name, []).append(entry)
        yield (
            LEVEL_GROUPS.get(level_code, OTHER_GROUP),
            [(field_heading(name), group) for name, group in fields.items()],
        )


def _cells(category: str, number: int, entry: _Entry) -> tuple[str, ...]:
    record = entry.record
    agencies = "; ".join(record.agencies.implementing) or UNKNOWN
    field_name = entry.field_name or UNKNOWN
    legal = _legal_citation(entry.item.legal_document)
    if category == AnnouncementCategory.NEW:
        place = record.receiving_address or "; ".join(entry.places) or UNKNOWN
        bases = "\n".join(_legal_citation(basis) for basis in record.legal_bases) or UNKNOWN
        return (str(number), record.name, _time_limits(record), place, _fees(record), bases)
    if category == AnnouncementCategory.REPLACED:
        successor = entry.successor.name if entry.successor else UNKNOWN
        return (str(number), record.code or "", record.name, successor, legal, field_name, agencies)
    return (str(number), record.code or "", record.name, legal, field_name, agencies)


def _lines(values) -> list[str]:
    return [str(value).strip() for value in values if value and str(value).strip()] or [UNKNOWN]


def _content_blocks(number: int, record: ProcedureRecord) -> list[AnnexBlock]:
    """One procedure's Part II content: its name, then each Art. 8(2) element under a numbered heading."""
    title = f"{number}. {record.name}" + (f" (mã {record.code})" if record.code else "")
    blocks = [AnnexBlock(title, 2)]
    for index, (heading, lines) in enumerate(zip(ELEMENTS, _element_lines(record), strict=True), start=1):
        blocks.append(AnnexBlock(f"{index}. {heading}", 3))
        blocks.extend(AnnexBlock(line) for text in lines for line in text.split("\n"))
    return blocks


def _element_lines(record: ProcedureRecord) -> tuple[list[str], ...]:
    """The lines of each Art. 8(2) element, in ELEMENTS' order (UNKNOWN for an element without any)."""
    channels = record.channels
    forms = dict.fromkeys(form for group in record.dossier for paper in group.papers for form in paper.forms)
    return (
        _lines(record.steps),
        _lines(
            f"- {channel.label}" + (f": {channel.description}" if channel.description else "") for channel in channels
        ),
        _lines(_dossier_lines(record)),
        _lines(f"- {channel.label}: {time_limit_display(channel.time_limit_text) or UNKNOWN}" for channel in channels),
        _lines(record.applicants),
        _lines(_agency_lines(record)),
        _lines(record.results),
        _lines(f"- {channel.label}: {(channel.fee_text or '').strip() or UNKNOWN}" for channel in channels),
        _lines(f"- {form}" for form in forms),
        _lines([record.requirements]),
        _lines(_legal_citation(basis) for basis in record.legal_bases),
    )


def _dossier_lines(record: ProcedureRecord) -> list[str]:
    """Each group's case, then its papers with their counts ("- Tờ khai: 01 bản chính, 01 bản sao")."""
    lines = []
    for group in record.dossier:
        if group.case:
            lines.append(f"Trường hợp: {group.case}")
        lines.extend(_paper_line(paper) for paper in group.papers)
    return lines


def _paper_line(paper: PaperRecord) -> str:
    counts = ", ".join(
        part
        for part in (
            f"{paper.originals:02d} bản chính" if paper.originals else "",
            f"{paper.copies:02d} bản sao" if paper.copies else "",
        )
        if part
    )
    return f"- {_paper_name(paper.name)}" + (f": {counts}" if counts else "")


def _paper_name(name: str) -> str:
    """The name without the separators the national data often leaves around it ("; Trường hợp …",
    "Hóa đơn thương mại: 01 bản chụp;", "… thủ tục hải quan."): the counts follow after one colon, not ";:"."""
    name = name.strip().lstrip(";, ").rstrip(";:, ")
    return name[:-1] if name.endswith(".") and not name.endswith("..") else name


def _agency_lines(record: ProcedureRecord) -> list[str]:
    """The agencies by role, then the receiving address."""
    agencies = [
        f"- {label}: {'; '.join(names)}"
        for label, names in (
            ("Cơ quan thực hiện", record.agencies.implementing),
            ("Cơ quan có thẩm quyền", record.agencies.competent),
            ("Cơ quan được ủy quyền", record.agencies.authorised),
            ("Cơ quan phối hợp", record.agencies.coordinating),
        )
        if names
    ]
    if record.receiving_address:
        agencies.append(f"- Địa chỉ tiếp nhận hồ sơ: {record.receiving_address}")
    return agencies


def annex_heading(decision: AnnouncementDecision, categories: list[str]) -> tuple[str, ...]:
    phrases = [LIST_PHRASES[category] for category in categories]
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " VÀ " + phrases[-1] if phrases else ""
    title = f"DANH MỤC THỦ TỤC HÀNH CHÍNH {joined}".strip()
    if decision.proposing_agency_id:
        title += f" THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA {decision.proposing_agency.name.upper()}"
    signed = decision.signed_on
    day, month, year = (f"{signed:%d}", f"{signed:%m}", f"{signed:%Y}") if signed else ("…", "…", "…")
    province = settings.EXCHANGE_PROVINCE_NAME
    return (
        "PHỤ LỤC",
        title,
        f"(Ban hành kèm theo Quyết định số {decision.number} ngày {day} tháng {month} năm {year} "
        f"của Chủ tịch Ủy ban nhân dân {province})",
    )


def annex_document(*, decision: AnnouncementDecision) -> AnnexDocument:
    """The annex of `decision` as plain data (what both renderings show)."""
    entries = _entries(decision)
    lists: list[AnnexList] = []
    content_order: list[tuple[str, str, ProcedureRecord]] = []  # (level heading, field heading, record)
    present = [category for category, _title, _columns in LISTS if any(e.item.category == category for e in entries)]
    for category, title, columns in LISTS:
        members = [entry for entry in entries if entry.item.category == category]
        if not members:
            continue
        rows: list[AnnexRow] = []
        number = 0
        for level_index, (level_heading, fields) in enumerate(_grouped(members)):
            rows.append(AnnexRow((f"{chr(ord('A') + level_index)}. {level_heading}",), group=True))
            for field_index, (field_heading, group) in enumerate(fields):
                rows.append(AnnexRow((f"{ROMAN[field_index % len(ROMAN)]}. {field_heading}",), group=True))
                for entry in group:
                    number += 1
                    rows.append(AnnexRow(_cells(category, number, entry)))
                    if category in (AnnouncementCategory.NEW, AnnouncementCategory.AMENDED):
                        content_order.append((level_heading, field_heading, entry.record))
                    elif category == AnnouncementCategory.REPLACED and entry.successor is not None:
                        content_order.append((level_heading, field_heading, entry.successor))
        lists.append(AnnexList(category, f"{len(lists) + 1}. {title}", columns, tuple(rows)))
    blocks: list[AnnexBlock] = []
    seen: set[tuple] = set()
    previous: tuple[str, str] | None = None
    number = 0
    for level_heading, field_heading, record in content_order:
        key = (record.code, record.name)
        if key in seen:
            continue  # a replacing procedure also announced as new: its content once
        seen.add(key)
        if previous is None or previous[0] != level_heading:
            blocks.append(AnnexBlock(level_heading.upper(), 1))
        if previous != (level_heading, field_heading):
            blocks.append(AnnexBlock(field_heading, 1))
        previous = (level_heading, field_heading)
        number += 1
        blocks.extend(_content_blocks(number, record))
    return AnnexDocument(heading=annex_heading(decision, present), lists=tuple(lists), content=tuple(blocks))
