"""Parse published processing-time texts (thời hạn giải quyết) into structured cases.

The portal publishes the time limit of each submission channel as free text. This module turns the
unambiguous texts into ``TimeLimitCase`` values and flags everything else for staff, with a short
Vietnamese reason. It never guesses: a bare number, an unknown unit, a month, a step-by-step
schedule or prose it does not recognise yields no cases and a flag.

Pure Python, no database and no Django settings needed.

Recognised shapes (case-insensitive, after NFC normalisation and whitespace collapsing):

- ``[Không quá | Tối đa | Trong (thời hạn | vòng)] N <unit> [kể từ ...]``, N in digits ("05",
  "3,5", "7.5") or in Vietnamese words ("mười lăm");
- a same-day rule ("Ngay trong ngày làm việc", "Trả ngay", "Thực hiện trong ngày làm việc nhận được
  hồ sơ ...") optionally followed by the 15:00 cut-off sentence, which is a global rule;
- lists of labelled cases ("a) Không quá 10 ngày làm việc đối với ...; b) ...", "- Đối với trường hợp
  X thì thời gian giải quyết không quá N ngày"), each optionally followed by the standard extension
  for mountainous/remote communes ("... thì thời gian thực hiện được tăng thêm không quá N ngày làm
  việc so với tổng thời gian thực hiện thủ tục này"), which becomes its own case (main + extension).

Texts with several cases are returned with all their cases *and* a flag: the deadline engine does not
pick a case by itself, staff confirm.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from catalog.choices import StartEvent, TimeUnit

FLAG_MISSING = "Chưa có thời hạn"
FLAG_NO_UNIT = "Thiếu đơn vị thời gian"
FLAG_ZERO = "Thời hạn bằng 0"
FLAG_UNSUPPORTED_UNIT = "Đơn vị tháng/năm/tuần chưa hỗ trợ"
FLAG_AMBIGUOUS_NUMBER = "Số không rõ ràng (có thể là dấu phân cách hàng nghìn)"
FLAG_UNRECOGNISED = "Không nhận dạng được"
FLAG_MULTI_CASE = "Nhiều trường hợp trong một câu"
FLAG_SINGLE_LABELLED_CASE = "Thời hạn chỉ nêu cho một trường hợp"
FLAG_OTHER_START = "Mốc bắt đầu tính khác (xem văn bản)"
FLAG_EXCLUDED_TIME = "Có khoảng thời gian không tính vào thời hạn"
FLAG_UNIT_UNCERTAIN = "Đơn vị không chắc chắn (nguồn đã chuẩn hóa lại đơn vị)"

FLAG_SEPARATOR = "; "

_I = re.IGNORECASE

# --- Numbers and units ------------------------------------------------------------------------

_DIGITS = r"\d+(?:[.,]\d+)?"
_NUMBER_WORDS = (
    r"(?:hai|ba|bốn|năm|sáu|bảy|tám|chín) mươi(?: (?:mốt|một|hai|ba|tư|bốn|lăm|năm|sáu|bảy|tám|chín))?"
    r"|mười(?: (?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín))?"
    r"|một|hai|ba|bốn|năm|sáu|bảy|tám|chín"
)
_UNIT = r"ngày làm việc|ngày|giờ làm việc|giờ|tháng|năm|tuần"
_FIGURE = rf"(?:{_DIGITS}|{_NUMBER_WORDS})\s*(?:{_UNIT})(?!\w)"

_FIGURE_PARTS_RE = re.compile(rf"(?P<number>{_DIGITS}|{_NUMBER_WORDS})\s*(?P<unit>{_UNIT})", _I)
_FIGURE_ANYWHERE_RE = re.compile(rf"(?<![\w/.,]){_FIGURE}", _I)
_BARE_NUMBER_RE = re.compile(_DIGITS)
_THOUSANDS_RE = re.compile(r"\d+[.,]\d{3}")

_DIGIT_WORDS = {
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_NUMBER_WORD_TOKENS = {*_DIGIT_WORDS, "mười", "mươi"}

_UNIT_VALUES = {
    "ngày làm việc": TimeUnit.WORKING_DAYS.value,
    "ngày": TimeUnit.CALENDAR_DAYS.value,
    "giờ làm việc": TimeUnit.WORKING_HOURS.value,
    "giờ": TimeUnit.WORKING_HOURS.value,
}
_DAY_UNITS = {TimeUnit.WORKING_DAYS.value, TimeUnit.CALENDAR_DAYS.value}
_UNIT_WORDS = {
    TimeUnit.WORKING_DAYS.value: "ngày làm việc",
    TimeUnit.CALENDAR_DAYS.value: "ngày",
    TimeUnit.WORKING_HOURS.value: "giờ làm việc",
}

# --- Text clean-up ----------------------------------------------------------------------------

# Words after which a trailing "ngày" belongs to the text ("trong ngày", "05 ngày", "mười lăm ngày").
_DAY_ATTACHING_WORDS = {"trong", "cùng", *_NUMBER_WORD_TOKENS}
_BOILERPLATE_RE = re.compile(
    r"các cơ quan liên quan đến quá trình thực hiện trình tự, thủ tục không được quy định thêm thủ tục"
    r" và không được thực hiện thêm bất kỳ thủ tục nào khác ngoài thủ tục quy định nêu trên\.?",
    _I,
)
_EDGE_PUNCTUATION = " .;,:"

# --- Start event ------------------------------------------------------------------------------

_DOSSIER_RECEIVED_RE = re.compile(
    r"^(?:(?:kể từ|tính từ) (?:ngày |thời điểm |khi )?)?(?:tiếp nhận|nhận)(?: được)? "
    r"(?P<before>(?:đủ |đầy đủ )?)hồ sơ(?P<after>.*)$",
    _I,
)
_COMPLETENESS_RE = re.compile(r"(?<!\w)(?:đủ|đầy đủ|hợp lệ)(?!\w)", _I)
_MAX_QUALIFIER_WORDS = 5

# --- Same-day rules ---------------------------------------------------------------------------

_CUTOFF_RE = re.compile(
    r"[;,.]?\s*(?:trường hợp|nếu)\s[^;.]*?sau 15 giờ\s[^;.]*?ngày (?:làm việc )?(?:tiếp theo|hôm sau)[^;.]*$",
    _I,
)
_SAME_DAY_RE = re.compile(
    r"^(?:(?:thực hiện|giải quyết|trả kết quả|trả|cấp) )?(?:ngay )?"
    r"(?:trong (?:cùng )?ngày(?: làm việc)?|ngay)(?: (?P<tail>.+))?$",
    _I,
)

# --- Clauses and cases ------------------------------------------------------------------------

_ITEM_MARKER_RE = re.compile(r"(?:^|(?<=[.;:])\s+)(?:[a-zđ]\)|[-+])\s+", _I)
_QUALIFIER = r"(?P<max>(?:không quá|tối đa|không vượt quá) )?"
_START = r"(?:,? (?P<start>(?:kể từ|tính từ) .+?))?"
_LEAD = r"(?:(?:trong )?thời (?:hạn|gian)(?: giải quyết| thực hiện)?(?: là)?:? |trong vòng |trong )?"

_CLAUSE_RES = (
    # "Không quá 10 ngày làm việc [kể từ ...] [đối với <label>]"
    re.compile(
        rf"^{_LEAD}{_QUALIFIER}(?P<figure>{_FIGURE}){_START}(?:,? (?:đối với )+(?P<label>.+))?$",
        _I,
    ),
    # "Đối với <label> thì thời gian giải quyết không quá 20 ngày làm việc" / "Trường hợp <label> thì ..."
    re.compile(
        rf"^(?:(?:đối với )+|(?=(?:trường hợp|nếu) ))(?P<label>.+?),? thì "
        rf"(?:thời (?:gian|hạn) (?:giải quyết|thực hiện) (?:là )?)?{_QUALIFIER}(?P<figure>{_FIGURE}){_START}$",
        _I,
    ),
    # "Thời hạn giải quyết đối với <label> là không quá 10 ngày làm việc"
    re.compile(
        rf"^thời (?:hạn|gian) (?:giải quyết|thực hiện) (?:đối với )+(?P<label>.+?) là "
        rf"{_QUALIFIER}(?P<figure>{_FIGURE}){_START}$",
        _I,
    ),
)
_EXTENSION_RE = re.compile(
    rf"(?:đối với|tại) (?P<label>(?:các )?(?:xã|vùng|địa bàn) [^;.]*?),? thì thời gian (?:thực hiện|giải quyết) "
    rf"(?:được )?tăng thêm {_QUALIFIER}(?P<figure>{_FIGURE}) so với tổng thời gian (?:thực hiện|giải quyết) "
    rf"thủ tục(?: hành chính)? này\.?",
    _I,
)
_EXTENSION_LEFTOVER_RE = re.compile(r"miền núi|vùng sâu|vùng xa|tăng thêm không quá", _I)
_EXCLUSION_RE = re.compile(r"\s*\(không tính [^)]*\)|,\s*không tính thời gian[^.;]*", _I)
_SENTENCE_BREAK_RE = re.compile(r"[.:]\s")


@dataclass(frozen=True)
class TimeLimitCase:
    """One structured time limit.

    ``start_event`` is COMPLETE_DOSSIER when the text says "kể từ ngày nhận đủ hồ sơ (hợp lệ)" (or
    the dossier is otherwise qualified as complete/valid), RECEIPT when it says "kể từ ngày (tiếp)
    nhận hồ sơ" without qualification, OTHER when it names any other starting point (and the parse is
    flagged). When the text names no starting point, COMPLETE_DOSSIER is used as the legal default:
    Decree 61/2018 counts processing time from receipt of a complete, valid dossier.
    """

    amount: Decimal  # > 0; Decimal(0) for SAME_DAY
    unit: str  # a TimeUnit value
    start_event: str  # a StartEvent value
    case: str = ""  # case label as published; "" for the single/default case
    max_only: bool = False  # "Không quá N ngày" / "tối đa N ngày": an upper bound


@dataclass(frozen=True)
class TimeLimitParse:
    """Result of parsing one published text: its cases and, when staff must check, a flag.

    ``flag`` holds one or more short Vietnamese reasons joined by ``FLAG_SEPARATOR``.
    """

    text: str  # the published text as given (stripped); "" for None
    cases: tuple[TimeLimitCase, ...]
    flag: str = ""

    @property
    def is_parsed(self) -> bool:
        """True when the text was parsed unambiguously (no flag, at least one case)."""
        return not self.flag and bool(self.cases)

    @property
    def is_structured(self) -> bool:
        """True when every case was read unambiguously, though there may be several: a text listing labelled
        cases keeps each case with its label. The deadline engine never picks among several cases by
        itself (the caller names the case)."""
        return bool(self.cases) and set(filter(None, self.flag.split(FLAG_SEPARATOR))) <= {FLAG_MULTI_CASE}


@dataclass(frozen=True)
class _Clause:
    """One time figure with its label, as read from one list item."""

    amount: Decimal
    unit: str
    start_event: str
    label: str
    max_only: bool


class _Reject(Exception):
    """The text cannot be turned into cases; ``flag`` says why."""

    def __init__(self, flag: str) -> None:
        super().__init__(flag)
        self.flag = flag


def parse_time_limit(text: str | None, *, unit_uncertain: bool = False) -> TimeLimitParse:
    """Parse a published time-limit text; flag what is not unambiguous.

    ``unit_uncertain`` marks texts whose unit word was re-rendered by the source (data-pipeline):
    cases counted in days are kept but flagged. Same-day and hour limits are not affected.
    """
    shown = (text or "").strip()
    if not shown:
        return TimeLimitParse("", (), FLAG_MISSING)
    try:
        cases, reasons = _parse_normalised(_normalise(shown))
    except _Reject as reject:
        return TimeLimitParse(shown, (), reject.flag)
    if unit_uncertain and any(case.unit in _DAY_UNITS for case in cases):
        reasons.append(FLAG_UNIT_UNCERTAIN)
    return TimeLimitParse(shown, tuple(cases), FLAG_SEPARATOR.join(reasons))


def describe(case: TimeLimitCase) -> str:
    """Render a case in Vietnamese, e.g. "05 ngày làm việc", "Không quá 45 ngày", "Trong ngày"."""
    if case.unit == TimeUnit.SAME_DAY:
        return "Trong ngày"
    words = f"{_format_amount(case.amount)} {_UNIT_WORDS[case.unit]}"
    return f"Không quá {words}" if case.max_only else words


UNIT_UNKNOWN_NOTE = "(chưa rõ đơn vị)"
_UNIT_WORD_RE = re.compile(rf"(?<!\w)(?:{_UNIT}|trong ngày|ngay)(?!\w)", _I)
_HAS_NUMBER_RE = re.compile(r"\d")


def time_limit_display(text: str | None) -> str:
    """A published time limit as the public reads it: always with its unit.

    The portal stores the unit apart and some sources lost it ("1", "3,5"): such a text is shown as
    published followed by "(chưa rõ đơn vị)", never as a bare number. "" when nothing is published.
    """
    shown = (text or "").strip()
    if not shown:
        return ""
    if _HAS_NUMBER_RE.search(shown) and not _UNIT_WORD_RE.search(shown):
        return f"{shown} {UNIT_UNKNOWN_NOTE}"
    return shown


def _format_amount(amount: Decimal) -> str:
    """Two-digit integers as in legal texts ("05"), decimal comma otherwise ("3,5")."""
    if amount == amount.to_integral_value():
        return f"{int(amount):02d}"
    return f"{amount.normalize():f}".replace(".", ",")


# --- Normalisation ----------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """NFC, single spaces, no appended unit word, no procedural boilerplate, no edge punctuation."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    text = _strip_appended_day(text)
    text = " ".join(_BOILERPLATE_RE.sub(" ", text).split())
    return text.strip(_EDGE_PUNCTUATION)


def _strip_appended_day(text: str) -> str:
    """Drop a trailing "ngày" that follows no number (data-pipeline appended its unit to prose)."""
    words = text.split(" ")
    if len(words) < 2 or words[-1].lower() != "ngày":
        return text
    previous = words[-2].lower()
    if previous in _DAY_ATTACHING_WORDS or _BARE_NUMBER_RE.fullmatch(previous):
        return text
    return " ".join(words[:-1])


# --- Top-level dispatch -----------------------------------------------------------------------


def _parse_normalised(text: str) -> tuple[list[TimeLimitCase], list[str]]:
    """Cases and flag reasons for a normalised text; raises _Reject when there are no cases."""
    if _BARE_NUMBER_RE.fullmatch(text):
        raise _Reject(FLAG_NO_UNIT)
    same_day = _parse_same_day(text)
    if same_day is not None:
        return [same_day], []
    return _parse_cases(text)


def _parse_same_day(text: str) -> TimeLimitCase | None:
    """A SAME_DAY case for same-day rules (the 15:00 cut-off sentence is a global rule)."""
    match = _SAME_DAY_RE.match(_CUTOFF_RE.sub("", text).strip(_EDGE_PUNCTUATION))
    if match is None:
        return None
    start_event = StartEvent.COMPLETE_DOSSIER.value
    if match["tail"]:
        start_event = _start_event(match["tail"])
        if start_event == StartEvent.OTHER:
            return None
    return TimeLimitCase(Decimal(0), TimeUnit.SAME_DAY.value, start_event)


def _start_event(phrase: str | None) -> str:
    """The StartEvent named by a "kể từ ..." phrase; COMPLETE_DOSSIER when there is none."""
    if not phrase:
        return StartEvent.COMPLETE_DOSSIER.value
    match = _DOSSIER_RECEIVED_RE.match(phrase.strip())
    if match is None:
        return StartEvent.OTHER.value
    after = match["after"].strip(" ,")
    if len(after.split()) > _MAX_QUALIFIER_WORDS or re.search(r"[;:.]", after):
        return StartEvent.OTHER.value
    if match["before"] or _COMPLETENESS_RE.search(after):
        return StartEvent.COMPLETE_DOSSIER.value
    return StartEvent.OTHER.value if after else StartEvent.RECEIPT.value


# --- Cases ------------------------------------------------------------------------------------


def _parse_cases(text: str) -> tuple[list[TimeLimitCase], list[str]]:
    """Cases from a single statement or a list of labelled statements, with flag reasons."""
    try:
        parsed = [_parse_item(item) for item in _split_items(text)]
    except _Reject:
        if ";" not in text:
            raise
        parsed = _parse_semicolon_cases(text)
    if len(parsed) > 1 and not all(clause.label for clause, _, _ in parsed):
        raise _Reject(FLAG_UNRECOGNISED)
    cases: list[TimeLimitCase] = []
    for clause, extension, _ in parsed:
        cases.append(_case(clause))
        if extension is not None:
            cases.append(_extended_case(clause, extension))
    return cases, _case_reasons(cases, excluded_time=any(excluded for _, _, excluded in parsed))


def _parse_semicolon_cases(text: str) -> list[tuple[_Clause, _Clause | None, bool]]:
    """ "05 ngày đối với trường hợp A; 10 ngày đối với trường hợp B": every part must be a labelled clause."""
    try:
        parsed = [_parse_item(part) for part in text.split(";")]
    except _Reject:
        raise _Reject(FLAG_UNRECOGNISED) from None
    if not all(clause.label for clause, _, _ in parsed):
        raise _Reject(FLAG_UNRECOGNISED)
    return parsed


def _split_items(text: str) -> list[str]:
    """List items ("a) ...", "- ...") or the whole text; text before the first marker is refused."""
    parts = _ITEM_MARKER_RE.split(text)
    if len(parts) > 1 and parts[0].strip(_EDGE_PUNCTUATION):
        raise _Reject(FLAG_UNRECOGNISED)
    items = [part for part in parts if part.strip(_EDGE_PUNCTUATION)] if len(parts) > 1 else parts
    if not items:
        raise _Reject(FLAG_UNRECOGNISED)
    return items


def _parse_item(item: str) -> tuple[_Clause, _Clause | None, bool]:
    """The main clause of one item, its remote-commune extension (if any), and whether time is excluded."""
    item, extension = _take_extension(item)
    item, excluded_count = _EXCLUSION_RE.subn("", item)
    return _parse_clause(item.strip(_EDGE_PUNCTUATION)), extension, excluded_count > 0


def _take_extension(item: str) -> tuple[str, _Clause | None]:
    """Remove the standard extension sentence for remote communes and return it as a clause."""
    matches = list(_EXTENSION_RE.finditer(item))
    if len(matches) > 1:
        raise _Reject(FLAG_UNRECOGNISED)
    extension = None
    if matches:
        match = matches[0]
        amount, unit = _parse_figure(match["figure"])
        extension = _Clause(amount, unit, "", match["label"], bool(match["max"]))
        item = item[: match.start()] + item[match.end() :]
    if _EXTENSION_LEFTOVER_RE.search(item):
        raise _Reject(FLAG_UNRECOGNISED)
    return item, extension


def _parse_clause(text: str) -> _Clause:
    """One statement with exactly one time figure, in one of the recognised shapes."""
    for pattern in _CLAUSE_RES:
        match = pattern.match(text)
        if match is not None:
            amount, unit = _parse_figure(match["figure"])
            label = _clean_label(match["label"])
            return _Clause(amount, unit, _start_event(match["start"]), label, bool(match["max"]))
    raise _Reject(FLAG_UNRECOGNISED)


def _clean_label(label: str | None) -> str:
    """A case label, refused when it hides another time figure or another sentence."""
    label = (label or "").strip(_EDGE_PUNCTUATION)
    if _FIGURE_ANYWHERE_RE.search(label) or _SENTENCE_BREAK_RE.search(label):
        raise _Reject(FLAG_UNRECOGNISED)
    return label


def _parse_figure(figure: str) -> tuple[Decimal, str]:
    """Amount and TimeUnit value of "05 ngày làm việc", "3,5 ngày", "mười lăm ngày", "8 giờ"."""
    match = _FIGURE_PARTS_RE.fullmatch(figure.strip())
    if match is None:
        raise _Reject(FLAG_UNRECOGNISED)
    unit = " ".join(match["unit"].lower().split())
    if unit not in _UNIT_VALUES:
        raise _Reject(FLAG_UNSUPPORTED_UNIT)
    amount = _parse_amount(match["number"])
    if amount <= 0:
        raise _Reject(FLAG_ZERO)
    return amount, _UNIT_VALUES[unit]


def _parse_amount(number: str) -> Decimal:
    """Digits with an optional decimal comma/point, or Vietnamese number words up to 99."""
    number = number.lower()
    if not number[0].isdigit():
        return Decimal(_words_to_int(number))
    if _THOUSANDS_RE.fullmatch(number):
        raise _Reject(FLAG_AMBIGUOUS_NUMBER)
    return Decimal(number.replace(",", "."))


def _words_to_int(words: str) -> int:
    """ "mười lăm" → 15, "hai mươi mốt" → 21, "bảy" → 7 (shape already checked by the regex)."""
    tokens = words.split()
    if tokens[0] == "mười":
        tens, rest = 1, tokens[1:]
    elif len(tokens) > 1 and tokens[1] == "mươi":
        tens, rest = _DIGIT_WORDS[tokens[0]], tokens[2:]
    else:
        tens, rest = 0, tokens
    return tens * 10 + sum(_DIGIT_WORDS[token] for token in rest)


def _case(clause: _Clause) -> TimeLimitCase:
    """The TimeLimitCase of a main clause."""
    return TimeLimitCase(clause.amount, clause.unit, clause.start_event, clause.label, clause.max_only)


def _extended_case(clause: _Clause, extension: _Clause) -> TimeLimitCase:
    """The remote-commune case: the main limit plus the extension, in the same unit only."""
    if extension.unit != clause.unit:
        raise _Reject(FLAG_UNRECOGNISED)
    label = f"{clause.label} ({extension.label})" if clause.label else extension.label
    return TimeLimitCase(
        clause.amount + extension.amount,
        clause.unit,
        clause.start_event,
        label,
        clause.max_only or extension.max_only,
    )


def _case_reasons(cases: list[TimeLimitCase], *, excluded_time: bool) -> list[str]:
    """Flag reasons that keep the cases but ask staff to confirm them."""
    reasons = []
    if len(cases) > 1:
        reasons.append(FLAG_MULTI_CASE)
    elif cases[0].case:
        reasons.append(FLAG_SINGLE_LABELLED_CASE)
    if any(case.start_event == StartEvent.OTHER for case in cases):
        reasons.append(FLAG_OTHER_START)
    if excluded_time:
        reasons.append(FLAG_EXCLUDED_TIME)
    return reasons
