"""Wagtail admin viewset of the feedback app: the staff queue, item handling and the on-time report."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from feedback import admin_views
from feedback.models import Feedback


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW)


class FeedbackViewSet(ViewSet):
    """Handling of feedback on regulations (Decree 20/2008): classify, assign, answer, review, publish."""

    name = "feedback_admin"
    # The object its URLs name by `pk`: the admin's agency scope (catalog.admin_scope) reads it.
    model = Feedback
    url_prefix = "phan-anh-kien-nghi"
    icon = "mail"
    menu_label = _("Phản ánh, kiến nghị")
    add_to_admin_menu = True
    menu_order = 400

    @property
    def menu_item_class(self):
        return FeedbackMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.queue, name="queue"),
            path("bao-cao/", admin_views.report, name="report"),
            path("bao-cao/xuat/", admin_views.transfer_export, name="transfer_export"),
            path("nhat-ky-truy-cap/", admin_views.access_log, name="access_log"),
            path("<int:pk>/", admin_views.detail, name="detail"),
            path("<int:pk>/phan-loai/", admin_views.classify, name="classify"),
            path("<int:pk>/giao/", admin_views.assign, name="assign"),
            path("<int:pk>/du-thao/", admin_views.answer_draft, name="answer_draft"),
            path("<int:pk>/gui-duyet/", admin_views.answer_submit, name="answer_submit"),
            path("<int:pk>/duyet/", admin_views.answer_review, name="answer_review"),
            path("<int:pk>/cong-bo/", admin_views.answer_publish, name="answer_publish"),
            path("<int:pk>/tep/<int:attachment_pk>/", admin_views.attachment, name="attachment"),
        ]


feedback_viewset = FeedbackViewSet()
