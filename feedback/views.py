"""Public views: submission form, confirmation, status lookup, published answers, procedure picker.

Thin: validation in forms, rules in services and selectors. No view shows personal data.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from config.network import client_ip
from feedback.forms import LookupForm, ProcedureSearchForm, PublicFeedbackForm
from feedback.selectors import (
    feedback_get_by_tracking_code,
    feedback_public_status,
    procedure_in_force_get,
    procedures_in_force_search,
    published_answer_get,
    published_answers,
)
from feedback.services import DuplicateFeedback, FeedbackRejected, RateLimited, feedback_submit

SESSION_KEY = "feedback_last_submission"


@require_http_methods(["GET", "POST"])
def feedback_form(request):
    status = 200
    rejection = ""
    if request.method == "POST":
        form = PublicFeedbackForm(request.POST, request.FILES)
        if form.is_spam:
            rejection = _("Không thể tiếp nhận phản ánh, kiến nghị này. Xin vui lòng thử lại.")
            status = 400
        elif form.is_valid():
            try:
                feedback = feedback_submit(
                    data=form.to_input(), attachments=form.cleaned_data["tep_dinh_kem"], client_ip=client_ip(request)
                )
            except RateLimited as error:
                rejection, status = error.message, 429
            except DuplicateFeedback as error:
                rejection, status = error.message, 409
            except FeedbackRejected as error:
                rejection, status = error.message, 400
            else:
                request.session[SESSION_KEY] = {
                    "so_dang_ky": feedback.register_number,
                    "ma_tra_cuu": feedback.tracking_code,
                    "email": bool(feedback.sender_email),
                }
                return redirect("feedback:submitted")
        else:
            status = 400
    else:
        initial = {}
        version = procedure_in_force_get(code=request.GET.get("ma_thu_tuc", ""))
        if version is not None:
            initial["ma_thu_tuc"] = version.code
        form = PublicFeedbackForm(initial=initial)
    code = form["ma_thu_tuc"].value() or ""
    version = procedure_in_force_get(code=code) if code else None
    context = {"form": form, "rejection": rejection, "procedure": version}
    return render(request, "feedback/form.html", context, status=status)


@never_cache
def feedback_submitted(request):
    submission = request.session.get(SESSION_KEY)
    if not submission:
        return redirect("feedback:form")
    return render(request, "feedback/submitted.html", {"submission": submission})


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_lookup(request):
    """Status by tracking code, asked with POST only: the code never appears in a URL or an access log."""
    form = LookupForm(request.POST if request.method == "POST" else None)
    status_data = None
    not_found = False
    if form.is_bound and form.is_valid():
        feedback = feedback_get_by_tracking_code(code=form.cleaned_data["ma_tra_cuu"])
        if feedback is None:
            not_found = True
        else:
            status_data = feedback_public_status(feedback=feedback)
    context = {"form": form, "status": status_data, "not_found": not_found}
    return render(request, "feedback/lookup.html", context, status=404 if not_found else 200)


def answer_list(request):
    from django.core.paginator import Paginator

    page = Paginator(published_answers(), 20).get_page(request.GET.get("trang"))
    return render(request, "feedback/answer_list.html", {"page_obj": page})


def answer_detail(request, register_number: str):
    feedback = published_answer_get(register_number=register_number)
    if feedback is None:
        raise Http404(_("Không có trả lời được công khai với số này."))
    return render(request, "feedback/answer_detail.html", {"item": feedback})


def procedure_picker(request):
    """Server-side procedure search for the form (works without JavaScript)."""
    form = ProcedureSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = procedures_in_force_search(query=query) if query else []
    return render(
        request,
        "feedback/procedure_picker.html",
        {"form": form, "query": query, "results": results, "form_url": reverse("feedback:form")},
    )
