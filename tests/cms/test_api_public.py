"""The public read-only API (catalog/api_public.py), mounted at /api/v1/ by the test URLconf."""

import datetime as dt

import pytest
from freezegun import freeze_time

from catalog.choices import DecisionStatus
from catalog.services.versions import version_create, version_end
from tests.factories.catalog import AgencyFactory, DecisionItemFactory, FieldFactory
from tests.factories.cms import SignedDecisionFactory, published_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.cms.api_urls")]


def test_procedure_list_has_count_and_results(client):
    published_procedure()
    published_procedure()

    body = client.get("/api/v1/procedures").json()

    assert (body["count"], len(body["results"])) == (2, 2)


def test_procedure_object_carries_the_public_fields(client):
    published_procedure(name="Đăng ký khai sinh", levels=("xa",))

    row = client.get("/api/v1/procedures").json()["results"][0]

    assert {"code", "name", "url", "field", "levels", "status"} <= row.keys()


def test_procedure_url_is_its_public_page(client, site):
    procedure = published_procedure()

    url = client.get("/api/v1/procedures").json()["results"][0]["url"]

    assert url == f"http://testserver/thu-tuc/{procedure.code}/" and client.get(url).status_code == 200


def test_filter_by_field(client):
    published_procedure(field=FieldFactory(slug="ho-tich"), name="Khai sinh")
    published_procedure(field=FieldFactory(slug="dat-dai"), name="Sổ đỏ")

    names = [row["name"] for row in client.get("/api/v1/procedures?field=ho-tich").json()["results"]]

    assert names == ["Khai sinh"]


def test_filter_by_level(client):
    published_procedure(levels=("xa",), name="Cấp xã")
    published_procedure(levels=("tinh",), name="Cấp tỉnh")

    names = [row["name"] for row in client.get("/api/v1/procedures?level=xa").json()["results"]]

    assert names == ["Cấp xã"]


def test_filter_by_agency(client):
    published_procedure(owner_agency=AgencyFactory(code="so-tp"), name="Của Sở Tư pháp")
    published_procedure(owner_agency=AgencyFactory(code="so-yt"), name="Của Sở Y tế")

    names = [row["name"] for row in client.get("/api/v1/procedures?agency=so-tp").json()["results"]]

    assert names == ["Của Sở Tư pháp"]


@freeze_time("2021-01-01")
def test_filter_by_status_abolished(client):
    gone = published_procedure(name="Đã bãi bỏ")
    published_procedure(name="Còn hiệu lực")
    version_end(procedure=gone, on=dt.date(2020, 1, 1))

    rows = client.get("/api/v1/procedures?status=abolished").json()["results"]

    assert [(r["name"], r["status"]) for r in rows] == [("Đã bãi bỏ", "abolished")]


def test_pagination(client):
    for _ in range(3):
        published_procedure()

    body = client.get("/api/v1/procedures?page=2&page_size=2").json()

    assert (body["count"], len(body["results"])) == (3, 1)


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "page=-5",
        "page_size=1000",
        "page_size=x",
        "page=99999999999999999999",
        "status=gone",
        "field=khong-co",
        "level=%00",
        "field=ho%00tich",
        "agency=%27%3B--",
        "page=1.5",
    ],
)
def test_malformed_list_parameters_are_400_in_the_project_shape(client, query):
    response = client.get(f"/api/v1/procedures?{query}")
    body = response.json()

    assert response.status_code == 400 and body["detail"] and body["errors"][0].keys() == {"field", "message"}


def test_procedure_detail_has_the_full_content(client):
    procedure = published_procedure(name="Đăng ký khai sinh")

    body = client.get(f"/api/v1/procedures/{procedure.code}").json()

    assert body["content"]["channels"][0]["time_limit_text"].startswith("05 ngày làm việc")


def test_procedure_detail_as_of_a_past_date(client):
    procedure = published_procedure(name="Tên cũ", valid_from=dt.date(2019, 1, 1))
    procedure.name = "Tên mới"
    procedure.save()
    version_create(procedure=procedure, valid_from=dt.date(2020, 1, 1))

    body = client.get(f"/api/v1/procedures/{procedure.code}?ngay=2019-06-01").json()

    assert (body["name"], body["version"]) == ("Tên cũ", 1)


def test_procedure_detail_before_it_existed_is_404_with_reason(client):
    procedure = published_procedure(valid_from=dt.date(2019, 1, 1))

    response = client.get(f"/api/v1/procedures/{procedure.code}?ngay=2018-01-01")

    assert response.status_code == 404 and response.json()["errors"][0]["field"] == "ngay"


@pytest.mark.parametrize("value", ["2019-02-30", "yesterday", "2019/01/01", "1" * 40])
def test_procedure_detail_malformed_date_is_400(client, value):
    procedure = published_procedure()

    response = client.get(f"/api/v1/procedures/{procedure.code}", {"ngay": value})

    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "ngay"


@pytest.mark.parametrize("key", ["9.999999", "khong-co", "%E2%80%8B", "..", "a" * 300, "1.0%0001"])
def test_unknown_procedure_is_404_in_the_project_shape(client, key):
    response = client.get(f"/api/v1/procedures/{key}")

    assert response.status_code == 404 and response.json()["errors"][0]["field"] == "key"


def test_decision_list(client):
    SignedDecisionFactory(number="345/QĐ-UBND")
    SignedDecisionFactory(number="1/QĐ-UBND", status=DecisionStatus.DRAFT)

    body = client.get("/api/v1/decisions").json()

    assert [d["number"] for d in body["results"]] == ["345/QĐ-UBND"]


def test_decision_detail_lists_items_with_procedure_objects(client):
    decision = SignedDecisionFactory()
    DecisionItemFactory(decision=decision, category="amended", procedure=published_procedure(name="Khai sinh"))

    item = client.get(f"/api/v1/decisions/{decision.pk}").json()["items"][0]

    assert (item["category"], item["procedure"]["name"]) == ("amended", "Khai sinh")


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "99999999999999999999999"])
def test_malformed_decision_id_is_not_a_500(client, value):
    response = client.get(f"/api/v1/decisions/{value}")

    assert response.status_code in (400, 404) and "detail" in response.json()


@pytest.mark.parametrize("query", ["page=abc", "page_size=0", "page_size=101"])
def test_malformed_decision_list_parameters_are_400(client, query):
    assert client.get(f"/api/v1/decisions?{query}").status_code == 400


@pytest.mark.parametrize("code", ("1.012753.H19", "1.001234.000.00.00.H55"))
def test_procedure_detail_by_suffixed_national_code(client, code):
    published_procedure(code=code)

    body = client.get(f"/api/v1/procedures/{code}").json()

    assert body["code"] == code
