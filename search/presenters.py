"""Plain-data views of search results shared by the API and the page (no engine details leak out)."""

from html import escape

from django.core.paginator import Paginator
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from search.backends import SearchResults
from search.backends.base import FacetBucket, SearchHit


def fallback_notice(results: SearchResults) -> str | None:
    if not results.fallback:
        return None
    return _(
        "Máy chủ tra cứu đang gián đoạn; kết quả được tra cứu trực tiếp trong cơ sở dữ liệu và có thể kém chính xác hơn."
    )


def hit_payload(hit: SearchHit) -> dict:
    return {
        "code": hit.code,
        "name": hit.name,
        "url": hit.url,
        "field": hit.field,
        "levels": hit.levels,
        "agency": hit.agency,
        "channels": hit.channels,
        "online_service_level": hit.online_service_level,
        "highlight": hit.highlight,
        "promoted": hit.promoted,
    }


def results_payload(results: SearchResults) -> dict:
    return {
        "count": results.count,
        "page": results.page,
        "num_pages": results.num_pages,
        "results": [hit_payload(hit) for hit in results.hits],
        "facets": {
            facet: [{"value": b.value, "label": b.label, "count": b.count, "selected": b.selected} for b in buckets]
            for facet, buckets in results.facets.items()
        },
        "backend": results.backend,
        "engine": results.engine,
        "fallback": results.fallback,
        "did_you_mean": results.did_you_mean,
        "notice": fallback_notice(results),
    }


def suggestions_payload(hits: list[SearchHit]) -> list[dict]:
    return [{"code": hit.code, "name": hit.name, "url": hit.url} for hit in hits]


def page_window(*, page: int, num_pages: int) -> list[dict]:
    """Numbered page links around `page` with the first and last pages and gaps (…), for the shared
    pagination template (templates/includes/pagination.html) of the search page and the listings."""
    pages = Paginator(range(num_pages), 1)
    return [
        {"gap": True} if number == pages.ELLIPSIS else {"number": number, "current": number == page}
        for number in pages.get_elided_page_range(page, on_each_side=2, on_ends=1)
    ]


def facet_links(links: list[tuple[FacetBucket, str]]) -> SafeString:
    """The list items of one facet's (bucket, toggling URL) pairs on the search page. Written out here, not in
    the template: a broad query lists hundreds of buckets, and the template engine spent more on their few
    variables than on the rest of the page (the same markup, escaped as the template escapes it)."""
    items = []
    counts: dict[int, str] = {}  # the same few counts recur: each formatted once (the locale's separators)
    for bucket, url in links:
        current = ' aria-current="true" class="selected"' if bucket.selected else ""
        tick = '<span aria-hidden="true">✓ </span>' if bucket.selected else ""
        if bucket.count not in counts:
            counts[bucket.count] = number_format(bucket.count)
        label = f"{escape(bucket.label)} ({counts[bucket.count]})"
        items.append(f'<li><a href="{escape(url)}"{current}>{tick}{label}</a></li>')
    return mark_safe("\n".join(items))  # every value in it is escaped above
