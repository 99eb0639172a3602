"""Decision annexes: the Excel list and the Word document, opened and read back."""

import pytest
from docx import Document
from openpyxl import load_workbook

from catalog.models import DecisionItem
from exchange.services.annexes import (
    AnnexImportError,
    decision_annex_docx,
    decision_annex_xlsx,
    decision_create_from_annex,
)
from tests.factories.catalog import DecisionFactory, DecisionItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision():
    decision = DecisionFactory(number="345/QĐ-UBND")
    DecisionItemFactory(
        decision=decision, category="new", procedure__code="1.000001", procedure__name="Đăng ký khai sinh"
    )
    DecisionItemFactory(
        decision=decision, category="abolished", procedure__code="1.000002", procedure__name="Cấp bản sao"
    )
    return decision


def _rows(path):
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_xlsx_lists_procedure_with_code_and_time_limit(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    row = next(r for r in _rows(tmp_path / "a.xlsx") if r[2] == "1.000001")
    assert row[:4] == (
        "1",
        "Đăng ký khai sinh",
        "1.000001",
        "Trực tiếp: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    )


def test_xlsx_groups_by_category(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    sections = [r[0] for r in _rows(tmp_path / "a.xlsx") if r[0] and r[0][:3] in ("A. ", "B. ")]
    assert sections == ["A. THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH", "B. THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"]


def test_xlsx_uses_times_new_roman(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    assert load_workbook(tmp_path / "a.xlsx").active.cell(1, 1).font.name == "Times New Roman"


def test_docx_has_both_parts(decision, tmp_path):
    decision_annex_docx(decision=decision, path=tmp_path / "a.docx")
    texts = [p.text for p in Document(tmp_path / "a.docx").paragraphs]
    assert {"PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH", "PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH"} <= set(texts)


def test_docx_lists_codes_in_part_one(decision, tmp_path):
    decision_annex_docx(decision=decision, path=tmp_path / "a.docx")
    codes = [row.cells[2].text for table in Document(tmp_path / "a.docx").tables for row in table.rows[1:]]
    assert codes == ["1.000001", "1.000002"]


def test_docx_is_a4_in_times_new_roman(decision, tmp_path):
    decision_annex_docx(decision=decision, path=tmp_path / "a.docx")
    document = Document(tmp_path / "a.docx")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm), document.styles["Normal"].font.name) == (
        210,
        297,
        "Times New Roman",
    )


def test_workbook_starts_draft_decision(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    created = decision_create_from_annex(path=tmp_path / "a.xlsx", number="400/QĐ-UBND")
    items = DecisionItem.objects.filter(decision=created).order_by("sort_order")
    assert [(i.procedure.code, i.category) for i in items] == [("1.000001", "new"), ("1.000002", "abolished")]


def test_workbook_with_unknown_code_names_the_row(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    DecisionItem.objects.filter(procedure__code="1.000002").delete()
    decision.items.all()  # the workbook still lists 1.000002; remove the procedure itself
    from catalog.models import Procedure

    Procedure.objects.filter(code="1.000002").delete()
    with pytest.raises(AnnexImportError, match="dòng"):
        decision_create_from_annex(path=tmp_path / "a.xlsx", number="401/QĐ-UBND")
