"""Admin actions on announcement decisions: sign (approve), apply now, national-database entry of items.

Each view confirms through a POST form and calls one service (catalog.services.*), which checks the rules
and writes the audit log; the view only checks who may act and shows the service's Vietnamese messages.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from catalog.admin_forms import NationalEntryForm
from catalog.choices import DecisionStatus
from catalog.dates import day_text
from catalog.models import AnnouncementDecision, DecisionItem
from catalog.services.decisions import decision_apply_now, decision_approve, decision_errors
from catalog.services.procedures import procedure_mark_national_entry


def _policy() -> ModelPermissionPolicy:
    return policy_registry.get_by_type(AnnouncementDecision)


def user_can_sign_decision(user, decision: AnnouncementDecision) -> bool:
    """Leaders (and whoever may publish decisions) sign and apply them; agency scope still applies."""
    return _policy().user_has_permission_for_instance(user, "publish", decision)


def user_can_record_national_entry(user, decision: AnnouncementDecision) -> bool:
    return _policy().user_has_permission_for_instance(user, "change", decision)


# --- The decision's process, step by step ---------------------------------------------------------------

DONE, CURRENT, TODO, SKIPPED = "done", "current", "todo", "skipped"


@dataclass
class ProcessStep:
    """One step of a decision's process as the decision page shows it, with the action staff may take now."""

    number: int
    title: str
    state: str  # DONE, CURRENT, TODO or SKIPPED
    detail: str = ""
    action_label: str = ""
    action_url: str = ""

    @property
    def state_label(self) -> str:
        return {
            DONE: _("Đã xong"),
            CURRENT: _("Bước hiện tại"),
            TODO: _("Chưa đến"),
            SKIPPED: _("Không qua bước này"),
        }[self.state]


def _decision_url(name: str, decision: AnnouncementDecision) -> str:
    return reverse(f"wagtailsnippets_catalog_announcementdecision:{name}", args=[quote(decision.pk)])


def _review_step(decision: AnnouncementDecision, *, signed: bool) -> ProcessStep:
    workflow_state = decision.current_workflow_state
    if workflow_state is not None and workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        task = workflow_state.current_task_state.task if workflow_state.current_task_state else None
        return ProcessStep(
            2,
            _("Thẩm định"),
            CURRENT,
            _("Đang chờ: %(task)s. Thao tác duyệt ở cuối trang.") % {"task": task or _("quy trình duyệt")},
        )
    if decision.live:
        return ProcessStep(2, _("Thẩm định"), DONE, _("Nội dung quyết định đã được duyệt theo quy trình."))
    if signed:
        return ProcessStep(2, _("Thẩm định"), SKIPPED, _("Quyết định được ký không qua quy trình duyệt."))
    return ProcessStep(
        2, _("Thẩm định"), TODO, _("Gửi duyệt ở cuối trang để Phòng Kiểm soát TTHC thẩm định trước khi trình ký.")
    )


def _signing_step(decision: AnnouncementDecision, *, signed: bool, user) -> ProcessStep:
    if signed:
        return ProcessStep(
            3, _("Ký ban hành"), DONE, _("Đã ký ngày %(day)s.") % {"day": day_text(decision.signed_on) or "—"}
        )
    sign = ProcessStep(3, _("Ký ban hành"), TODO, _("Lãnh đạo UBND tỉnh ký ban hành quyết định."))
    if user_can_sign_decision(user, decision):
        sign.action_label, sign.action_url = str(DecisionApproveView.action_label), _decision_url("approve", decision)
    return sign


def _application_step(decision: AnnouncementDecision, *, signed: bool, user, today: dt.date) -> ProcessStep:
    if decision.status == DecisionStatus.APPLIED:
        return ProcessStep(
            4,
            _("Áp dụng"),
            DONE,
            _("Các thủ tục có hiệu lực từ ngày %(day)s.") % {"day": day_text(decision.effective_on) or "—"},
        )
    apply = ProcessStep(
        4,
        _("Áp dụng"),
        TODO,
        _("Tự động áp dụng vào ngày có hiệu lực %(day)s.") % {"day": day_text(decision.effective_on) or "—"},
    )
    due = decision.effective_on is not None and decision.effective_on <= today
    if signed and due and user_can_sign_decision(user, decision):
        apply.action_label, apply.action_url = str(DecisionApplyView.action_label), _decision_url("apply", decision)
    return apply


def _national_entry_step(decision: AnnouncementDecision, *, signed: bool, user) -> ProcessStep:
    items = list(decision.items.values_list("national_entered_on", flat=True))
    entered = sum(1 for day in items if day)
    entry = ProcessStep(
        5,
        _("Nhập CSDL quốc gia"),
        DONE if items and entered == len(items) else TODO,
        _("%(entered)s/%(total)s thủ tục đã nhập Cơ sở dữ liệu quốc gia (Nghị định 63/2010, Điều 24).")
        % {"entered": entered, "total": len(items)},
    )
    if signed and entry.state != DONE and user_can_record_national_entry(user, decision):
        entry.action_label = str(DecisionNationalEntryView.action_label)
        entry.action_url = _decision_url("national_entry", decision)
    return entry


def decision_process(*, decision: AnnouncementDecision, user, today: dt.date) -> list[ProcessStep]:
    """The process of an announcement decision (Decree 63/2010 Art. 13–15, 24), step by step: draft, review,
    signing, application on the effective date, national-database entry; each step's state, and the one
    action `user` may take now (the decision's lifecycle is read from its row, not from a draft revision).
    """
    signed = decision.status in (DecisionStatus.APPROVED, DecisionStatus.APPLIED)
    steps = [
        ProcessStep(1, _("Soạn dự thảo"), DONE, _("Sở, ngành soạn quyết định và danh mục thủ tục.")),
        _review_step(decision, signed=signed),
        _signing_step(decision, signed=signed, user=user),
        _application_step(decision, signed=signed, user=user, today=today),
        _national_entry_step(decision, signed=signed, user=user),
    ]
    if not any(step.state == CURRENT for step in steps):
        next_step = next((step for step in steps if step.state == TODO), None)
        if next_step is not None:
            next_step.state = CURRENT
    return steps


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name


def error_rows(error: ValidationError) -> list[tuple[str, str]]:
    """(what, message) pairs for a service's ValidationError; `items-0-procedure` reads "Mục 1 – Thủ tục"."""
    if not hasattr(error, "error_dict"):
        return [("", message) for message in error.messages]
    rows = []
    for key, messages_ in error.message_dict.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "items" and parts[1].isdigit():
            what = _("Mục %(position)s – %(field)s") % {
                "position": int(parts[1]) + 1,
                "field": _field_label(DecisionItem, parts[2]),
            }
        elif key == "items":
            what = _("Danh mục thủ tục")
        elif key == "__all__":
            what = ""
        else:
            what = _field_label(AnnouncementDecision, key)
        rows.extend((what, message) for message in messages_)
    return rows


class DecisionActionView(WagtailAdminTemplateMixin, TemplateView):
    """Base of the decision actions: loads the decision (agency-scoped by the viewset's URL wrapper)."""

    template_name = "catalog/admin/decision_action.html"
    header_icon = "doc-full-inverse"
    action_label = ""
    explanation = ""
    submit_label = ""

    def dispatch(self, request, *args, **kwargs):
        self.decision = get_object_or_404(AnnouncementDecision, pk=kwargs["pk"])
        if not self.user_may_act():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def user_may_act(self) -> bool:
        return user_can_sign_decision(self.request.user, self.decision)

    @cached_property
    def edit_url(self) -> str:
        return reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[quote(self.decision.pk)])

    def get_page_title(self):
        return self.action_label

    def get_page_subtitle(self):
        return str(self.decision)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_catalog_announcementdecision:list"),
                "label": _("Quyết định công bố"),
            },
            {"url": self.edit_url, "label": str(self.decision)},
            {"url": "", "label": self.action_label},
        ]

    def problems(self) -> list[tuple[str, str]]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            process=decision_process(decision=self.decision, user=self.request.user, today=timezone.localdate()),
            decision=self.decision,
            items=list(self.decision.items.select_related("procedure", "successor").order_by("sort_order", "pk")),
            explanation=self.explanation,
            submit_label=self.submit_label,
            edit_url=self.edit_url,
        )
        context.setdefault("errors", self.problems())
        return context

    def perform(self) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform()
        except ValidationError as error:
            messages.error(request, _("Chưa thực hiện được: %(action)s.") % {"action": self.action_label})
            return self.render_to_response(self.get_context_data(errors=error_rows(error)))
        messages.success(request, message)
        return redirect(self.edit_url)


class DecisionApproveView(DecisionActionView):
    """ "Ký ban hành": the leader signs the decision; it then waits for its effective date."""

    action_label = gettext_lazy("Ký ban hành")
    submit_label = gettext_lazy("Ký ban hành")
    explanation = gettext_lazy(
        "Sau khi ký ban hành, quyết định chờ đến ngày có hiệu lực; khi đó các thủ tục trong danh mục được áp "
        "dụng cùng lúc (tự động hằng ngày, hoặc bằng thao tác “Áp dụng ngay”)."
    )

    def problems(self):
        if self.decision.status != DecisionStatus.DRAFT:
            return []
        return error_rows(ValidationError(decision_errors(decision=self.decision))) if self.decision.pk else []

    def perform(self) -> str:
        decision_approve(decision=self.decision, user=self.request.user)
        return _("Đã ký ban hành quyết định %(number)s; quyết định có hiệu lực từ ngày %(day)s.") % {
            "number": self.decision.number,
            "day": f"{self.decision.effective_on:%d/%m/%Y}",
        }


class DecisionApplyView(DecisionActionView):
    """ "Áp dụng ngay": apply a signed decision whose effective date has come, without waiting for cron."""

    action_label = gettext_lazy("Áp dụng ngay")
    submit_label = gettext_lazy("Áp dụng quyết định")
    explanation = gettext_lazy(
        "Mọi thủ tục trong danh mục được áp dụng cùng lúc kể từ ngày có hiệu lực của quyết định: thủ tục mới "
        "và được sửa đổi có phiên bản mới, thủ tục bị thay thế hoặc bãi bỏ hết hiệu lực. Có lỗi ở bất kỳ mục "
        "nào thì không mục nào được áp dụng."
    )

    def perform(self) -> str:
        decision_apply_now(decision=self.decision, today=timezone.localdate(), user=self.request.user)
        return _("Quyết định %(number)s đã được áp dụng; các thủ tục trong danh mục đã có hiệu lực.") % {
            "number": self.decision.number
        }


def national_entry_form(*, item: DecisionItem, data=None, prefix: str | None = None) -> NationalEntryForm:
    """The item's "đã nhập CSDL quốc gia" form; its ids name the item, so one page can hold many."""
    return NationalEntryForm(data, prefix=prefix, auto_id="id_%s" if prefix else f"id_%s_{item.pk}")


def national_entry_record(request, *, item: DecisionItem, form: NationalEntryForm) -> bool:
    """Record the day `form` gives for `item` (the service checks it against the decision); tell the user how it
    went. False leaves the reasons on the form. Shared by the decision's page and the checklist (exchange)."""
    if form.is_valid():
        try:
            procedure_mark_national_entry(item=item, entered_on=form.cleaned_data["entered_on"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("entered_on", message)
    if form.errors:
        messages.error(
            request,
            _("Chưa ghi nhận được ngày nhập của “%(procedure)s”: %(reasons)s")
            % {"procedure": item.procedure, "reasons": " ".join(form.errors.get("entered_on", []))},
        )
        return False
    messages.success(
        request,
        _("Đã ghi nhận: “%(procedure)s” đã nhập CSDL quốc gia ngày %(day)s.")
        % {"procedure": item.procedure, "day": f"{item.national_entered_on:%d/%m/%Y}"},
    )
    return True


class DecisionNationalEntryView(DecisionActionView):
    """The decision's items with a "Đã nhập CSDL quốc gia" date form per item not yet entered."""

    template_name = "catalog/admin/decision_national_entry.html"
    action_label = gettext_lazy("Ghi nhận nhập CSDL quốc gia")
    explanation = gettext_lazy(
        "Thủ tục đã công bố phải được nhập, công khai trên Cơ sở dữ liệu quốc gia trong thời hạn quy định sau "
        "ngày ký quyết định (Nghị định 63/2010/NĐ-CP, Điều 24). Nhập xong, ghi nhận ngày nhập của từng thủ tục."
    )

    def user_may_act(self) -> bool:
        return user_can_record_national_entry(self.request.user, self.decision)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for item in context["items"]:
            if not item.national_entered_on:
                item.entry_form = national_entry_form(item=item)
        context.update(media=NationalEntryForm().media)
        return context

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(
            DecisionItem.objects.select_related("procedure"), pk=request.POST.get("item"), decision=self.decision
        )
        item.decision = self.decision
        form = national_entry_form(item=item, data=request.POST)
        if not national_entry_record(request, item=item, form=form):
            label = _field_label(DecisionItem, "national_entered_on")
            rows = [(label, message) for message in form.errors.get("entered_on", [])]
            return self.render_to_response(self.get_context_data(errors=rows))
        return redirect(request.path)
