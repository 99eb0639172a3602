"""The staff view of on-time statistics (Wagtail admin): the same report, filters and downloads as the public
/thong-ke/ page, plus what staff act on — agencies below the threshold, dossiers due soon, statutory-time
mismatches. Dates are typed dd/mm/yyyy; a bad filter is a field error, never silently replaced.
"""

from decimal import Decimal

from django import forms
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.admin_widgets import VietnameseDateInput
from catalog.calendar import LOCAL_TZ
from catalog.models import Agency
from timeliness.exports import CONTENT_TYPES, FORMATS, report_period, report_render, report_title
from timeliness.selectors import (
    agencies_below_threshold,
    deadline_mismatch_summary,
    dossiers_deadline_mismatches,
    dossiers_due_soon,
    on_time_threshold,
    procedures_with_ambiguous_limits,
    timeliness_report,
    timeliness_report_by_procedure,
)
from timeliness.views import Period, period_from_params

FIRST_YEAR = 2015
FORMAT_LABELS = {"xlsx": gettext_lazy("Excel"), "pdf": gettext_lazy("PDF"), "csv": gettext_lazy("CSV"), "json": "JSON"}


def _this_year() -> int:
    return timezone.now().astimezone(LOCAL_TZ).year


class StatisticsFilterForm(forms.Form):
    """The public page's period filters (year, quarter or month, or a date range; as-of date) and the alert
    threshold, with dates typed dd/mm/yyyy."""

    nam = forms.TypedChoiceField(label=gettext_lazy("Năm"), coerce=int, required=False)
    quy = forms.TypedChoiceField(
        label=gettext_lazy("Quý"),
        coerce=int,
        required=False,
        choices=[
            ("", gettext_lazy("Cả năm")),
            (1, gettext_lazy("Quý I")),
            (2, gettext_lazy("Quý II")),
            (3, gettext_lazy("Quý III")),
            (4, gettext_lazy("Quý IV")),
        ],
    )
    thang = forms.TypedChoiceField(
        label=gettext_lazy("Tháng"),
        coerce=int,
        required=False,
        choices=[("", "—")] + [(month, str(month)) for month in range(1, 13)],
    )
    tu = forms.DateField(label=gettext_lazy("Hoặc từ ngày"), required=False, widget=VietnameseDateInput())
    den = forms.DateField(label=gettext_lazy("đến ngày"), required=False, widget=VietnameseDateInput())
    den_ngay = forms.DateField(
        label=gettext_lazy("Số liệu tính đến ngày"), required=False, widget=VietnameseDateInput()
    )
    nguong = forms.DecimalField(
        label=gettext_lazy("Ngưỡng cảnh báo (%)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        localize=True,
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["nam"].choices = [(year, str(year)) for year in range(_this_year(), FIRST_YEAR - 1, -1)]
        self.fields["nam"].initial = _this_year()
        self.fields["nguong"].widget.attrs["placeholder"] = f"{on_time_threshold():g}".replace(".", ",")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu"), cleaned.get("den")
        if bool(start) != bool(end) and not self.errors.get("tu") and not self.errors.get("den"):
            self.add_error("den" if start else "tu", _("Nhập cả “từ ngày” và “đến ngày”, hoặc để trống cả hai."))
        return cleaned

    def period_params(self) -> QueryDict:
        """The period as the public page's query parameters (ISO dates), for the shared period rules."""
        params = QueryDict(mutable=True)
        data = self.cleaned_data if self.is_valid() else {}
        for name in ("nam", "quy", "thang"):
            if data.get(name) not in (None, ""):
                params[name] = str(data[name])
        for name in ("tu", "den", "den_ngay"):
            if data.get(name):
                params[name] = data[name].isoformat()
        return params

    def threshold(self) -> Decimal:
        value = self.cleaned_data.get("nguong") if self.is_valid() else None
        return on_time_threshold() if value is None else value


def _filters(request) -> tuple[StatisticsFilterForm, Period]:
    form = StatisticsFilterForm(request.GET or None)
    return form, period_from_params(form.period_params())


def _download_links(request, url_name: str, *, args=()) -> list[tuple[str, str]]:
    query = request.GET.urlencode()
    return [
        (str(FORMAT_LABELS[fmt]), f"{reverse(url_name, args=[*args, fmt])}{'?' + query if query else ''}")
        for fmt in ("xlsx", "pdf", "csv", "json")
    ]


def staff_dashboard(request):
    """The per-agency report with the public page's filters and downloads, then the lists staff act on."""
    form, period = _filters(request)
    threshold = form.threshold()
    report = timeliness_report(date_from=period.date_from, date_to=period.date_to, as_of=period.as_of)
    return render(
        request,
        "timeliness/admin/dashboard.html",
        {
            "form": form,
            "report": report,
            "period": period,
            "title": report_title(report),
            "period_text": report_period(report),
            "threshold": threshold,
            "downloads": _download_links(request, "timeliness_staff_download"),
            "below": agencies_below_threshold(report=report, threshold=threshold),
            "due_soon": dossiers_due_soon(),
            "mismatches": dossiers_deadline_mismatches(limit=100),
            "mismatch_summary": deadline_mismatch_summary()[:50],
            "ambiguous": procedures_with_ambiguous_limits()[:50],
            "now": timezone.now().astimezone(LOCAL_TZ),
            "media": form.media,
        },
    )


def staff_agency(request, code: str):
    """Drill-down for staff: one agency's dossiers per procedure, same filters and downloads."""
    if "\x00" in code:
        raise Http404
    agency = get_object_or_404(Agency, code=code)
    form, period = _filters(request)
    report = timeliness_report_by_procedure(
        agency=agency, date_from=period.date_from, date_to=period.date_to, as_of=period.as_of
    )
    return render(
        request,
        "timeliness/admin/agency.html",
        {
            "form": form,
            "report": report,
            "period": period,
            "title": report_title(report),
            "period_text": report_period(report),
            "threshold": form.threshold(),
            "downloads": _download_links(request, "timeliness_staff_agency_download", args=[code]),
            "media": form.media,
        },
    )


def _download(request, report, *, fmt: str, period: Period, suffix: str = "") -> HttpResponse:
    response = HttpResponse(report_render(report, fmt=fmt), content_type=CONTENT_TYPES[fmt])
    name = f"thong-ke-ho-so-{period.date_from:%Y%m%d}-{period.date_to:%Y%m%d}{suffix}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def staff_download(request, fmt: str):
    """The report shown on the staff page as a file (xlsx, pdf, csv, json): the public page's renderers."""
    if fmt not in FORMATS:
        raise Http404
    _form, period = _filters(request)
    report = timeliness_report(date_from=period.date_from, date_to=period.date_to, as_of=period.as_of)
    return _download(request, report, fmt=fmt, period=period)


def staff_agency_download(request, code: str, fmt: str):
    if fmt not in FORMATS or "\x00" in code:
        raise Http404
    agency = get_object_or_404(Agency, code=code)
    _form, period = _filters(request)
    report = timeliness_report_by_procedure(
        agency=agency, date_from=period.date_from, date_to=period.date_to, as_of=period.as_of
    )
    return _download(request, report, fmt=fmt, period=period, suffix=f"-{code}")
