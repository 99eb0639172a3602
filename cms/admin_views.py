"""Staff view (Wagtail admin): postings that are out of date, with a "mark re-posted" action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from catalog.models import ReceptionPlace
from cms import links, selectors
from cms.services import reception_place_mark_posted

PERMISSION = "catalog.change_receptionplace"


class StalePostingsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Niêm yết cần cập nhật")
    header_icon = "warning"
    template_name = "cms/admin/stale_postings.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stale"] = selectors.postings_stale()
        context["links"] = links
        return context


class MarkPostedView(View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        place = get_object_or_404(ReceptionPlace, pk=pk)
        reception_place_mark_posted(place=place)
        messages.success(request, _("Đã ghi nhận niêm yết lại tại “%(name)s”.") % {"name": place.name})
        return redirect("cms_stale_postings")
