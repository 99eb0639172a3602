"""Decision annexes in the Wagtail admin: downloaded from a decision's page (xlsx, docx) and a draft decision
started from an uploaded annex, within the staff member's agency."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from catalog.models import AnnouncementDecision, Procedure
from catalog.permissions import DRAFTERS_GROUP
from exchange.services.annexes import decision_annex_xlsx
from tests.catalog.admin.conftest import _user
from tests.exchange.annex_fixture import annex_decision
from tests.factories.catalog import AgencyFactory

pytestmark = pytest.mark.django_db
IMPORT = reverse("exchange_decision_annex_import")
LISTING = reverse("wagtailsnippets_catalog_announcementdecision:list")


@pytest.fixture
def decision():
    return annex_decision()


@pytest.fixture
def logged_in(client):
    """The test client logged in as provincial staff (every agency)."""
    client.force_login(_user("kiemsoat.tthc", superuser=True))
    return client


def _annex_url(decision, extension):
    return reverse("exchange_decision_annex", args=[decision.pk, extension])


def _workbook(decision, tmp_path) -> bytes:
    decision_annex_xlsx(decision=decision, path=tmp_path / "a.xlsx")
    return (tmp_path / "a.xlsx").read_bytes()


def _upload(client, content: bytes, number: str = "", name: str = "phu-luc.xlsx"):
    return client.post(IMPORT, {"tep": SimpleUploadedFile(name, content), "so_quyet_dinh": number})


def test_the_workbook_download_is_the_decisions_annex(logged_in, decision):
    response = logged_in.get(_annex_url(decision, "xlsx"))

    heading = load_workbook(io.BytesIO(response.content))["Phần I"]["A3"].value
    assert (response["Content-Disposition"], "345/QĐ-UBND" in heading) == (
        'attachment; filename="phu-luc-345-qd-ubnd.xlsx"',
        True,
    )


def test_the_word_download_is_the_decisions_annex(logged_in, decision):
    response = logged_in.get(_annex_url(decision, "docx"))

    paragraphs = [paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs]
    assert any("Quyết định số 345/QĐ-UBND" in text for text in paragraphs)


def test_an_unknown_format_is_not_found(logged_in, decision):
    assert logged_in.get(reverse("exchange_decision_annex", args=[decision.pk, "pdf"])).status_code == 404


def test_another_agencys_decision_annex_is_not_found(client, decision):
    client.force_login(_user("canbo.khac", group=DRAFTERS_GROUP, agency=AgencyFactory(code="so-khac")))

    assert client.get(_annex_url(decision, "xlsx")).status_code == 404


def test_the_decisions_page_and_listing_offer_the_annex(logged_in, decision):
    page = logged_in.get(reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[decision.pk]))
    listing = logged_in.get(LISTING)

    assert (_annex_url(decision, "xlsx") in page.text, _annex_url(decision, "docx") in page.text) == (True, True)
    assert (_annex_url(decision, "xlsx") in listing.text, IMPORT in listing.text) == (True, True)


def test_upload_creates_the_draft_with_the_annexs_items(logged_in, decision, tmp_path):
    response = _upload(logged_in, _workbook(decision, tmp_path), number="400/QĐ-UBND")

    created = AnnouncementDecision.objects.get(number="400/QĐ-UBND")
    assert response.url == reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[created.pk])
    assert sorted((i.procedure.name, i.category) for i in created.items.all()) == sorted(
        (i.procedure.name, i.category) for i in decision.items.all()
    )


def test_the_drafts_history_says_who_started_it(logged_in, decision, tmp_path):
    _upload(logged_in, _workbook(decision, tmp_path), number="400/QĐ-UBND")

    created = AnnouncementDecision.objects.get(number="400/QĐ-UBND")
    entry = ModelLogEntry.objects.for_instance(created).get()
    assert (entry.action, entry.user.username) == ("wagtail.create", "kiemsoat.tthc")


def test_upload_with_problems_lists_them_and_creates_nothing(logged_in, decision, tmp_path):
    response = _upload(logged_in, _workbook(decision, tmp_path))  # the heading's number is taken already

    assert "số quyết định: đã có quyết định số 345/QĐ-UBND" in response.content.decode()
    assert AnnouncementDecision.objects.count() == 1


def test_a_file_that_is_not_a_workbook_is_refused(logged_in):
    response = _upload(logged_in, b"not a workbook", name="phu-luc.pdf")

    assert "Chỉ nhận tệp Excel .xlsx." in response.content.decode()


def test_department_staff_start_the_draft_for_their_agency(client, decision, tmp_path):
    Procedure.objects.update(owner_agency=decision.proposing_agency)
    client.force_login(_user("canbo.sotp", group=DRAFTERS_GROUP, agency=decision.proposing_agency))

    _upload(client, _workbook(decision, tmp_path), number="401/QĐ-UBND")

    assert AnnouncementDecision.objects.get(number="401/QĐ-UBND").proposing_agency == decision.proposing_agency


def test_department_staff_cannot_list_another_agencys_procedure(client, decision, tmp_path):
    Procedure.objects.update(owner_agency=decision.proposing_agency)
    Procedure.objects.filter(name="Thủ tục đăng ký kết hôn").update(owner_agency=AgencyFactory(code="so-khac"))
    client.force_login(_user("canbo.sotp", group=DRAFTERS_GROUP, agency=decision.proposing_agency))

    response = _upload(client, _workbook(decision, tmp_path), number="401/QĐ-UBND")

    assert "“Thủ tục đăng ký kết hôn” không thuộc cơ quan của bạn" in response.content.decode()
    assert not AnnouncementDecision.objects.filter(number="401/QĐ-UBND").exists()
