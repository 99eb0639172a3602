"""Links from the catalog admin to the public site, by URL name (the catalog does not import cms)."""

from django.urls import NoReverseMatch, reverse

from catalog.models import ReceptionPlace

POSTER_URL_NAME = "cms_poster"


def posting_urls(place: ReceptionPlace) -> dict[str, str]:
    """The public posting page and its printable poster of `place` ({} when the site does not serve them)."""
    try:
        poster = reverse(POSTER_URL_NAME, kwargs={"slug": place.slug})
    except NoReverseMatch:
        return {}
    # The poster is served under the posting page's own path (/niem-yet/<slug>/ban-in.pdf).
    return {"page": poster.rsplit("/", 1)[0] + "/", "poster": poster}
