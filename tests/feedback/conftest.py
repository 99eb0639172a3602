import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from catalog.models import AgencyMembership
from catalog.services.staff import staff_setup
from feedback.permissions import PROVINCE_HANDLERS_GROUP
from tests.factories.catalog import AgencyFactory


@pytest.fixture(autouse=True)
def _feedback_isolation(settings, tmp_path):
    """Each test: an empty cache (rate limits) and its own private attachment directory."""
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(django_user_model):
    """A province-level handler (the procedure-control division): every item, personal data included."""
    user = django_user_model.objects.create_user("canbo", password="x")
    user.groups.add(staff_setup().groups[PROVINCE_HANDLERS_GROUP])
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def privileged_client(staff_client):
    return staff_client


@pytest.fixture
def clerk_agency(db):
    return AgencyFactory(name="Sở Xây dựng")


@pytest.fixture
def clerk_client(client, django_user_model, clerk_agency):
    """A handler of one agency with the queue, change and review permissions but NOT personal data."""
    user = django_user_model.objects.create_user("canbo.sxd", password="x")
    group = Group.objects.create(name="Cán bộ PAKN")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="feedback",
            codename__in=["view_feedback", "change_feedback", "review_feedback_answer"],
        ),
    )
    user.groups.add(group)
    AgencyMembership.objects.create(user=user, agency=clerk_agency)
    client.force_login(user)
    return client
