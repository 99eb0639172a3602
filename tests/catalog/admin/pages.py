"""Page objects for the admin in a real browser (Playwright), as staff at a 1366×768 laptop screen use it.

Set TTHC_SHOTS_DIR (e.g. var/shots/journeys) to keep a screenshot of each step for a person to look at.
"""

import os
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.catalog.admin.conftest import PASSWORD

LAPTOP = {"width": 1366, "height": 768}


class AdminSession:
    def __init__(self, page: Page):
        self.page = page

    def login(self, username: str) -> "AdminSession":
        self.page.set_viewport_size(LAPTOP)
        self.page.context.clear_cookies()
        self.page.goto(reverse("wagtailadmin_login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")
        return self

    def shot(self, name: str) -> None:
        """Keep a screenshot of the screen as it is now (only when TTHC_SHOTS_DIR is set)."""
        directory = os.environ.get("TTHC_SHOTS_DIR")
        if directory:
            self.page.wait_for_load_state("networkidle")
            Path(directory).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(directory) / f"{name}.png"))

    def open_tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()

    def add_child(self, relation: str) -> int:
        """Click an inline panel's add button; return the index of the new child form."""
        total = self.page.locator(f"#id_{relation}-TOTAL_FORMS")
        index = int(total.input_value())
        self.page.click(f"#id_{relation}-ADD")
        self.page.wait_for_selector(f"[name='{relation}-{index}-ORDER']", state="attached")
        return index

    def choose(self, chooser_id: str, *, search: str, pick: str) -> None:
        """Open a chooser, type `search` (the search box folds diacritics) and pick the row named `pick`."""
        self.page.locator(f"#{chooser_id}-chooser [data-chooser-action-choose]").first.click()
        modal = self.page.locator(".modal-dialog")
        modal.get_by_role("textbox").first.fill(search)
        modal.get_by_role("link", name=pick).first.click()
        self.page.wait_for_selector(".modal-dialog", state="detached")

    def choose_many(self, relation: str, *, search: str, picks: list[str]) -> None:
        """A multiple chooser panel: tick each row named in `picks`, then confirm."""
        self.page.locator(f"#id_{relation}-OPEN_MODAL").click()
        modal = self.page.locator(".modal-dialog")
        modal.get_by_role("textbox").first.wait_for()
        with self.page.expect_response(lambda response: "q=" in response.url):  # the rows found replace the list
            modal.get_by_role("textbox").first.fill(search)
        for pick in picks:
            modal.get_by_role("checkbox", name=pick).check()
        modal.locator("[data-multiple-choice-submit]").click()
        self.page.wait_for_selector(".modal-dialog", state="detached")

    def run_action(self, label: str) -> None:
        """Pick an action from the footer action menu (main button or its drop-up)."""
        footer = self.page.locator("footer")
        button = footer.get_by_role("button", name=label, exact=True)
        if not button.is_visible():
            footer.get_by_role("button", name="Thao tác khác").click()
        button.click()
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

    @property
    def slug(self) -> str:
        return self.page.locator("#id_slug").input_value()

    def fill_complete(self, *, code: str, name: str) -> "ProcedureForm":
        page = self.page
        self.open_tab("Thông tin chung")
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

    def add_legal_basis(self, *, number: str, summary: str, issued_on: str) -> "ProcedureForm":
        """A legal basis row; `issued_on` typed dd/mm/yyyy, then the field left (where the old picker
        replaced unreadable text with today's date)."""
        self.open_tab("Căn cứ pháp lý, yêu cầu")
        row = self.add_child("legal_bases")
        self.page.fill(f"#id_legal_bases-{row}-number", number)
        self.page.fill(f"#id_legal_bases-{row}-summary", summary)
        self.page.fill(f"#id_legal_bases-{row}-issued_on", issued_on)
        self.page.keyboard.press("Escape")
        self.page.fill(f"#id_legal_bases-{row}-issuer", "Quốc hội")
        return self

    def legal_basis_date(self, row: int = 0) -> str:
        self.open_tab("Căn cứ pháp lý, yêu cầu")
        return self.page.locator(f"#id_legal_bases-{row}-issued_on").input_value()


class DecisionForm(AdminSession):
    def open_new(self) -> "DecisionForm":
        self.page.goto(reverse("wagtailsnippets_catalog_announcementdecision:add"))
        return self

    def open(self, decision) -> "DecisionForm":
        self.page.goto(reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[decision.pk]))
        return self

    def fill(self, *, number: str, signed_on: str, effective_on: str) -> "DecisionForm":
        """Dates typed dd/mm/yyyy."""
        self.page.fill("#id_number", number)
        self.page.fill("#id_title", "Về việc công bố danh mục thủ tục hành chính lĩnh vực hộ tịch")
        self.page.fill("#id_signer", "Chủ tịch UBND tỉnh")
        self.page.fill("#id_signed_on", signed_on)
        self.page.keyboard.press("Escape")
        self.page.fill("#id_effective_on", effective_on)
        self.page.keyboard.press("Escape")
        return self

    def add_item(
        self, *, procedure: str, category: str, search: str, successor: str = "", legal_document: str = ""
    ) -> "DecisionForm":
        """One item of the list: the procedure chosen by searching (without diacritics), its category and, for
        an amended, replaced or abolished one, the legal document that changes it (chosen by its number)."""
        self.open_tab("Danh mục thủ tục")
        index = self.add_child("items")
        self.choose(f"id_items-{index}-procedure", search=search, pick=procedure)
        self.page.select_option(f"#id_items-{index}-category", category)
        if successor:
            self.choose(f"id_items-{index}-successor", search=successor, pick=successor)
        if legal_document:
            self.choose(f"id_items-{index}-legal_document", search=legal_document, pick=legal_document)
        self.page.fill(f"#id_items-{index}-change_note", f"Mục {index + 1} của quyết định")
        return self

    def steps(self) -> list[tuple[str, str]]:
        """(step, state) of the process shown on the decision's page, in order."""
        steps = self.page.locator(".catalog-process__step")
        return [
            (
                steps.nth(i).locator(".catalog-process__name").inner_text(),
                steps.nth(i).locator(".catalog-process__state").inner_text(),
            )
            for i in range(steps.count())
        ]

    def current_step(self) -> str:
        return self.page.locator(".catalog-process__step--current .catalog-process__name").inner_text()

    def press_step_button(self, label: str, *, confirm: str) -> None:
        """Click the process step's button (visible on the page, not in a menu), then confirm its form."""
        self.page.locator(".catalog-process").get_by_role("link", name=label, exact=True).click()
        self.page.get_by_role("button", name=confirm, exact=True).click()
        self.page.wait_for_load_state("networkidle")

    def record_national_entry(self, *, day: str) -> None:
        """On the national-entry page: type the day (dd/mm/yyyy) for each item and record it."""
        self.page.locator(".catalog-process").get_by_role("link", name="Ghi nhận nhập CSDL quốc gia").click()
        self.page.wait_for_url("**/national-entry/**")
        forms = self.page.locator("form.catalog-national-entry")
        remaining = forms.count()
        while remaining:
            form = forms.first
            form.locator("input[name=entered_on]").fill(day)
            self.page.get_by_role("heading", name="Danh mục thủ tục").click()  # leave the field; the picker closes
            with self.page.expect_navigation():
                form.get_by_role("button", name="Đã nhập CSDL quốc gia").click()
            remaining -= 1
            expect(forms).to_have_count(remaining)  # the page came back with one item fewer to record


class ReceptionPlaceForm(AdminSession):
    def open_new(self) -> "ReceptionPlaceForm":
        self.page.goto(reverse("wagtailsnippets_catalog_receptionplace:add"))
        return self

    def open(self, place) -> "ReceptionPlaceForm":
        self.page.goto(reverse("wagtailsnippets_catalog_receptionplace:edit", args=[place.pk]))
        return self

    def name(self, name: str) -> "ReceptionPlaceForm":
        self.page.fill("#id_name", name)
        return self

    def add_field_rule(self, *, field: str, search: str) -> "ReceptionPlaceForm":
        self.open_tab("Thủ tục niêm yết")
        index = self.add_child("posting_rules")
        self.choose(f"id_posting_rules-{index}-field", search=search, pick=field)
        return self

    def add_procedures(self, *, search: str, names: list[str]) -> "ReceptionPlaceForm":
        self.open_tab("Thủ tục niêm yết")
        self.choose_many("posting_additions", search=search, picks=names)
        return self

    def save(self) -> None:
        self.page.locator("footer").get_by_role("button", name="Lưu", exact=True).click()
        self.page.wait_for_load_state("networkidle")

    def posted_summary(self) -> str:
        self.open_tab("Thủ tục niêm yết")
        return self.page.locator(".catalog-posting-summary").inner_text()


class FeedbackItemPage(AdminSession):
    def open_from_queue(self, title: str) -> "FeedbackItemPage":
        self.page.goto(reverse("feedback_admin:queue"))
        self.page.locator("tr", has_text=title).get_by_role("link").first.click()
        return self

    def status(self) -> str:
        return self.page.locator("#status").inner_text()

    def accept(self, *, agency: str) -> "FeedbackItemPage":
        self.page.get_by_label("Tiếp nhận xử lý").check()
        self.page.get_by_label("Giao cơ quan xử lý (khi tiếp nhận)").select_option(label=agency)
        self.page.get_by_role("button", name="Ghi phân loại").click()
        self.page.wait_for_load_state("networkidle")
        return self

    def draft_answer(self, *, title: str, question: str, answer: str) -> "FeedbackItemPage":
        self.page.get_by_label("Tiêu đề công khai").fill(title)
        self.page.get_by_label("Câu hỏi công khai (đã bỏ dữ liệu cá nhân)").fill(question)
        self.page.get_by_label("Nội dung trả lời").fill(answer)
        self.page.get_by_role("button", name="Lưu và gửi duyệt").click()
        self.page.wait_for_load_state("networkidle")
        return self

    def approve_answer(self) -> "FeedbackItemPage":
        self.page.get_by_label("Duyệt", exact=True).check()
        self.page.get_by_role("button", name="Ghi kết quả duyệt").click()
        self.page.wait_for_load_state("networkidle")
        return self

    def publish_answer(self) -> "FeedbackItemPage":
        self.page.get_by_role("button", name="Công bố và thông báo người gửi").click()
        self.page.wait_for_load_state("networkidle")
        return self


class StatisticsPage(AdminSession):
    def open(self) -> "StatisticsPage":
        self.page.goto(reverse("timeliness_staff"))
        return self

    def filter(self, *, year: str, quarter: str) -> "StatisticsPage":
        self.page.get_by_label("Năm").select_option(year)
        self.page.get_by_label("Quý").select_option(label=quarter)
        self.page.get_by_role("button", name="Xem").click()
        expect(self.page.locator(".timeliness-period")).to_contain_text("Hồ sơ tiếp nhận từ ngày")
        return self

    def rate_of(self, agency: str) -> str:
        row = self.page.locator(".timeliness-report tr", has=self.page.get_by_role("link", name=agency))
        return row.locator(".timeliness-report__rate").inner_text()

    def download(self, label: str):
        with self.page.expect_download() as download:
            self.page.locator(".timeliness-downloads").get_by_role("link", name=label).click()
        return download.value


class AgencyPage(AdminSession):
    """An agency's edit page and its reorganisation actions ("Đổi tên", "Sáp nhập vào…")."""

    def open(self, agency) -> "AgencyPage":
        self.page.goto(reverse("wagtailsnippets_catalog_agency:edit", args=[agency.pk]))
        return self

    def start_action(self, label: str) -> "AgencyPage":
        """Open the header's "more" menu and pick `label`."""
        self.page.locator("header [data-w-dropdown-target='toggle']").first.click()
        with self.page.expect_navigation():  # the next page, not the current one's load state
            self.page.get_by_role("link", name=label).click()
        return self

    def merge_into(self, name: str, *, on: str) -> "AgencyPage":
        self.page.select_option("#id_into", label=name)
        self.page.fill("#id_on", on)
        # From the keyboard, as staff often do: the date's picker (it opens on focus, later on a busy machine)
        # can cover the button, but not a key pressed on it.
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Tiếp tục").press("Enter")
        return self

    def confirm(self) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Xác nhận").click()
