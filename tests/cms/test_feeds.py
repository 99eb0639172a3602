import pytest

from tests.factories.cms import SignedDecisionFactory, published_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]


def test_decision_feed_is_atom_with_the_decision(client):
    SignedDecisionFactory(number="345/QĐ-UBND")

    response = client.get("/nguon-tin/quyet-dinh.atom")

    assert response["Content-Type"].startswith("application/atom+xml") and "345/QĐ-UBND" in response.text


def test_changed_procedure_feed_links_the_version(client):
    procedure = published_procedure(name="Đăng ký khai sinh")

    text = client.get("/nguon-tin/thu-tuc.atom").text

    assert f"/thu-tuc/{procedure.code}/?ngay=2019-01-01" in text


def test_sitemap_index_names_the_procedure_section(client):
    published_procedure()

    assert "sitemap-thu-tuc.xml" in client.get("/sitemap.xml").text


def test_procedure_sitemap_lists_published_procedures(client):
    procedure = published_procedure()

    assert f"/thu-tuc/{procedure.code}/</loc>" in client.get("/sitemap-thu-tuc.xml").text
