"""How the catalog cites a legal document (căn cứ pháp lý) in one line: the signed annex, the version history.

The national database gives a document's number and its summary (trích yếu) apart, and in about half of its
records the summary is already a citation that holds the number ("Luật 54/2014/QH13", "Luật Đất đai số
31/2024/QH15 ngày 18/01/2024 …"). Written as "number — summary", those read "54/2014/QH13 — Luật
54/2014/QH13": such a summary is the citation itself.

Otherwise a citation reads as decisions write it: the document's type, "số", its number, day and issuer, then
what it is about — "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014 của Quốc hội", "Thông tư số 04/2020/TT-BTP ngày
28/05/2020 của Bộ Tư pháp quy định chi tiết thi hành Luật Hộ tịch". The type is the summary's first words or,
when it starts with what the document does ("Quy định …"), the code in its number (TT: Thông tư). A summary the
type cannot be put before (written in capitals, dated in its own words, naming another document first) follows
the number after a dash, as the source gave it.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from catalog.dates import day_text

# A document number as Vietnamese documents write it: "60/2014/QH13", "04/2020/TT-BTP", "09/2023/QĐ-TTg",
# "66.7/2025/NQ-CP" (an issuer code after a hyphen is in capitals, "TTg" aside: "91/2016/NĐ-CP-Về …" ends at
# "CP"). A day ("20/11/2014") has no letter after its first slash and is no number.
_NUMBER_RE = re.compile(r"(?<![\w/.])[A-Za-z]*\d+(?:\.\w+)?(?:/\w+(?:-\s?[0-9A-ZĐ]+g?(?!\w))*)+")


def _has_letter_after_slash(number: str) -> bool:
    return any(char.isalpha() for char in number.partition("/")[2])


def _cited_number(summary: str) -> re.Match | None:
    """The first document number a summary names."""
    return next((found for found in _NUMBER_RE.finditer(summary) if _has_letter_after_slash(found.group(0))), None)


def _number_named_first(summary: str, number: str) -> re.Match | None:
    """Where the summary names `number` (whatever its spacing and case), if it names no other document before."""
    chars = "".join(number.split())
    found = re.search(
        r"(?<![\w/])" + r"\s*".join(re.escape(char) for char in chars) + r"(?![\w/])", summary, re.IGNORECASE
    )
    first = _cited_number(summary)
    return found if found and not (first and first.start() < found.start()) else None


def legal_citation(
    number: str, summary: str | None = None, issued_on: dt.date | str | None = None, issuer: str | None = None
) -> str:
    """ "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014 của Quốc hội" (see the module's docstring).

    A summary whose first document number is this one is the citation itself ("Luật 54/2014/QH13"), followed by
    the day and issuer only when it ends with the number (a longer summary says them in its own words, or leaves
    them out as the source did). A number without a summary reads alone."""
    number = " ".join((number or "").split()).rstrip(" .,;:")
    summary = " ".join((summary or "").split())
    if isinstance(issued_on, str):
        issued_on = dt.date.fromisoformat(issued_on) if issued_on else None
    issuer = " ".join((issuer or "").split())
    tail = (f" ngày {day_text(issued_on)}" if issued_on else "") + (f" của {issuer}" if issuer else "")
    named = _number_named_first(summary, number) if number else None
    if named:
        if not summary[named.end() :].strip(" .,;:"):
            return summary[: named.end()] + tail
        return summary
    typed = _typed_citation(number, summary.rstrip(" .,;:"), tail) if number and summary else None
    if typed:
        return typed
    head = number + tail if number else tail.strip()
    return " — ".join(part for part in (head, summary) if part)


def snapshot_citation(basis: Mapping[str, Any]) -> str:
    """`legal_citation` of a legal basis as a version's content stores it (number, summary, issued_on, issuer)."""
    return legal_citation(basis.get("number"), basis.get("summary"), basis.get("issued_on"), basis.get("issuer"))


# Types of legal documents as summaries name them (longest first), and the code their numbers carry.
_TYPES = (
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết liên tịch",
    "Nghị quyết",
    "Nghị định",
    "Thông tư liên tịch",
    "Thông tư",
    "Quyết định",
    "Chỉ thị",
)
_NAMED_TYPES = ("Bộ luật", "Luật", "Pháp lệnh")  # what follows the type is the document's name ("Luật Hộ tịch")
_TYPE_BY_CODE = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "CT": "Chỉ thị",
    "PL": "Pháp lệnh",
}
_DAY_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\bngày\s+\d")


def _dated(summary: str) -> bool:
    """Whether the summary gives its own day (not only that of another document it names before it)."""
    day = _DAY_RE.search(summary)
    cited = _cited_number(summary)
    return bool(day) and not (cited and cited.start() < day.start())


def _type_of(number: str) -> str | None:
    """The type a number's code says ("04/2020/TT-BTP": Thông tư; "60/2014/QH13" says none: law or resolution)."""
    code = number.rsplit("/", 1)[-1].split("-", 1)[0].strip()
    return _TYPE_BY_CODE.get(code)


def _lower_first(text: str) -> str:
    """ "Quy định về …" → "quy định về …" (a word in capitals, "UBND", is left as written)."""
    word = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if word[:1].isupper() and word[1:].islower() else text


def _typed_citation(number: str, summary: str, tail: str) -> str | None:
    """ "Type số number[ ngày …][ của …] what it is about", or None when the summary does not allow it."""
    summary = summary.removesuffix(" số")
    letters = [char for char in summary if char.isalpha()]
    if sum(char.isupper() for char in letters) > 0.6 * len(letters) or _dated(summary):
        return None  # in capitals (cannot be put in sentence case) or dated in its own words
    kind = next((kind for kind in _TYPES if summary == kind or summary.startswith(kind + " ")), None)
    if kind is None:
        kind = _type_of(number)
        return f"{kind} số {number}{tail} {_lower_first(summary)}" if kind else None
    rest = summary[len(kind) :].strip()
    if rest[:1].isdigit() or rest.split(" ", 1)[0].casefold() == "số":
        return None  # the summary cites a document by number itself (another one: this number is not in it)
    if kind in _NAMED_TYPES and rest[:1].isupper():
        # Its name first: only when it names no other document, which would then be read as the one cited.
        return None if _cited_number(summary) else f"{summary} số {number}{tail}"
    return f"{kind} số {number}{tail}" + (f" {_lower_first(rest)}" if rest else "")


@dataclass(frozen=True)
class CitedDocument:
    number: str
    summary: str = ""
    issued_on: dt.date | None = None
    issuer: str = ""


# What `legal_citation` writes after a number: the day, then the issuer, up to the summary's dash or the end.
_TAIL_RE = re.compile(r"(?:\s+ngày\s+(?P<day>\d{1,2}/\d{1,2}/\d{4}))?(?:\s+của\s+(?P<issuer>[^—]+?))?\s*(?:—\s*|$)")


def parse_legal_citation(text: str, *, issuers: Iterable[str] = ()) -> CitedDocument | None:
    """The document a one-line citation (as `legal_citation` writes it) names; None when it holds no number.

    Number first: "60/2014/QH13 ngày 20/11/2014 của Quốc hội — Luật Hộ tịch". Type first, as decisions write
    it: "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014 của Quốc hội", "Thông tư số 04/2020/TT-BTP ngày 28/05/2020
    của Bộ Tư pháp quy định …": where the issuer ends and what the document does begins is told by the issuing
    bodies known (`ISSUING_BODIES`, a province's councils and committees, and `issuers`, those the register
    holds) or else by the words a summary opens with ("quy định", "hướng dẫn" …). Otherwise — a summary that
    names the number after other words ("Luật 54/2014/QH13 ngày 25/11/2014 của Quốc hội"), or an issuer that
    cannot be told — the text is kept whole as the summary. Whatever is read, written again it reads the same."""
    text = " ".join((text or "").split())
    found = _cited_number(text)
    if found is None:
        return None
    tail = _TAIL_RE.match(text, found.end())
    day = dt.datetime.strptime(tail.group("day"), "%d/%m/%Y").date() if tail and tail.group("day") else None
    if found.start() > 0 or tail is None:  # a summary that names the number ("07/2022/QH15 - Luật …" too)
        typed = _typed_document(text, found, day, issuers)
        return typed or CitedDocument(_joined(found.group(0)), text, day)
    issuer = (tail.group("issuer") or "").strip()
    rest = text[tail.end() :]
    return CitedDocument(_joined(found.group(0)), rest.strip(), day, issuer)


# Central bodies that issue legal documents (today's names and earlier ones the catalog's documents still carry).
ISSUING_BODIES = (
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chủ tịch nước",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Tòa án nhân dân tối cao",
    "Hội đồng Thẩm phán Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao",
    "Kiểm toán nhà nước",
    "Ngân hàng Nhà nước Việt Nam",
    "Thống đốc Ngân hàng Nhà nước Việt Nam",
    "Ủy ban Dân tộc",
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Giao thông vận tải",
    "Bộ Xây dựng",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Văn hoá, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo",
)
# A province's, district's or commune's council or committee: its place's name is the words in capitals after it.
_LOCAL_BODY_RE = re.compile(
    r"(?:Chủ tịch )?(?:Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân|UBND|HĐND) "
    r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) [A-ZĐÀ-Ỹ]\w*(?:(?: -)? [A-ZĐÀ-Ỹ]\w*)*"
)
_CITED_DAY_RE = re.compile(r" ngày \d{1,2}/\d{1,2}/\d{4}")
# How the national data's summaries open (what the document does), in the sentence case a citation writes them.
_OPENING_RE = re.compile(
    r" (?=(?:quy định|sửa đổi|bổ sung|bãi bỏ|ban hành|hướng dẫn|thực hiện|thi hành|về|phân cấp|công bố|phê duyệt|"
    r"thành lập|điều chỉnh|ủy quyền|uỷ quyền)\b)"
)


def _typed_document(text: str, found: re.Match, day: dt.date | None, issuers: Iterable[str]) -> CitedDocument | None:
    """The document of a citation written type first with its issuer (see `parse_legal_citation`), or None."""
    head = text[: found.start()]
    kind = next((kind for kind in _TYPES if head == f"{kind} số " or head.startswith(kind + " ")), None)
    if kind is None or not head.endswith(" số "):
        return None
    head = head.removesuffix(" số ")
    number = _joined(found.group(0))
    after = text[found.end() :]
    dated = _CITED_DAY_RE.match(after)  # the day read already (`day`)
    if dated:
        after = after[dated.end() :]
    if not after.startswith(" của "):
        return None  # no issuer: the national data's summaries read so too, kept whole
    body = after.removeprefix(" của ")
    if head != kind:  # "Luật Hộ tịch số …": the name is the summary, and the issuer ends the citation
        readings = [(head, body)]
    else:
        readings = [(_summary_of(number, kind, does), issuer) for issuer, does in _issuer_splits(body, issuers)]
    for summary, issuer in readings:
        if legal_citation(number, summary, day, issuer) == text:
            return CitedDocument(number, summary, day, issuer)
    return None


def _issuer_splits(body: str, issuers: Iterable[str]) -> list[tuple[str, str]]:
    """The ways to read "<issuer> <what the document does>", likeliest first: after an issuing body known (the
    longest first), before the words a summary opens with, or the whole as the issuer."""
    known = {*ISSUING_BODIES, *(" ".join(issuer.split()) for issuer in issuers if issuer)}
    local = _LOCAL_BODY_RE.match(body)
    if local:
        known.add(local.group(0))
    splits = [
        (issuer, body[len(issuer) :].strip())
        for issuer in sorted(known, key=len, reverse=True)
        if body == issuer or body.startswith(issuer + " ")
    ]
    splits += [(body[: found.start()], body[found.end() :]) for found in _OPENING_RE.finditer(body) if found.start()]
    return [*splits, (body, "")]


def _summary_of(number: str, kind: str, does: str) -> str:
    """The summary of a document of type `kind` that does `does` (lower case, as a citation writes it): in the
    national data's form ("Quy định …") when the number's code gives the type back, else with the type."""
    if not does:
        return kind
    return does[0].upper() + does[1:] if _type_of(number) == kind else f"{kind} {does}"


def _joined(number: str) -> str:
    """A number as the register keeps it: "25/2023/TT- BKHĐT" in a summary is 25/2023/TT-BKHĐT."""
    return "".join(number.split())
