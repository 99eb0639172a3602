import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import timezone
from freezegun import freeze_time
from PIL import Image
from pypdf import PdfReader

from catalog.models import ProcedureChannel, ProcedureLegalBasis
from catalog.services.versions import version_create
from cms.selectors import postings_stale
from cms.services import reception_place_mark_posted
from tests.conftest import require_service
from tests.factories.catalog import ReceptionPlaceFactory
from tests.factories.cms import published_procedure, version_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

A4_POINTS = sorted((595.28, 841.89))


@pytest.fixture
def place():
    place = ReceptionPlaceFactory(slug="mot-cua-tinh", name="Trung tâm Phục vụ hành chính công tỉnh")
    place.procedures.add(published_procedure(name="Đăng ký khai sinh"), published_procedure(name="Đăng ký kết hôn"))
    return place


def _pdf_text(content: bytes) -> str:
    """The poster's text with whitespace collapsed (table cells wrap lines)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_posting_page_lists_procedures_at_the_place(client, place):
    html = client.get("/niem-yet/mot-cua-tinh/").text

    assert "Đăng ký khai sinh" in html and "Đăng ký kết hôn" in html


def test_posting_page_shows_time_limits_with_their_unit(client):
    place = ReceptionPlaceFactory(slug="mot-cua-xa")
    procedure = published_procedure(name="Chứng thực bản sao")
    ProcedureChannel.objects.filter(procedure=procedure).update(time_limit_text="1")
    procedure.versions.all().delete()
    version_publish(procedure)
    place.procedures.add(procedure)

    html = client.get("/niem-yet/mot-cua-xa/").text

    assert "1 (chưa rõ đơn vị)" in html


def test_posting_page_cites_a_legal_basis_once_when_its_summary_names_the_number(client):
    place = ReceptionPlaceFactory(slug="mot-cua-xa")
    procedure = published_procedure(name="Chứng thực bản sao")
    ProcedureLegalBasis.objects.create(procedure=procedure, number="54/2014/QH13", summary="Luật 54/2014/QH13")
    procedure.versions.all().delete()
    version_publish(procedure)
    place.procedures.add(procedure)

    html = client.get("/niem-yet/mot-cua-xa/").text

    assert "Luật 54/2014/QH13" in html and "54/2014/QH13 – " not in html and "54/2014/QH13 — " not in html


def test_posting_page_has_the_decree_columns(client, place):
    html = client.get("/niem-yet/mot-cua-tinh/").text
    header = html.split("<thead>")[1].split("</thead>")[0]

    assert all(
        column in header
        for column in ("Tên thủ tục", "Thời hạn giải quyết", "Địa điểm thực hiện", "Phí, lệ phí", "Căn cứ pháp lý")
    )


def test_posting_page_shows_the_feedback_notice(client, place):
    html = client.get("/niem-yet/mot-cua-tinh/").text

    assert "0299.3822049" in html and "kstthc@soctrang.gov.vn" in html


def test_poster_is_a_pdf(client, place):
    response = client.get("/niem-yet/mot-cua-tinh/ban-in.pdf")

    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_poster_page_size_is_a4(client, place):
    reader = PdfReader(io.BytesIO(client.get("/niem-yet/mot-cua-tinh/ban-in.pdf").content))
    box = reader.pages[0].mediabox

    assert sorted((round(float(box.width), 2), round(float(box.height), 2))) == A4_POINTS


def test_poster_text_has_the_procedure_names(client, place):
    text = _pdf_text(client.get("/niem-yet/mot-cua-tinh/ban-in.pdf").content)

    assert "Đăng ký khai sinh" in text and "Đăng ký kết hôn" in text


def test_poster_text_has_the_feedback_notice(client, place):
    text = _pdf_text(client.get("/niem-yet/mot-cua-tinh/ban-in.pdf").content)

    assert "PHẢN ÁNH, KIẾN NGHỊ" in text and "0299.3822049" in text


def test_poster_shows_unknown_fee_as_missing(client):
    place = ReceptionPlaceFactory(slug="mot-cua-xa")
    procedure = published_procedure(name="Thủ tục chưa có phí")
    place.procedures.add(procedure)
    ProcedureChannel.objects.filter(procedure=procedure).update(fee_text=None)
    procedure.versions.all().delete()
    version_publish(procedure)

    text = _pdf_text(client.get("/niem-yet/mot-cua-xa/ban-in.pdf").content)

    assert "Chưa có thông tin" in text


def test_unknown_place_poster_is_404(client):
    assert client.get("/niem-yet/khong-co/ban-in.pdf").status_code == 404


def test_never_posted_place_is_stale(place):
    assert [entry.place for entry in postings_stale()] == [place]


def test_marked_posted_place_is_not_stale(place):
    reception_place_mark_posted(place=place)

    assert postings_stale() == []


def test_place_is_stale_after_a_procedure_changes():
    place = ReceptionPlaceFactory()
    procedure = published_procedure(valid_from=dt.date(2019, 1, 1))
    place.procedures.add(procedure)
    with freeze_time("2019-02-01 08:00"):
        reception_place_mark_posted(place=place)
    with freeze_time("2019-03-01 08:00"):
        version_publish(procedure, valid_from=dt.date(2019, 3, 1))

    with freeze_time("2019-03-02"):
        stale = postings_stale()

    assert [entry.place for entry in stale] == [place]


def test_mark_posted_sets_posted_at(place):
    with freeze_time("2019-05-01 09:00"):
        reception_place_mark_posted(place=place)
    place.refresh_from_db()

    assert place.posted_at == timezone.make_aware(dt.datetime(2019, 5, 1, 9, 0), dt.UTC)


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.com", "pw")
    client.force_login(user)
    return client


def test_staff_view_lists_stale_postings(staff_client, place):
    html = staff_client.get("/admin/niem-yet-can-cap-nhat/").text

    assert place.name in html


def test_staff_action_marks_the_posting_posted(staff_client, place):
    staff_client.post(f"/admin/niem-yet-can-cap-nhat/{place.pk}/da-niem-yet/")
    place.refresh_from_db()

    assert place.posted_at is not None


def test_staff_view_refuses_anonymous_users(client, place):
    assert client.get("/admin/niem-yet-can-cap-nhat/").status_code == 302


# --- The A4 poster: fits the page, absolute QR captions, stored per place and content (issue 15, item 10)


def test_qr_captions_are_absolute_urls_on_the_public_address(client, place, settings):
    settings.SITE_BASE_URL = "https://tthc.soctrang.gov.vn"
    code = place.procedures.first().code

    text = _pdf_text(client.get("/niem-yet/mot-cua-tinh/ban-in.pdf").content)

    assert f"https://tthc.soctrang.gov.vn/thu-tuc/{code}/" in text.replace(" ", "")


def test_the_poster_is_rendered_once_while_its_content_is_unchanged(client, place, monkeypatch):
    from cms import posters

    first = client.get("/niem-yet/mot-cua-tinh/ban-in.pdf").content
    monkeypatch.setattr(posters, "poster_pdf", lambda **kwargs: pytest.fail("rendered again"))
    cache.clear()

    assert client.get("/niem-yet/mot-cua-tinh/ban-in.pdf").content == first


def test_the_poster_is_rendered_again_when_a_procedure_on_it_changes(client, place):
    client.get("/niem-yet/mot-cua-tinh/ban-in.pdf")
    procedure = place.procedures.get(name="Đăng ký khai sinh")
    procedure.name = "Đăng ký khai sinh (sửa đổi)"
    procedure.save()
    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    text = _pdf_text(client.get("/niem-yet/mot-cua-tinh/ban-in.pdf").content)

    assert "Đăng ký khai sinh (sửa đổi)" in text


def test_publishing_renders_a_printed_poster_again_ahead_of_printing(client, place):
    from cms.posters import poster_name
    from cms.services import catalog_published

    client.get("/niem-yet/mot-cua-tinh/ban-in.pdf")
    procedure = place.procedures.first()
    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    catalog_published(procedure_ids=[procedure.pk])

    assert default_storage.exists(poster_name(place=place, day=timezone.localdate()))


def test_publishing_leaves_a_never_printed_poster_to_its_first_request(place):
    from cms.posters import STORAGE_DIR
    from cms.services import catalog_published

    catalog_published(procedure_ids=[place.procedures.first().pk])

    assert not default_storage.exists(STORAGE_DIR) or default_storage.listdir(STORAGE_DIR)[1] == []


def _poster_png(content: bytes, tmp_path) -> "Image.Image":
    require_service(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    (tmp_path / "poster.pdf").write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "poster.pdf", "page"], cwd=tmp_path, check=True
    )
    return Image.open(next(tmp_path.glob("page*.png"))).convert("L")


def test_every_column_including_the_qr_codes_stays_inside_the_side_margins(client, tmp_path):
    place = ReceptionPlaceFactory(slug="mot-cua-dai", name="Trung tâm Phục vụ hành chính công tỉnh Sóc Trăng")
    long_name = "Thủ tục cấp giấy chứng nhận " + "rất_dài_không_có_khoảng_trắng_" * 12
    place.procedures.add(published_procedure(name=long_name), published_procedure(name="Đăng ký kết hôn"))

    image = _poster_png(client.get("/niem-yet/mot-cua-dai/ban-in.pdf").content, tmp_path)
    margin = round(image.width * 9 / 297)  # just under the 10 mm side margins
    ink = [
        x
        for x in list(range(margin)) + list(range(image.width - margin, image.width))
        for y in range(0, image.height, 2)
        if image.getpixel((x, y)) < 200
    ]

    assert ink == []


def test_long_names_wrap_inside_their_column(client):
    place = ReceptionPlaceFactory(slug="mot-cua-ten-dai")
    long_name = "Thủ tục " + "tên rất dài " * 40
    place.procedures.add(published_procedure(name=long_name))

    reader = PdfReader(io.BytesIO(client.get("/niem-yet/mot-cua-ten-dai/ban-in.pdf").content))
    widths = []
    reader.pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: widths.append((tm[4], text)) if "tên rất dài" in text else None
    )

    assert len(widths) > 3  # the name is set on several lines
