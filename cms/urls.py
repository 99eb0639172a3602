"""Public URLs of the cms app that are not Wagtail pages (included before Wagtail's catch-all)."""

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


urlpatterns = [
    # Browsers and PDF viewers ask for /favicon.ico whatever the page says.
    path("favicon.ico", FaviconRedirect.as_view(), name="cms_favicon"),
    # Wagtail's page URLs refuse dots, which national codes (1.001193) and the poster file name have;
    # the listings and procedure pages are also served here to skip Wagtail's page routing queries.
    re_path(r"^niem-yet/(?P<slug>[\w\-]+)/ban-in\.pdf$", views.posting_poster, {"page": None}, name="cms_poster"),
    # Listings bypass Wagtail's page routing (fewer queries); the ProcedureIndexPage routes stay as fallback.
    path("thu-tuc/", views.procedure_listing, name="cms_procedures"),
    path("thu-tuc/linh-vuc/", views.fields_index, name="cms_fields"),
    path("thu-tuc/linh-vuc/<slug:field_slug>/", views.procedure_listing, name="cms_field"),
    path("thu-tuc/chu-de/<slug:topic_slug>/", views.procedure_listing, name="cms_topic"),
    path("thu-tuc/cap/<slug:level_code>/", views.procedure_listing, name="cms_level"),
    path("thu-tuc/co-quan/<slug:agency_code>/", views.procedure_listing, name="cms_agency"),
    re_path(r"^thu-tuc/(?P<key>[\w.\-]+)/$", views.procedure_detail, {"page": None}, name="cms_procedure"),
    path("nguon-tin/quyet-dinh.atom", DecisionFeed(), name="cms_feed_decisions"),
    path("nguon-tin/thu-tuc.atom", ChangedProcedureFeed(), name="cms_feed_procedures"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "cms_sitemap_section"},
        name="cms_sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="cms_sitemap_section",
    ),
]
