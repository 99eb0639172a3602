"""Page objects for the catalog admin in a real browser (Playwright)."""

from django.urls import reverse
from playwright.sync_api import Page

from tests.catalog.admin.conftest import PASSWORD


class AdminSession:
    def __init__(self, page: Page):
        self.page = page

    def login(self, username: str) -> "AdminSession":
        self.page.context.clear_cookies()
        self.page.goto(reverse("wagtailadmin_login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")
        return self

    def open_tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()

    def add_child(self, relation: str) -> int:
        """Click an inline panel's add button; return the index of the new child form."""
        total = self.page.locator(f"#id_{relation}-TOTAL_FORMS")
        index = int(total.input_value())
        self.page.click(f"#id_{relation}-ADD")
        self.page.wait_for_selector(f"[name='{relation}-{index}-ORDER']", state="attached")
        return index

    def run_action(self, label: str) -> None:
        """Pick an action from the footer action menu (main button or its drop-up)."""
        footer = self.page.locator("footer")
        button = footer.get_by_role("button", name=label, exact=True)
        if not button.is_visible():
            footer.get_by_role("button", name="Thao tác khác").click()
        button.click()
        self.page.wait_for_load_state("networkidle")

    def run_header_action(self, label: str, *, confirm: str) -> None:
        """Pick an action from the header's "Thao tác" menu, then confirm it on its page (a POST form)."""
        link = self.page.get_by_role("link", name=label, exact=True)
        if not link.is_visible():
            self.page.locator("header").get_by_role("button", name="Thao tác", exact=True).click()
        link.click()
        self.page.get_by_role("button", name=confirm, exact=True).click()
        self.page.wait_for_load_state("networkidle")

    def messages(self) -> str:
        return self.page.locator(".messages").inner_text()


class ProcedureForm(AdminSession):
    def open_new(self) -> "ProcedureForm":
        self.page.goto(reverse("wagtailsnippets_catalog_procedure:add"))
        return self

    def open(self, procedure) -> "ProcedureForm":
        self.page.goto(reverse("wagtailsnippets_catalog_procedure:edit", args=[procedure.pk]))
        return self

    def fill_complete(self, *, code: str, name: str) -> "ProcedureForm":
        page = self.page
        page.fill("#id_code", code)
        page.fill("#id_name", name)
        self.open_tab("Trình tự, cách thức")
        step = self.add_child("steps")
        page.fill(f"#id_steps-{step}-text", "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa")
        channel = self.add_child("channels")
        page.select_option(f"#id_channels-{channel}-channel", "truc_tiep")
        page.fill(f"#id_channels-{channel}-time_limit_text", "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
        page.fill(f"#id_channels-{channel}-fee_text", "Không thu phí")
        self.open_tab("Thành phần hồ sơ")
        item = self.add_child("dossier_items")
        page.fill(f"#id_dossier_items-{item}-name", "Tờ khai theo mẫu")
        page.fill(f"#id_dossier_items-{item}-forms", "Mẫu 01\nMẫu 02")
        page.fill(f"#id_dossier_items-{item}-originals", "1")
        self.open_tab("Đối tượng, cơ quan, kết quả")
        page.fill("#id_applicants", "Công dân Việt Nam")
        agency = self.add_child("agencies")
        page.select_option(f"#id_agencies-{agency}-role", "implementing")
        page.fill(f"#id_agencies-{agency}-name", "Sở Tư pháp")
        page.fill("#id_results", "Giấy chứng nhận")
        self.open_tab("Căn cứ pháp lý, yêu cầu")
        page.check("#id_no_requirements")  # staff state "Không": no requirement, not unknown
        return self


class DecisionForm(AdminSession):
    def open_new(self) -> "DecisionForm":
        self.page.goto(reverse("wagtailsnippets_catalog_announcementdecision:add"))
        return self

    def open(self, decision) -> "DecisionForm":
        self.page.goto(reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[decision.pk]))
        return self

    def fill(self, *, number: str, signed_on: str, effective_on: str) -> "DecisionForm":
        self.page.fill("#id_number", number)
        self.page.fill("#id_title", "Về việc công bố danh mục thủ tục hành chính mới ban hành")
        self.page.fill("#id_signed_on", signed_on)
        self.page.fill("#id_effective_on", effective_on)
        self.page.keyboard.press("Escape")
        return self

    def attach_procedure(self, *, search: str, category: str = "new") -> "DecisionForm":
        self.open_tab("Danh mục thủ tục")
        index = self.add_child("items")
        self.page.locator(f"#id_items-{index}-procedure-chooser [data-chooser-action-choose]").first.click()
        modal = self.page.locator(".modal-dialog")
        modal.get_by_role("textbox").first.fill(search)
        modal.get_by_role("link", name=search).first.click()
        self.page.wait_for_selector(".modal-dialog", state="detached")
        self.page.select_option(f"#id_items-{index}-category", category)
        return self
