"""Admin actions on agencies for the 2025 reorganisation: "Đổi tên" (rename) and "Sáp nhập vào…" (merge).

Each action is a form, then a confirmation page saying what will change, then one service call
(catalog.services.agencies), which checks the rules and keeps the history (earlier names in AgencyName, the
merged agency's successor and end date). Only province-level staff who may change agencies see or use them.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import EditView

from catalog.admin_forms import AgencyMergeForm, AgencyRenameForm
from catalog.admin_search import VietnameseIndexView
from catalog.models import Agency
from catalog.permissions import user_sees_all_agencies
from catalog.services.agencies import agency_merge, agency_merge_errors, agency_rename, agency_rename_errors

URL_NAMESPACE = "wagtailsnippets_catalog_agency"


def user_can_reorganise_agencies(user) -> bool:
    """Province-level staff (the provincial office's groups, superusers) who may change agencies."""
    return user_sees_all_agencies(user) and ModelPermissionPolicy(Agency).user_has_permission(user, "change")


def agency_action_buttons(*, agency: Agency, user) -> list[Button]:
    """The rename and merge buttons `user` may use on `agency` (none once it has been merged)."""
    if agency.successor_id is not None or agency.valid_until is not None or not user_can_reorganise_agencies(user):
        return []
    return [
        Button(AgencyRenameView.action_label, url=_agency_url("rename", agency), icon_name="edit", priority=30),
        Button(AgencyMergeView.action_label, url=_agency_url("merge", agency), icon_name="arrow-right", priority=40),
    ]


def _agency_url(name: str, agency: Agency) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=[quote(agency.pk)])


class AgencyIndexView(VietnameseIndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *agency_action_buttons(agency=instance, user=self.request.user),
        ]


class AgencyEditView(EditView):
    def get_header_more_buttons(self):
        buttons = [
            *super().get_header_more_buttons(),
            *agency_action_buttons(agency=self.object, user=self.request.user),
        ]
        return sorted(buttons)


class AgencyActionView(WagtailAdminTemplateMixin, FormView):
    """A form, a confirmation, then the service; errors come back on the form's fields."""

    template_name = "catalog/admin/agency_action.html"
    header_icon = "group"
    action_label = ""
    explanation = ""

    def dispatch(self, request, *args, **kwargs):
        self.agency = get_object_or_404(Agency, pk=unquote(str(kwargs["pk"])))
        if not user_can_reorganise_agencies(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def edit_url(self) -> str:
        return _agency_url("edit", self.agency)

    def get_page_title(self):
        return self.action_label

    def get_page_subtitle(self):
        return str(self.agency)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:list"), "label": _("Cơ quan")},
            {"url": self.edit_url, "label": str(self.agency)},
            {"url": "", "label": self.action_label},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(agency=self.agency, explanation=self.explanation, edit_url=self.edit_url)
        context.setdefault("confirming", False)
        return context

    def rule_errors(self, data: dict) -> dict:
        raise NotImplementedError

    def summary(self, data: dict) -> list[str]:
        """What will change, in sentences, for the confirmation page."""
        raise NotImplementedError

    def perform(self, data: dict) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def form_valid(self, form):
        data = form.cleaned_data
        for field, errors in self.rule_errors(data).items():
            for error in errors:
                form.add_error(field, error)
        if not form.is_valid():
            return self.form_invalid(form)
        if "edit" in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        if "confirm" not in self.request.POST:
            return self.render_to_response(
                self.get_context_data(form=form, confirming=True, summary=self.summary(data))
            )
        try:
            message = self.perform(data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.edit_url)

    def form_invalid(self, form):
        if form.errors:
            messages.error(self.request, _("Chưa thực hiện được: %(action)s.") % {"action": self.action_label})
        return super().form_invalid(form)


def _day(data: dict) -> str:
    return f"{data['on']:%d/%m/%Y}"


class AgencyRenameView(AgencyActionView):
    """ "Đổi tên": the agency takes a new name from a day; its current name goes into its history."""

    form_class = AgencyRenameForm
    action_label = gettext_lazy("Đổi tên")
    explanation = gettext_lazy(
        "Dùng khi cơ quan được đổi tên theo quyết định của cấp có thẩm quyền. Tên hiện tại được lưu vào lịch sử "
        "tên cũ: thủ tục, quyết định và báo cáo của thời gian trước ngày đổi tên vẫn hiện tên cũ."
    )

    def rule_errors(self, data):
        return agency_rename_errors(
            agency=self.agency, new_name=data["new_name"], new_short_name=data["new_short_name"], on=data["on"]
        )

    def summary(self, data):
        short_name = data["new_short_name"].strip() or self.agency.short_name
        new_name = data["new_name"].strip()
        return [
            _("“%(old)s” mang tên “%(new)s”%(short)s từ ngày %(day)s.")
            % {
                "old": self.agency.name,
                "new": new_name,
                "short": _(" (viết tắt “%(short)s”)") % {"short": short_name} if short_name else "",
                "day": _day(data),
            },
            _("Tên “%(old)s” được lưu vào lịch sử tên cũ, dùng cho thời gian trước ngày %(day)s.")
            % {"old": self.agency.name, "day": _day(data)},
        ]

    def perform(self, data):
        old_name = self.agency.name
        agency = agency_rename(
            agency=self.agency, new_name=data["new_name"], new_short_name=data["new_short_name"], on=data["on"]
        )
        return _("Đã đổi tên “%(old)s” thành “%(new)s” từ ngày %(day)s; tên cũ được giữ trong lịch sử.") % {
            "old": old_name,
            "new": agency.name,
            "day": _day(data),
        }


class AgencyMergeView(AgencyActionView):
    """ "Sáp nhập vào…": the agency ends on a day and names the agency that takes over its duties."""

    form_class = AgencyMergeForm
    action_label = gettext_lazy("Sáp nhập vào…")
    explanation = gettext_lazy(
        "Dùng khi cơ quan được sáp nhập vào cơ quan khác. Từ ngày sáp nhập, cơ quan thôi hoạt động và được ghi "
        "là sáp nhập vào cơ quan nhận; tên và dữ liệu trước ngày đó được giữ nguyên trong lịch sử."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agency": self.agency}

    def rule_errors(self, data):
        return agency_merge_errors(agency=self.agency, into=data["into"], on=data["on"])

    def summary(self, data):
        procedures = self.agency.owned_procedures.count()
        members = self.agency.members.count()
        return [
            _("“%(agency)s” thôi hoạt động từ ngày %(day)s và được ghi là sáp nhập vào “%(into)s”.")
            % {"agency": self.agency, "day": _day(data), "into": data["into"]},
            _(
                "%(procedures)s thủ tục do cơ quan này chủ trì và %(members)s tài khoản cán bộ thuộc cơ quan này "
                "không tự chuyển sang cơ quan nhận; chuyển chúng khi quyết định giao nhiệm vụ được ban hành."
            )
            % {"procedures": procedures, "members": members},
        ]

    def perform(self, data):
        agency_merge(agency=self.agency, into=data["into"], on=data["on"])
        return _("Đã ghi nhận “%(agency)s” sáp nhập vào “%(into)s” từ ngày %(day)s.") % {
            "agency": self.agency,
            "into": data["into"],
            "day": _day(data),
        }
