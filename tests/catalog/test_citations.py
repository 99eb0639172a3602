"""One-line citations of legal documents (the signed annex, the posting, the version history) and reading them
back (the annex import)."""

import datetime as dt

import pytest

from catalog.citations import CitedDocument, legal_citation, parse_legal_citation
from tests.search.sample import sample_records

LAW_DAY = dt.date(2014, 11, 20)


def test_a_law_is_cited_by_its_name_then_number_day_and_issuer():
    assert legal_citation("60/2014/QH13", "Luật Hộ tịch", LAW_DAY, "Quốc hội") == (
        "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014 của Quốc hội"
    )


@pytest.mark.parametrize(
    ("number", "summary", "citation"),
    [
        (  # what the document does: its type from the number's code, then the summary in the sentence
            "04/2020/TT-BTP",
            "Quy định chi tiết thi hành Luật Hộ tịch",
            "Thông tư số 04/2020/TT-BTP ngày 20/11/2014 của Bộ Tư pháp quy định chi tiết thi hành Luật Hộ tịch",
        ),
        (  # a summary that starts with its type: the type, then the number, then the rest
            "127/2007/NĐ-CP",
            "Nghị định Quy định chi tiết thi hành một số điều của Luật Tiêu chuẩn",
            "Nghị định số 127/2007/NĐ-CP ngày 20/11/2014 của Bộ Tư pháp quy định chi tiết thi hành một số điều của "
            "Luật Tiêu chuẩn",
        ),
        (  # a law without a name of its own
            "03/2016/QH14",
            "Luật sửa đổi, bổ sung Điều 6",
            "Luật số 03/2016/QH14 ngày 20/11/2014 của Bộ Tư pháp sửa đổi, bổ sung Điều 6",
        ),
        (  # another document named inside, with its own day
            "04/2024/TT-BTP",
            "Sửa đổi, bổ sung Thông tư số 02/2020/TT-BTP ngày 08/4/2020",
            "Thông tư số 04/2024/TT-BTP ngày 20/11/2014 của Bộ Tư pháp sửa đổi, bổ sung Thông tư số 02/2020/TT-BTP "
            "ngày 08/4/2020",
        ),
        (
            "2385/QĐ-UBND",
            "về việc điều chỉnh",
            "Quyết định số 2385/QĐ-UBND ngày 20/11/2014 của Bộ Tư pháp về việc điều chỉnh",
        ),
    ],
)
def test_a_document_is_cited_by_its_type_number_day_and_issuer_then_what_it_does(number, summary, citation):
    assert legal_citation(number, summary, LAW_DAY, "Bộ Tư pháp") == citation


@pytest.mark.parametrize(
    ("number", "summary"),
    [
        ("54/2024/NĐ-CP", "QUY ĐỊNH VIỆC HÀNH NGHỀ KHOAN NƯỚC"),  # in capitals: no sentence case can be told
        ("31/2024/QH15", "Luật Đất đai ngày 18/01/2024"),  # dated in its own words
        ("12/2019/QH14", "Về quản lý thuế"),  # "QH": a law or a resolution, the type cannot be told
    ],
)
def test_a_summary_the_type_cannot_be_put_before_follows_the_number(number, summary):
    assert legal_citation(number, summary) == f"{number} — {summary}"


def test_summary_naming_the_number_is_the_citation():
    assert legal_citation("54/2014/QH13", "Luật 54/2014/QH13") == "Luật 54/2014/QH13"


def test_summary_ending_with_the_number_takes_day_and_issuer_after_it():
    assert legal_citation("54/2014/QH13", "Luật 54/2014/QH13.", "2014-11-25", "Quốc hội") == (
        "Luật 54/2014/QH13 ngày 25/11/2014 của Quốc hội"
    )


def test_longer_summary_naming_the_number_is_left_as_written():
    summary = "Nghị định 91/2016/NĐ-CP-Về quản lý hóa chất, chế phẩm diệt côn trùng"

    assert legal_citation("91/2016/NĐ-CP", summary, LAW_DAY, "Chính phủ") == summary


def test_number_is_matched_whatever_its_spacing_and_case():
    assert legal_citation("09/2023/QĐ-TTg", "Quyết định số 09/2023/qđ-ttg của Thủ tướng") == (
        "Quyết định số 09/2023/qđ-ttg của Thủ tướng"
    )


@pytest.mark.parametrize(
    ("number", "summary"),
    [
        ("54/2014/QH13", "Luật 154/2014/QH13"),  # another number that ends with this one
        ("134/2016/NĐ-CP", "Nghị định số 18/2021/NĐ-CP sửa đổi Nghị định 134/2016/NĐ-CP"),  # another one first
    ],
)
def test_summary_naming_another_document_first_keeps_the_number_first(number, summary):
    assert legal_citation(number, summary) == f"{number} — {summary}"


def test_number_without_summary_reads_alone():
    assert legal_citation("54/2014/QH13", "") == "54/2014/QH13"


@pytest.mark.parametrize(
    ("text", "document"),
    [
        (
            "60/2014/QH13 ngày 20/11/2014 của Quốc hội — Luật Hộ tịch",
            CitedDocument("60/2014/QH13", "Luật Hộ tịch", LAW_DAY, "Quốc hội"),
        ),
        ("04/2020/TT-BTP — Quy định chi tiết", CitedDocument("04/2020/TT-BTP", "Quy định chi tiết")),
        (
            "Luật 54/2014/QH13 ngày 20/11/2014 của Quốc hội",
            CitedDocument("54/2014/QH13", "Luật 54/2014/QH13 ngày 20/11/2014 của Quốc hội", LAW_DAY),
        ),
    ],
)
def test_parse_reads_the_number_day_issuer_and_summary(text, document):
    assert parse_legal_citation(text) == document


@pytest.mark.parametrize(
    ("text", "document"),
    [
        (  # a central body: what the document does follows it
            "Thông tư số 04/2020/TT-BTP ngày 28/05/2020 của Bộ Tư pháp quy định chi tiết thi hành Luật Hộ tịch",
            CitedDocument(
                "04/2020/TT-BTP", "Quy định chi tiết thi hành Luật Hộ tịch", dt.date(2020, 5, 28), "Bộ Tư pháp"
            ),
        ),
        (  # a law by its name: the issuer ends the citation
            "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014 của Quốc hội",
            CitedDocument("60/2014/QH13", "Luật Hộ tịch", LAW_DAY, "Quốc hội"),
        ),
        (  # a law without a name of its own: its type stays in the summary (its number's code does not say it)
            "Luật số 03/2016/QH14 ngày 20/11/2014 của Quốc hội sửa đổi, bổ sung Điều 6",
            CitedDocument("03/2016/QH14", "Luật sửa đổi, bổ sung Điều 6", LAW_DAY, "Quốc hội"),
        ),
        (  # a province's committee: its place is the words in capitals
            "Quyết định số 2385/QĐ-UBND ngày 20/11/2014 của Chủ tịch Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu về việc "
            "điều chỉnh",
            CitedDocument(
                "2385/QĐ-UBND", "Về việc điều chỉnh", LAW_DAY, "Chủ tịch Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
            ),
        ),
        (  # a body nobody listed: the summary's opening words end it
            "Thông tư số 12/2021/TT-BTP của Cục Con dấu quy định mẫu",
            CitedDocument("12/2021/TT-BTP", "Quy định mẫu", None, "Cục Con dấu"),
        ),
        (  # ... and nothing after it: it ends the citation
            "Thông tư số 12/2021/TT-BTP của Cục Con dấu",
            CitedDocument("12/2021/TT-BTP", "Thông tư", None, "Cục Con dấu"),
        ),
    ],
)
def test_parse_tells_the_issuer_of_a_citation_written_type_first(text, document):
    assert parse_legal_citation(text) == document


def test_parse_tells_an_issuer_the_register_holds_from_what_follows():
    text = "Thông tư số 12/2021/TT-BTP của Tổng cục Thi hành án dân sự mẫu mới"

    cited = parse_legal_citation(text, issuers=["Tổng cục Thi hành án dân sự"])

    assert (cited.issuer, cited.summary) == ("Tổng cục Thi hành án dân sự", "Mẫu mới")


def test_parse_keeps_a_type_first_citation_without_issuer_whole():
    text = "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực"

    assert parse_legal_citation(text) == CitedDocument("23/2015/NĐ-CP", text)


def test_parse_of_a_text_without_a_number_is_none():
    assert parse_legal_citation("Luật Hộ tịch") is None


def test_every_sample_basis_reads_back_with_its_own_number():
    """Over the national data's 17,000 legal bases: a citation the catalog writes names the same document when
    read back, and written again reads the same (numbers the source wrote as plain numbers)."""
    wrong = []
    for record in sample_records():
        for basis in record.get("can_cu_phap_ly") or []:
            number = (basis.get("so_ky_hieu") or "").strip()
            alone = parse_legal_citation(number)
            if alone is None or alone.number != number:
                continue  # words, spaces or a stray dot in the number field: a source error, cited as it came
            text = legal_citation(number, basis.get("trich_yeu"))
            cited = parse_legal_citation(text)
            if (
                cited is None
                or cited.number.casefold() != number.casefold()
                or legal_citation(**cited.__dict__) != text
            ):
                wrong.append((number, text))

    assert wrong == []
