"""The public search page: thin over `search.selectors`; works without JavaScript."""

from urllib.parse import quote_plus, urlencode

from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from catalog.collation import vietnamese_sort_key_cached
from search.documents import FACETS
from search.models import SearchFacetValue
from search.presenters import facet_links, fallback_notice, page_window
from search.selectors import CACHE_HEADER, MAX_PAGE, procedure_search
from search.services.zero_results import zero_result_enqueue

FACET_LABELS = dict(SearchFacetValue.Facet.choices)


def _page(request) -> int:
    try:
        return min(max(1, int(request.GET.get("page", "1"))), MAX_PAGE)
    except ValueError:
        raise BadRequest(_("Số trang không hợp lệ."))


def _facet_groups(results, params: list[tuple[str, str]]) -> list[dict]:
    """Each facet's buckets in Vietnamese order, as links that toggle the bucket in the query string."""
    groups = []
    base = urlencode(params)
    for facet in FACETS:
        links = []
        for bucket in sorted(results.facets.get(facet, []), key=lambda b: vietnamese_sort_key_cached(b.label)):
            if bucket.selected:
                url = "?" + urlencode([(k, v) for k, v in params if not (k == facet and v == bucket.value)])
            else:  # the query string as it is, and this bucket (urlencode of one pair, spelled out: hundreds per page)
                added = f"{quote_plus(facet)}={quote_plus(bucket.value)}"
                url = f"?{base}&{added}" if base else f"?{added}"
            links.append((bucket, url))
        if links:
            groups.append({"facet": facet, "label": FACET_LABELS[facet], "links": facet_links(links)})
    return groups


def _results_context(results, params: list[tuple[str, str]]) -> dict:
    """What the template shows about an answer (nothing before the first search)."""
    if results is None:
        return {"facet_groups": [], "notice": None, "page_links": [], "did_you_mean_url": None}
    return {
        "facet_groups": _facet_groups(results, params),
        "notice": fallback_notice(results),
        "page_links": page_window(page=results.page, num_pages=results.num_pages),
        "did_you_mean_url": "?" + urlencode({"q": results.did_you_mean}) if results.did_you_mean else None,
    }


def search_page(request):
    q = request.GET.get("q", "").strip()[:255]
    filters = {facet: request.GET.getlist(facet) for facet in FACETS}
    results = procedure_search(q=q, filters=filters, page=_page(request)) if q else None
    if results and results.code_match and not any(filters.values()) and request.GET.get("page") is None:
        return redirect(results.code_match.url)
    params = [(key, value) for key in ["q", *FACETS] for value in request.GET.getlist(key)]
    base = urlencode(params)
    context = {
        "q": q,
        "results": results,
        "page_url_prefix": f"?{base}&page=" if base else "?page=",
        "selected_count": sum(len(values) for values in filters.values()),
        **_results_context(results, params),
    }
    response = render(request, "search/search.html", context)
    if results is not None:
        response[CACHE_HEADER] = "hit" if results.cached else "miss"
        zero_result_enqueue(query=q, results=results)
    return response
