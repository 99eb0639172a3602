"""Decision annexes (Circular 02/2017 form): the Excel workbook and the Word document of one decision with all
four categories, compared with the hand-written expected annex cell by cell and paragraph by paragraph; and
the workbook read back into a draft decision (round trip)."""

import pytest
from docx import Document
from openpyxl import load_workbook

from catalog.models import (
    AnnouncementDecision,
    DecisionItem,
    DossierItem,
    LegalDocument,
    Procedure,
    ProcedureLegalBasis,
)
from exchange.services.annexes import (
    AnnexImportError,
    decision_annex_docx,
    decision_annex_xlsx,
    decision_create_from_annex,
)
from tests.exchange.annex_fixture import annex_decision

pytestmark = pytest.mark.django_db

TITLE = (
    "DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, ĐƯỢC SỬA ĐỔI, BỔ SUNG, ĐƯỢC THAY THẾ VÀ BỊ BÃI BỎ THUỘC PHẠM VI "
    "CHỨC NĂNG QUẢN LÝ CỦA SỞ TƯ PHÁP"
)
SIGNED_BY = (
    "(Ban hành kèm theo Quyết định số 345/QĐ-UBND ngày 03 tháng 07 năm 2020 của Chủ tịch Ủy ban nhân dân tỉnh "
    "Sóc Trăng)"
)
CIVIL_STATUS_LAW = "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014 của Quốc hội"
AMENDING = "Thông tư số 04/2020/TT-BTP ngày 28/05/2020 của Bộ Tư pháp quy định chi tiết thi hành Luật Hộ tịch"
ABOLISHING = "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực"

NEW_COLUMNS = (
    "STT",
    "Tên thủ tục hành chính",
    "Thời hạn giải quyết",
    "Địa điểm thực hiện",
    "Phí, lệ phí (nếu có)",
    "Căn cứ pháp lý",
)
AMENDED_COLUMNS = (
    "STT",
    "Số hồ sơ TTHC (mã)",
    "Tên thủ tục hành chính",
    "Tên VBQPPL quy định nội dung sửa đổi, bổ sung",
    "Lĩnh vực",
    "Cơ quan thực hiện",
)
REPLACED_COLUMNS = (
    "STT",
    "Số hồ sơ TTHC được thay thế",
    "Tên TTHC được thay thế",
    "Tên TTHC thay thế",
    "Tên VBQPPL quy định nội dung thay thế",
    "Lĩnh vực",
    "Cơ quan thực hiện",
)
ABOLISHED_COLUMNS = (
    "STT",
    "Số hồ sơ TTHC",
    "Tên thủ tục hành chính",
    "Tên VBQPPL quy định việc bãi bỏ, hủy bỏ",
    "Lĩnh vực",
    "Cơ quan thực hiện",
)
NEW_ROWS = [
    ("A. Thủ tục hành chính cấp tỉnh",),
    ("I. Lĩnh vực Hộ tịch",),
    (
        "1",
        "Thủ tục cấp bản sao trích lục hộ tịch",
        "Trực tiếp: 01 ngày làm việc\nTrực tuyến: 1 (chưa rõ đơn vị)",
        "Chưa có thông tin",
        "Trực tiếp: 8.000 đồng/bản sao\nTrực tuyến: Chưa có thông tin",
        CIVIL_STATUS_LAW,
    ),
    ("B. Thủ tục hành chính cấp xã",),
    ("I. Lĩnh vực Hộ tịch",),
    (
        "2",
        "Thủ tục đăng ký khai sinh",
        "Ngay trong ngày làm việc",
        "Bộ phận Một cửa Ủy ban nhân dân cấp xã",
        "Miễn lệ phí",
        CIVIL_STATUS_LAW,
    ),
]
AMENDED_ROWS = [
    ("A. Thủ tục hành chính cấp xã",),
    ("I. Lĩnh vực Hộ tịch",),
    ("1", "1.000894", "Thủ tục đăng ký kết hôn", AMENDING, "Hộ tịch", "Ủy ban nhân dân cấp xã"),
]
REPLACED_ROWS = [
    ("A. Thủ tục hành chính cấp xã",),
    ("I. Lĩnh vực Hộ tịch",),
    (
        "1",
        "1.004884",
        "Thủ tục đăng ký lại khai sinh",
        "Thủ tục đăng ký khai sinh",
        AMENDING,
        "Hộ tịch",
        "Ủy ban nhân dân cấp xã",
    ),
]
ABOLISHED_ROWS = [
    ("A. Thủ tục hành chính cấp tỉnh",),
    ("I. Lĩnh vực Chứng thực",),
    ("1", "1.012753.H19", "Thủ tục chứng thực bản sao từ bản chính", ABOLISHING, "Chứng thực", "Phòng Tư pháp"),
]
LISTS = [
    ("1. Danh mục thủ tục hành chính mới ban hành", NEW_COLUMNS, NEW_ROWS),
    ("2. Danh mục thủ tục hành chính được sửa đổi, bổ sung", AMENDED_COLUMNS, AMENDED_ROWS),
    ("3. Danh mục thủ tục hành chính được thay thế", REPLACED_COLUMNS, REPLACED_ROWS),
    ("4. Danh mục thủ tục hành chính bị bãi bỏ", ABOLISHED_COLUMNS, ABOLISHED_ROWS),
]


def _content(number, title, *, ways, time_limits, agencies, fees):
    """The Part II content of one fixture procedure (they share steps, papers, applicants, result, basis)."""
    return [
        f"{number}. {title}",
        "1. Trình tự thực hiện",
        "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa",
        "Bước 2: Nhận kết quả",
        "2. Cách thức thực hiện",
        *ways,
        "3. Thành phần, số lượng hồ sơ",
        "- Tờ khai theo mẫu: 01 bản chính",
        "4. Thời hạn giải quyết",
        *time_limits,
        "5. Đối tượng thực hiện thủ tục hành chính",
        "Công dân Việt Nam",
        "6. Cơ quan thực hiện thủ tục hành chính",
        *agencies,
        "7. Kết quả thực hiện thủ tục hành chính",
        "Giấy khai sinh",
        "8. Phí, lệ phí (nếu có)",
        *fees,
        "9. Tên mẫu đơn, mẫu tờ khai (nếu có)",
        "- Mẫu TP/HT-2020-KS.1",
        "10. Yêu cầu, điều kiện thực hiện thủ tục hành chính (nếu có)",
        "Không",
        "11. Căn cứ pháp lý của thủ tục hành chính",
        CIVIL_STATUS_LAW,
    ]


# Part II: new and amended procedures and the replacing one (already there as new), in Part I's order; never
# the replaced or abolished procedure.
PART_TWO = [
    "PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH",
    "THỦ TỤC HÀNH CHÍNH CẤP TỈNH",
    "Lĩnh vực Hộ tịch",
    *_content(
        1,
        "Thủ tục cấp bản sao trích lục hộ tịch",
        ways=["- Trực tiếp", "- Trực tuyến"],
        time_limits=["- Trực tiếp: 01 ngày làm việc", "- Trực tuyến: 1 (chưa rõ đơn vị)"],
        agencies=["- Cơ quan thực hiện: Sở Tư pháp"],
        fees=["- Trực tiếp: 8.000 đồng/bản sao", "- Trực tuyến: Chưa có thông tin"],
    ),
    "THỦ TỤC HÀNH CHÍNH CẤP XÃ",
    "Lĩnh vực Hộ tịch",
    *_content(
        2,
        "Thủ tục đăng ký khai sinh",
        ways=["- Trực tiếp"],
        time_limits=["- Trực tiếp: Ngay trong ngày làm việc"],
        agencies=[
            "- Cơ quan thực hiện: Ủy ban nhân dân cấp xã",
            "- Địa chỉ tiếp nhận hồ sơ: Bộ phận Một cửa Ủy ban nhân dân cấp xã",
        ],
        fees=["- Trực tiếp: Miễn lệ phí"],
    ),
    *_content(
        3,
        "Thủ tục đăng ký kết hôn (mã 1.000894)",
        ways=["- Trực tiếp"],
        time_limits=["- Trực tiếp: Ngay trong ngày làm việc"],
        agencies=["- Cơ quan thực hiện: Ủy ban nhân dân cấp xã"],
        fees=["- Trực tiếp: Miễn lệ phí"],
    ),
]


def _expected_part_one_rows() -> list[tuple]:
    rows = [("PHỤ LỤC",), (TITLE,), (SIGNED_BY,), (), ("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH",)]
    for title, columns, items in LISTS:
        rows += [(title,), columns, *items]
    return rows


@pytest.fixture
def decision():
    return annex_decision()


def _sheet_rows(sheet) -> list[tuple]:
    """Each row's cells up to the last filled one (merged group rows keep their one text)."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(tuple(values))
    return rows


def test_xlsx_part_one_is_the_expected_annex_cell_by_cell(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    assert _sheet_rows(load_workbook(tmp_path / "a.xlsx")["Phần I"]) == _expected_part_one_rows()


def test_xlsx_part_two_is_the_expected_content_row_by_row(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    assert [row[0] for row in _sheet_rows(load_workbook(tmp_path / "a.xlsx")["Phần II"])] == PART_TWO


def test_docx_paragraphs_are_the_expected_annex_paragraph_by_paragraph(decision, tmp_path):
    decision_annex_docx(decision=decision, path=tmp_path / "a.docx")

    paragraphs = [p.text for p in Document(tmp_path / "a.docx").paragraphs if p.text]

    assert paragraphs == [
        "PHỤ LỤC",
        TITLE,
        SIGNED_BY,
        "PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH",
        *(title for title, _columns, _rows in LISTS),
        *PART_TWO,
    ]


def test_docx_tables_are_the_expected_lists_cell_by_cell(decision, tmp_path):
    decision_annex_docx(decision=decision, path=tmp_path / "a.docx")

    tables = []
    for table in Document(tmp_path / "a.docx").tables:
        rows = []
        for row in table.rows:
            cells = tuple(cell.text for cell in row.cells)
            rows.append(cells[:1] if len(set(cells)) == 1 else cells)  # a merged group row repeats its text
        tables.append(rows)

    assert tables == [[columns, *items] for _title, columns, items in LISTS]


def test_xlsx_and_docx_say_the_same(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    decision_annex_docx(decision=decision, path=tmp_path / "a.docx")
    book = load_workbook(tmp_path / "a.xlsx")
    word = Document(tmp_path / "a.docx")

    xlsx_texts = [cell for row in _sheet_rows(book["Phần I"]) for cell in row] + [
        row[0] for row in _sheet_rows(book["Phần II"])
    ]
    docx_texts = [p.text for p in word.paragraphs if p.text] + [
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    ]

    assert set(xlsx_texts) == set(docx_texts)


def test_ministry_level_is_never_a_group_of_a_provincial_list(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    texts = " ".join(str(cell) for row in _sheet_rows(load_workbook(tmp_path / "a.xlsx")["Phần I"]) for cell in row)

    assert "cấp Bộ" not in texts and "Cấp Bộ" not in texts


def test_docx_is_a4_in_times_new_roman(decision, tmp_path):
    decision_annex_docx(decision=decision, path=tmp_path / "a.docx")
    document = Document(tmp_path / "a.docx")

    sizes = [(round(section.page_width.mm), round(section.page_height.mm)) for section in document.sections]

    assert (sizes, document.styles["Normal"].font.name) == ([(297, 210), (210, 297)], "Times New Roman")


def test_xlsx_uses_times_new_roman(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    assert load_workbook(tmp_path / "a.xlsx")["Phần I"].cell(1, 1).font.name == "Times New Roman"


def test_heading_names_the_configured_province(decision, tmp_path, settings):
    settings.EXCHANGE_PROVINCE_NAME = "thành phố Cần Thơ"
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    heading = load_workbook(tmp_path / "a.xlsx")["Phần I"].cell(3, 1).value

    assert heading.endswith("của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ)")


# --- reading the annex back -----------------------------------------------------------------------------


def _items(decision):
    return [
        (item.procedure.name, item.category, item.successor.name if item.successor else None, item.legal_document)
        for item in DecisionItem.objects.filter(decision=decision)
        .order_by("sort_order")
        .select_related("procedure", "successor", "legal_document")
    ]


def test_round_trip_export_then_import_gives_the_same_items(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    created = decision_create_from_annex(path=tmp_path / "a.xlsx", number="400/QĐ-UBND")

    # The annex lists items by category, level and field: compare them as sets of what each says.
    assert sorted(_items(created), key=str) == sorted(_items(decision), key=str)


def test_import_reads_the_decision_number_from_the_heading(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    decision.items.all().delete()
    AnnouncementDecision.objects.filter(pk=decision.pk).delete()

    assert decision_create_from_annex(path=tmp_path / "a.xlsx").number == "345/QĐ-UBND"


def test_import_refuses_an_existing_number(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    with pytest.raises(AnnexImportError, match="đã có quyết định số 345/QĐ-UBND"):
        decision_create_from_annex(path=tmp_path / "a.xlsx")


def test_import_names_the_row_and_column_of_an_unknown_code(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    DecisionItem.objects.filter(procedure__code="1.012753.H19").delete()
    Procedure.objects.filter(code="1.012753.H19").delete()

    with pytest.raises(AnnexImportError, match=r"dòng 28, cột Số hồ sơ TTHC: không có thủ tục mã 1.012753.H19"):
        decision_create_from_annex(path=tmp_path / "a.xlsx", number="401/QĐ-UBND")


def test_import_of_a_workbook_without_part_one_is_refused(tmp_path):
    from openpyxl import Workbook

    Workbook().save(tmp_path / "empty.xlsx")

    with pytest.raises(AnnexImportError, match="Phần I"):
        decision_create_from_annex(path=tmp_path / "empty.xlsx", number="402/QĐ-UBND")


def test_failed_import_writes_nothing(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    Procedure.objects.filter(code="1.000894").update(code="1.000895")

    with pytest.raises(AnnexImportError):
        decision_create_from_annex(path=tmp_path / "a.xlsx", number="403/QĐ-UBND")

    assert not AnnouncementDecision.objects.filter(number="403/QĐ-UBND").exists()


def _new_list_legal_cells(path) -> list[str]:
    """The "Căn cứ pháp lý" cells of the new procedures' list (the first list of Phần I)."""
    rows = _sheet_rows(load_workbook(path)["Phần I"])
    header = rows.index(NEW_COLUMNS)
    column = NEW_COLUMNS.index("Căn cứ pháp lý")
    cells = []
    for row in rows[header + 1 :]:
        if len(row) == 1 and row[0][:2] in ("2.", "3.", "4."):  # the next list's title
            break
        if len(row) > column:
            cells.append(row[column])
    return cells


def test_a_basis_whose_summary_names_its_number_is_cited_once(decision, tmp_path):
    ProcedureLegalBasis.objects.filter(number="60/2014/QH13").update(summary="Luật 60/2014/QH13")

    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    assert set(_new_list_legal_cells(tmp_path / "a.xlsx")) == {"Luật 60/2014/QH13 ngày 20/11/2014 của Quốc hội"}


def test_round_trip_creates_a_document_cited_by_its_summary_under_its_number(decision, tmp_path):
    document = DecisionItem.objects.get(decision=decision, category="abolished").legal_document
    document.summary = "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực"
    document.save()
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    document.number = "99/2099/NĐ-CP"  # no longer in the register: the import writes it from the citation
    document.save()

    created = decision_create_from_annex(path=tmp_path / "a.xlsx", number="400/QĐ-UBND")

    cited = DecisionItem.objects.get(decision=created, category="abolished").legal_document
    assert (cited.pk != document.pk, cited.number, cited.summary) == (True, "23/2015/NĐ-CP", document.summary)


def test_round_trip_creates_a_document_with_its_issuer_day_and_summary_apart(decision, tmp_path):
    document = DecisionItem.objects.get(decision=decision, category="abolished").legal_document
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")  # "Nghị định số … của Chính phủ về cấp …"
    document.number = "99/2099/NĐ-CP"  # no longer in the register: the import writes it from the citation
    document.save()

    created = decision_create_from_annex(path=tmp_path / "a.xlsx", number="400/QĐ-UBND")

    cited = DecisionItem.objects.get(decision=created, category="abolished").legal_document
    assert (cited.number, cited.summary, cited.issued_on, cited.issuer) == (
        "23/2015/NĐ-CP",
        "Về cấp bản sao từ sổ gốc, chứng thực",
        document.issued_on,
        "Chính phủ",
    )


def test_rows_citing_the_same_new_document_share_it(decision, tmp_path):
    document = DecisionItem.objects.get(decision=decision, category="amended").legal_document
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")  # cited by the amended and replaced rows
    document.number = "99/2099/TT-BTP"  # no longer in the register: both rows name one new document
    document.save()

    created = decision_create_from_annex(path=tmp_path / "a.xlsx", number="400/QĐ-UBND")

    cited = {item.legal_document_id for item in created.items.filter(category__in=["amended", "replaced"])}
    assert (len(cited), LegalDocument.objects.filter(number="04/2020/TT-BTP").count()) == (1, 1)


def test_import_names_the_row_of_a_citation_without_a_document_number(decision, tmp_path):
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    book = load_workbook(tmp_path / "a.xlsx")
    sheet = book["Phần I"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == ABOLISHING:
                cell.value = "Nghị định về cấp bản sao"
                where = cell.row
    book.save(tmp_path / "a.xlsx")

    with pytest.raises(AnnexImportError, match=f"dòng {where}: không thấy số ký hiệu văn bản"):
        decision_create_from_annex(path=tmp_path / "a.xlsx", number="400/QĐ-UBND")


@pytest.mark.parametrize(
    "name", ["Tờ khai theo mẫu: 01 bản chụp;", "; Tờ khai theo mẫu: 01 bản chụp.", " Tờ khai theo mẫu: 01 bản chụp, "]
)
def test_a_paper_name_between_separators_is_followed_by_its_counts_once(decision, tmp_path, name):
    DossierItem.objects.filter(name="Tờ khai theo mẫu").update(name=name)

    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")

    rows = [row[0] for row in _sheet_rows(load_workbook(tmp_path / "a.xlsx")["Phần II"]) if row]
    assert "- Tờ khai theo mẫu: 01 bản chụp: 01 bản chính" in rows


def test_xlsx_part_two_fits_a_portrait_page(decision, tmp_path):
    """One column of text is not shrunk to the page when printed: it must be no wider than the page."""
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    sheet = load_workbook(tmp_path / "a.xlsx")["Phần II"]

    assert (sheet.page_setup.orientation, sheet.column_dimensions["A"].width <= 80) == ("portrait", True)
