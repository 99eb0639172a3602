"""Decision annexes in the form provinces publish (Circular 02/2017/TT-VPCP, announcement decision template):
an Excel workbook and a Word document with the same content, and the reverse, a draft decision started
from such a workbook.

The annex is built once as plain data (`annex_document`) and rendered twice:

- heading: "PHỤ LỤC", the list title, "(Ban hành kèm theo Quyết định số … ngày … tháng … năm … của Chủ tịch
  Ủy ban nhân dân {EXCHANGE_PROVINCE_NAME})";
- "PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH": one list per category present (new, amended, replaced,
  abolished), each with the template's columns, grouped by the level the province handles ("A. Thủ tục hành
  chính cấp tỉnh", never a ministry group) and then by field ("I. Lĩnh vực Hộ tịch"), STT running through
  the list;
- "PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH": the full content (every Decree 63 Art. 8(2)
  element under numbered headings) of the new, amended and replacing procedures only, in Phần I's order.

A4, Times New Roman; Part I tables in landscape in Excel, Part II on its own sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from catalog.choices import AnnouncementCategory
from catalog.models import AnnouncementDecision, DecisionItem, LegalDocument, Procedure
from catalog.text import normalize_name
from catalog.timelimits import time_limit_display
from catalog.validators import PROCEDURE_CODE_RE
from exchange.mappers.catalog_procedure import procedure_to_record
from exchange.records import LegalBasisRecord, ProcedureRecord
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


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def basis_citation(number: str, issued_on: dt.date | str | None, issuer: str | None, summary: str | None) -> str:
    """ "60/2014/QH13 ngày 20/11/2014 của Quốc hội — Luật Hộ tịch": a legal document as the annex cites it."""
    if isinstance(issued_on, str):
        issued_on = dt.date.fromisoformat(issued_on)
    head = number.strip()
    if issued_on:
        head += f" ngày {_day(issued_on)}"
    if issuer:
        head += f" của {issuer.strip()}"
    return " — ".join(part for part in (head, (summary or "").strip()) if part)


def _legal_citation(document: LegalDocument | None) -> str:
    if document is None:
        return UNKNOWN
    return basis_citation(document.number, document.issued_on, document.issuer, document.summary)


def _basis(basis: LegalBasisRecord) -> str:
    return basis_citation(basis.number, basis.issued_on, basis.issuer, basis.summary)


def _province_level(procedure: Procedure) -> str:
    codes = {level.code for level in procedure.levels.all()}
    return next((code for code in PROVINCE_LEVELS if code in codes), "")


def _field_heading(name: str) -> str:
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
        p.pk: p
        for p in Procedure.objects.filter(pk__in=ids)
        .select_related("field")
        .prefetch_related(*RECORD_PREFETCH, "reception_places")
    }

    def record_of(item: DecisionItem, procedure: Procedure) -> ProcedureRecord:
        # What the decision announced: the version it made (once applied), else the approved working copy.
        if item.version_id and item.category in (AnnouncementCategory.NEW, AnnouncementCategory.AMENDED):
            return record_from_snapshot(item.version.content)
        return procedure_to_record(procedure, catalog_keys=False)

    entries = []
    for item in items:
        procedure = procedures[item.procedure_id]
        successor = procedures.get(item.successor_id) if item.successor_id else None
        entries.append(
            _Entry(
                item=item,
                record=record_of(item, procedure),
                level_code=_province_level(procedure),
                field_name=procedure.field.name if procedure.field_id else "",
                successor=procedure_to_record(successor, catalog_keys=False) if successor else None,
                places=[place.name for place in procedure.reception_places.all()],
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
            [(_field_heading(name), group) for name, group in fields.items()],
        )


def _cells(category: str, number: int, entry: _Entry) -> tuple[str, ...]:
    record = entry.record
    agencies = "; ".join(record.agencies.implementing) or UNKNOWN
    field_name = entry.field_name or UNKNOWN
    legal = _legal_citation(entry.item.legal_document)
    if category == AnnouncementCategory.NEW:
        place = record.receiving_address or "; ".join(entry.places) or UNKNOWN
        bases = "\n".join(_basis(basis) for basis in record.legal_bases) or UNKNOWN
        return (str(number), record.name, _time_limits(record), place, _fees(record), bases)
    if category == AnnouncementCategory.REPLACED:
        successor = entry.successor.name if entry.successor else UNKNOWN
        return (str(number), record.code or "", record.name, successor, legal, field_name, agencies)
    return (str(number), record.code or "", record.name, legal, field_name, agencies)


def _lines(values) -> list[str]:
    return [str(value).strip() for value in values if value and str(value).strip()] or [UNKNOWN]


def _content_blocks(number: int, record: ProcedureRecord) -> list[AnnexBlock]:
    """One procedure's Part II content: its name, then each Art. 8(2) element under a numbered heading."""
    channels = record.channels
    dossier = []
    for group in record.dossier:
        if group.case:
            dossier.append(f"Trường hợp: {group.case}")
        for paper in group.papers:
            counts = ", ".join(
                part
                for part in (
                    f"{paper.originals:02d} bản chính" if paper.originals else "",
                    f"{paper.copies:02d} bản sao" if paper.copies else "",
                )
                if part
            )
            dossier.append(f"- {paper.name}" + (f": {counts}" if counts else ""))
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
    forms = list(dict.fromkeys(form for group in record.dossier for paper in group.papers for form in paper.forms))
    values = (
        _lines(record.steps),
        _lines(
            f"- {channel.label}" + (f": {channel.description}" if channel.description else "") for channel in channels
        ),
        _lines(dossier),
        _lines(f"- {channel.label}: {time_limit_display(channel.time_limit_text) or UNKNOWN}" for channel in channels),
        _lines(record.applicants),
        _lines(agencies),
        _lines(record.results),
        _lines(f"- {channel.label}: {(channel.fee_text or '').strip() or UNKNOWN}" for channel in channels),
        _lines(f"- {form}" for form in forms),
        _lines([record.requirements]),
        _lines(_basis(basis) for basis in record.legal_bases),
    )
    title = f"{number}. {record.name}" + (f" (mã {record.code})" if record.code else "")
    blocks = [AnnexBlock(title, 2)]
    for index, (heading, lines) in enumerate(zip(ELEMENTS, values, strict=True), start=1):
        blocks.append(AnnexBlock(f"{index}. {heading}", 3))
        blocks.extend(AnnexBlock(line) for text in lines for line in text.split("\n"))
    return blocks


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


# --- Excel ------------------------------------------------------------------------------------------------

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_XLSX_WIDTHS = (6, 24, 32, 32, 30, 26, 28)  # characters; the widest list has seven columns


def _row_height(values: tuple[str, ...], widths: tuple[int, ...]) -> float:
    """openpyxl does not size rows: estimate the wrapped height (a width unit is one digit of the default font,
    about 1.2 characters of 12 pt Times New Roman)."""
    lines = max(
        sum(-(-len(part) // max(int(width * 1.2) - 2, 1)) or 1 for part in value.split("\n"))
        for value, width in zip(values, widths, strict=False)
    )
    return 15.5 * lines


def decision_annex_xlsx(*, decision: AnnouncementDecision, path: Path | str) -> int:
    """The annex as a workbook: sheet "Phần I" (heading and lists), sheet "Phần II" (content); returns the
    number of procedures listed in Phần I."""
    annex = annex_document(decision=decision)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phần I"
    width = max(len(columns) for _c, _t, columns in LISTS)
    bold, normal = Font(name=FONT, bold=True, size=12), Font(name=FONT, size=12)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, size in enumerate(_XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size

    def line(text: str, *, font: Font = bold, align: Alignment = centre, columns: int = width) -> None:
        sheet.append([text])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        sheet.cell(row, 1).font, sheet.cell(row, 1).alignment = font, align
        sheet.row_dimensions[row].height = _row_height((text,), (sum(_XLSX_WIDTHS[:columns]),))

    for index, text in enumerate(annex.heading):
        line(text, font=Font(name=FONT, bold=index < 2, italic=index == 2, size=13 if index < 2 else 12))
    sheet.append([])
    line(PART_ONE, align=Alignment(horizontal="left"))
    for annex_list in annex.lists:
        columns = len(annex_list.columns)
        widths = _XLSX_WIDTHS[:columns]
        line(annex_list.title, align=Alignment(horizontal="left", wrap_text=True))
        sheet.append(list(annex_list.columns))
        for cell in sheet[sheet.max_row][:columns]:
            cell.font, cell.border, cell.alignment = bold, _BORDER, centre
        sheet.row_dimensions[sheet.max_row].height = _row_height(annex_list.columns, widths)
        for row in annex_list.rows:
            sheet.append(list(row.cells))
            number = sheet.max_row
            if row.group:
                sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=columns)
            for cell in sheet[number][:columns]:
                cell.border = _BORDER
                cell.font = bold if row.group else normal
                cell.alignment = Alignment(wrap_text=True, vertical="top") if row.group else wrap
            sheet.cell(number, 1).alignment = wrap if row.group else Alignment(horizontal="center", vertical="top")
            sheet.row_dimensions[number].height = _row_height(row.cells, (sum(widths),) if row.group else widths)
    _a4(sheet, landscape=True)

    content = workbook.create_sheet("Phần II")
    content.column_dimensions["A"].width = 120
    content.append([PART_TWO])
    content.cell(1, 1).font = bold
    for block in annex.content:
        content.append([block.text])
        cell = content.cell(content.max_row, 1)
        cell.font = bold if block.level else normal
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        content.row_dimensions[content.max_row].height = _row_height((block.text,), (120,))
    _a4(content, landscape=False)
    workbook.save(path)
    return annex.item_count


def _a4(sheet, *, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


# --- Word -------------------------------------------------------------------------------------------------

# Column widths (mm) of each list: 247 mm between the margins of a landscape A4 page (25 + 25 mm).
_DOCX_WIDTHS = {
    AnnouncementCategory.NEW: (14, 70, 45, 45, 35, 38),
    AnnouncementCategory.AMENDED: (14, 30, 70, 63, 30, 40),
    AnnouncementCategory.REPLACED: (14, 28, 50, 50, 45, 25, 35),
    AnnouncementCategory.ABOLISHED: (14, 30, 70, 63, 30, 40),
}
_TABLE_FONT = Pt(12)


def _set_font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        heading = document.styles[name]
        heading.font.name = FONT
        heading.font.size = Pt(13)
        heading.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        heading.element.rPr.rFonts.set(qn("w:ascii"), FONT)
        heading.element.rPr.rFonts.set(qn("w:hAnsi"), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            heading.element.rPr.rFonts.attrib.pop(qn(theme), None)
        heading.font.color.rgb = RGBColor(0, 0, 0)  # administrative documents are black (Decree 30/2020)
        heading.font.bold = True
        heading.font.italic = False
    document.styles["Title"].font.size = Pt(14)


def _centred(document: Document, text: str, *, bold: bool = False, italic: bool = False, size: int = 13) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.left_margin, section.right_margin = (Mm(25), Mm(25)) if landscape else (Mm(30), Mm(20))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)


def decision_annex_docx(*, decision: AnnouncementDecision, path: Path | str) -> int:
    """The annex as a Word document: heading and Phần I lists (landscape), Phần II content (portrait)."""
    from docx.enum.section import WD_SECTION

    annex = annex_document(decision=decision)
    document = Document()
    _set_font(document)
    _page(document.sections[0], landscape=True)
    _centred(document, annex.heading[0], bold=True, size=14)
    _centred(document, annex.heading[1], bold=True)
    _centred(document, annex.heading[2], italic=True)
    document.add_heading(PART_ONE, level=1)
    for annex_list in annex.lists:
        document.add_heading(annex_list.title, level=2)
        columns = len(annex_list.columns)
        table = document.add_table(rows=1, cols=columns)
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, annex_list.columns, strict=True):
            cell.text = title
            cell.paragraphs[0].runs[0].bold = True
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in annex_list.rows:
            cells = table.add_row().cells
            if row.group:
                merged = cells[0].merge(cells[-1])
                merged.text = row.cells[0]
                merged.paragraphs[0].runs[0].bold = True
            else:
                for cell, value in zip(cells, row.cells, strict=True):
                    cell.text = value
                cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in table.rows:
            for cell in row.cells:
                for run in (run for paragraph in cell.paragraphs for run in paragraph.runs):
                    run.font.size = _TABLE_FONT
        _column_widths(table, tuple(Mm(size) for size in _DOCX_WIDTHS[annex_list.category]))
    _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    document.add_heading(PART_TWO, level=1)
    for block in annex.content:
        if block.level:
            document.add_heading(block.text, level=block.level + 1 if block.level < 3 else 3)
        else:
            document.add_paragraph(block.text)
    document.save(path)
    return annex.item_count


def _column_widths(table, widths: tuple[Mm, ...]) -> None:
    """Widths on the table grid (LibreOffice reads it) and on every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


# --- reading a workbook back: a draft decision ------------------------------------------------------------

_LIST_BY_TITLE = {normalize_name(title): category for category, title, _columns in LISTS}
_LIST_TITLE_RE = re.compile(r"^\d+\.\s+(?P<title>.+)$")
_LEVEL_RE = re.compile(r"^[A-Z]\.\s+(?P<label>.+)$")
_FIELD_RE = re.compile(r"^[IVXLC]+\.\s+(?P<label>.+)$")
_NUMBER_RE = re.compile(r"Quyết định số\s+(?P<number>\S+)")
_LEVEL_BY_HEADING = {normalize_name(text): code for code, text in LEVEL_GROUPS.items()}
_DOCUMENT_NUMBER_RE = re.compile(
    r"^(?P<number>[^\s—]+)(?:\s+ngày\s+(?P<day>\d{2}/\d{2}/\d{4}))?(?:\s+của\s+(?P<issuer>[^—]+))?"
)


class AnnexImportError(Exception):
    """The workbook cannot start a decision; the message names the row and column."""


@dataclass
class _ReadItem:
    row: int
    category: str
    procedure: Procedure
    successor: Procedure | None
    legal_document: str  # the cell's text ("" when the list has no such column)


class _Matcher:
    """Finds the procedures a workbook names: by national code, else by name within the level and field
    of the groups the row sits in (names repeat across levels and provinces)."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[Procedure]] = {}
        for procedure in Procedure.objects.select_related("field").prefetch_related("levels"):
            self.by_name.setdefault(normalize_name(procedure.name), []).append(procedure)
        self.by_code = {p.code: p for found in self.by_name.values() for p in found if p.code}

    def by_name_in(self, name: str, level: str, field_name: str) -> list[Procedure]:
        found = self.by_name.get(normalize_name(name), [])
        if len(found) > 1 and level:
            found = [p for p in found if _province_level(p) == level] or found
        if len(found) > 1 and field_name:
            found = [p for p in found if _field_heading(p.field.name if p.field_id else "") == field_name] or found
        return found


def _legal_document_for(text: str, row: int, problems: list[str]) -> LegalDocument | None:
    """The register's document cited by a cell (matched by its number), created from the citation if new."""
    text = " ".join(text.split())
    if not text or text == UNKNOWN:
        return None
    match = _DOCUMENT_NUMBER_RE.match(text)
    number = match.group("number")
    found = LegalDocument.objects.filter(number=number).first()
    if found is not None:
        return found
    issued = dt.datetime.strptime(match.group("day"), "%d/%m/%Y").date() if match.group("day") else None
    _head, _dash, summary = text.partition(" — ")
    if len(number) > LegalDocument._meta.get_field("number").max_length:
        problems.append(_("dòng %(row)s: số ký hiệu văn bản quá dài: “%(n)s”") % {"row": row, "n": number})
        return None
    return LegalDocument(
        number=number, issued_on=issued, issuer=(match.group("issuer") or "").strip(), summary=summary.strip()
    )


def decision_create_from_annex(*, path: Path | str, number: str | None = None) -> AnnouncementDecision:
    """Start a draft decision from an annex workbook (as `decision_annex_xlsx` writes it): one item per
    procedure row of the Phần I lists, in the list's category, with the legal document and the successor
    the row names. The number defaults to the one in the heading. All or nothing; every problem names
    its row and column."""
    try:
        sheet = load_workbook(path, read_only=True)["Phần I"]
    except KeyError:
        raise AnnexImportError(_("tệp không có trang “Phần I” của phụ lục quyết định")) from None
    except (OSError, ValueError) as exc:
        raise AnnexImportError(_("tệp không đọc được như bảng tính Excel: %(e)s") % {"e": exc}) from exc
    matcher = _Matcher()
    problems: list[str] = []
    items: list[_ReadItem] = []
    category, columns, level, field_name = None, {}, "", ""
    heading_number = None
    for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = [str(value).strip() if value is not None else "" for value in row]
        first = values[0] if values else ""
        if not first:
            continue
        if heading_number is None and (found := _NUMBER_RE.search(first)):
            heading_number = found.group("number")
        title = _LIST_TITLE_RE.match(first)
        if title and normalize_name(title.group("title")) in _LIST_BY_TITLE:
            category, columns, level, field_name = _LIST_BY_TITLE[normalize_name(title.group("title"))], {}, "", ""
            continue
        if category is None:
            continue
        if first == "STT":
            columns = {name: index for index, name in enumerate(values) if name}
            continue
        if (level_match := _LEVEL_RE.match(first)) and not first[0].isdigit():
            level = _LEVEL_BY_HEADING.get(normalize_name(level_match.group("label")), "")
            field_name = ""
            continue
        if field_match := _FIELD_RE.match(first):
            field_name = field_match.group("label")
            continue
        if not first.isdigit():
            continue
        read = _read_row(category, columns, values, row_number, matcher, level, field_name, problems)
        if read is not None:
            items.append(read)
    number = (number or heading_number or "").strip()
    if not number:
        problems.append(_("không có số quyết định (tiêu đề phụ lục không ghi “Quyết định số …”)"))
    elif AnnouncementDecision.objects.filter(number=number).exists():
        problems.append(_("số quyết định: đã có quyết định số %(n)s") % {"n": number})
    if not items and not problems:
        problems.append(_("không có thủ tục nào trong các danh mục của Phần I"))
    documents = {
        index: _legal_document_for(item.legal_document, item.row, problems) for index, item in enumerate(items)
    }
    if problems:
        raise AnnexImportError("\n".join(problems))
    with transaction.atomic():
        decision = AnnouncementDecision.objects.create(number=number, live=False, has_unpublished_changes=True)
        for index, item in enumerate(items):
            document = documents[index]
            if document is not None and document.pk is None:
                document.save()
            DecisionItem.objects.create(
                decision=decision,
                procedure=item.procedure,
                category=item.category,
                successor=item.successor,
                legal_document=document,
                sort_order=index,
            )
    return decision


def _read_row(category, columns, values, row, matcher: _Matcher, level, field_name, problems) -> _ReadItem | None:
    def cell(title: str) -> str:
        index = columns.get(title)
        return values[index] if index is not None and index < len(values) else ""

    def find(code_title: str | None, name_title: str) -> Procedure | None:
        code = cell(code_title) if code_title else ""
        name = cell(name_title)
        if code:
            if not PROCEDURE_CODE_RE.match(code):
                problems.append(
                    _("dòng %(row)s, cột %(column)s: mã “%(code)s” không hợp lệ")
                    % {"row": row, "column": code_title, "code": code}
                )
                return None
            found = matcher.by_code.get(code)
            if found is None:
                problems.append(
                    _("dòng %(row)s, cột %(column)s: không có thủ tục mã %(code)s")
                    % {"row": row, "column": code_title, "code": code}
                )
            return found
        candidates = matcher.by_name_in(name, level, field_name)
        if len(candidates) == 1:
            return candidates[0]
        reason = _("không có thủ tục tên này") if not candidates else _("nhiều thủ tục cùng tên, cần ghi mã")
        problems.append(
            _("dòng %(row)s, cột %(column)s: “%(name)s”: %(reason)s")
            % {"row": row, "column": name_title, "name": name[:120], "reason": reason}
        )
        return None

    _category, _title, titles = next(entry for entry in LISTS if entry[0] == category)
    missing = [title for title in titles if title not in columns]
    if missing:
        problems.append(_("dòng %(row)s: danh mục thiếu cột %(columns)s") % {"row": row, "columns": ", ".join(missing)})
        return None
    successor = None
    legal = ""
    if category == AnnouncementCategory.NEW:
        procedure = find(None, "Tên thủ tục hành chính")
    elif category == AnnouncementCategory.REPLACED:
        procedure = find("Số hồ sơ TTHC được thay thế", "Tên TTHC được thay thế")
        successor = find(None, "Tên TTHC thay thế")
        legal = cell("Tên VBQPPL quy định nội dung thay thế")
    elif category == AnnouncementCategory.AMENDED:
        procedure = find("Số hồ sơ TTHC (mã)", "Tên thủ tục hành chính")
        legal = cell("Tên VBQPPL quy định nội dung sửa đổi, bổ sung")
    else:
        procedure = find("Số hồ sơ TTHC", "Tên thủ tục hành chính")
        legal = cell("Tên VBQPPL quy định việc bãi bỏ, hủy bỏ")
    if procedure is None:
        return None
    return _ReadItem(row=row, category=category, procedure=procedure, successor=successor, legal_document=legal)


__all__ = [
    "AnnexDocument",
    "AnnexImportError",
    "annex_document",
    "decision_annex_docx",
    "decision_annex_xlsx",
    "decision_create_from_annex",
]
