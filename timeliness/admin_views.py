"""The staff view (Wagtail admin): agencies below the threshold, dossiers due soon, statutory-time mismatches."""

from decimal import Decimal, InvalidOperation

from django.shortcuts import render
from django.utils import timezone

from catalog.calendar import LOCAL_TZ
from timeliness.selectors import (
    agencies_below_threshold,
    deadline_mismatch_summary,
    dossiers_deadline_mismatches,
    dossiers_due_soon,
    on_time_threshold,
    procedures_with_ambiguous_limits,
    timeliness_report,
)
from timeliness.views import period_from_request


def staff_dashboard(request):
    period = period_from_request(request)
    try:
        threshold = Decimal(request.GET.get("nguong", "").replace(",", ".")) if request.GET.get("nguong") else None
    except InvalidOperation:
        threshold = None
    threshold = threshold if threshold is not None and 0 <= threshold <= 100 else on_time_threshold()
    report = timeliness_report(date_from=period.date_from, date_to=period.date_to, as_of=period.as_of)
    return render(
        request,
        "timeliness/admin/dashboard.html",
        {
            "report": report,
            "period": period,
            "threshold": threshold,
            "below": agencies_below_threshold(report=report, threshold=threshold),
            "due_soon": dossiers_due_soon(),
            "mismatches": dossiers_deadline_mismatches(limit=100),
            "mismatch_summary": deadline_mismatch_summary()[:50],
            "ambiguous": procedures_with_ambiguous_limits()[:50],
            "now": timezone.now().astimezone(LOCAL_TZ),
        },
    )
