"""Public statistics pages (/thong-ke/) and downloads; thin: parse the period, call selectors, render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.calendar import LOCAL_TZ
from catalog.dates import typed_date, typed_date_text
from catalog.models import Agency
from timeliness.charts import rate_chart
from timeliness.exports import CONTENT_TYPES, FORMATS, report_period, report_render, report_title
from timeliness.selectors import on_time_threshold, timeliness_report, timeliness_report_by_procedure

QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}


@dataclass(frozen=True)
class Period:
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date | None
    errors: list[str]
    query: str


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def period_from_request(request) -> Period:
    """Year + quarter or month, or a custom range (tu, den), and an optional as-of date (den_ngay)."""
    return period_from_params(request.GET)


def period_from_params(params: QueryDict) -> Period:
    """The report period named by query parameters (nam, quy, thang, tu, den, den_ngay; dates dd/mm/yyyy or ISO)."""
    today = timezone.now().astimezone(LOCAL_TZ).date()
    errors: list[str] = []

    def number(name: str, low: int, high: int) -> int | None:
        value = params.get(name, "").strip()
        if not value:
            return None
        if value.isascii() and value.isdigit() and low <= int(value) <= high:
            return int(value)
        errors.append(_("Giá trị “%(value)s” của %(name)s không hợp lệ.") % {"value": value, "name": name})
        return None

    def day(name: str) -> dt.date | None:
        value = params.get(name, "").strip()
        if not value:
            return None
        try:
            return typed_date(value)
        except ValueError:
            errors.append(
                _("Ngày “%(value)s” của %(name)s không hợp lệ (dd/mm/yyyy).") % {"value": value, "name": name}
            )
            return None

    year = number("nam", 2000, 2100) or today.year
    quarter = number("quy", 1, 4)
    month = number("thang", 1, 12)
    start, end = day("tu"), day("den")
    if start and end:
        date_from, date_to = (start, end) if start <= end else (end, start)
    elif month:
        date_from, date_to = dt.date(year, month, 1), _month_end(year, month)
    elif quarter:
        first, last = QUARTERS[quarter]
        date_from, date_to = dt.date(year, first, 1), _month_end(year, last)
    else:
        date_from, date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
    query = params.urlencode()
    return Period(date_from=date_from, date_to=date_to, as_of=day("den_ngay"), errors=errors, query=query)


def statistics_index(request):
    """The per-agency table, the on-time-rate chart and period filters."""
    period = period_from_request(request)
    report = timeliness_report(date_from=period.date_from, date_to=period.date_to, as_of=period.as_of)
    threshold = on_time_threshold()
    return render(
        request,
        "timeliness/statistics.html",
        {
            "report": report,
            "period": period,
            "title": report_title(report),
            "period_text": report_period(report),
            "chart": rate_chart(rows=report.rows, threshold=threshold),
            "threshold": threshold,
            "formats": FORMATS,
            "years": range(timezone.now().astimezone(LOCAL_TZ).year, 2014, -1),
            "day_fields": [
                (name, label, typed_date_text(request.GET.get(name, "")))
                for name, label in (
                    ("tu", _("Hoặc từ ngày")),
                    ("den", _("đến ngày")),
                    ("den_ngay", _("Số liệu tính đến ngày")),
                )
            ],
        },
    )


def statistics_agency(request, code: str):
    """Drill-down: one agency's dossiers per procedure."""
    if "\x00" in code:  # no such agency, and PostgreSQL text cannot hold NUL
        raise Http404
    agency = get_object_or_404(Agency, code=code)
    period = period_from_request(request)
    report = timeliness_report_by_procedure(
        agency=agency, date_from=period.date_from, date_to=period.date_to, as_of=period.as_of
    )
    return render(
        request,
        "timeliness/statistics_agency.html",
        {"report": report, "period": period, "title": report_title(report), "period_text": report_period(report)},
    )


def statistics_download(request, fmt: str):
    """The same report as a file (json, csv, xlsx, pdf); `co_quan` for one agency's drill-down."""
    if fmt not in FORMATS:
        raise Http404
    period = period_from_request(request)
    code = request.GET.get("co_quan", "").strip()
    if "\x00" in code:  # no such agency, and PostgreSQL text cannot hold NUL
        raise Http404
    if code:
        agency = get_object_or_404(Agency, code=code)
        report = timeliness_report_by_procedure(
            agency=agency, date_from=period.date_from, date_to=period.date_to, as_of=period.as_of
        )
    else:
        report = timeliness_report(date_from=period.date_from, date_to=period.date_to, as_of=period.as_of)
    response = HttpResponse(report_render(report, fmt=fmt), content_type=CONTENT_TYPES[fmt])
    name = f"thong-ke-ho-so-{period.date_from:%Y%m%d}-{period.date_to:%Y%m%d}{'-' + code if code else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
