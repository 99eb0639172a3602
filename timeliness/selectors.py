"""Reads of the timeliness app: the per-agency on-time report, its drill-down by procedure, staff lists.

The report is one aggregate query over dossiers received in the period (conditional counts, grouped by
agency), classified "as of" a moment with the rules of `timeliness.classification`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, CharField, Count, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from catalog.calendar import LOCAL_TZ, working_calendar
from catalog.choices import AgencyGroup
from catalog.models import Agency, AgencyName, Procedure
from catalog.selectors import agency_name_on
from timeliness.choices import DossierStatus, Outcome
from timeliness.classification import on_time_rate, outcome_grouping, rate_text, report_column
from timeliness.models import Dossier

# The province's report order: departments, then district-level, then commune-level units, then others.
GROUP_ORDER = (
    AgencyGroup.DEPARTMENT,
    AgencyGroup.DISTRICT_COMMITTEE,
    AgencyGroup.COMMUNE_COMMITTEE,
    AgencyGroup.OTHER,
)
REPORTED_GROUPS = GROUP_ORDER[:3]
COUNT_KEYS = (
    "tiep_nhan",
    "dung_han",
    "trong_han",
    "tre_han",
    "truoc_han",
    "dung_han_trong_ngay",
    "qua_han",
    "tu_choi",
    "rut_ho_so",
    "chua_xac_dinh",
    # Resolved dossiers against the statutory deadline (the catalog's), beside the one-stop result above.
    "luat_dung_han",
    "luat_tre_han",
    "luat_chua_xac_dinh",
)


def on_time_threshold() -> Decimal:
    """The on-time rate below which staff are alerted (setting TIMELINESS_ON_TIME_THRESHOLD, default 95)."""
    return Decimal(str(settings.TIMELINESS_ON_TIME_THRESHOLD))


@dataclass
class ReportRow:
    """One line of the report: an agency, a procedure, a group subtotal or the total."""

    kind: str  # "co_quan" | "thu_tuc" | "nhom" | "tong"
    code: str
    name: str
    group: str = ""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))

    @property
    def rate(self) -> Decimal:
        return on_time_rate(on_time=self.counts["dung_han"], late=self.counts["tre_han"])

    @property
    def is_measured(self) -> bool:
        """Whether the row has dossiers resolved on time or late (its rate means something)."""
        return self.counts["dung_han"] + self.counts["tre_han"] > 0

    @property
    def rate_text(self) -> str:
        """ "86,87", "100", or "—" for a row without resolved dossiers (timeliness.classification.rate_text)."""
        return rate_text(on_time=self.counts["dung_han"], late=self.counts["tre_han"])

    @property
    def statutory_rate(self) -> Decimal:
        """On-time rate against the statutory deadline (dossiers without one left out)."""
        return on_time_rate(on_time=self.counts["luat_dung_han"], late=self.counts["luat_tre_han"])

    @property
    def statutory_rate_text(self) -> str:
        """The statutory rate as shown; "—" when no dossier was resolved against a statutory deadline."""
        return rate_text(on_time=self.counts["luat_dung_han"], late=self.counts["luat_tre_han"])

    def add(self, other: ReportRow) -> None:
        for key in COUNT_KEYS:
            self.counts[key] += other.counts[key]

    def as_dict(self) -> dict:
        """The row as the JSON export gives it (rate as a number)."""
        code_key = "ma_thu_tuc" if self.kind == "thu_tuc" else "ma_co_quan"
        name_key = "ten_thu_tuc" if self.kind == "thu_tuc" else "ten_co_quan"
        return {
            "loai_dong": self.kind,
            code_key: self.code or None,
            name_key: self.name,
            "nhom": self.group,
            "tiep_nhan": self.counts["tiep_nhan"],
            "dung_han": self.counts["dung_han"],
            "trong_han": self.counts["trong_han"],
            "tre_han": self.counts["tre_han"],
            "ty_le_dung_han": float(self.rate),
            "truoc_han": self.counts["truoc_han"],
            "qua_han": self.counts["qua_han"],
            "tu_choi": self.counts["tu_choi"],
            "rut_ho_so": self.counts["rut_ho_so"],
            "chua_xac_dinh": self.counts["chua_xac_dinh"],
            "theo_thoi_han_quy_dinh": {
                "dung_han": self.counts["luat_dung_han"],
                "tre_han": self.counts["luat_tre_han"],
                "chua_xac_dinh": self.counts["luat_chua_xac_dinh"],
                "ty_le_dung_han": float(self.statutory_rate),
            },
        }


@dataclass
class ReportGroup:
    key: str
    label: str
    rows: list[ReportRow]
    subtotal: ReportRow


@dataclass
class Report:
    """A period's report: rows grouped as the province groups agencies, with subtotals and a total."""

    date_from: dt.date
    date_to: dt.date
    as_of: dt.datetime
    groups: list[ReportGroup]
    total: ReportRow
    agency: Agency | None = None

    @property
    def rows(self) -> list[ReportRow]:
        return [row for group in self.groups for row in group.rows]

    def as_list(self) -> list[dict]:
        """Agency (or procedure) rows, then the total row."""
        return [row.as_dict() for row in self.rows] + [self.total.as_dict()]


def period_bounds(*, date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start of date_from, start of the day after date_to) in local time."""
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=LOCAL_TZ)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL_TZ)
    return start, end


def as_of_moment(*, as_of: dt.date | None, date_to: dt.date) -> dt.datetime:
    """The moment a report is "as of": the end of `as_of` (default: end of the period, or now if earlier)."""
    now = timezone.now()
    day = as_of or date_to
    moment = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL_TZ) - dt.timedelta(
        microseconds=1
    )
    return moment if as_of is not None else min(moment, now)


_RESOLVED_COLUMNS = {"truoc_han", "dung_han_trong_ngay", "tre_han"}
_STATUTORY_COLUMNS = {Outcome.EARLY: "luat_dung_han", Outcome.ON_TIME: "luat_dung_han", Outcome.LATE: "luat_tre_han"}


def _aggregate(queryset: QuerySet, *, group_by: str, as_of: dt.datetime) -> dict:
    """Counts per `group_by` value: one GROUP BY (group, outcome, closed, overdue) pivoted into COUNT_KEYS."""
    rows = (
        queryset.annotate(**outcome_grouping(as_of=as_of))
        .values_list(group_by, "outcome", "closed", "overdue", "statutory_outcome")
        .annotate(n=Count("*"))
        .order_by()
    )
    result: dict = {}
    for key, outcome, closed, overdue, statutory, n in rows:
        counts = result.get(key)
        if counts is None:
            counts = result[key] = dict.fromkeys(COUNT_KEYS, 0)
        counts["tiep_nhan"] += n
        column = report_column(outcome=outcome, closed=closed, overdue=overdue)
        counts[column] += n
        if column in _RESOLVED_COLUMNS:
            counts[_STATUTORY_COLUMNS.get(statutory, "luat_chua_xac_dinh")] += n
    for counts in result.values():
        counts["dung_han"] = counts["truoc_han"] + counts["dung_han_trong_ngay"]
    return result


def _dossiers_in_period(*, date_from: dt.date, date_to: dt.date, as_of: dt.datetime) -> QuerySet:
    start, end = period_bounds(date_from=date_from, date_to=date_to)
    if as_of < end:  # only dossiers received by then exist as of `as_of`
        return Dossier.objects.filter(received_at__gte=start, received_at__lte=as_of)
    return Dossier.objects.filter(received_at__gte=start, received_at__lt=end)


def timeliness_report(*, date_from: dt.date, date_to: dt.date, as_of: dt.date | None = None) -> Report:
    """The per-agency report for dossiers received in [date_from, date_to], classified as of `as_of`.

    Rows: every agency with dossiers in the period, plus the province's departments and district/commune
    units valid during the period (with zeros), grouped and ordered as the province orders them.
    """
    moment = as_of_moment(as_of=as_of, date_to=date_to)
    counts = _aggregate(
        _dossiers_in_period(date_from=date_from, date_to=date_to, as_of=moment), group_by="agency_id", as_of=moment
    )
    valid_in_period = (
        Q(group__in=REPORTED_GROUPS)
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=date_to))
        & (Q(valid_until__isnull=True) | Q(valid_until__gt=date_from))
    )
    agencies = Agency.objects.filter(Q(pk__in=list(counts)) | valid_in_period).prefetch_related(
        Prefetch("names", queryset=AgencyName.objects.order_by("valid_from"))
    )
    by_group: dict[str, list[ReportRow]] = {key: [] for key in GROUP_ORDER}
    for agency in sorted(agencies, key=_agency_sort_key):
        row = ReportRow(
            kind="co_quan", code=agency.code, name=agency_name_on(agency=agency, day=date_to), group=agency.group
        )
        if agency.pk in counts:
            row.counts = counts[agency.pk]
        by_group.setdefault(agency.group, []).append(row)
    return _assemble(date_from=date_from, date_to=date_to, as_of=moment, by_group=by_group)


def _agency_sort_key(agency: Agency) -> tuple:
    group_rank = GROUP_ORDER.index(agency.group) if agency.group in GROUP_ORDER else len(GROUP_ORDER)
    return (group_rank, agency.sort_order, agency.name, agency.code)


def _assemble(*, date_from, date_to, as_of, by_group: dict[str, list[ReportRow]], agency=None) -> Report:
    labels = dict(AgencyGroup.choices)
    total = ReportRow(kind="tong", code="", name=str(_total_label()))
    groups = []
    for key, rows in by_group.items():
        if not rows:
            continue
        subtotal = ReportRow(kind="nhom", code="", name=str(labels.get(key, key)), group=key)
        for row in rows:
            subtotal.add(row)
        total.add(subtotal)
        groups.append(ReportGroup(key=key, label=str(labels.get(key, key)), rows=rows, subtotal=subtotal))
    return Report(date_from=date_from, date_to=date_to, as_of=as_of, groups=groups, total=total, agency=agency)


def _total_label() -> str:
    return gettext("Tổng cộng")


def timeliness_report_by_procedure(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, as_of: dt.date | None = None
) -> Report:
    """Drill-down: one agency's dossiers per procedure code (procedures without a code on one row)."""
    moment = as_of_moment(as_of=as_of, date_to=date_to)
    queryset = _dossiers_in_period(date_from=date_from, date_to=date_to, as_of=moment).filter(agency=agency)
    counts = _aggregate(queryset, group_by="procedure_code", as_of=moment)
    names = dict(Procedure.objects.filter(code__in=[code for code in counts if code]).values_list("code", "name"))
    rows = [
        ReportRow(
            kind="thu_tuc",
            code=code,
            name=names.get(code) or (code and _unknown_procedure_label(code)) or str(_no_code_label()),
            counts=values,
        )
        for code, values in sorted(counts.items(), key=lambda item: (-item[1]["tiep_nhan"], item[0]))
    ]
    return _assemble(date_from=date_from, date_to=date_to, as_of=moment, by_group={agency.group: rows}, agency=agency)


def _unknown_procedure_label(code: str) -> str:
    return gettext("Thủ tục mã %(code)s (chưa có trong danh mục)") % {"code": code}


def _no_code_label() -> str:
    return gettext("Không ghi mã thủ tục")


# --- staff lists -----------------------------------------------------------------------------------------------


def agencies_below_threshold(*, report: Report, threshold: Decimal | None = None) -> list[ReportRow]:
    """Agency rows whose on-time rate is below the threshold, lowest first."""
    limit = on_time_threshold() if threshold is None else threshold
    return sorted((row for row in report.rows if row.rate < limit), key=lambda row: (row.rate, row.code))


def dossiers_due_soon(*, now: dt.datetime | None = None, limit: int = 200) -> QuerySet:
    """Pending dossiers due before the end of the next working day (time to send an apology letter)."""
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    next_day = working_calendar().next_working_day(today)
    horizon = dt.datetime.combine(next_day + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL_TZ)
    return (
        Dossier.objects.filter(status=DossierStatus.PENDING, due_at__gte=now, due_at__lt=horizon)
        .select_related("agency", "source")
        .order_by("due_at", "code")[:limit]
    )


def dossiers_deadline_mismatches(*, limit: int = 200) -> QuerySet:
    """Dossiers whose one-stop due date falls on another day than the statutory limit gives (earlier or
    later); `direction` says which ("som" earlier, "muon" later)."""
    return (
        Dossier.objects.filter(deadline_mismatch=True)
        .annotate(direction=_DIRECTION)
        .select_related("agency", "source")
        .order_by("agency__code", "procedure_code", "-received_at")[:limit]
    )


_DIRECTION = Case(
    When(due_at_source__lt=F("due_at_catalog"), then=Value("som")),
    default=Value("muon"),
    output_field=CharField(),
)


def deadline_mismatch_summary() -> list[dict]:
    """Mismatches counted per agency, procedure code and direction (earlier / later), most frequent first."""
    return list(
        Dossier.objects.filter(deadline_mismatch=True)
        .annotate(direction=_DIRECTION)
        .values("agency__code", "agency__name", "procedure_code", "direction")
        .annotate(so_ho_so=Count("pk"))
        .order_by("-so_ho_so", "agency__code", "procedure_code", "direction")
    )


def procedures_with_ambiguous_limits() -> list[dict]:
    """Procedure codes whose dossiers met several statutory limits by case for their channel (the catalog
    does not guess one; statistics used each dossier's own due date): per agency, procedure and channel."""
    return list(
        Dossier.objects.filter(deadline_ambiguous=True)
        .values("agency__code", "agency__name", "procedure_code", "channel")
        .annotate(so_ho_so=Count("pk"))
        .order_by("-so_ho_so", "agency__code", "procedure_code", "channel")
    )
