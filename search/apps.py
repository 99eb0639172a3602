from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Tra cứu thủ tục")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from catalog.signals import procedures_changed
        from search import receivers
        from search.models import PromotedResult, Synonym

        procedures_changed.connect(receivers.procedures_changed_enqueue, dispatch_uid="search-index-update")
        post_save.connect(receivers.synonyms_changed, sender=Synonym, dispatch_uid="search-synonyms-saved")
        post_delete.connect(receivers.synonyms_changed, sender=Synonym, dispatch_uid="search-synonyms-deleted")
        post_save.connect(receivers.promoted_results_changed, sender=PromotedResult, dispatch_uid="search-bets-saved")
        post_delete.connect(
            receivers.promoted_results_changed, sender=PromotedResult, dispatch_uid="search-bets-deleted"
        )
