"""Every screen staff use daily shows no English: Wagtail's msgids are translated in locale/vi (which wins
over Wagtail's own catalogue), and relative times, counts and dates read the Vietnamese way.

The English list is Wagtail's own catalogue (tests/catalog/admin/english.py), so a Wagtail string shipped
untranslated fails here on whichever listed screen shows it.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from catalog.admin_search import VietnamesePaginator
from catalog.models import LegalDocument
from catalog.services.decisions import decision_approve
from tests.catalog.admin.english import english_strings
from tests.catalog.admin.forms_data import procedure_post_data
from tests.factories.catalog import (
    AgencyFactory,
    DecisionFactory,
    DecisionItemFactory,
    FieldFactory,
    PostingRuleFactory,
    ProcedureFactory,
    ReceptionPlaceFactory,
)
from tests.factories.feedback import FeedbackFactory
from tests.factories.timeliness import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def screens_data(admin_user_vi, review_workflow):
    """One of everything the daily screens list: a draft in review, a signed decision, a posting place…"""
    field = FieldFactory(name="Hộ tịch")
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp")
    in_review = ProcedureFactory(complete=True, name="Đăng ký khai sinh", field=field, owner_agency=agency)
    in_review.save_revision(user=admin_user_vi)
    review_workflow.start(in_review, admin_user_vi)
    decision = DecisionFactory(number="12/QĐ-UBND", proposing_agency=agency)
    DecisionItemFactory(decision=decision, procedure=ProcedureFactory(complete=True))
    decision.save_revision(user=admin_user_vi)
    signed = DecisionItemFactory(decision=DecisionFactory(number="13/QĐ-UBND")).decision
    decision_approve(decision=signed)
    place = ReceptionPlaceFactory(name="Bộ phận Một cửa xã An Hiệp")
    PostingRuleFactory(place=place, field=field)
    LegalDocument.objects.create(number="60/2014/QH13", summary="Luật Hộ tịch")
    feedback = FeedbackFactory(assigned=True)
    FeedbackFactory()
    DossierFactory(agency=agency)
    return {
        "procedure": in_review,
        "decision": decision,
        "signed": signed,
        "place": place,
        "agency": agency,
        "feedback": feedback,
        "workflow_state": in_review.current_workflow_state,
        "user": admin_user_vi,
    }


def _snippet(name: str, model: str, *args) -> str:
    return reverse(f"wagtailsnippets_catalog_{model}:{name}", args=args)


def _chooser(model: str) -> str:
    return reverse(f"wagtailsnippetchoosers_catalog_{model}:choose")


# Each daily screen: (name, function of the data giving its URL).
SCREENS = {
    "dashboard": lambda d: reverse("wagtailadmin_home"),
    "procedure listing": lambda d: _snippet("list", "procedure"),
    "procedure listing search": lambda d: _snippet("list", "procedure") + "?q=khai+sinh",
    "procedure listing no match": lambda d: _snippet("list", "procedure") + "?q=khong+co+gi",
    "procedure add": lambda d: _snippet("add", "procedure"),
    "procedure edit in review": lambda d: _snippet("edit", "procedure", d["procedure"].pk),
    "procedure history": lambda d: _snippet("history", "procedure", d["procedure"].pk),
    "procedure workflow history": lambda d: _snippet("workflow_history", "procedure", d["procedure"].pk),
    "procedure workflow history detail": lambda d: _snippet(
        "workflow_history_detail", "procedure", d["procedure"].pk, d["workflow_state"].pk
    ),
    "procedure usage": lambda d: _snippet("usage", "procedure", d["procedure"].pk),
    "decision listing": lambda d: _snippet("list", "announcementdecision"),
    "decision add": lambda d: _snippet("add", "announcementdecision"),
    "decision page": lambda d: _snippet("edit", "announcementdecision", d["decision"].pk),
    "signed decision page": lambda d: _snippet("edit", "announcementdecision", d["signed"].pk),
    "decision signing": lambda d: _snippet("approve", "announcementdecision", d["decision"].pk),
    "decision apply": lambda d: _snippet("apply", "announcementdecision", d["signed"].pk),
    "decision national entry": lambda d: _snippet("national_entry", "announcementdecision", d["signed"].pk),
    "agency listing": lambda d: _snippet("list", "agency"),
    "agency edit": lambda d: _snippet("edit", "agency", d["agency"].pk),
    "field listing": lambda d: _snippet("list", "field"),
    "reception place listing": lambda d: _snippet("list", "receptionplace"),
    "reception place edit": lambda d: _snippet("edit", "receptionplace", d["place"].pk),
    "legal document listing": lambda d: _snippet("list", "legaldocument"),
    "calendar listing": lambda d: _snippet("list", "calendaradjustment"),
    "agency membership listing": lambda d: _snippet("list", "agencymembership"),
    "procedure chooser": lambda d: _chooser("procedure"),
    "procedure multiple chooser": lambda d: _chooser("procedure") + "?multiple=1",
    "field chooser": lambda d: _chooser("field"),
    "agency chooser": lambda d: _chooser("agency"),
    "legal document chooser": lambda d: _chooser("legaldocument"),
    "document chooser": lambda d: reverse("wagtaildocs_chooser:choose"),
    "workflow list": lambda d: reverse("wagtailadmin_workflows:index"),
    "workflow tasks": lambda d: reverse("wagtailadmin_workflows:task_index"),
    "workflow report": lambda d: reverse("wagtailadmin_reports:workflow"),
    "workflow tasks report": lambda d: reverse("wagtailadmin_reports:workflow_tasks"),
    "locked report": lambda d: reverse("wagtailadmin_reports:locked_pages"),
    "site history report": lambda d: reverse("wagtailadmin_reports:site_history"),
    "feedback queue": lambda d: reverse("feedback_admin:queue"),
    "feedback item": lambda d: reverse("feedback_admin:detail", args=[d["feedback"].pk]),
    "feedback report": lambda d: reverse("feedback_admin:report"),
    "statistics": lambda d: reverse("timeliness_staff") + "?nam=2019",
    "statistics by agency": lambda d: reverse("timeliness_staff_agency", args=["so-tp"]) + "?nam=2019",
    "stale postings": lambda d: reverse("cms_stale_postings"),
    "national entry checklist": lambda d: reverse("exchange_national_entry"),
    "user listing": lambda d: reverse("wagtailusers_users:index"),
    "user edit": lambda d: reverse("wagtailusers_users:edit", args=[d["user"].pk]),
    "group listing": lambda d: reverse("wagtailusers_groups:index"),
    "account": lambda d: reverse("wagtailadmin_account"),
    "documents": lambda d: reverse("wagtaildocs:index"),
}


def rendered(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body).get("html", "")
    return body


@pytest.mark.parametrize("screen", SCREENS)
def test_the_screen_shows_no_english_from_wagtail(client, screens_data, screen):
    client.force_login(screens_data["user"])

    assert english_strings(rendered(client, SCREENS[screen](screens_data))) == set()


def test_an_english_browser_still_gets_the_admin_in_vietnamese(logged_in):
    html = logged_in.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").text

    assert english_strings(html) == set()


def test_staff_who_choose_english_in_their_account_get_it(logged_in, admin_user_vi):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(admin_user_vi).__class__.objects.filter(user=admin_user_vi).update(preferred_language="en")

    html = logged_in.get(reverse("wagtailadmin_home")).text

    assert english_strings(html) != set()


def test_the_checker_finds_wagtail_english():
    html = '<p>Page 1 of 81</p><button title="Just now">x</button><script type="application/json">{"label": "Go to the first error"}</script>'

    assert english_strings(html) == {"Page 1 of 81", "Go to the first error"}


def test_the_checker_ignores_vietnamese():
    assert english_strings("<p>Trang 1/81</p><p>Đến lỗi đầu tiên</p>") == set()


# --- Vietnamese wording of Wagtail's actions ------------------------------------------------------------


@pytest.fixture
def logged_in(client, admin_user_vi, review_workflow):
    client.force_login(admin_user_vi)
    return client


def test_add_page_offers_save_draft_in_vietnamese(logged_in):
    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:add")).content.decode()

    assert "Lưu bản nháp" in html


def test_add_page_offers_submission_in_vietnamese(logged_in):
    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:add")).content.decode()

    assert "Gửi duyệt" in html


def test_wagtail_publish_reads_duyet_next_to_the_signing(logged_in):
    decision = DecisionFactory()

    html = logged_in.get(reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[decision.pk])).content
    page = html.decode()

    publish = page[page.index('name="action-publish"') : page.index("</button>", page.index('name="action-publish"'))]

    assert "Ký ban hành" in page
    assert (">Duyệt<" in re.sub(r"\s+", "", publish), "Đang duyệt…" in publish) == (True, True)


def test_listing_sort_control_is_in_vietnamese(logged_in):
    ProcedureFactory()

    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:list")).content.decode()

    assert "Sắp xếp theo “Mã thủ tục” tăng dần." in html


def test_draft_saved_message_is_in_vietnamese(logged_in):
    procedure = ProcedureFactory(complete=True)
    data = procedure_post_data(complete=False, code=procedure.code, name=procedure.name, slug=procedure.slug)
    response = logged_in.post(reverse("wagtailsnippets_catalog_procedure:edit", args=[procedure.pk]), data, follow=True)

    assert f"Thủ tục hành chính “{procedure}” đã được cập nhật." in response.content.decode()


def test_admin_javascript_catalog_translates_collapse_all(logged_in):
    # The catalogue is JavaScript source: non-ASCII characters come \u-escaped ("Thu gọn tất cả").
    response = logged_in.get(reverse("wagtailadmin_javascript_catalog"))

    assert '"Collapse all": "Thu g\\u1ecdn t\\u1ea5t c\\u1ea3"' in response.content.decode()


# --- Relative times, counts and dates the Vietnamese way ---------------------------------------------------


def test_a_recent_change_reads_minutes_ago_in_vietnamese(logged_in, admin_user_vi):
    decision = DecisionFactory()
    with freeze_time(timezone.now() - dt.timedelta(minutes=8)):
        decision.save_revision(user=admin_user_vi, log_action=True)

    html = logged_in.get(reverse("wagtailsnippets_catalog_announcementdecision:list")).content.decode()

    assert "8 phút trước" in re.sub(r"\s+", " ", html)  # "8\xa0phút": the number never wraps alone


def test_a_change_just_made_reads_vua_xong(logged_in, admin_user_vi):
    DecisionFactory().save_revision(user=admin_user_vi, log_action=True)

    html = logged_in.get(reverse("wagtailsnippets_catalog_announcementdecision:list")).content.decode()

    assert "vừa xong" in html.lower()


def test_the_listing_count_groups_thousands_with_dots():
    assert VietnamesePaginator(list(range(4011)), 50).items_count_label == "4.011 mục"


def test_the_listing_count_names_the_records(logged_in):
    ProcedureFactory.create_batch(3)

    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:list")).content.decode()

    assert "3 thủ tục hành chính" in html


def test_the_listing_page_counter_reads_trang_n_of_m(logged_in):
    ProcedureFactory.create_batch(51)

    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:list")).content.decode()

    assert "Trang 1/2" in html


def test_dates_in_listings_read_day_first(logged_in):
    DecisionFactory(number="15/QĐ-UBND", signed_on=dt.date(2019, 3, 1))

    html = logged_in.get(reverse("wagtailsnippets_catalog_announcementdecision:list")).content.decode()

    assert "01/03/2019" in html


def test_every_wagtail_javascript_string_has_vietnamese():
    """The admin's scripts (dialogs, autosave, comments…) read from the djangojs catalogue."""
    import polib
    import wagtail
    from django.utils.translation.trans_real import DjangoTranslation

    catalogue = DjangoTranslation("vi", domain="djangojs")
    untranslated = []
    for path in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/djangojs.po"):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                text = catalogue.ngettext(entry.msgid, entry.msgid_plural, 2)
            elif entry.msgctxt:
                text = catalogue.pgettext(entry.msgctxt, entry.msgid)
            else:
                text = catalogue.gettext(entry.msgid)
            words = re.sub(r"%\(\w+\)[sd]|\{\w*\}", "", entry.msgid)
            if text in (entry.msgid, entry.msgid_plural) and re.search(r"[A-Za-z]{2}", words):
                untranslated.append(entry.msgid)

    assert untranslated == []
