import datetime as dt

import pytest

from catalog.choices import DecisionStatus
from tests.factories.catalog import DecisionItemFactory
from tests.factories.cms import SignedDecisionFactory, published_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]


def test_decision_list_shows_signed_decisions(client):
    SignedDecisionFactory(number="345/QĐ-UBND")

    assert "345/QĐ-UBND" in client.get("/quyet-dinh/").text


def test_decision_list_hides_drafts(client):
    SignedDecisionFactory(number="999/QĐ-UBND", status=DecisionStatus.DRAFT)

    assert "999/QĐ-UBND" not in client.get("/quyet-dinh/").text


def test_decision_page_groups_items_by_category(client):
    decision = SignedDecisionFactory()
    DecisionItemFactory(decision=decision, category="abolished", procedure=published_procedure(name="Thủ tục B"))
    DecisionItemFactory(decision=decision, category="new", procedure=published_procedure(name="Thủ tục A"))

    html = client.get(f"/quyet-dinh/{decision.pk}/").text

    assert (
        html.index('id="cat-new"')
        < html.index("Thủ tục A")
        < html.index('id="cat-abolished"')
        < html.index("Thủ tục B")
    )


def test_decision_page_links_published_procedures(client):
    decision = SignedDecisionFactory()
    procedure = published_procedure()
    DecisionItemFactory(decision=decision, procedure=procedure)

    html = client.get(f"/quyet-dinh/{decision.pk}/").text

    assert f'href="/thu-tuc/{procedure.code}/"' in html


def test_draft_decision_page_is_404(client):
    decision = SignedDecisionFactory(status=DecisionStatus.DRAFT)

    assert client.get(f"/quyet-dinh/{decision.pk}/").status_code == 404


def test_decision_page_shows_a_late_signing_with_its_reason(client):
    decision = SignedDecisionFactory(
        signed_on=dt.date(2019, 2, 11),
        effective_on=dt.date(2019, 2, 15),
        basis_effective_on=dt.date(2019, 2, 15),
        late_signing_reason="Văn bản của Bộ ban hành muộn",
    )

    html = client.get(f"/quyet-dinh/{decision.pk}/").text

    assert "ký muộn 1 ngày làm việc so với hạn 01/02/2019" in html and "Văn bản của Bộ ban hành muộn" in html


def test_decision_signed_in_time_is_not_called_late(client):
    decision = SignedDecisionFactory(
        signed_on=dt.date(2019, 2, 1), effective_on=dt.date(2019, 2, 15), basis_effective_on=dt.date(2019, 2, 15)
    )

    assert "ký muộn" not in client.get(f"/quyet-dinh/{decision.pk}/").text
