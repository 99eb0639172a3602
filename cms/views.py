"""Public views behind the site's pages: parse the request, read through selectors, render, cache.

Rendered HTML (and poster PDFs) are cached per path and query under the site-wide cache version
(`cms.cache`), so a warm page costs only Wagtail's own page lookup.
"""

import datetime as dt
import json
import re
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string, select_template
from django.utils.translation import gettext as _

from catalog import published
from catalog.choices import AgencyRole, ProcedureStatus
from catalog.compliance import decision_signing_check
from catalog.models import Agency, AnnouncementDecision, Field, Level, ReceptionPlace
from catalog.selectors import procedure_decision_roles
from cms import links, selectors
from cms.cache import cached

PAGE_SIZE = 50
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY_PARAM = "ngay"


class BadDay(ValueError):
    """`?ngay=` is not a real date in YYYY-MM-DD form."""


def parse_day(value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if not DAY_RE.match(value):
        raise BadDay(value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadDay(value)


def _cache_key(request) -> str:
    return request.get_full_path()


def _html(request, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(render_to_string(template, context, request=request), status=status)


def _cached_html(request, template: str, build_context) -> HttpResponse:
    def build() -> str:
        return render_to_string(template, build_context(), request=request)

    return HttpResponse(cached(_cache_key(request), build))


def bad_day_response(request, page, value: str) -> HttpResponse:
    return _html(request, "cms/bad_date.html", {"page": page, "value": value, "param": DAY_PARAM}, status=400)


# --- Home and listings -----------------------------------------------------------------------------


def home(request, *, page) -> HttpResponse:
    def context() -> dict[str, Any]:
        day = selectors.today()
        return {
            "page": page,
            "self": page,
            "facets": selectors.catalog_facets(day=day),
            "decisions": list(selectors.decisions_public()[:5]),
            "search_path": links.SEARCH_PATH,
            "day": day,
        }

    return _cached_html(request, "cms/home_page.html", context)


def procedure_listing(request, *, page=None, field_slug=None, level_code=None, agency_code=None) -> HttpResponse:
    """The in-force catalog, or one field/level/agency of it, paginated (?trang=N). Served by cms.urls
    without Wagtail's page routing, so a warm page runs no query at all."""

    def build() -> str:
        field_obj = level = agency = None
        if field_slug is not None and (field_obj := Field.objects.filter(slug=field_slug).first()) is None:
            return ""
        if level_code is not None and (level := Level.objects.filter(code=level_code).first()) is None:
            return ""
        if agency_code is not None and (agency := Agency.objects.filter(code=agency_code).first()) is None:
            return ""
        day = selectors.today()
        qs = selectors.listing_page_queryset(day=day, field_obj=field_obj, level=level, agency=agency)
        paginator = Paginator(qs, PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("trang"))
        rows = [
            {
                "name": v.name,
                "code": v.code,
                "url": links.procedure_path(v.code or v.procedure.slug),
                "field": v.field,
                "levels": list(v.levels.all()),
            }
            for v in page_obj.object_list
        ]
        if field_obj:
            heading = _("Lĩnh vực: %(name)s") % {"name": field_obj.name}
        elif level:
            heading = level.name
        elif agency:
            heading = agency.name
        else:
            heading = page.title if page is not None else _("Danh mục thủ tục hành chính")
        context = {
            "page": page,
            "self": page,
            "heading": heading,
            "rows": rows,
            "page_obj": page_obj,
            "paginator": paginator,
            "facets": selectors.catalog_facets(day=day) if not (field_obj or level or agency) else None,
            "field_obj": field_obj,
            "level": level,
            "agency": agency,
            "day": day,
        }
        return render_to_string("cms/procedure_listing.html", context, request=request)

    html = cached(f"listing:{request.get_full_path()}", build)
    if not html:
        raise Http404(_("Không có mục này trong danh mục."))
    return HttpResponse(html)


# --- Procedure page --------------------------------------------------------------------------------


_channel_label = published.channel_label


def published_answers(procedure) -> str | None:
    """Published feedback answers about `procedure`, rendered by the feedback app, if it offers them."""
    try:
        from feedback import selectors as feedback_selectors
    except ImportError:
        return None
    answers_for = getattr(feedback_selectors, "published_answers_for_procedure", None)
    if answers_for is None:
        return None
    try:
        template = select_template(["feedback/includes/procedure_answers.html"])
    except Exception:
        return None
    answers = list(answers_for(code=procedure.code or ""))
    return template.render({"answers": answers, "procedure": procedure})


def _json_ld(*, content: dict[str, Any], url: str, data: selectors.ProcedurePageData) -> str:
    agencies = [a["name"] for a in content.get("agencies", []) if a.get("role") == AgencyRole.IMPLEMENTING]
    document = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": content["name"],
        "identifier": content.get("code") or None,
        "url": url,
        "serviceType": (content.get("field") or {}).get("name"),
        "description": content.get("description") or None,
        "audience": [{"@type": "Audience", "audienceType": a} for a in content.get("applicants", [])] or None,
        "provider": [{"@type": "GovernmentOrganization", "name": name} for name in agencies] or None,
        "areaServed": {"@type": "AdministrativeArea", "name": settings.WAGTAIL_SITE_NAME},
        "availableChannel": [
            {
                "@type": "ServiceChannel",
                "name": _channel_label(c),
                "processingTime": published.time_limit_display(c.get("time_limit_text")) or None,
                "description": c.get("description") or None,
            }
            for c in content.get("channels", [])
        ]
        or None,
    }
    document = {k: v for k, v in document.items() if v is not None}
    return json.dumps(document, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _procedure_context(request, page, data: selectors.ProcedurePageData) -> dict[str, Any]:
    version = data.shown
    content = version.content if version else {}
    url = request.build_absolute_uri(links.procedure_path(data.key))
    roles = dict(AgencyRole.choices)
    agencies_by_role: list[dict[str, Any]] = []
    for entry in content.get("agencies", []):
        label = str(roles.get(entry.get("role"), entry.get("role")))
        if not agencies_by_role or agencies_by_role[-1]["label"] != label:
            agencies_by_role.append({"label": label, "names": []})
        agencies_by_role[-1]["names"].append(entry["name"])
    decisions = [
        {"decision": decision, "role": role, "url": links.decision_path(decision.pk)}
        for decision, role in procedure_decision_roles(procedure=data.procedure, versions=data.versions)
    ]
    channels = published.channel_rows(content)
    online = published.online_service_statement(content)
    description = " · ".join(
        filter(
            None, [(content.get("field") or {}).get("name"), "; ".join(c["time_limit_display"] for c in channels[:1])]
        )
    )
    return {
        "page": page,
        "self": page,
        "data": data,
        "procedure": data.procedure,
        "version": version,
        "content": content,
        "title": content.get("name") or data.procedure.name,
        "channels": channels,
        "agencies_by_role": agencies_by_role,
        "related": [dict(r, url=links.procedure_path(links.procedure_key(r))) for r in content.get("related", [])],
        "online_level": online.text,
        "online_level_unknown": online.unknown,
        "portal_url": (
            published.national_portal_url(content.get("code")) if published.has_online_channel(content) else None
        ),
        "requirements": published.requirements_statement(content),
        "decisions": decisions,
        "is_abolished": data.state == "ended" or data.procedure.status in (ProcedureStatus.ABOLISHED,),
        "successor_url": (
            links.procedure_path(links.procedure_key(data.successor)) if data.successor is not None else None
        ),
        "json_ld": _json_ld(content=content, url=url, data=data) if content else None,
        "canonical_url": url,
        "og_description": description,
        "feedback_url": f"{links.FEEDBACK_PATH}?ma_thu_tuc={data.procedure.code or data.procedure.slug}",
        "answers_html": published_answers(data.procedure),
        "day_param": DAY_PARAM,
        "today": selectors.today(),
    }


def procedure_detail(request, *, page, key: str) -> HttpResponse:
    raw_day = request.GET.get(DAY_PARAM)
    try:
        day = parse_day(raw_day)
    except BadDay:
        return bad_day_response(request, page, raw_day)
    canonical_key = f"procedure:{key}:{day.isoformat() if day else selectors.today().isoformat() + ':default'}"

    def build() -> str | None:
        data = selectors.procedure_page_data(key=key, day=day)
        if data is None:
            return None
        return render_to_string("cms/procedure_page.html", _procedure_context(request, page, data), request=request)

    html = cached(canonical_key, lambda: build() or "")
    if not html:
        raise Http404(_("Không tìm thấy thủ tục có mã “%(key)s”.") % {"key": key})
    return HttpResponse(html)


# --- Decisions -------------------------------------------------------------------------------------


def decision_listing(request, *, page) -> HttpResponse:
    def context() -> dict[str, Any]:
        paginator = Paginator(selectors.decisions_public(), PAGE_SIZE)
        return {"page": page, "self": page, "page_obj": paginator.get_page(request.GET.get("trang")), "links": links}

    return _cached_html(request, "cms/decision_listing.html", context)


def decision_detail(request, *, page, pk: int) -> HttpResponse:
    def build() -> str:
        decision = (
            AnnouncementDecision.objects.filter(pk=pk, status__in=selectors.PUBLIC_DECISION_STATUSES)
            .select_related("proposing_agency", "document")
            .first()
        )
        if decision is None:
            return ""
        groups = selectors.decision_items_by_category(decision=decision)
        public_statuses = (ProcedureStatus.IN_FORCE, ProcedureStatus.REPLACED, ProcedureStatus.ABOLISHED)
        for group in groups:
            for item in group.items:
                item.public_url = (
                    links.procedure_path(links.procedure_key(item.procedure))
                    if item.procedure.status in public_statuses
                    else None
                )
                item.successor_url = (
                    links.procedure_path(links.procedure_key(item.successor)) if item.successor_id else None
                )
        context = {
            "page": page,
            "self": page,
            "decision": decision,
            "groups": groups,
            "signing": decision_signing_check(decision=decision),
        }
        return render_to_string("cms/decision_page.html", context, request=request)

    html = cached(f"decision:{pk}", build)
    if not html:
        raise Http404(_("Không tìm thấy quyết định."))
    return HttpResponse(html)


# --- Postings --------------------------------------------------------------------------------------


def posting_listing(request, *, page) -> HttpResponse:
    def context() -> dict[str, Any]:
        places = []
        for place, count in selectors.postings_with_counts(day=selectors.today()):
            place.n = count
            places.append(place)
        return {"page": page, "self": page, "places": places, "links": links}

    return _cached_html(request, "cms/posting_listing.html", context)


def _posting_context(request, page, place: ReceptionPlace) -> dict[str, Any]:
    day = selectors.today()
    rows = []
    for row in selectors.posting_rows(place=place, day=day):
        content = row.content
        rows.append(
            {
                "name": row.name,
                "code": row.code,
                "url": links.procedure_path(row.key),
                "absolute_url": request.build_absolute_uri(links.procedure_path(row.key)),
                "channels": published.channel_rows(content),
                "receiving_address": content.get("receiving_address") or place.address,
                "legal_bases": content.get("legal_bases", []),
            }
        )
    return {
        "page": page,
        "self": page,
        "place": place,
        "rows": rows,
        "day": day,
        "poster_url": links.poster_path(place.slug),
        "feedback_url": request.build_absolute_uri(links.FEEDBACK_PATH),
    }


def posting_detail(request, *, page, slug: str) -> HttpResponse:
    place = get_object_or_404(ReceptionPlace, slug=slug)
    return _cached_html(request, "cms/posting_page.html", lambda: _posting_context(request, page, place))


def posting_poster(request, *, page, slug: str) -> HttpResponse:
    from cms.posters import poster_pdf

    place = get_object_or_404(ReceptionPlace, slug=slug)
    pdf = cached(_cache_key(request), lambda: poster_pdf(context=_posting_context(request, page, place)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="niem-yet-{place.slug}.pdf"'
    return response
