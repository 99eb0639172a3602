"""A procedure's URL follows its name until it is first published (never /thu-tuc/muc/)."""

import pytest
from django.urls import reverse

from catalog.models import Procedure
from tests.catalog.admin.forms_data import procedure_post_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_catalog_procedure:add")


def edit_url(procedure):
    return reverse("wagtailsnippets_catalog_procedure:edit", args=[procedure.pk])


@pytest.fixture
def logged_in(client, admin_user_vi):
    client.force_login(admin_user_vi)
    return client


@pytest.fixture
def empty_draft(logged_in):
    """A procedure saved as a draft with nothing filled in."""
    logged_in.post(ADD_URL, procedure_post_data(complete=False, code="", name=""))
    return Procedure.objects.get()


def draft_slug(procedure) -> str:
    """The slug of the latest draft (drafts of a published procedure live in revisions)."""
    return Procedure.objects.get(pk=procedure.pk).get_latest_revision_as_object().slug


def rename(client, procedure, name: str) -> None:
    draft = Procedure.objects.get(pk=procedure.pk).get_latest_revision_as_object()
    client.post(edit_url(procedure), procedure_post_data(complete=False, code="", name=name, slug=draft.slug))


def test_an_empty_draft_gets_a_draft_placeholder_not_muc(empty_draft):
    assert empty_draft.slug.startswith("ban-nhap-")


def test_naming_an_empty_draft_gives_it_a_slug_from_the_name(logged_in, empty_draft):
    rename(logged_in, empty_draft, "Đăng ký khai sinh lưu động")

    assert draft_slug(empty_draft) == "dang-ky-khai-sinh-luu-dong"


def test_renaming_an_unpublished_draft_renames_its_slug(logged_in, empty_draft):
    rename(logged_in, empty_draft, "Đăng ký khai sinh lưu động")

    rename(logged_in, empty_draft, "Đăng ký khai tử lưu động")

    assert draft_slug(empty_draft) == "dang-ky-khai-tu-luu-dong"


def test_renaming_a_published_procedure_keeps_its_slug(logged_in, empty_draft):
    rename(logged_in, empty_draft, "Đăng ký khai sinh lưu động")
    procedure = Procedure.objects.get(pk=empty_draft.pk)
    procedure.get_latest_revision().publish()

    rename(logged_in, procedure, "Đăng ký khai tử lưu động")

    assert draft_slug(procedure) == "dang-ky-khai-sinh-luu-dong"


def test_a_slug_from_a_name_already_used_gets_a_number(logged_in, empty_draft):
    logged_in.post(ADD_URL, procedure_post_data(complete=False, code="", name="Đăng ký khai sinh lưu động"))

    rename(logged_in, empty_draft, "Đăng ký khai sinh lưu động")

    assert draft_slug(empty_draft) == "dang-ky-khai-sinh-luu-dong-2"
