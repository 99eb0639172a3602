"""Public views behind the site's pages: parse the request, read through selectors, render, cache.

Rendered HTML (and poster PDFs) are cached per path and query under the site-wide cache version
(`cms.cache`), so a warm page costs only Wagtail's own page lookup.
"""

import datetime as dt
import json
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string, select_template
from django.utils.translation import gettext as _

from catalog import published
from catalog.choices import AgencyRole, ProcedureStatus
from catalog.collation import strip_leading_numbering, vietnamese_sort_key
from catalog.compliance import decision_signing_check
from catalog.dates import typed_date
from catalog.models import Agency, AnnouncementDecision, FieldTopic, Level, ReceptionPlace
from catalog.selectors import procedure_decision_roles
from cms import links, selectors
from cms.cache import cached
from search.presenters import page_window

PAGE_SIZE = 50
DAY_PARAM = "ngay"


class BadDay(ValueError):
    """`?ngay=` is not a real date (dd/mm/yyyy as typed, or YYYY-MM-DD as in links)."""


def parse_day(value: str | None) -> dt.date | None:
    if value is None or value.strip() == "":
        return None
    try:
        return typed_date(value)
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
            "search_path": links.search_path(),
            "day": day,
        }

    return _cached_html(request, "cms/home_page.html", context)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def initial_letter(name: str) -> str:
    """The dictionary letter a name is filed under: "Ấn phẩm" → "Â", "Đất đai" → "Đ" (tones dropped)."""
    text = strip_leading_numbering(name)
    if not text:
        return "#"
    decomposed = unicodedata.normalize("NFD", text[0].upper())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))


def fields_index(request, *, page=None) -> HttpResponse:
    """/thu-tuc/linh-vuc/: every field (aliases merged) with its count, A–Z by dictionary letter."""

    def context() -> dict[str, Any]:
        facets = selectors.catalog_facets(day=selectors.today())
        letters: list[dict[str, Any]] = []
        for facet in facets.fields:
            letter = initial_letter(facet.obj.name)
            if not letters or letters[-1]["letter"] != letter:
                letters.append({"letter": letter, "facets": []})
            letters[-1]["facets"].append(facet)
        return {"page": page, "self": page, "facets": facets, "letters": letters}

    return _cached_html(request, "cms/field_index.html", context)


def _page_links(page_obj) -> list[dict[str, Any]]:
    return page_window(page=page_obj.number, num_pages=page_obj.paginator.num_pages)


class Redirect(str):
    """A cached listing answer that is a permanent redirect (an alias field's old address)."""


def procedure_listing(
    request, *, page=None, field_slug=None, level_code=None, agency_code=None, topic_slug=None
) -> HttpResponse:
    """The in-force catalog, or one topic/field/level/agency of it, in Vietnamese order, paginated
    (?trang=N). Served by cms.urls without Wagtail's page routing, so a warm page runs no query at all."""

    def build() -> str:
        day = selectors.today()
        counts = selectors.catalog_counts(day=day)
        fmap = selectors.field_map()
        field_obj = level = agency = topic = None
        if field_slug is not None:
            field_obj = next((f for f in fmap.fields.values() if f.slug == field_slug), None)
            if field_obj is None:
                return ""
            if field_obj.alias_of_id:
                return Redirect(links.field_path(fmap.canonical[field_obj.pk].slug))
        if level_code is not None and (level := Level.objects.filter(code=level_code).first()) is None:
            return ""
        if agency_code is not None and (agency := Agency.objects.filter(code=agency_code).first()) is None:
            return ""
        if topic_slug is not None and (topic := FieldTopic.objects.filter(slug=topic_slug).first()) is None:
            return ""
        unfiltered = not (field_obj or level or agency or topic)
        field_ids = None
        if field_obj is not None:
            field_ids = fmap.members(field_obj)
            count = sum(counts["fields"].get(str(pk), 0) for pk in field_ids)
        elif topic is not None:
            field_ids = fmap.topic_members(topic)
            count = sum(counts["fields"].get(str(pk), 0) for pk in field_ids)
        elif level is not None:
            count = counts["levels"].get(str(level.pk), 0)
        elif agency is not None:
            count = counts["agencies"].get(str(agency.pk), 0)
        else:
            count = counts["total"]
        entries = selectors.listing_entries(day=day, field_ids=field_ids, level=level, agency=agency)
        paginator = selectors.CountedPaginator(entries.values_list("version_id", flat=True), PAGE_SIZE, count=count)
        page_obj = paginator.get_page(request.GET.get("trang"))
        rows = selectors.listing_rows(version_ids=list(page_obj.object_list), fmap=fmap)
        if field_obj:
            heading = _("Lĩnh vực: %(name)s") % {"name": field_obj.name}
        elif topic:
            heading = _("Chủ đề: %(name)s") % {"name": topic.name}
        elif level:
            heading = level.name
        elif agency:
            heading = agency.name
        else:
            heading = page.title if page is not None else _("Danh mục thủ tục hành chính")
        field_topic = None
        if field_obj is not None and field_obj.topic_id is not None:
            field_topic = FieldTopic.objects.filter(pk=field_obj.topic_id).only("name", "slug").first()
        context = {
            "page": page,
            "self": page,
            "heading": heading,
            "rows": [dict(vars(row), url=links.procedure_path(row.key)) for row in rows],
            "page_obj": page_obj,
            "page_links": _page_links(page_obj),
            "paginator": paginator,
            "facets": selectors.catalog_facets(day=day, counts=counts, fmap=fmap) if unfiltered else None,
            "field_obj": field_obj,
            "field_topic": field_topic,
            "level": level,
            "agency": agency,
            "topic": topic,
            "topic_fields": selectors.field_facets(counts=counts, fmap=fmap, topic=topic) if topic else [],
            "day": day,
        }
        return render_to_string("cms/procedure_listing.html", context, request=request)

    html = cached(f"listing:{request.get_full_path()}", build)
    if not html:
        raise Http404(_("Không có mục này trong danh mục."))
    if isinstance(html, Redirect):
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{html}?{query}" if query else str(html))
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


_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)


def _form_entries(item: dict[str, Any]) -> list[dict[str, Any]]:
    """A paper's forms: each with a download URL when the source gives a file (an uploaded document) or
    a web address, otherwise only its name (the page then says where to get it)."""
    forms = []
    for name in item.get("forms") or []:
        name = str(name).strip()
        if not name:
            continue
        url = item.get("form_document_url") or (name if _URL_RE.match(name) else None)
        forms.append({"name": name, "url": url})
    return forms


def _dossier_groups(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Dossier groups as the page lays them out: papers with their forms, and note rows (text the source
    lists among the papers without any quantity or form, e.g. "Trường hợp nộp trực tuyến …") kept apart."""
    groups = []
    for group in content.get("dossier") or []:
        items = []
        for item in group.get("items") or []:
            forms = _form_entries(item)
            is_note = not forms and not item.get("originals") and not item.get("copies")
            items.append(dict(item, form_entries=forms, is_note=is_note))
        groups.append({"case": group.get("case") or "", "items": items})
    return groups


def _display_day(value: str | None) -> str:
    """An ISO date from a snapshot as dd/mm/yyyy; other text unchanged."""
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(value)


def _reading_aids(content: dict[str, Any]) -> dict[str, Any]:
    """Layout helpers of the procedure page: dossier rows sorted into papers and notes, forms with their
    download links, legal-basis dates as dd/mm/yyyy."""
    dossier = _dossier_groups(content)
    return {
        "dossier_groups": dossier,
        "forms_to_obtain": any(
            not form["url"] for group in dossier for item in group["items"] for form in item["form_entries"]
        ),
        "legal_bases": [
            dict(basis, issued_on_display=_display_day(basis.get("issued_on")))
            for basis in content.get("legal_bases") or []
        ],
    }


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
        "feedback_url": f"{links.feedback_path()}?ma_thu_tuc={data.procedure.code or data.procedure.slug}",
        "answers_html": published_answers(data.procedure),
        "day_param": DAY_PARAM,
        "today": selectors.today(),
        **_reading_aids(content),
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


def _index_page(page, model):
    """The section's index page: the one given (Wagtail's preview), else the live one; 404 without it."""
    page = page or selectors.index_page_live(model=model)
    if page is None:
        raise Http404(_("Trang này chưa được tạo."))
    return page


def decision_listing(request, *, page=None) -> HttpResponse:
    from cms.models import DecisionIndexPage

    def context() -> dict[str, Any]:
        page_ = _index_page(page, DecisionIndexPage)
        paginator = Paginator(selectors.decisions_public(), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("trang"))
        return {"page": page_, "self": page_, "page_obj": page_obj, "page_links": _page_links(page_obj), "links": links}

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


def posting_listing(request, *, page=None) -> HttpResponse:
    from cms.models import PostingIndexPage

    def context() -> dict[str, Any]:
        page_ = _index_page(page, PostingIndexPage)
        places = []
        counted = selectors.postings_with_counts(day=selectors.today())
        for place, count in sorted(counted, key=lambda pair: vietnamese_sort_key(pair[0].name)):
            place.n = count
            places.append(place)
        return {"page": page_, "self": page_, "places": places, "links": links}

    return _cached_html(request, "cms/posting_listing.html", context)


def posting_detail(request, *, page, slug: str) -> HttpResponse:
    from cms.posters import posting_context

    place = get_object_or_404(ReceptionPlace, slug=slug)
    return _cached_html(
        request,
        "cms/posting_page.html",
        lambda: dict(posting_context(place=place, day=selectors.today()), page=page, self=page),
    )


def posting_poster(request, *, page, slug: str) -> HttpResponse:
    """The A4 poster: the stored PDF while the procedures on it are unchanged (cms.posters)."""
    from cms.posters import poster_for

    place = get_object_or_404(ReceptionPlace, slug=slug)
    response = HttpResponse(poster_for(place=place, day=selectors.today()), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="niem-yet-{place.slug}.pdf"'
    return response
