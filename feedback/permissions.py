"""Who handles which feedback: agency handlers their agency's items, province-level handlers every item.

Feedback is scoped by the agency it is assigned to (`Feedback.agency`). A handler of a department (a member
of the agency handlers' group with an `AgencyMembership`) sees the queue, the items and the personal data
of their agency only; the provincial office's procedure-control division (the province handlers' group)
sees, classifies and assigns every item, unassigned ones included. Model permissions alone never grant
access across agencies: a user holding them without either role sees only their own agency's items, or
none. The scopes are registered with catalog.permissions, which the admin applies to every URL.
"""

from catalog.permissions import AgencyScope, user_in_groups

PROVINCE_HANDLERS_GROUP = "Xử lý PAKN cấp tỉnh (Phòng Kiểm soát TTHC)"
AGENCY_HANDLERS_GROUP = "Xử lý PAKN của sở, ngành, địa phương"

VIEW = "feedback.view_feedback"
CHANGE = "feedback.change_feedback"
REVIEW = "feedback.review_feedback_answer"
PERSONAL = "feedback.view_feedback_personal_data"
ACCESS_LOG = "feedback.view_personaldataaccess"

# Permissions of each role ("app_label.codename"), given by catalog.services.staff.staff_setup().
ROLE_PERMISSIONS = {
    PROVINCE_HANDLERS_GROUP: ("wagtailadmin.access_admin", VIEW, CHANGE, REVIEW, PERSONAL, ACCESS_LOG),
    AGENCY_HANDLERS_GROUP: ("wagtailadmin.access_admin", VIEW, CHANGE, PERSONAL),
}


def feedback_sees_all_agencies(user) -> bool:
    """Superusers and province-level handlers see, classify and assign every item."""
    return user_in_groups(user, (PROVINCE_HANDLERS_GROUP,))


def feedback_user_may_assign(user) -> bool:
    """Classifying and assigning decide which agency handles an item: province level only."""
    return feedback_sees_all_agencies(user) and user.has_perm(CHANGE)


def feedback_agency_scopes() -> list[AgencyScope]:
    """The feedback records, each bound to the agency of its item (see catalog.permissions)."""
    from feedback.models import Feedback, FeedbackAttachment, FeedbackEvent, PersonalDataAccess

    return [
        AgencyScope(Feedback, "agency", feedback_sees_all_agencies),
        AgencyScope(FeedbackAttachment, "feedback__agency", feedback_sees_all_agencies),
        AgencyScope(FeedbackEvent, "feedback__agency", feedback_sees_all_agencies),
        AgencyScope(PersonalDataAccess, "feedback__agency", feedback_sees_all_agencies),
    ]
