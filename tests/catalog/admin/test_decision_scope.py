"""Decisions hold only procedures the user's agency may act on (province-level staff: any), in the service,
the admin form and the procedure chooser."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.models import AnnouncementDecision
from catalog.services.decisions import decision_approve, decision_items_scope_errors
from tests.catalog.admin.forms_data import decision_post_data
from tests.factories.catalog import AgencyFactory, DecisionFactory, DecisionItemFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_catalog_announcementdecision:add")


@pytest.fixture
def own_procedure(department_agency):
    return ProcedureFactory(complete=True, owner_agency=department_agency, name="Đăng ký khai sinh của Sở TP")


@pytest.fixture
def other_procedure(db):
    return ProcedureFactory(complete=True, owner_agency=AgencyFactory(name="Sở Y tế"), name="Cấp phép hành nghề y")


def test_service_refuses_another_agencys_procedure_for_a_department_user(drafter, other_procedure):
    errors = decision_items_scope_errors(user=drafter, items=[(0, other_procedure, None)])

    assert "Sở Y tế" in errors["items-0-procedure"][0]


def test_service_accepts_the_own_agencys_procedure(drafter, own_procedure):
    assert decision_items_scope_errors(user=drafter, items=[(0, own_procedure, None)]) == {}


def test_service_refuses_another_agencys_replacing_procedure(drafter, own_procedure, other_procedure):
    errors = decision_items_scope_errors(user=drafter, items=[(0, own_procedure, other_procedure)])

    assert list(errors) == ["items-0-successor"]


def test_service_lets_province_level_staff_include_any_procedure(reviewer, own_procedure, other_procedure):
    items = [(0, own_procedure, None), (1, other_procedure, None)]

    assert decision_items_scope_errors(user=reviewer, items=items) == {}


def test_approving_for_a_user_checks_every_item(drafter, department_agency, other_procedure):
    decision = DecisionFactory(proposing_agency=department_agency)
    DecisionItemFactory(decision=decision, procedure=other_procedure)

    with pytest.raises(ValidationError) as raised:
        decision_approve(decision=decision, user=drafter)

    assert "items-0-procedure" in raised.value.message_dict


def test_admin_form_refuses_another_agencys_procedure(client, drafter, department_agency, other_procedure):
    client.force_login(drafter)

    response = client.post(ADD_URL, decision_post_data(department_agency, other_procedure))

    assert "chỉ đưa vào quyết định các thủ tục của cơ quan mình" in response.content.decode()


def test_admin_form_saves_nothing_when_an_item_is_out_of_scope(client, drafter, department_agency, other_procedure):
    client.force_login(drafter)

    client.post(ADD_URL, decision_post_data(department_agency, other_procedure))

    assert not AnnouncementDecision.objects.exists()


def test_admin_form_saves_the_own_agencys_procedures(client, drafter, department_agency, own_procedure):
    client.force_login(drafter)

    client.post(ADD_URL, decision_post_data(department_agency, own_procedure))

    assert AnnouncementDecision.objects.get().items.get().procedure == own_procedure


def test_reviewer_saves_a_decision_with_any_agencys_procedure(client, reviewer, department_agency, other_procedure):
    client.force_login(reviewer)

    client.post(ADD_URL, decision_post_data(department_agency, other_procedure))

    assert AnnouncementDecision.objects.get().items.get().procedure == other_procedure


def test_procedure_chooser_offers_a_department_user_only_the_own_agencys_procedures(
    client, drafter, own_procedure, other_procedure
):
    client.force_login(drafter)

    html = client.get(reverse("wagtailsnippetchoosers_catalog_procedure:choose")).json()["html"]

    assert own_procedure.name in html and other_procedure.name not in html


def test_procedure_chooser_refuses_to_return_another_agencys_procedure(client, drafter, other_procedure):
    client.force_login(drafter)

    response = client.get(reverse("wagtailsnippetchoosers_catalog_procedure:chosen", args=[other_procedure.pk]))

    assert response.status_code == 404
