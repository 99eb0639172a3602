"""CPSV-AP 3.x JSON-LD: mapping, SHACL validation (pyshacl), command and the public API route."""

import io
import json

import pytest
from django.core.management import call_command

from exchange.mappers.cpsv import iso_duration
from exchange.records import ChannelRecord, StructuredCaseRecord
from exchange.selectors import procedures_for_export
from exchange.services.cpsv import jsonld_shacl_problems, procedures_export_jsonld
from exchange.services.importing import procedures_import
from tests.factories.exchange import ExchangeProcedureFactory, exchange_document

pytestmark = pytest.mark.django_db
API = "/api/v1/procedures/{key}.jsonld"


def _document() -> dict:
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="1.001193")))
    stream = io.StringIO()
    procedures_export_jsonld(queryset=procedures_for_export(), stream=stream, base_url="https://tthc.example.vn")
    return json.loads(stream.getvalue())


def _channel(*cases: StructuredCaseRecord) -> ChannelRecord:
    return ChannelRecord("Trực tiếp", "05 ngày làm việc", None, None, structured=cases)


def test_working_days_become_iso_duration():
    assert iso_duration(_channel(StructuredCaseRecord("5", "working_days", "complete_dossier"))) == "P5D"


def test_working_hours_become_iso_duration():
    assert iso_duration(_channel(StructuredCaseRecord("8", "working_hours", "complete_dossier"))) == "PT8H"


def test_several_cases_give_no_duration():
    cases = (StructuredCaseRecord("3", "working_days", "x", "A"), StructuredCaseRecord("5", "working_days", "x", "B"))
    assert iso_duration(_channel(*cases)) is None


def test_export_conforms_to_shapes():
    assert jsonld_shacl_problems(_document()) == []


def test_shapes_reject_a_service_without_title():
    document = _document()
    del document["@graph"][0]["dct:title"]
    assert any("title" in problem for problem in jsonld_shacl_problems(document))


def test_shapes_reject_a_processing_time_that_is_not_a_duration():
    document = _document()
    document["@graph"][0]["cv:hasChannel"][0]["cv:processingTime"] = {"@value": "5 ngày", "@type": "xsd:string"}
    assert any("processingTime" in problem for problem in jsonld_shacl_problems(document))


def test_channel_carries_processing_time_of_structured_limit():
    channel = _document()["@graph"][0]["cv:hasChannel"][0]
    assert channel["cv:processingTime"] == {"@value": "P5D", "@type": "xsd:duration"}


def test_fee_text_becomes_cost():
    costs = _document()["@graph"][0]["cv:hasCost"]
    assert [cost["dct:description"]["@value"] for cost in costs] == ["Trực tiếp: Lệ phí: 50.000 đồng"]


def test_dossier_papers_become_evidence():
    evidence = _document()["@graph"][0]["cpsv:hasInput"]
    assert [node["dct:title"]["@value"] for node in evidence] == ["Tờ khai theo mẫu", "Bản sao giấy tờ tùy thân"]


def test_legal_basis_becomes_legal_resource():
    legal = _document()["@graph"][0]["cv:hasLegalResource"][0]
    assert (legal["dct:identifier"], legal["eli:date_document"]["@value"]) == ("60/2014/QH13", "2014-11-20")


def test_competent_authority_is_public_organisation():
    authority = _document()["@graph"][0]["cv:hasCompetentAuthority"][0]
    assert authority["skos:prefLabel"]["@value"] == "Ủy ban nhân dân cấp tỉnh"


def test_command_writes_jsonld(tmp_path):
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="1.001193")))
    path = tmp_path / "out.jsonld"
    call_command("export_procedures", "--format", "jsonld", "-o", str(path), verbosity=0)
    assert json.loads(path.read_text(encoding="utf-8"))["@graph"][0]["dct:identifier"] == "1.001193"


def test_api_serves_jsonld_by_code(client):
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="1.001193")))
    response = client.get(API.format(key="1.001193"))
    assert (response.status_code, response.json().get("dct:identifier")) == (200, "1.001193")


def test_api_unknown_code_is_404(client):
    assert client.get(API.format(key="9.999999")).status_code == 404
