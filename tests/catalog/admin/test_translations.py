"""Wagtail admin strings that Wagtail's own Vietnamese catalogue leaves in English (project locale/vi)."""

import pytest
from django.urls import reverse

from tests.catalog.admin.forms_data import procedure_post_data
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, admin_user_vi, review_workflow):
    client.force_login(admin_user_vi)
    return client


def test_add_page_offers_save_draft_in_vietnamese(logged_in):
    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:add")).content.decode()

    assert "Lưu bản nháp" in html


def test_add_page_offers_submission_in_vietnamese(logged_in):
    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:add")).content.decode()

    assert "Gửi duyệt" in html


def test_listing_sort_control_is_in_vietnamese(logged_in):
    ProcedureFactory()

    html = logged_in.get(reverse("wagtailsnippets_catalog_procedure:list")).content.decode()

    assert "Sắp xếp theo “Mã thủ tục” tăng dần." in html


def test_draft_saved_message_is_in_vietnamese(logged_in):
    procedure = ProcedureFactory(complete=True)
    data = procedure_post_data(complete=False, code=procedure.code, name=procedure.name, slug=procedure.slug)
    response = logged_in.post(reverse("wagtailsnippets_catalog_procedure:edit", args=[procedure.pk]), data, follow=True)

    assert f"Thủ tục hành chính “{procedure}” đã được cập nhật." in response.content.decode()


def test_admin_javascript_catalog_translates_collapse_all(logged_in):
    # The catalogue is JavaScript source: non-ASCII characters come \u-escaped ("Thu gọn tất cả").
    response = logged_in.get(reverse("wagtailadmin_javascript_catalog"))

    assert '"Collapse all": "Thu g\\u1ecdn t\\u1ea5t c\\u1ea3"' in response.content.decode()
