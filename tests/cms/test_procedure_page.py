import datetime as dt
import json
import re

import pytest
from freezegun import freeze_time

from catalog.choices import ProcedureStatus
from catalog.models import ProcedureChannel, ProcedureVersion
from catalog.services.versions import version_create, version_end
from tests.factories.catalog import DecisionItemFactory, ProcedureFactory
from tests.factories.cms import SignedDecisionFactory, published_procedure, version_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_procedure_page_is_served_at_its_national_code(client):
    procedure = published_procedure(name="Đăng ký khai sinh")

    response = client.get(f"/thu-tuc/{procedure.code}/")

    assert response.status_code == 200 and "Đăng ký khai sinh" in response.text


@pytest.mark.parametrize("code", ("1.012753.H19", "1.001234.000.00.00.H55"))
def test_procedure_page_is_served_at_a_suffixed_national_code(client, code):
    published_procedure(code=code, name="Đăng ký khai sinh")

    response = client.get(f"/thu-tuc/{code}/")

    assert response.status_code == 200 and code in response.text


def test_procedure_without_code_is_served_at_its_slug(client):
    procedure = ProcedureFactory(complete=True, code=None, slug="thu-tuc-chua-co-ma")
    version_publish(procedure)

    response = client.get("/thu-tuc/thu-tuc-chua-co-ma/")

    assert response.status_code == 200


def test_unknown_fee_is_shown_as_missing_information_never_free(client):
    procedure = published_procedure()
    ProcedureChannel.objects.filter(procedure=procedure).update(fee_text=None)
    ProcedureVersion.objects.filter(procedure=procedure).delete()
    version_publish(procedure)

    html = client.get(f"/thu-tuc/{procedure.code}/").text
    channels = html.split('id="h-channels"')[1].split("</table>")[0]

    assert "Chưa có thông tin" in channels and "Không thu phí" not in channels


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_unknown_requirements_read_missing_information_never_khong(client):
    procedure = published_procedure(no_requirements=False, requirements="")

    section = _section(client.get(f"/thu-tuc/{procedure.code}/").text, "h-req")

    assert "Chưa có thông tin" in section and "Không" not in section


def test_requirements_staff_stated_as_none_read_khong(client):
    procedure = published_procedure(no_requirements=True, requirements="")

    section = _section(client.get(f"/thu-tuc/{procedure.code}/").text, "h-req")

    assert ">Không<" in section.replace("<p>", ">").replace("</p>", "<")


def test_fee_staff_stated_as_none_reads_khong(client):
    procedure = ProcedureFactory(complete=True)
    ProcedureChannel.objects.filter(procedure=procedure).update(fee_text=None, no_fee=True)
    version_publish(procedure)

    channels = _section(client.get(f"/thu-tuc/{procedure.code}/").text, "h-channels")

    assert 'data-label="Phí, lệ phí">Không</td>' in channels and "Chưa có thông tin" not in channels


def test_time_limit_without_unit_says_the_unit_is_unknown(client):
    procedure = ProcedureFactory(complete=True)
    ProcedureChannel.objects.filter(procedure=procedure).update(time_limit_text="1")
    version_publish(procedure)

    channels = _section(client.get(f"/thu-tuc/{procedure.code}/").text, "h-channels")

    assert 'data-label="Thời hạn giải quyết">1 (chưa rõ đơn vị)</td>' in channels


def test_online_channel_offers_the_national_portal_and_never_says_not_online(client, settings):
    settings.NATIONAL_PORTAL_PROCEDURE_URL = "https://dvc.example/tthc?ma={code}"
    procedure = ProcedureFactory(complete=True, code="1.012753.H19", online_service_level="")
    ProcedureChannel.objects.filter(procedure=procedure).update(channel="truc_tuyen", channel_label="Trực tuyến")
    version_publish(procedure)

    section = _section(client.get(f"/thu-tuc/{procedure.code}/").text, "h-more")

    assert "Không cung cấp trực tuyến" not in section
    assert 'href="https://dvc.example/tthc?ma=1.012753.H19"' in section


def test_unknown_online_level_reads_missing_information(client):
    procedure = published_procedure(online_service_level="")

    section = _section(client.get(f"/thu-tuc/{procedure.code}/").text, "h-more")

    assert "Chưa có thông tin" in section and "Không cung cấp trực tuyến" not in section


def test_channels_table_shows_time_limit_and_fee(client):
    procedure = published_procedure()

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ" in html and "Không thu phí" in html


def test_channel_table_comes_first_then_the_national_portal_order(client):
    procedure = published_procedure()

    html = client.get(f"/thu-tuc/{procedure.code}/").text
    anchors = ("h-channels", "h-summary", "h-steps", "h-dossier", "h-legal")
    positions = [html.index(f'<h2 id="{anchor}"') for anchor in anchors]

    assert positions == sorted(positions)


def test_as_of_date_shows_the_version_then_in_force(client):
    procedure = published_procedure(name="Tên cũ của thủ tục", valid_from=dt.date(2019, 1, 1))
    procedure.name = "Tên mới của thủ tục"
    procedure.save()
    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    html = client.get(f"/thu-tuc/{procedure.code}/?ngay=2019-06-01").text

    assert "<h1>Tên cũ của thủ tục</h1>" in html


def test_as_of_date_is_typed_day_first_and_shown_back_so(client):
    procedure = published_procedure(name="Tên cũ của thủ tục", valid_from=dt.date(2019, 1, 1))
    procedure.name = "Tên mới của thủ tục"
    procedure.save()
    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    html = client.get(f"/thu-tuc/{procedure.code}/", {"ngay": "01/06/2019"}).text

    assert "<h1>Tên cũ của thủ tục</h1>" in html
    assert re.search(r'<input id="ngay" name="ngay" type="text"[^>]*value="01/06/2019"', html)


def test_as_of_date_before_first_version_says_not_yet_in_force(client):
    procedure = published_procedure(valid_from=dt.date(2019, 1, 1))

    html = client.get(f"/thu-tuc/{procedure.code}/?ngay=2018-06-01").text

    assert "chưa có hiệu lực" in html


def test_history_shows_a_readable_diff_between_versions(client):
    procedure = published_procedure(name="Tên cũ của thủ tục", valid_from=dt.date(2019, 1, 1))
    procedure.name = "Tên mới của thủ tục"
    procedure.save()
    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert "<del>Tên cũ của thủ tục</del>" in html and "<ins>Tên mới của thủ tục</ins>" in html


@pytest.mark.parametrize(
    "value", ["2019-13-45", "31/02/2019", "06/31/2019", "hôm qua", "2019-1-1", "20190101", "'; drop table", "\x00"]
)
def test_malformed_as_of_date_is_a_400_with_explanation(client, value):
    procedure = published_procedure()

    response = client.get(f"/thu-tuc/{procedure.code}/", {"ngay": value})

    assert response.status_code == 400 and "không phải là một ngày hợp lệ" in response.text


def test_unknown_code_is_a_vietnamese_404_with_a_search_box(client):
    response = client.get("/thu-tuc/9.999999/")

    assert response.status_code == 404 and 'action="/tra-cuu/"' in response.text and "Không tìm thấy" in response.text


def test_unpublished_procedure_is_not_public(client):
    procedure = ProcedureFactory(complete=True)

    assert client.get(f"/thu-tuc/{procedure.code}/").status_code == 404


@freeze_time("2021-01-01")
def test_abolished_procedure_shows_banner(client):
    procedure = published_procedure(valid_from=dt.date(2019, 1, 1))
    version_end(procedure=procedure, on=dt.date(2020, 1, 1))

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert "Thủ tục đã bị bãi bỏ" in html


@freeze_time("2021-01-01")
def test_replaced_procedure_links_to_its_successor(client):
    old = published_procedure(valid_from=dt.date(2019, 1, 1))
    new = published_procedure(valid_from=dt.date(2020, 1, 1))
    version_end(procedure=old, on=dt.date(2020, 1, 1), status=ProcedureStatus.REPLACED)
    old.replaced_by = new
    old.save()

    html = client.get(f"/thu-tuc/{old.code}/").text

    assert f'href="/thu-tuc/{new.code}/"' in html.split('class="banner')[1]


def test_json_ld_describes_a_government_service(client):
    procedure = published_procedure(name="Đăng ký kết hôn")

    data = _json_ld(client.get(f"/thu-tuc/{procedure.code}/").text)

    assert (data["@type"], data["name"]) == ("GovernmentService", "Đăng ký kết hôn")


def test_open_graph_title_is_the_procedure_name(client):
    procedure = published_procedure(name="Đăng ký kết hôn")

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert '<meta property="og:title" content="Đăng ký kết hôn">' in html


def test_feedback_link_carries_the_procedure_code(client):
    procedure = published_procedure()

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert f'href="/phan-anh-kien-nghi/?ma_thu_tuc={procedure.code}"' in html


def test_announcing_decision_is_linked(client):
    procedure = ProcedureFactory(complete=True)
    decision = SignedDecisionFactory(number="345/QĐ-UBND")
    version_publish(procedure, decision=decision)

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert f'<a href="/quyet-dinh/{decision.pk}/">345/QĐ-UBND</a>' in html


@pytest.mark.parametrize(
    ("category", "role"), [("amended", "sửa đổi, bổ sung"), ("replaced", "thay thế"), ("abolished", "bãi bỏ")]
)
def test_decision_role_is_named_once(client, category, role):
    procedure = ProcedureFactory(complete=True)
    first = SignedDecisionFactory(number="100/QĐ-UBND", signed_on=dt.date(2018, 12, 1))
    version_publish(procedure, decision=first, valid_until=dt.date(2019, 6, 1))
    second = SignedDecisionFactory(number="345/QĐ-UBND", signed_on=dt.date(2019, 5, 20))
    DecisionItemFactory(decision=first, procedure=procedure, category="new")
    DecisionItemFactory(decision=second, procedure=procedure, category=category)
    ProcedureVersion.objects.filter(procedure=procedure).update(ended_by=second)
    if category == "amended":
        version_publish(procedure, decision=second, valid_from=dt.date(2019, 6, 1), category="amended")

    section = _section(client.get(f"/thu-tuc/{procedure.code}/").text, "h-decisions")

    assert section.count("345/QĐ-UBND") == 1 and f"({role}, ký ngày 20/05/2019)" in section
    assert "(công bố mới ban hành, ký ngày 01/12/2018)" in section


def test_new_version_invalidates_the_cached_page(client, django_capture_on_commit_callbacks):
    procedure = published_procedure(name="Tên trước khi sửa", valid_from=dt.date(2019, 1, 1))
    client.get(f"/thu-tuc/{procedure.code}/")
    procedure.name = "Tên sau khi sửa"
    procedure.save()
    with django_capture_on_commit_callbacks(execute=True):
        version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert "<h1>Tên sau khi sửa</h1>" in html


def test_warm_page_is_served_from_cache(client):
    procedure = published_procedure(name="Tên trước khi sửa")
    client.get(f"/thu-tuc/{procedure.code}/")
    ProcedureVersion.objects.filter(procedure=procedure).update(name="Tên khác")

    html = client.get(f"/thu-tuc/{procedure.code}/").text

    assert "<h1>Tên trước khi sửa</h1>" in html
