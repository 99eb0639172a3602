"""Reading a procedure page (issue 15, item 6): contents with anchors, forms people can get, notes kept
apart from papers, tables reachable by keyboard, dates as dd/mm/yyyy."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from catalog.models import DossierItem, ProcedureLegalBasis
from tests.factories.catalog import DossierItemFactory, ProcedureFactory
from tests.factories.cms import version_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]


def _page(client, procedure) -> str:
    version_publish(procedure)
    return client.get(f"/thu-tuc/{procedure.code}/").text


def _dossier(html: str) -> str:
    return html.split('<h2 id="h-dossier"')[1].split("</section>")[0]


def test_contents_link_to_every_section_on_the_page(client):
    html = _page(client, ProcedureFactory(complete=True))
    toc = html.split('class="toc"')[1].split("</details>")[0]
    anchors = re.findall(r'href="#([\w-]+)"', toc)

    assert len(anchors) >= 10 and all(f'id="{anchor}"' in html for anchor in anchors)


def test_contents_are_a_disclosure_opened_on_wide_screens(client):
    html = _page(client, ProcedureFactory(complete=True))

    assert '<details class="toc" data-open-wide>' in html and "<summary>Mục lục</summary>" in html


def test_a_form_with_an_uploaded_file_is_a_download_link(client):
    procedure = ProcedureFactory(complete=True)
    document = Document.objects.create(title="Mẫu 01", file=ContentFile(b"%PDF-1.4", name="mau-01.pdf"))
    DossierItem.objects.filter(procedure=procedure).update(forms=["Mẫu 01"], form_document=document)

    dossier = _dossier(_page(client, procedure))

    assert f'<a class="form-link" href="{document.url}" download>Mẫu 01</a>' in dossier


def test_a_form_given_as_a_web_address_is_a_link(client):
    procedure = ProcedureFactory(complete=True)
    DossierItem.objects.filter(procedure=procedure).update(forms=["https://dichvucong.gov.vn/mau-01.docx"])

    dossier = _dossier(_page(client, procedure))

    assert 'href="https://dichvucong.gov.vn/mau-01.docx"' in dossier


def test_a_form_known_only_by_name_says_where_to_get_it(client):
    procedure = ProcedureFactory(complete=True, code="1.001193", receiving_address="Bộ phận Một cửa UBND xã")
    DossierItem.objects.filter(procedure=procedure).update(forms=["Mẫu số 01.docx"])

    dossier = _dossier(_page(client, procedure))
    note = dossier.split('id="noi-nhan-mau"')[1].split("</p>")[0]

    assert '<span class="form-name">Mẫu số 01.docx</span> <a class="form-where" href="#noi-nhan-mau">' in dossier
    assert "Bộ phận Một cửa UBND xã" in note and "1.001193" in note


def test_a_row_without_quantities_or_forms_is_shown_as_a_note(client):
    procedure = ProcedureFactory(complete=True)
    DossierItemFactory(
        procedure=procedure, name="Trường hợp nộp trực tuyến thì gửi bản điện tử", forms=[], originals=0, copies=0
    )

    dossier = _dossier(_page(client, procedure))
    note = dossier.split('class="note-row"')[1].split("</tr>")[0]

    assert "Lưu ý" in note and "Trường hợp nộp trực tuyến" in note and '<td role="cell" data-label' not in note


def test_a_paper_with_a_quantity_stays_a_paper_row(client):
    procedure = ProcedureFactory(complete=True)
    DossierItem.objects.filter(procedure=procedure).update(name="Tờ khai đăng ký khai sinh", originals=1, copies=0)

    dossier = _dossier(_page(client, procedure))

    assert 'class="note-row"' not in dossier and "Tờ khai đăng ký khai sinh" in dossier


def test_every_table_is_in_a_focusable_labelled_region(client):
    html = _page(client, ProcedureFactory(complete=True))
    regions = re.findall(r'<div class="table-wrap"([^>]*)>', html)

    assert regions and all('role="region"' in r and 'tabindex="0"' in r for r in regions)
    assert all(f'id="{label}"' in html for r in regions for label in re.findall(r'aria-labelledby="([\w-]+)"', r))


def test_legal_basis_dates_are_day_month_year(client):
    procedure = ProcedureFactory(complete=True)
    ProcedureLegalBasis.objects.create(procedure=procedure, number="123/2015/QH13", issued_on=dt.date(2015, 11, 20))

    html = _page(client, procedure)
    legal = html.split('<h2 id="h-legal"')[1].split("</table>")[0]

    assert "20/11/2015" in legal and "2015-11-20" not in legal


def test_every_public_page_names_a_favicon(client):
    html = _page(client, ProcedureFactory(complete=True))

    assert 'rel="icon"' in html and client.get("/favicon.ico").status_code == 301
