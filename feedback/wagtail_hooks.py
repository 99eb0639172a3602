"""Registers the feedback staff views in the Wagtail admin (see viewsets.py)."""

from wagtail import hooks

from feedback.viewsets import feedback_viewset


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


@hooks.register("register_permissions")
def register_feedback_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="feedback", content_type__model="feedback") | (
        Permission.objects.filter(content_type__app_label="feedback", codename="view_personaldataaccess")
    )
