"""Creates the public site's page tree; idempotent."""

from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms import links
from cms.models import DecisionIndexPage, HomePage, PostingIndexPage, ProcedureIndexPage

HOME_TITLE = "Thủ tục hành chính tỉnh Sóc Trăng"


@transaction.atomic
def site_ensure_structure(*, site_name: str = HOME_TITLE) -> HomePage:
    """Ensure a HomePage is the default site's root, replacing Wagtail's placeholder welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = _ensure_root()
        home = HomePage(
            title=site_name,
            slug="trang-chu",
            intro="<p>Tra cứu thủ tục hành chính, thời hạn giải quyết, phí, lệ phí và gửi phản ánh, kiến nghị.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=site_name)
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = site_name
        site.save()
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
    _ensure_index_pages(home)
    return home


def _ensure_root() -> Page:
    """Wagtail's root node (its migration creates it; a flushed test database has none)."""
    root = Page.get_first_root_node()
    if root is None:
        from django.conf import settings

        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


INDEX_PAGES = (
    (ProcedureIndexPage, links.PROCEDURES_SLUG, "Danh mục thủ tục hành chính"),
    (DecisionIndexPage, links.DECISIONS_SLUG, "Quyết định công bố thủ tục hành chính"),
    (PostingIndexPage, links.POSTINGS_SLUG, "Niêm yết thủ tục hành chính tại nơi tiếp nhận hồ sơ"),
)


def _ensure_index_pages(home: HomePage) -> None:
    """The three index pages under the home page (their slugs are the public paths in `cms.links`)."""
    for model, slug, title in INDEX_PAGES:
        if model.objects.exists():
            continue
        page = model(title=title, slug=slug)
        home.add_child(instance=page)
        page.save_revision().publish()
