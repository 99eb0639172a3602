import pytest
from django.urls import reverse

from catalog.models import Procedure
from catalog.permissions import DRAFTERS_GROUP
from catalog.services.staff import staff_setup
from tests.catalog.admin.forms_data import procedure_post_data
from tests.factories.catalog import AgencyFactory, DecisionFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_catalog_procedure:list")


@pytest.fixture
def own_procedure(department_agency):
    return ProcedureFactory(owner_agency=department_agency, name="Thủ tục của Sở Tư pháp")


@pytest.fixture
def other_procedure(db):
    return ProcedureFactory(owner_agency=AgencyFactory(name="Sở Y tế"), name="Thủ tục của Sở Y tế")


def _listed(client) -> set[str]:
    response = client.get(LIST_URL)
    return {procedure.name for procedure in response.context["object_list"]}


def test_department_user_lists_only_own_agency_procedures(client, drafter, own_procedure, other_procedure):
    client.force_login(drafter)

    assert _listed(client) == {"Thủ tục của Sở Tư pháp"}


def test_department_user_gets_404_on_another_agency_procedure(client, drafter, other_procedure):
    client.force_login(drafter)

    response = client.get(reverse("wagtailsnippets_catalog_procedure:edit", args=[other_procedure.pk]))

    assert response.status_code == 404


def test_department_user_cannot_see_history_of_another_agency_procedure(client, drafter, other_procedure):
    client.force_login(drafter)

    response = client.get(reverse("wagtailsnippets_catalog_procedure:history", args=[other_procedure.pk]))

    assert response.status_code == 404


def test_department_user_edits_own_agency_procedure(client, drafter, own_procedure):
    client.force_login(drafter)

    response = client.get(reverse("wagtailsnippets_catalog_procedure:edit", args=[own_procedure.pk]))

    assert response.status_code == 200


def test_department_user_cannot_create_for_another_agency(client, drafter, review_workflow):
    client.force_login(drafter)
    other = AgencyFactory(name="Sở Xây dựng")

    client.post(reverse("wagtailsnippets_catalog_procedure:add"), procedure_post_data(owner_agency=other.pk))

    assert not Procedure.objects.exists()


def test_department_user_creates_for_own_agency(client, drafter, department_agency, review_workflow):
    client.force_login(drafter)

    client.post(
        reverse("wagtailsnippets_catalog_procedure:add"), procedure_post_data(owner_agency=department_agency.pk)
    )

    assert Procedure.objects.get().owner_agency == department_agency


def test_department_user_cannot_publish_directly(client, drafter, department_agency, review_workflow):
    client.force_login(drafter)
    data = procedure_post_data(owner_agency=department_agency.pk, **{"action-publish": "1"})

    client.post(reverse("wagtailsnippets_catalog_procedure:add"), data)

    assert Procedure.objects.get().live is False


def test_reviewer_lists_every_agency_procedure(client, reviewer, own_procedure, other_procedure):
    client.force_login(reviewer)

    assert _listed(client) == {"Thủ tục của Sở Tư pháp", "Thủ tục của Sở Y tế"}


def test_reviewer_edits_any_agency_procedure(client, reviewer, other_procedure):
    client.force_login(reviewer)

    response = client.get(reverse("wagtailsnippets_catalog_procedure:edit", args=[other_procedure.pk]))

    assert response.status_code == 200


def test_department_user_gets_404_on_another_agency_decision(client, drafter):
    client.force_login(drafter)
    decision = DecisionFactory(proposing_agency=AgencyFactory(name="Sở Y tế"))

    response = client.get(reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[decision.pk]))

    assert response.status_code == 404


def test_user_without_agency_or_group_sees_no_procedure(client, django_user_model, own_procedure):
    user = django_user_model.objects.create_user(username="khong-co-quan", password="x")
    user.groups.add(staff_setup().groups[DRAFTERS_GROUP])
    client.force_login(user)

    assert _listed(client) == set()
