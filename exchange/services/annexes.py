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

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from catalog.choices import AnnouncementCategory
from catalog.models import AnnouncementDecision
from exchange.services.annex_content import FONT, LISTS, PART_ONE, PART_TWO, AnnexDocument, annex_document
from exchange.services.annex_import import AnnexImportError, decision_create_from_annex

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
    content.column_dimensions["A"].width = _PART_TWO_WIDTH
    content.append([PART_TWO])
    content.cell(1, 1).font = bold
    for block in annex.content:
        content.append([block.text])
        cell = content.cell(content.max_row, 1)
        cell.font = bold if block.level else normal
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        content.row_dimensions[content.max_row].height = _row_height((block.text,), (_PART_TWO_WIDTH,))
    _a4(content, landscape=False)
    workbook.save(path)
    return annex.item_count


# Phần II is one column of text on portrait A4: 174 mm between the default margins hold about 90 digits of the
# default font. Wider, the lines run past the page's edge (LibreOffice and Excel do not shrink a single
# column to the page width when it is printed).
_PART_TWO_WIDTH = 76


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


__all__ = [
    "AnnexDocument",
    "AnnexImportError",
    "annex_document",
    "decision_annex_docx",
    "decision_annex_xlsx",
    "decision_create_from_annex",
]
