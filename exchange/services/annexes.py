"""Decision annexes as provinces publish them: an Excel list and a Word document (Part I lists, Part II
full content), A4, Times New Roman; and the reverse, a draft decision started from such a workbook."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

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
from catalog.models import AnnouncementDecision, DecisionItem, Procedure
from catalog.validators import PROCEDURE_CODE_RE
from exchange.records import ProcedureRecord
from exchange.selectors import RECORD_PREFETCH, procedure_to_record

FONT = "Times New Roman"
# STT, name, code, implementing agency: 160 mm between A4 margins of 30 and 20 mm.
PART_ONE_WIDTHS = (Mm(15), Mm(72), Mm(27), Mm(46))
COLUMNS = (
    ("STT", 6),
    ("Tên thủ tục hành chính", 45),
    ("Mã thủ tục", 14),
    ("Thời hạn giải quyết", 28),
    ("Địa điểm thực hiện", 28),
    ("Phí, lệ phí", 24),
    ("Căn cứ pháp lý", 36),
    ("Cơ quan thực hiện", 28),
)
CATEGORY_ORDER = [choice.value for choice in AnnouncementCategory]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
UNKNOWN = "Chưa có thông tin"


def _sections(decision: AnnouncementDecision) -> Iterator[tuple[str, list[tuple[str, list[ProcedureRecord]]]]]:
    """(category label, [(level label, records)]) in the order provinces publish them."""
    items = DecisionItem.objects.filter(decision=decision).select_related("procedure")
    ids = [item.procedure_id for item in items]
    procedures = {
        p.pk: p for p in Procedure.objects.filter(pk__in=ids).select_related("field").prefetch_related(*RECORD_PREFETCH)
    }
    by_category: dict[str, dict[str, list[tuple[int, ProcedureRecord]]]] = {}
    for item in items:
        procedure = procedures[item.procedure_id]
        levels = list(procedure.levels.all())
        level = levels[0] if levels else None
        key = (level.sort_order if level else 99, level.name if level else "Cơ quan khác")
        by_category.setdefault(item.category, {}).setdefault(key, []).append(
            (item.sort_order, procedure_to_record(procedure, catalog_keys=False))
        )
    for category in CATEGORY_ORDER:
        if category in by_category:
            groups = [
                (level_name, [record for _order, record in sorted(rows, key=lambda row: row[0])])
                for (_sort, level_name), rows in sorted(by_category[category].items())
            ]
            yield str(AnnouncementCategory(category).label), groups


def _cells(index: int, record: ProcedureRecord) -> list[str]:
    time_limits = (
        "\n".join(f"{channel.label}: {channel.time_limit_text or UNKNOWN}" for channel in record.channels) or UNKNOWN
    )
    fees = (
        "\n".join(f"{channel.label}: {channel.fee_text}" for channel in record.channels if channel.fee_text) or UNKNOWN
    )
    legal = "\n".join(f"{basis.number} {basis.summary or ''}".strip() for basis in record.legal_bases) or UNKNOWN
    return [
        str(index),
        record.name,
        record.code or "",
        time_limits,
        record.receiving_address or UNKNOWN,
        fees,
        legal,
        "; ".join(record.agencies.implementing) or UNKNOWN,
    ]


def decision_annex_xlsx(*, decision: AnnouncementDecision, path: Path | str) -> int:
    """The list annex as a workbook; returns the number of procedures listed."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh mục TTHC"
    bold = Font(name=FONT, bold=True, size=12)
    normal = Font(name=FONT, size=12)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([f"DANH MỤC THỦ TỤC HÀNH CHÍNH BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ {decision.number}"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.cell(1, 1).font = Font(name=FONT, bold=True, size=13)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    for col, (_title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    count = 0
    for part, (category, groups) in enumerate(_sections(decision)):
        sheet.append([f"{chr(ord('A') + part)}. {category.upper()}"])
        sheet.cell(sheet.max_row, 1).font = bold
        for level_index, (level, records) in enumerate(groups):
            sheet.append([f"{ROMAN[level_index]}. {level}"])
            sheet.cell(sheet.max_row, 1).font = bold
            sheet.append([title for title, _w in COLUMNS])
            for cell in sheet[sheet.max_row]:
                cell.font, cell.border, cell.alignment = bold, border, Alignment(wrap_text=True, horizontal="center")
            for index, record in enumerate(records, start=1):
                values = _cells(index, record)
                sheet.append(values)
                for cell in sheet[sheet.max_row]:
                    cell.font, cell.border, cell.alignment = normal, border, wrap
                # openpyxl does not size rows; estimate the wrapped height so cells do not overlap. A column
                # width unit is one digit of the default font: about 1.2 characters of 12 pt Times New Roman.
                lines = max(
                    sum(-(-len(part) // max(int(width * 1.2) - 2, 1)) or 1 for part in value.split("\n"))
                    for value, (_t, width) in zip(values, COLUMNS, strict=True)
                )
                sheet.row_dimensions[sheet.max_row].height = 15.5 * lines
                count += 1
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0
    workbook.save(path)
    return count


def _set_font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        heading = document.styles[name]
        heading.font.name = FONT
        heading.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        heading.element.rPr.rFonts.set(qn("w:ascii"), FONT)
        heading.element.rPr.rFonts.set(qn("w:hAnsi"), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            heading.element.rPr.rFonts.attrib.pop(qn(theme), None)
        heading.font.color.rgb = RGBColor(0, 0, 0)  # administrative documents are black (Decree 30/2020)
        heading.font.bold = True
    title = document.styles["Title"]
    title.font.size = Pt(14)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def decision_annex_docx(*, decision: AnnouncementDecision, path: Path | str) -> int:
    """The annex as a Word document: Part I the lists, Part II each procedure's full content."""
    document = Document()
    _set_font(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    document.add_heading(f"THỦ TỤC HÀNH CHÍNH BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ {decision.number}", level=0)
    document.add_heading("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH", level=1)
    sections = list(_sections(decision))
    count = 0
    for part, (category, groups) in enumerate(sections):
        document.add_heading(f"{chr(ord('A') + part)}. {category}", level=2)
        for level_index, (level, records) in enumerate(groups):
            document.add_heading(f"{ROMAN[level_index]}. {level}", level=3)
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, title in zip(
                table.rows[0].cells, ("STT", "Tên thủ tục hành chính", "Mã thủ tục", "Cơ quan thực hiện"), strict=True
            ):
                cell.text = title
                cell.paragraphs[0].runs[0].bold = True
            for index, record in enumerate(records, start=1):
                cells = table.add_row().cells
                values = _cells(index, record)
                for cell, value in zip(cells, (values[0], values[1], values[2], values[7]), strict=True):
                    cell.text = value
                count += 1
            _column_widths(table, PART_ONE_WIDTHS)
    document.add_page_break()
    document.add_heading("PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH", level=1)
    number = 0
    for category, groups in sections:
        for _level, records in groups:
            for record in records:
                number += 1
                document.add_heading(f"{number}. {record.name}" + (f" ({record.code})" if record.code else ""), level=2)
                _content(document, record, category)
    document.save(path)
    return count


def _column_widths(table, widths: tuple[Mm, ...]) -> None:
    """Widths on the table grid (LibreOffice reads it) and on every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _content(document: Document, record: ProcedureRecord, category: str) -> None:
    def block(title: str, lines) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{title}: ").bold = True
        lines = [line for line in lines if line]
        if not lines:
            paragraph.add_run(UNKNOWN)
        for line in lines:
            document.add_paragraph(line, style="List Bullet")

    block("Loại công bố", [category])
    block("Trình tự thực hiện", record.steps)
    block(
        "Cách thức thực hiện",
        [
            f"{c.label}: thời hạn {c.time_limit_text or UNKNOWN}; phí, lệ phí: {c.fee_text or UNKNOWN}"
            for c in record.channels
        ],
    )
    block(
        "Thành phần, số lượng hồ sơ",
        [
            (f"[{group.case}] " if group.case else "")
            + f"{paper.name} (bản chính: {paper.originals if paper.originals is not None else '—'}, "
            + f"bản sao: {paper.copies if paper.copies is not None else '—'})"
            for group in record.dossier
            for paper in group.papers
        ],
    )
    block("Đối tượng thực hiện", record.applicants)
    block("Cơ quan thực hiện", record.agencies.implementing)
    block("Cơ quan có thẩm quyền", record.agencies.competent)
    block("Kết quả thực hiện", record.results)
    block("Căn cứ pháp lý", [f"{b.number} {b.summary or ''}".strip() for b in record.legal_bases])
    block("Yêu cầu, điều kiện", [record.requirements] if record.requirements else [])


_CATEGORY_BY_LABEL = {str(choice.label).casefold(): choice.value for choice in AnnouncementCategory}
_SECTION_RE = re.compile(r"^[A-Z]\.\s+(?P<label>.+)$")


class AnnexImportError(Exception):
    """The workbook cannot start a decision; the message names the row."""


def decision_create_from_annex(*, path: Path | str, number: str) -> AnnouncementDecision:
    """Start a draft decision from a list workbook (as `decision_annex_xlsx` writes it): one item per row
    with a national code, in the category of the section above it. All or nothing."""
    sheet = load_workbook(path, read_only=True).active
    category = AnnouncementCategory.NEW.value
    rows: list[tuple[int, str, str]] = []
    problems: list[str] = []
    for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        first = str(row[0] or "").strip()
        section = _SECTION_RE.match(first)
        if section and section.group("label").casefold() in _CATEGORY_BY_LABEL:
            category = _CATEGORY_BY_LABEL[section.group("label").casefold()]
            continue
        code = str(row[2] or "").strip() if len(row) > 2 else ""
        if first.isdigit():
            if not PROCEDURE_CODE_RE.match(code):
                problems.append(
                    _("dòng %(row)s, cột Mã thủ tục: mã “%(code)s” không hợp lệ") % {"row": row_number, "code": code}
                )
            else:
                rows.append((row_number, code, category))
    found = dict(Procedure.objects.filter(code__in=[code for _r, code, _c in rows]).values_list("code", "pk"))
    problems += [
        _("dòng %(row)s, cột Mã thủ tục: không có thủ tục mã %(code)s") % {"row": r, "code": code}
        for r, code, _c in rows
        if code not in found
    ]
    if AnnouncementDecision.objects.filter(number=number).exists():
        problems.append(_("--number: đã có quyết định số %(n)s") % {"n": number})
    if problems:
        raise AnnexImportError("\n".join(problems))
    with transaction.atomic():
        decision = AnnouncementDecision.objects.create(number=number, live=False, has_unpublished_changes=True)
        DecisionItem.objects.bulk_create(
            [
                DecisionItem(decision=decision, procedure_id=found[code], category=cat, sort_order=i)
                for i, (_r, code, cat) in enumerate(rows)
            ]
        )
    return decision
