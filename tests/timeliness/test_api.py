"""POST /api/v1/dossiers: token per source system, batch limit, validation, idempotent upsert."""

import pytest
from django.urls import get_resolver
from freezegun import freeze_time

from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import SourceSystemFactory
from timeliness.dossier_format import COLUMN_NAMES, REQUIRED_COLUMNS
from timeliness.models import Dossier
from timeliness.services.sources import source_system_issue_token

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers"


@pytest.fixture(autouse=True)
def frozen():
    # Load the URLconf (and the API schemas it builds from `datetime.date`) before freezegun swaps the class.
    get_resolver().url_patterns  # noqa: B018
    with freeze_time("2019-06-01 10:00:00+07:00"):
        yield


@pytest.fixture
def token():
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp")
    return source_system_issue_token(source=SourceSystemFactory(name="mot-cua-tinh", agencies=[agency]))


def dossier(code="HS1", **overrides):
    values = {
        "ma_ho_so": code,
        "ma_co_quan": "so-tp",
        "ten_co_quan": "Sở Tư pháp",
        "ngay_tiep_nhan": "2019-03-01T09:00:00+07:00",
        "han_xu_ly": "2019-03-08",
    }
    values.update(overrides)
    return values


def post(client, token, dossiers):
    return client.post(
        URL, {"dossiers": dossiers}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_a_valid_batch_is_stored(client, token):
    post(client, token, [dossier("HS1"), dossier("HS2")])
    assert Dossier.objects.filter(source__name="mot-cua-tinh").count() == 2


def test_a_valid_batch_answers_created_counts(client, token):
    response = post(client, token, [dossier("HS1"), dossier("HS2")])
    assert response.json() == {"received": 2, "created": 2, "updated": 0}


def test_sending_the_same_batch_again_updates(client, token):
    post(client, token, [dossier("HS1")])
    response = post(client, token, [dossier("HS1", ngay_tra_ket_qua="2019-03-05T10:00:00+07:00")])
    assert (response.json()["updated"], Dossier.objects.count()) == (1, 1)


def test_a_bad_token_is_refused(client, token):
    response = post(client, "sai-ma-truy-cap-0000", [dossier()])
    assert response.status_code == 401


def test_a_missing_token_is_refused(client, token):
    response = client.post(URL, {"dossiers": [dossier()]}, content_type="application/json")
    assert response.status_code == 401


def test_an_inactive_source_is_refused(client, token):
    from timeliness.models import SourceSystem

    SourceSystem.objects.update(is_active=False)
    assert post(client, token, [dossier()]).status_code == 401


def test_an_oversized_batch_is_refused(client, token):
    response = post(client, token, [dossier(f"HS{n}") for n in range(1001)])
    assert (response.status_code, Dossier.objects.count()) == (413, 0)


def test_a_malformed_row_is_reported_by_index_and_field(client, token):
    response = post(
        client, token, [dossier("HS1"), dossier("HS2"), dossier("HS3"), dossier("HS4", ngay_tiep_nhan="1/3/2019")]
    )
    assert response.json()["errors"] == [
        {"field": "dossiers[3].ngay_tiep_nhan", "message": response.json()["errors"][0]["message"]}
    ]


def test_a_malformed_row_leaves_nothing_written(client, token):
    post(client, token, [dossier("HS1"), dossier("HS2", trang_thai="xong")])
    assert Dossier.objects.count() == 0


def test_a_malformed_row_answers_400(client, token):
    assert post(client, token, [dossier("HS1", ma_co_quan="khong-co")]).status_code == 400


def test_a_non_object_row_is_reported(client, token):
    response = post(client, token, [dossier("HS1"), "HS2"])
    assert response.json()["errors"][0]["field"] == "dossiers[1]"


def test_a_body_that_is_not_json_is_a_400(client, token):
    response = client.post(
        URL, "{khong phai json", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400


def test_the_token_is_stored_only_as_a_hash(token):
    from timeliness.models import SourceSystem

    assert token not in SourceSystem.objects.values_list("token_hash", flat=True)


def test_a_row_of_an_agency_the_source_is_not_registered_for_is_refused_by_index(client, token):
    AgencyFactory(code="so-yt", name="Sở Y tế")

    response = post(client, token, [dossier("HS1"), dossier("HS2", ma_co_quan="so-yt", ten_co_quan="Sở Y tế")])

    assert [error["field"] for error in response.json()["errors"]] == ["dossiers[1].ma_co_quan"]


def test_the_refusal_names_the_source_and_the_agency(client, token):
    AgencyFactory(code="so-yt", name="Sở Y tế")

    response = post(client, token, [dossier("HS2", ma_co_quan="so-yt", ten_co_quan="Sở Y tế")])

    assert (
        "mot-cua-tinh" in response.json()["errors"][0]["message"] and "so-yt" in response.json()["errors"][0]["message"]
    )


def test_a_batch_with_an_unregistered_agency_writes_nothing(client, token):
    AgencyFactory(code="so-yt", name="Sở Y tế")

    response = post(client, token, [dossier("HS1"), dossier("HS2", ma_co_quan="so-yt", ten_co_quan="Sở Y tế")])

    assert (response.status_code, Dossier.objects.count()) == (400, 0)


def test_a_source_registered_for_no_agency_writes_nothing(client):
    AgencyFactory(code="so-tp", name="Sở Tư pháp")
    token = source_system_issue_token(source=SourceSystemFactory(name="mot-cua-moi"))

    assert post(client, token, [dossier("HS1")]).status_code == 400


def test_a_source_for_every_agency_writes_for_any_agency(client):
    AgencyFactory(code="so-yt", name="Sở Y tế")
    token = source_system_issue_token(source=SourceSystemFactory(name="mot-cua-chung", all_agencies=True))

    response = post(client, token, [dossier("HS1", ma_co_quan="so-yt", ten_co_quan="Sở Y tế")])

    assert response.status_code == 200


def test_api_errors_name_no_command_line_option(client, token):
    body = post(client, token, [dossier("HS1", ma_co_quan="khong-co")]).json()

    assert body["errors"] == [
        {"field": "dossiers[0].ma_co_quan", "message": "Không có cơ quan mã “khong-co” trong danh mục cơ quan."}
    ]


def test_the_openapi_document_describes_a_dossier_by_the_ho_so_columns(client):
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"][URL]["post"]["requestBody"]["content"]["application/json"]["schema"]
    item = body["properties"]["dossiers"]["items"]
    assert (list(item["properties"]), item["required"]) == (list(COLUMN_NAMES), list(REQUIRED_COLUMNS))
