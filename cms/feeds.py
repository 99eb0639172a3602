"""Atom feeds: announcement decisions, and procedures whose public content changed."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from catalog.models import ProcedureVersion
from cms import links, selectors

FEED_SIZE = 50


def _aware(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class DecisionFeed(Feed):
    feed_type = Atom1Feed
    title = _("Quyết định công bố thủ tục hành chính")
    subtitle = _("Các quyết định công bố thủ tục hành chính mới, sửa đổi, thay thế, bãi bỏ.")
    link = links.decisions_path()

    def items(self):
        return selectors.decisions_public()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.number} – {item.title}" if item.title else item.number

    def item_description(self, item):
        return _("%(count)s thủ tục; có hiệu lực từ ngày %(day)s.") % {
            "count": item.item_count,
            "day": item.effective_on.strftime("%d/%m/%Y") if item.effective_on else "—",
        }

    def item_link(self, item):
        return links.decision_path(item.pk)

    def item_pubdate(self, item):
        return _aware(item.signed_on)

    def item_updateddate(self, item):
        return item.applied_at or _aware(item.effective_on or item.signed_on)


class ChangedProcedureFeed(Feed):
    feed_type = Atom1Feed
    title = _("Thủ tục hành chính thay đổi")
    subtitle = _("Phiên bản mới của thủ tục hành chính (ban hành mới, sửa đổi, bổ sung, thay thế).")
    link = links.procedures_path()

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
            .order_by("-valid_from", "-created_at")[:FEED_SIZE]
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
        return f"procedure-version-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return max(item.created_at, _aware(item.valid_from))
