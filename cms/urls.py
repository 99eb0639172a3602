"""The public site's URLs outside Wagtail's page tree, included before Wagtail's catch-all; the one set of
routes of the catalog, decision and posting pages (the index pages in the tree serve only their own index).

Other apps link here by name (`reverse("cms:procedure", kwargs={"key": ...})`), never by a copied path.
Django routes rather than Wagtail's: national codes (1.001193) and the poster file name have dots, which
Wagtail's page URLs refuse, and a warm page then skips Wagtail's page routing queries.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import path, re_path
from django.views.generic import RedirectView

from cms import views
from cms.feeds import ChangedProcedureFeed, DecisionFeed
from cms.sitemaps import SITEMAPS


class FaviconRedirect(RedirectView):
    """/favicon.ico → the static PNG, its (hashed) address resolved per request, not when URLs load."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("img/favicon-32.png")


app_name = "cms"

urlpatterns = [
    # Browsers and PDF viewers ask for /favicon.ico whatever the page says.
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
    path("thu-tuc/", views.procedure_listing, name="procedures"),
    path("thu-tuc/linh-vuc/", views.fields_index, name="fields"),
    path("thu-tuc/linh-vuc/<slug:field_slug>/", views.procedure_listing, name="field"),
    path("thu-tuc/chu-de/<slug:topic_slug>/", views.procedure_listing, name="topic"),
    path("thu-tuc/cap/<slug:level_code>/", views.procedure_listing, name="level"),
    # Agency codes are the one-stop system's (they may have dots, like national codes).
    re_path(r"^thu-tuc/co-quan/(?P<agency_code>[\w.\-]+)/$", views.procedure_listing, name="agency"),
    re_path(r"^thu-tuc/(?P<key>[\w.\-]+)/$", views.procedure_detail, {"page": None}, name="procedure"),
    path("quyet-dinh/", views.decision_listing, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, {"page": None}, name="decision"),
    path("niem-yet/", views.posting_listing, name="postings"),
    path("niem-yet/<slug:slug>/", views.posting_detail, {"page": None}, name="posting"),
    re_path(r"^niem-yet/(?P<slug>[\w\-]+)/ban-in\.pdf$", views.posting_poster, {"page": None}, name="poster"),
    path("nguon-tin/quyet-dinh.atom", DecisionFeed(), name="feed_decisions"),
    path("nguon-tin/thu-tuc.atom", ChangedProcedureFeed(), name="feed_procedures"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "cms:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
