"""Registers the feedback staff views in the Wagtail admin (see viewsets.py), the feedback records' agency
scopes (see feedback.permissions) and the handlers' roles that `setup_staff` creates."""

from wagtail import hooks

from catalog.services.staff import StaffRole
from feedback.permissions import ROLE_PERMISSIONS, feedback_agency_scopes
from feedback.viewsets import feedback_viewset


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


@hooks.register("register_agency_scopes")
def register_feedback_agency_scopes():
    return feedback_agency_scopes()


@hooks.register("register_staff_roles")
def register_feedback_staff_roles():
    return [StaffRole(group=group, permissions=permissions) for group, permissions in ROLE_PERMISSIONS.items()]


@hooks.register("register_permissions")
def register_feedback_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="feedback", content_type__model="feedback") | (
        Permission.objects.filter(content_type__app_label="feedback", codename="view_personaldataaccess")
    )
