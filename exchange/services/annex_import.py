"""The reverse of an annex workbook: a draft decision started from the Phần I lists of a workbook as
`exchange.services.annexes.decision_annex_xlsx` writes it (one item per procedure row, in the list's
category, with the legal document and the successor the row names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from catalog.choices import AnnouncementCategory
from catalog.citations import parse_legal_citation
from catalog.models import Agency, AnnouncementDecision, DecisionItem, LegalDocument, Procedure
from catalog.text import normalize_name
from catalog.validators import PROCEDURE_CODE_RE
from exchange.services.annex_content import LEVEL_GROUPS, LISTS, UNKNOWN, field_heading, province_level

# --- reading a workbook back: a draft decision ------------------------------------------------------------

_LIST_BY_TITLE = {normalize_name(title): category for category, title, _columns in LISTS}
_LIST_TITLE_RE = re.compile(r"^\d+\.\s+(?P<title>.+)$")
_LEVEL_RE = re.compile(r"^[A-Z]\.\s+(?P<label>.+)$")
_FIELD_RE = re.compile(r"^[IVXLC]+\.\s+(?P<label>.+)$")
_NUMBER_RE = re.compile(r"Quyết định số\s+(?P<number>\S+)")
_LEVEL_BY_HEADING = {normalize_name(text): code for code, text in LEVEL_GROUPS.items()}


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
            found = [p for p in found if province_level(p) == level] or found
        if len(found) > 1 and field_name:
            found = [p for p in found if field_heading(p.field.name if p.field_id else "") == field_name] or found
        return found


class _Register:
    """The legal documents an annex cites: the register's (matched by number) or new ones made from the citation
    — one per number, however many rows cite it."""

    def __init__(self) -> None:
        # Issuers the register holds tell where a citation's issuer ends (catalog.citations).
        self.issuers = set(LegalDocument.objects.exclude(issuer="").values_list("issuer", flat=True).distinct())
        self.new: dict[str, LegalDocument] = {}

    def document_for(self, text: str, row: int, problems: list[str]) -> LegalDocument | None:
        text = " ".join(text.split())
        if not text or text == UNKNOWN:
            return None
        cited = parse_legal_citation(text, issuers=self.issuers)
        if cited is None:
            problems.append(_("dòng %(row)s: không thấy số ký hiệu văn bản trong “%(t)s”") % {"row": row, "t": text})
            return None
        if cited.number in self.new:
            return self.new[cited.number]
        found = LegalDocument.objects.filter(number=cited.number).first()
        if found is not None:
            return found
        if len(cited.number) > LegalDocument._meta.get_field("number").max_length:
            problems.append(_("dòng %(row)s: số ký hiệu văn bản quá dài: “%(n)s”") % {"row": row, "n": cited.number})
            return None
        document = LegalDocument(
            number=cited.number, issued_on=cited.issued_on, issuer=cited.issuer, summary=cited.summary
        )
        self.new[cited.number] = document
        return document


def decision_create_from_annex(
    *,
    path: Path | str,
    number: str | None = None,
    proposing_agency: Agency | None = None,
    procedures: QuerySet[Procedure] | None = None,
) -> AnnouncementDecision:
    """Start a draft decision from an annex workbook (as `decision_annex_xlsx` writes it): one item per
    procedure row of the Phần I lists, in the list's category, with the legal document and the successor
    the row names. The number defaults to the one in the heading. `proposing_agency` proposes it; a row
    naming a procedure outside `procedures` (default: any) is refused. All or nothing; every problem names
    its row and column."""
    sheet = _part_one(path)
    reader = _ListReader(_Matcher())
    for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        reader.feed(row_number, [str(value).strip() if value is not None else "" for value in row])
    problems = reader.problems
    items = reader.items
    if procedures is not None:
        problems.extend(_outside_problems(items, procedures))
    number = (number or reader.heading_number or "").strip()
    problems.extend(_number_problems(number))
    if not items and not problems:
        problems.append(_("không có thủ tục nào trong các danh mục của Phần I"))
    register = _Register()
    documents = [register.document_for(item.legal_document, item.row, problems) for item in items]
    if problems:
        raise AnnexImportError("\n".join(problems))
    return _decision_create(number, items, documents, proposing_agency)


def _part_one(path: Path | str):
    """The workbook's "Phần I" sheet."""
    try:
        return load_workbook(path, read_only=True)["Phần I"]
    except KeyError:
        raise AnnexImportError(_("tệp không có trang “Phần I” của phụ lục quyết định")) from None
    except (OSError, ValueError) as exc:
        raise AnnexImportError(_("tệp không đọc được như bảng tính Excel: %(e)s") % {"e": exc}) from exc


class _ListReader:
    """Reads Phần I row by row: the decision number in the heading, each list's title (its category) and
    column row, the level and field groups, and every procedure row as an item (or a problem)."""

    def __init__(self, matcher: _Matcher) -> None:
        self.matcher = matcher
        self.items: list[_ReadItem] = []
        self.problems: list[str] = []
        self.heading_number: str | None = None
        self.category: str | None = None
        self.columns: dict[str, int] = {}
        self.level = ""
        self.field_name = ""

    def feed(self, row_number: int, values: list[str]) -> None:
        first = values[0] if values else ""
        if not first:
            return
        if self.heading_number is None and (found := _NUMBER_RE.search(first)):
            self.heading_number = found.group("number")
        title = _LIST_TITLE_RE.match(first)
        if title and normalize_name(title.group("title")) in _LIST_BY_TITLE:
            self.category, self.columns = _LIST_BY_TITLE[normalize_name(title.group("title"))], {}
            self.level, self.field_name = "", ""
        elif self.category is not None:
            self._feed_list_row(row_number, first, values)

    def _feed_list_row(self, row_number: int, first: str, values: list[str]) -> None:
        if first == "STT":
            self.columns = {name: index for index, name in enumerate(values) if name}
        elif (level_match := _LEVEL_RE.match(first)) and not first[0].isdigit():
            self.level = _LEVEL_BY_HEADING.get(normalize_name(level_match.group("label")), "")
            self.field_name = ""
        elif field_match := _FIELD_RE.match(first):
            self.field_name = field_match.group("label")
        elif first.isdigit():
            read = _read_row(
                self.category,
                self.columns,
                values,
                row_number,
                self.matcher,
                self.level,
                self.field_name,
                self.problems,
            )
            if read is not None:
                self.items.append(read)


def _number_problems(number: str) -> list[str]:
    """Why a decision cannot take this number (none, or one already used)."""
    if not number:
        return [_("không có số quyết định (tiêu đề phụ lục không ghi “Quyết định số …”)")]
    if AnnouncementDecision.objects.filter(number=number).exists():
        return [_("số quyết định: đã có quyết định số %(n)s") % {"n": number}]
    return []


def _outside_problems(items: list[_ReadItem], procedures: QuerySet[Procedure]) -> list[str]:
    """Rows naming a procedure (or successor) the decision's proposer may not list."""
    named = {p.pk for item in items for p in (item.procedure, item.successor) if p is not None}
    allowed = set(procedures.filter(pk__in=named).values_list("pk", flat=True))
    return [
        _("dòng %(row)s: thủ tục “%(name)s” không thuộc cơ quan của bạn")
        % {"row": item.row, "name": procedure.name[:120]}
        for item in items
        for procedure in (item.procedure, item.successor)
        if procedure is not None and procedure.pk not in allowed
    ]


@transaction.atomic
def _decision_create(
    number: str, items: list[_ReadItem], documents: list[LegalDocument | None], proposing_agency: Agency | None
) -> AnnouncementDecision:
    """The draft decision with one item per row read (legal documents new to the register saved first)."""
    decision = AnnouncementDecision.objects.create(
        number=number, proposing_agency=proposing_agency, live=False, has_unpublished_changes=True
    )
    for index, (item, document) in enumerate(zip(items, documents, strict=True)):
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
