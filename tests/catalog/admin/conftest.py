"""Staff accounts for the admin tests: a superuser, a department drafter, reviewers and approvers."""

import pytest
from django.contrib.auth import get_user_model

from catalog.models import AgencyMembership
from catalog.permissions import APPROVERS_GROUP, DRAFTERS_GROUP, REVIEWERS_GROUP
from catalog.services.staff import staff_setup
from tests.factories.catalog import AgencyFactory

PASSWORD = "mat-khau-thu-nghiem"


def _user(username: str, *, group: str | None = None, agency=None, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.vn", is_superuser=superuser
    )
    if group:
        user.groups.add(staff_setup().groups[group])
    if agency is not None:
        AgencyMembership.objects.create(user=user, agency=agency)
    return user


@pytest.fixture
def admin_user_vi(db):
    return _user("quantri", superuser=True)


@pytest.fixture
def logged_in(client, admin_user_vi):
    """The test client logged in as the superuser."""
    client.force_login(admin_user_vi)
    return client


@pytest.fixture
def department_agency(db):
    return AgencyFactory(name="Sở Tư pháp", short_name="Sở TP", code="so-tp")


@pytest.fixture
def drafter(department_agency):
    return _user("canbo.sotp", group=DRAFTERS_GROUP, agency=department_agency)


@pytest.fixture
def reviewer(db):
    return _user("kiemsoat", group=REVIEWERS_GROUP)


@pytest.fixture
def approver(db):
    return _user("lanhdao", group=APPROVERS_GROUP)


@pytest.fixture
def review_workflow(db):
    return staff_setup().workflow
