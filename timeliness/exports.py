"""Render a `Report` as JSON, CSV (Vietnamese, decimal comma), Excel (the provincial quarterly layout) or PDF."""

from __future__ import annotations

import csv
import io
import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from catalog.calendar import LOCAL_TZ
from timeliness.selectors import Report, ReportRow

FORMATS = ("json", "csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
_COLUMNS = (
    ("tiep_nhan", "Số hồ sơ tiếp nhận"),
    ("dung_han", "Đúng hạn (gồm trước hạn)"),
    ("truoc_han", "Trong đó trước hạn"),
    ("tre_han", "Trễ hạn"),
    ("trong_han", "Đang giải quyết trong hạn"),
    ("qua_han", "Đang giải quyết quá hạn"),
    ("tu_choi", "Từ chối"),
    ("rut_ho_so", "Rút hồ sơ"),
    ("chua_xac_dinh", "Chưa xác định hạn"),
    ("luat_dung_han", "Đúng hạn theo thời hạn quy định"),
    ("luat_tre_han", "Trễ hạn theo thời hạn quy định"),
    ("luat_chua_xac_dinh", "Không tính được hạn theo quy định"),
)


def report_title(report: Report) -> str:
    if report.agency is not None:
        return _("Tình hình giải quyết hồ sơ theo thủ tục: %(agency)s") % {"agency": report.agency.name}
    return _("Báo cáo tình hình giải quyết hồ sơ thủ tục hành chính")


def report_period(report: Report) -> str:
    return _("Hồ sơ tiếp nhận từ ngày %(start)s đến ngày %(end)s; số liệu tính đến %(as_of)s") % {
        "start": f"{report.date_from:%d/%m/%Y}",
        "end": f"{report.date_to:%d/%m/%Y}",
        "as_of": f"{report.as_of.astimezone(LOCAL_TZ):%H:%M %d/%m/%Y}",
    }


def report_json(report: Report) -> bytes:
    return json.dumps(report.as_list(), ensure_ascii=False, indent=2).encode("utf-8")


def report_csv(report: Report) -> bytes:
    """One line per agency (or procedure), group subtotals and the total; rate with a decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    code_label = _("Mã thủ tục") if report.agency is not None else _("Mã cơ quan")
    writer.writerow(
        [
            _("Loại dòng"),
            code_label,
            _("Tên"),
            *[_(label) for _key, label in _COLUMNS],
            _("Tỷ lệ đúng hạn (%)"),
            _("Tỷ lệ đúng hạn theo thời hạn quy định (%)"),
        ]
    )
    for row in _lines(report):
        writer.writerow(
            [
                row.kind,
                row.code,
                row.name,
                *[row.counts[key] for key, _label in _COLUMNS],
                row.rate_text,
                row.statutory_rate_text,
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def _lines(report: Report) -> list[ReportRow]:
    lines = []
    for group in report.groups:
        lines.extend(group.rows)
        if report.agency is None:
            lines.append(group.subtotal)
    lines.append(report.total)
    return lines


def report_xlsx(report: Report) -> bytes:
    """The provincial quarterly layout: title, period, two-row header, groups (I, II...) with subtotals, total."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Báo cáo")
    width = 3 + len(_COLUMNS) + 1
    last = get_column_letter(width)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(bold=True)

    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"] = report_title(report).upper()
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = centre
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"] = report_period(report)
    sheet["A2"].alignment = centre
    sheet["A2"].font = Font(italic=True)

    header_top, header_bottom = 4, 5
    for column, label in ((1, _("STT")), (2, _("Mã")), (3, _("Đơn vị") if report.agency is None else _("Thủ tục"))):
        sheet.merge_cells(start_row=header_top, start_column=column, end_row=header_bottom, end_column=column)
        sheet.cell(header_top, column, label)
    sheet.merge_cells(start_row=header_top, start_column=4, end_row=header_bottom, end_column=4)
    sheet.cell(header_top, 4, _(_COLUMNS[0][1]))
    sheet.merge_cells(start_row=header_top, start_column=5, end_row=header_top, end_column=7)
    sheet.cell(header_top, 5, _("Đã giải quyết"))
    sheet.merge_cells(start_row=header_top, start_column=8, end_row=header_top, end_column=9)
    sheet.cell(header_top, 8, _("Đang giải quyết"))
    sheet.merge_cells(start_row=header_top, start_column=10, end_row=header_top, end_column=12)
    sheet.cell(header_top, 10, _("Báo cáo riêng"))
    sheet.merge_cells(start_row=header_top, start_column=13, end_row=header_top, end_column=15)
    sheet.cell(header_top, 13, _("Theo thời hạn quy định (đã giải quyết)"))
    for offset, (_key, label) in enumerate(_COLUMNS[1:], start=5):
        sheet.cell(header_bottom, offset, _(label))
    sheet.merge_cells(start_row=header_top, start_column=width, end_row=header_bottom, end_column=width)
    sheet.cell(header_top, width, _("Tỷ lệ đúng hạn (%)"))
    for row in sheet.iter_rows(min_row=header_top, max_row=header_bottom, max_col=width):
        for cell in row:
            cell.font = bold
            cell.alignment = centre
            cell.border = border
            cell.fill = PatternFill("solid", fgColor="DDEBF7")

    line = header_bottom + 1
    roman = ("I", "II", "III", "IV", "V")

    def put(values, *, font=None, fill=None):
        nonlocal line
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(line, column, value)
            cell.border = border
            if font:
                cell.font = font
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
            if column > 3:
                cell.alignment = Alignment(horizontal="right")
        sheet.cell(line, width).number_format = "0.00"
        line += 1

    def numbers(row: ReportRow) -> list:
        return [row.counts[key] for key, _label in _COLUMNS] + [float(row.rate) if row.is_measured else row.rate_text]

    for index, group in enumerate(report.groups):
        if report.agency is None:
            put(
                [roman[index] if index < len(roman) else str(index + 1), "", group.label, *numbers(group.subtotal)],
                font=bold,
                fill="F2F2F2",
            )
        for number, row in enumerate(group.rows, start=1):
            put([number, row.code, row.name, *numbers(row)])
    put(["", "", report.total.name.upper(), *numbers(report.total)], font=bold, fill="FFF2CC")

    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 48
    for column in range(4, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    sheet.row_dimensions[header_bottom].height = 45
    sheet.freeze_panes = sheet.cell(header_bottom + 1, 4)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def report_pdf(report: Report) -> bytes:
    """A landscape A4 PDF of the same table, in DejaVu Sans (full Vietnamese coverage)."""
    from weasyprint import HTML

    html = render_to_string(
        "timeliness/report_pdf.html",
        {"report": report, "title": report_title(report), "period": report_period(report), "lines": _lines(report)},
    )
    return HTML(string=html).write_pdf()


def report_render(report: Report, *, fmt: str) -> bytes:
    """The report in one of FORMATS."""
    renderers = {"json": report_json, "csv": report_csv, "xlsx": report_xlsx, "pdf": report_pdf}
    if fmt not in renderers:
        raise ValueError(f"Định dạng “{fmt}” không hỗ trợ; chọn một trong: {', '.join(FORMATS)}.")
    return renderers[fmt](report)
