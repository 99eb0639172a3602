"""Links from the catalog admin to the public site, by URL name (the catalog does not import cms)."""

from django.urls import NoReverseMatch, reverse

from catalog.models import ReceptionPlace

POSTING_URL_NAME = "cms:posting"
POSTER_URL_NAME = "cms:poster"


def posting_urls(place: ReceptionPlace) -> dict[str, str]:
    """The public posting page and its printable poster of `place` ({} when the site does not serve them)."""
    try:
        return {
            "page": reverse(POSTING_URL_NAME, kwargs={"slug": place.slug}),
            "poster": reverse(POSTER_URL_NAME, kwargs={"slug": place.slug}),
        }
    except NoReverseMatch:
        return {}
