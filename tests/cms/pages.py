"""Page objects for the public site's browser tests (Playwright)."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


class SitePage:
    path = "/"

    def __init__(self, page: Page):
        self.page = page

    def open(self, path: str | None = None):
        self.page.goto(path or self.path)
        return self

    @property
    def heading(self) -> str:
        return self.page.locator("h1").first.inner_text()

    def blocking_accessibility_violations(self) -> list[dict]:
        """axe-core (WCAG 2.0/2.1 A and AA rules) violations of impact serious or critical."""
        # evaluate() runs through DevTools, so the site's Content-Security-Policy does not block the injection.
        self.page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]


class HomePage(SitePage):
    def open_field(self, name: str) -> "ListingPage":
        """Through the full A–Z list of fields (the home page shows topics)."""
        self.page.get_by_role("link", name=re.compile(r"^Xem tất cả \d+ lĩnh vực")).click()
        self.page.get_by_role("link", name=name, exact=True).click()
        return ListingPage(self.page)


class ListingPage(SitePage):
    path = "/thu-tuc/"

    def open_procedure(self, name: str) -> "ProcedurePage":
        self.page.get_by_role("link", name=name, exact=True).click()
        return ProcedurePage(self.page)


class ProcedurePage(SitePage):
    def show_as_of(self, day: str) -> "ProcedurePage":
        self.page.get_by_label("Xem nội dung có hiệu lực vào ngày").fill(day)
        self.page.get_by_role("button", name="Xem", exact=True).click()
        self.page.wait_for_load_state()
        return self

    @property
    def banner(self) -> str:
        return self.page.locator(".banner").first.inner_text()


class DecisionPage(SitePage):
    def section(self, category_label: str):
        return self.page.get_by_role("region", name=category_label)


class PostingPage(SitePage):
    def download_poster(self):
        with self.page.expect_download() as download_info:
            self.page.get_by_role("link", name="Tải bản in niêm yết (PDF, khổ A4)").click()
        return download_info.value


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def box(locator) -> dict:
    """The element's bounding box in CSS pixels relative to the viewport (x, y, width, height)."""
    return locator.bounding_box()


class SearchPage(SitePage):
    path = "/tra-cuu/"

    def search(self, q: str) -> "SearchPage":
        self.page.goto(f"/tra-cuu/?q={q}")
        return self

    @property
    def first_result(self):
        return self.page.locator(".result").first

    @property
    def filters(self):
        return self.page.locator("details.filters")

    def filters_open(self) -> bool:
        return self.filters.evaluate("el => el.open")


class SuggestingBox:
    """The home page's search box with its suggestion list (combobox)."""

    def __init__(self, page: Page, label: str = "Tìm thủ tục hành chính"):
        self.page = page
        self.input = page.get_by_role("combobox", name=label)

    def type(self, text: str) -> "SuggestingBox":
        self.input.press_sequentially(text, delay=30)
        self.page.get_by_role("listbox").wait_for()
        return self

    @property
    def options(self) -> list[str]:
        return self.page.get_by_role("option").all_inner_texts()

    def choose_first(self) -> None:
        self.input.press("ArrowDown")
        with self.page.expect_navigation():
            self.input.press("Enter")


class ProcedureReadingPage(SitePage):
    @property
    def contents(self):
        return self.page.locator("details.toc")

    def contents_open(self) -> bool:
        return self.contents.evaluate("el => el.open")

    def go_to_section(self, name: str) -> None:
        if not self.contents_open():
            self.contents.locator("summary").click()
        self.contents.get_by_role("link", name=name, exact=True).click()


def control_sizes(page: Page, selector: str) -> list[dict]:
    """Height and font size (px) of every visible control matching `selector`."""
    return page.eval_on_selector_all(
        selector,
        """els => els.filter(e => e.offsetParent !== null && e.type !== 'hidden' && e.type !== 'checkbox'
                 && e.type !== 'radio' && !e.closest('[aria-hidden=true]')).map(e => ({
            name: e.name || e.id || e.textContent.trim().slice(0, 30),
            height: e.getBoundingClientRect().height,
            font: parseFloat(getComputedStyle(e).fontSize)}))""",
    )
