from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Trang công khai")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import published, unpublished

        from catalog.models import (
            Agency,
            AnnouncementDecision,
            Field,
            FieldTopic,
            PostingAddition,
            PostingExclusion,
            PostingRule,
            ProcedureVersion,
            ReceptionPlace,
        )
        from catalog.signals import procedures_changed
        from cms.cache import cache_bump
        from cms.receivers import procedures_changed_enqueue, version_saved_enqueue
        from config.release import code_release
        from feedback.signals import answers_changed

        # The release that keys cached pages is the code this process loaded: taken now, not at the first page,
        # which a process could render with the old code after the files were replaced (a worker forked late,
        # an in-place upgrade), caching old pages under the new release.
        code_release()
        # Receivers only enqueue work or bump the page-cache version; no rules live here.
        procedures_changed.connect(cache_bump, dispatch_uid="cms_cache_procedures_changed")
        procedures_changed.connect(procedures_changed_enqueue, dispatch_uid="cms_catalog_published")
        post_save.connect(version_saved_enqueue, sender=ProcedureVersion, dispatch_uid="cms_listing_version_saved")
        for model in (Field, FieldTopic, Agency):
            post_save.connect(cache_bump, sender=model, dispatch_uid=f"cms_cache_{model._meta.model_name}_saved")
        published.connect(cache_bump, sender=AnnouncementDecision, dispatch_uid="cms_cache_decision_published")
        unpublished.connect(cache_bump, sender=AnnouncementDecision, dispatch_uid="cms_cache_decision_unpublished")
        post_save.connect(cache_bump, sender=AnnouncementDecision, dispatch_uid="cms_cache_decision_saved")
        post_save.connect(cache_bump, sender=ReceptionPlace, dispatch_uid="cms_cache_place_saved")
        post_delete.connect(cache_bump, sender=ReceptionPlace, dispatch_uid="cms_cache_place_deleted")
        answers_changed.connect(cache_bump, dispatch_uid="cms_cache_feedback_answers")
        m2m_changed.connect(
            cache_bump, sender=ReceptionPlace.procedures.through, dispatch_uid="cms_cache_place_procedures"
        )
        # What a place posts (catalog.selectors.reception_place_procedures): rules and hand-made choices.
        for model in (PostingRule, PostingAddition, PostingExclusion):
            post_save.connect(cache_bump, sender=model, dispatch_uid=f"cms_cache_{model._meta.model_name}_saved")
            post_delete.connect(cache_bump, sender=model, dispatch_uid=f"cms_cache_{model._meta.model_name}_deleted")
