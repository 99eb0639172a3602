"""The dossier sources in the Wagtail admin: register with agencies, token shown once, re-issue, no deletion of
a source that has sent dossiers, for the procedure-control division only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from catalog.models import AgencyMembership
from catalog.permissions import DRAFTERS_GROUP, REVIEWERS_GROUP
from catalog.services.staff import staff_setup
from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import DossierFactory, SourceSystemFactory
from timeliness.models import SourceSystem
from timeliness.services.sources import source_system_authenticate, source_system_issue_token

pytestmark = pytest.mark.django_db

INDEX = reverse("timeliness_sources:index")
ADD = reverse("timeliness_sources:add")


@pytest.fixture
def reviewer_client(client):
    user = get_user_model().objects.create_user("kiemsoat", password="x")
    user.groups.add(staff_setup().groups[REVIEWERS_GROUP])
    client.force_login(user)
    return client


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Sở Tư pháp", code="so-tp")


def _token(response) -> str:
    return re.search(r'id="source-token-value" value="([^"]+)"', response.content.decode()).group(1)


def _register(client, agency, **overrides):
    data = {"name": "motcua-so-tp", "description": "Một cửa Sở Tư pháp", "is_active": "on", "agencies": [agency.pk]}
    return client.post(ADD, data | overrides)


def test_registering_shows_a_token_that_authenticates_the_source(reviewer_client, agency):
    token = _token(_register(reviewer_client, agency))

    assert source_system_authenticate(token=token) == SourceSystem.objects.get(name="motcua-so-tp")


def test_registering_binds_the_source_to_the_chosen_agencies(reviewer_client, agency):
    _register(reviewer_client, agency)

    assert list(SourceSystem.objects.get().agencies.all()) == [agency]


def test_the_token_is_not_stored(reviewer_client, agency):
    token = _token(_register(reviewer_client, agency))

    assert token not in SourceSystem.objects.values_list("token_hash", flat=True)


def test_the_token_page_is_not_cached(reviewer_client, agency):
    assert "no-store" in _register(reviewer_client, agency)["Cache-Control"]


def test_a_source_without_agencies_is_refused_with_the_reason(reviewer_client, agency):
    response = _register(reviewer_client, agency, agencies=[])

    assert "Chọn ít nhất một cơ quan" in response.content.decode() and not SourceSystem.objects.exists()


def test_a_source_for_every_agency_needs_no_list(reviewer_client, agency):
    _register(reviewer_client, agency, agencies=[], all_agencies="on")

    assert SourceSystem.objects.get().all_agencies


def test_reissuing_asks_for_confirmation_first(reviewer_client):
    source = SourceSystemFactory(agencies=[AgencyFactory()])
    old = source_system_issue_token(source=source)

    reviewer_client.get(reverse("timeliness_sources:issue_token", args=[source.pk]))

    assert source_system_authenticate(token=old) == source


def test_reissuing_shows_a_new_token_and_ends_the_old_one(reviewer_client):
    source = SourceSystemFactory(agencies=[AgencyFactory()])
    old = source_system_issue_token(source=source)

    new = _token(reviewer_client.post(reverse("timeliness_sources:issue_token", args=[source.pk])))

    assert (source_system_authenticate(token=old), source_system_authenticate(token=new)) == (None, source)


def test_editing_changes_the_agencies(reviewer_client, agency):
    source = SourceSystemFactory(name="motcua-a", agencies=[AgencyFactory()])

    reviewer_client.post(
        reverse("timeliness_sources:edit", args=[source.pk]),
        {"name": "motcua-a", "description": "", "is_active": "on", "agencies": [agency.pk]},
    )

    assert list(source.agencies.all()) == [agency]


def test_a_source_that_sent_dossiers_is_not_deleted(reviewer_client, django_user_model):
    source = DossierFactory().source
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    reviewer_client.force_login(admin)

    response = reviewer_client.post(reverse("timeliness_sources:delete", args=[source.pk]), follow=True)

    assert SourceSystem.objects.filter(pk=source.pk).exists() and "không xóa được" in response.content.decode()


def test_the_listing_says_which_agencies_a_source_writes_for(reviewer_client, agency):
    SourceSystemFactory(name="motcua-so-tp", agencies=[agency])

    assert "Sở Tư pháp" in reviewer_client.get(INDEX).content.decode()


def test_department_staff_cannot_manage_sources(client, agency):
    user = get_user_model().objects.create_user("canbo", password="x")
    user.groups.add(staff_setup().groups[DRAFTERS_GROUP])
    AgencyMembership.objects.create(user=user, agency=agency)
    client.force_login(user)

    assert client.get(INDEX).status_code in (302, 403)
