"""Atom feeds: announcement decisions, and procedure versions (new public content).

Entry ids are tag: URIs (RFC 4151) built from the site's host and ATOM_TAG_DATE, so they are absolute IRIs
that stay the same whatever the entry's link or title becomes. `updated` is when the entry itself last
changed (a decision edited, signed or applied; a version recorded), never a future effective date: the
effective date is in the entry's text.
"""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from catalog.calendar import LOCAL_TZ
from catalog.models import ProcedureVersion
from cms import links, selectors

FEED_SIZE = 50


def _start_of(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def _not_future(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else min(moment, timezone.now())


class _TaggedFeed(Feed):
    """A feed whose entry ids are tag: URIs of the serving host."""

    feed_type = Atom1Feed
    tag_path = ""
    author_name = settings.WAGTAIL_SITE_NAME

    def get_object(self, request, *args, **kwargs):
        self.authority = (settings.ATOM_TAG_AUTHORITY or request.get_host()).split(":")[0].lower()
        return None

    def tag(self, specific: str) -> str:
        return f"tag:{self.authority},{settings.ATOM_TAG_DATE}:{specific}"

    def feed_guid(self):
        return self.tag(self.tag_path)


class DecisionFeed(_TaggedFeed):
    title = _("Quyết định công bố thủ tục hành chính")
    subtitle = _("Các quyết định công bố thủ tục hành chính mới, sửa đổi, thay thế, bãi bỏ.")
    tag_path = "quyet-dinh"

    def link(self):
        return links.decisions_path()

    def items(self):
        return selectors.decisions_public().select_related("latest_revision")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.number} – {item.title}" if item.title else item.number

    def item_description(self, item):
        return _("%(count)s thủ tục; có hiệu lực từ ngày %(day)s.") % {
            "count": item.item_count,
            "day": item.effective_on.strftime("%d/%m/%Y") if item.effective_on else "—",
        }

    def item_link(self, item):
        return links.decision_path(item.pk)

    def item_guid(self, item):
        return self.tag(f"quyet-dinh/{item.pk}")

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return _not_future(_start_of(item.signed_on))

    def item_updateddate(self, item):
        """The last change of the decision itself: an edit (its latest revision), its signing, its application."""
        revision = item.latest_revision.created_at if item.latest_revision_id else None
        moments = [moment for moment in (revision, item.applied_at, _start_of(item.signed_on)) if moment is not None]
        return _not_future(max(moments)) if moments else None


class ChangedProcedureFeed(_TaggedFeed):
    title = _("Thủ tục hành chính thay đổi")
    subtitle = _("Phiên bản mới của thủ tục hành chính (ban hành mới, sửa đổi, bổ sung, thay thế).")
    tag_path = "thu-tuc"

    def link(self):
        return links.procedures_path()

    def items(self):
        return (
            ProcedureVersion.objects.select_related("procedure", "decision")
            .only(
                "id",
                "number",
                "name",
                "code",
                "valid_from",
                "created_at",
                "category",
                "procedure__slug",
                "procedure__code",
                "decision__number",
            )
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        text = _("Phiên bản %(n)s, có hiệu lực từ ngày %(day)s.") % {
            "n": item.number,
            "day": item.valid_from.strftime("%d/%m/%Y"),
        }
        if item.decision_id:
            text += " " + _("Theo quyết định %(number)s.") % {"number": item.decision.number}
        return text

    def item_link(self, item):
        return f"{links.procedure_path(links.procedure_key(item.procedure))}?ngay={item.valid_from.isoformat()}"

    def item_guid(self, item):
        return self.tag(f"thu-tuc/{item.procedure_id}/phien-ban/{item.number}")

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return _not_future(item.created_at)

    def item_updateddate(self, item):
        """When the version was recorded (a version's content never changes afterwards)."""
        return _not_future(item.created_at)
