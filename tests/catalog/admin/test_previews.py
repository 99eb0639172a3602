import pytest
from django.urls import reverse

from tests.catalog.admin.forms_data import procedure_post_data
from tests.factories.catalog import DecisionItemFactory

pytestmark = pytest.mark.django_db


def test_procedure_preview_renders_the_submitted_draft(client, admin_user_vi, department_agency):
    client.force_login(admin_user_vi)
    url = reverse("wagtailsnippets_catalog_procedure:preview_on_add")
    client.post(url, procedure_post_data(owner_agency=department_agency.pk))

    html = client.get(url).content.decode()

    assert "Tờ khai đăng ký khai sinh" in html


def test_decision_preview_lists_its_procedures(rf, admin_user_vi):
    decision = DecisionItemFactory(procedure__name="Thủ tục đăng ký kết hôn").decision
    request = rf.get("/")
    request.user = admin_user_vi

    html = decision.serve_preview(request, "").rendered_content

    assert "Thủ tục đăng ký kết hôn" in html
