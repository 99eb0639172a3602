"""sitemap.xml: every published procedure page, the decisions, postings and the listings."""

from django.contrib.sitemaps import Sitemap

from catalog.models import Field, Procedure, ReceptionPlace
from cms import links, selectors


class ProcedureSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 10000

    def items(self):
        return (
            Procedure.objects.filter(versions__isnull=False)
            .distinct()
            .only("id", "code", "slug", "updated_at")
            .order_by("id")
        )

    def location(self, item):
        return links.procedure_path(links.procedure_key(item))


class DecisionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return selectors.decisions_public().order_by("id")

    def location(self, item):
        return links.decision_path(item.pk)


class ListingSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        fixed = ["/", links.procedures_path(), links.decisions_path(), links.postings_path()]
        fields = [links.field_path(slug) for slug in Field.objects.values_list("slug", flat=True)]
        places = [links.posting_path(slug) for slug in ReceptionPlace.objects.values_list("slug", flat=True)]
        return fixed + fields + places

    def location(self, item):
        return item


SITEMAPS = {"thu-tuc": ProcedureSitemap, "quyet-dinh": DecisionSitemap, "danh-sach": ListingSitemap}
