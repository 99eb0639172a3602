"""Staff journeys a Provincial Office runs alone, in a real browser at 1366×768 (issue 14).

1. A department drafts a procedure from an empty draft, names it, cites a legal basis dated dd/mm/yyyy and
   submits it; the procedure-control division and the leadership approve it.
2. The provincial office announces a decision with all four categories and moves it through every step
   with the buttons of its page; then posts the new procedure at a reception place and finds it on the
   place's poster.
3. A feedback item is accepted, answered, reviewed and published.
4. The on-time statistics are filtered and downloaded in Excel.

Set TTHC_SHOTS_DIR to keep a screenshot of each step.
"""

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from catalog.choices import AnnouncementCategory, DecisionStatus, ProcedureStatus
from catalog.models import AnnouncementDecision, Procedure, ReceptionPlace
from catalog.services.versions import version_create
from catalog.text import vn_slugify
from cms.site_setup import site_ensure_structure
from feedback.choices import AnswerState, FeedbackStatus
from tests.catalog.admin.pages import DecisionForm, FeedbackItemPage, ProcedureForm, ReceptionPlaceForm, StatisticsPage
from tests.factories.catalog import AgencyFactory, FieldFactory, LegalDocumentFactory, ProcedureFactory
from tests.factories.feedback import FeedbackFactory
from tests.factories.timeliness import DossierFactory, local
from timeliness.choices import DossierStatus, Outcome

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKFLOW_SUBMIT = "Gửi duyệt: Thẩm định và phê duyệt thủ tục hành chính"
NEW_NAME = "Đăng ký khai sinh lưu động"


@pytest.fixture(autouse=True)
def _one_writer_at_a_time(settings):
    """The live server and the test share one SQLite database, which allows one writer at a time: the edit
    pages' background writes (autosave every 0.5 s, editing-session pings) would race the steps under test."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000


def day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def test_a_department_drafts_a_procedure_that_the_office_approves(browser_page, drafter, reviewer, approver):
    form = ProcedureForm(browser_page).login(drafter.username).open_new()
    form.run_action("Lưu bản nháp")
    empty_draft_slug = form.slug
    form.shot("1-1-ban-nhap-trong")

    form.fill_complete(code="", name=NEW_NAME)
    form.add_legal_basis(number="60/2014/QH13", summary="Luật Hộ tịch", issued_on="15/11/2015")
    form.shot("1-2-can-cu-phap-ly-dd-mm-yyyy")
    form.run_action("Lưu bản nháp")
    named_slug, shown_date = form.slug, form.legal_basis_date()
    form.shot("1-3-da-dat-ten")
    form.run_action(WORKFLOW_SUBMIT)
    form.shot("1-4-da-gui-duyet")
    procedure = Procedure.objects.get(name=NEW_NAME)

    ProcedureForm(browser_page).login(reviewer.username).open(procedure).run_action("Đồng ý")
    approval = ProcedureForm(browser_page).login(approver.username).open(procedure)
    approval.shot("1-5-lanh-dao-duyet")
    approval.run_action("Đồng ý và duyệt")
    approval.shot("1-6-da-duyet")
    procedure.refresh_from_db()

    assert empty_draft_slug.startswith("ban-nhap-")
    assert (named_slug, procedure.slug) == (vn_slugify(NEW_NAME), vn_slugify(NEW_NAME))
    assert (shown_date, procedure.legal_bases.get().issued_on) == ("15/11/2015", dt.date(2015, 11, 15))
    assert (procedure.live, procedure.status) == (True, ProcedureStatus.APPROVED)


@pytest.fixture
def catalog_to_announce(department_agency):
    """An approved new procedure and three in force: one to amend, one to replace, one to abolish; the public
    site's pages (posting pages are Wagtail pages)."""
    site_ensure_structure()
    civil_status = FieldFactory(name="Hộ tịch", slug="ho-tich")
    new = ProcedureFactory(
        complete=True,
        code=None,
        name=NEW_NAME,
        slug="dang-ky-khai-sinh-luu-dong",
        field=civil_status,
        owner_agency=department_agency,
        status=ProcedureStatus.APPROVED,
    )
    in_force = {}
    for key, name in (
        ("amended", "Đăng ký kết hôn"),
        ("replaced", "Cấp bản sao trích lục hộ tịch"),
        ("abolished", "Đăng ký giám hộ"),
    ):
        procedure = ProcedureFactory(complete=True, name=name, field=civil_status, owner_agency=department_agency)
        version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))
        in_force[key] = procedure
    law = LegalDocumentFactory(number="04/2020/TT-BTP", summary="Quy định chi tiết thi hành Luật Hộ tịch")
    return {"new": new, "law": law, **in_force}


def test_the_office_announces_a_decision_step_by_step_and_posts_it(
    browser_page, reviewer, approver, review_workflow, catalog_to_announce
):
    today = timezone.localdate()
    office = DecisionForm(browser_page).login(reviewer.username).open_new()
    office.fill(number="88/QĐ-UBND", signed_on=day(today - dt.timedelta(days=10)), effective_on=day(today))
    office.add_item(procedure=NEW_NAME, search="khai sinh luu dong", category=AnnouncementCategory.NEW)
    law = catalog_to_announce["law"].number
    office.add_item(
        procedure="Đăng ký kết hôn", search="ket hon", category=AnnouncementCategory.AMENDED, legal_document=law
    )
    office.add_item(
        procedure="Cấp bản sao trích lục hộ tịch",
        search="trich luc",
        category=AnnouncementCategory.REPLACED,
        successor=NEW_NAME,
        legal_document=law,
    )
    office.add_item(
        procedure="Đăng ký giám hộ", search="giam ho", category=AnnouncementCategory.ABOLISHED, legal_document=law
    )
    office.shot("2-1-bon-loai-cong-bo")
    office.run_action(WORKFLOW_SUBMIT)
    decision = AnnouncementDecision.objects.get(number="88/QĐ-UBND")
    office.open(decision)
    office.shot("2-2-cho-tham-dinh")
    in_review = office.current_step()
    office.run_action("Đồng ý")

    leader = DecisionForm(browser_page).login(approver.username).open(decision)
    leader.run_action("Đồng ý và duyệt")
    leader.open(decision)
    leader.shot("2-3-cho-ky")
    before_signing = leader.current_step()
    leader.press_step_button("Ký ban hành", confirm="Ký ban hành")
    leader.shot("2-4-da-ky")
    after_signing = leader.current_step()
    leader.press_step_button("Áp dụng ngay", confirm="Áp dụng quyết định")
    leader.shot("2-5-da-ap-dung")

    office = DecisionForm(browser_page).login(reviewer.username).open(decision)
    office.record_national_entry(day=day(today))
    office.open(decision)
    office.shot("2-6-da-nhap-csdl")
    final_steps = office.steps()
    decision.refresh_from_db()

    place_form = ReceptionPlaceForm(browser_page).login(reviewer.username).open_new()
    place_form.name("Bộ phận Một cửa UBND xã An Hiệp")
    place_form.add_procedures(search="khai sinh luu dong", names=[NEW_NAME])
    place_form.shot("2-7-chon-thu-tuc-niem-yet")
    place_form.save()
    place = ReceptionPlace.objects.get(name="Bộ phận Một cửa UBND xã An Hiệp")
    place_form.open(place)
    summary = place_form.posted_summary()
    place_form.shot("2-8-dang-niem-yet")
    browser_page.goto(f"/niem-yet/{place.slug}/")
    place_form.shot("2-9-trang-niem-yet")
    posting_page = browser_page.locator("main").inner_text()
    poster = browser_page.request.get(f"/niem-yet/{place.slug}/ban-in.pdf")
    if os.environ.get("TTHC_SHOTS_DIR"):
        (Path(os.environ["TTHC_SHOTS_DIR"]) / "2-10-ban-niem-yet.pdf").write_bytes(poster.body())
    poster_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(poster.body())).pages)

    assert (in_review, before_signing, after_signing) == ("Thẩm định", "Ký ban hành", "Áp dụng")
    assert [state for _step, state in final_steps] == ["Đã xong"] * 5
    assert decision.status == DecisionStatus.APPLIED
    assert place.slug == "bo-phan-mot-cua-ubnd-xa-an-hiep"
    assert "Đang niêm yết 1 thủ tục có hiệu lực" in summary
    assert NEW_NAME in posting_page
    assert NEW_NAME in " ".join(poster_text.split())


def test_staff_answer_a_feedback_item(browser_page, admin_user_vi):
    AgencyFactory(name="Sở Tư pháp", code="so-tp")
    feedback = FeedbackFactory(title="Mẫu tờ khai quá dài")

    item = FeedbackItemPage(browser_page).login(admin_user_vi.username).open_from_queue("Mẫu tờ khai quá dài")
    item.shot("3-1-phan-anh-moi")
    item.accept(agency="Sở Tư pháp")
    item.draft_answer(
        title="Về độ dài mẫu tờ khai",
        question="Vì sao mẫu tờ khai yêu cầu ghi lại thông tin đã có?",
        answer="Mẫu tờ khai mới đã bỏ các thông tin có sẵn trong cơ sở dữ liệu.",
    )
    item.shot("3-2-du-thao-tra-loi")
    item.approve_answer()
    item.publish_answer()
    item.shot("3-3-da-cong-bo")
    feedback.refresh_from_db()

    assert (feedback.status, feedback.answer_state) == (FeedbackStatus.ANSWERED, AnswerState.PUBLISHED)


def test_staff_download_the_on_time_statistics_in_excel(browser_page, reviewer, tmp_path):
    justice = AgencyFactory(name="Sở Tư pháp", code="so-tp")
    AgencyFactory(name="Sở Y tế", code="so-yt")
    DossierFactory(
        agency=justice, resolved_at=local(2019, 3, 5, 9), status=DossierStatus.RESOLVED, outcome=Outcome.EARLY
    )
    DossierFactory(
        agency=justice, resolved_at=local(2019, 3, 20, 9), status=DossierStatus.RESOLVED, outcome=Outcome.LATE
    )

    statistics = StatisticsPage(browser_page).login(reviewer.username).open().filter(year="2019", quarter="Quý I")
    statistics.shot("4-1-thong-ke")
    rates = (statistics.rate_of("Sở Tư pháp"), statistics.rate_of("Sở Y tế"))
    download = statistics.download("Excel")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    if os.environ.get("TTHC_SHOTS_DIR"):
        download.save_as(Path(os.environ["TTHC_SHOTS_DIR"]) / "4-2-thong-ke.xlsx")
    rows = {row[2]: row for row in load_workbook(path).active.iter_rows(values_only=True)}

    assert rates == ("50,00", "—")
    assert download.suggested_filename == "thong-ke-ho-so-20190101-20190331.xlsx"
    assert (rows["Sở Tư pháp"][-1], rows["Sở Y tế"][-1]) == (50, "—")
