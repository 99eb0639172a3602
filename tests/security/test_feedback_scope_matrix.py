"""Feedback scope: roles × actions × items of the own agency, another agency, and not yet assigned.

Roles come from catalog.services.staff.staff_setup() (the feedback handlers' groups) and AgencyMembership;
every action is measured over HTTP in the admin, the way staff would do it: the queue lists the item, its
page opens, the sender's phone shows (and the look is logged), the attachment downloads, the item is
(re)assigned, an answer is drafted, a submitted answer is approved, the personal-data access log lists it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from catalog.models import AgencyMembership
from catalog.permissions import DRAFTERS_GROUP
from catalog.services.staff import staff_setup
from feedback.choices import AnswerState, FeedbackStatus
from feedback.models import Feedback, FeedbackAttachment, PersonalDataAccess
from feedback.permissions import AGENCY_HANDLERS_GROUP, PROVINCE_HANDLERS_GROUP
from tests.factories.catalog import AgencyFactory
from tests.factories.feedback import FeedbackFactory
from tests.feedback.uploads import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

BASE = "/admin/phan-anh-kien-nghi/"
PHONE = "0911222333"
ROLES = [
    "anonymous",
    "catalog_drafter_a",
    "handler_a",
    "handler_b",
    "province_handler",
    "permissions_only_a",
    "permissions_only_no_agency",
    "superuser",
]
ACTIONS = ["queue", "detail", "personal_data", "personal_data_logged", "attachment", "assign", "draft", "review"]
ACTIONS += ["access_log"]
ITEMS = ["own_agency", "other_agency", "unassigned"]

NOTHING = dict.fromkeys(ACTIONS, False)
# An agency handler works on their agency's items: reads them with the sender's data, drafts answers; the
# province assigns and reviews. Permissions held directly (no role) reach only the holder's agency.
AGENCY_HANDLER = {**NOTHING, **dict.fromkeys(["queue", "detail", "personal_data", "personal_data_logged"], True)}
AGENCY_HANDLER |= {"attachment": True, "draft": True}
EVERYTHING = dict.fromkeys(ACTIONS, True)
PERMISSIONS_ONLY = {**EVERYTHING, "assign": False}


def expected(role: str, item: str) -> dict:
    if role in ("superuser", "province_handler"):
        return EVERYTHING
    if role == "handler_a" and item == "own_agency":
        return AGENCY_HANDLER
    if role == "handler_b" and item == "other_agency":
        return AGENCY_HANDLER
    if role == "permissions_only_a" and item == "own_agency":
        return PERMISSIONS_ONLY
    return NOTHING


@pytest.fixture
def world(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    groups = staff_setup().groups
    agency_a, agency_b, agency_c = AgencyFactory(name="Sở Tư pháp"), AgencyFactory(name="Sở Y tế"), AgencyFactory()
    feedback_permissions = Permission.objects.filter(content_type__app_label="feedback")
    users = {"anonymous": None}

    def make(name, *, groups_=(), agency=None, permissions=(), superuser=False):
        user = get_user_model().objects.create_user(username=name, password="x", is_superuser=superuser)
        user.groups.add(*groups_)
        user.user_permissions.add(*permissions)
        if agency is not None:
            AgencyMembership.objects.create(user=user, agency=agency)
        users[name] = user

    admin_access = [Permission.objects.get(codename="access_admin")]
    make("catalog_drafter_a", groups_=[groups[DRAFTERS_GROUP]], agency=agency_a)
    make("handler_a", groups_=[groups[AGENCY_HANDLERS_GROUP]], agency=agency_a)
    make("handler_b", groups_=[groups[AGENCY_HANDLERS_GROUP]], agency=agency_b)
    make("province_handler", groups_=[groups[PROVINCE_HANDLERS_GROUP]])
    make("permissions_only_a", agency=agency_a, permissions=[*admin_access, *feedback_permissions])
    make("permissions_only_no_agency", permissions=[*admin_access, *feedback_permissions])
    make("superuser", superuser=True)
    items = {
        "own_agency": FeedbackFactory(assigned=True, agency=agency_a, sender_phone=PHONE),
        "other_agency": FeedbackFactory(assigned=True, agency=agency_b, sender_phone=PHONE),
        "unassigned": FeedbackFactory(status=FeedbackStatus.ACCEPTED, sender_phone=PHONE),
    }
    for item in items.values():
        attachment = FeedbackAttachment(feedback=item, original_name="don.pdf", content_type="application/pdf", size=1)
        attachment.file.save("don.pdf", upload("don.pdf", PDF_BYTES), save=True)
        PersonalDataAccess.objects.create(feedback=item, user=users["superuser"], action="view")
    return {"users": users, "items": items, "elsewhere": agency_c}


def _measure(client, action: str, user, item: Feedback, world) -> bool:
    if user is not None:
        client.force_login(user)
    page = f"{BASE}{item.pk}/"
    if action == "queue":
        response = client.get(BASE)
        return response.status_code == 200 and item.register_number in response.content.decode()
    if action == "detail":
        return client.get(page).status_code == 200
    if action == "personal_data":
        response = client.get(page)
        return response.status_code == 200 and PHONE in response.content.decode()
    if action == "personal_data_logged":
        client.get(page)
        return PersonalDataAccess.objects.filter(feedback=item, user=user, action="view").exists()
    if action == "attachment":
        attachment = item.attachments.get()
        response = client.get(f"{page}tep/{attachment.pk}/")
        return response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    if action == "assign":
        client.post(f"{page}giao/", {"agency": world["elsewhere"].pk})
        return Feedback.objects.get(pk=item.pk).agency_id == world["elsewhere"].pk
    if action == "draft":
        client.post(f"{page}du-thao/", {"public_title": "Tiêu đề", "public_question": "Câu hỏi", "answer": "Trả lời"})
        return Feedback.objects.get(pk=item.pk).answer == "Trả lời"
    if action == "review":
        Feedback.objects.filter(pk=item.pk).update(
            answer_state=AnswerState.IN_REVIEW, answer="Trả lời", public_title="T", public_question="Q"
        )
        client.post(f"{page}duyet/", {"approve": "1"})
        return Feedback.objects.get(pk=item.pk).answer_state == AnswerState.APPROVED
    if action == "access_log":
        response = client.get(f"{BASE}nhat-ky-truy-cap/")
        return response.status_code == 200 and item.register_number in response.content.decode()
    raise AssertionError(action)


@pytest.mark.parametrize("item", ITEMS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_feedback_scope_matrix(client, world, role, action, item):
    measured = _measure(client, action, world["users"][role], world["items"][item], world)

    assert measured is expected(role, item)[action]
