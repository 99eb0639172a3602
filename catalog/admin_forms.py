"""Forms of the catalog admin: list fields as "one item per line", agency-scoped choices, slug defaults."""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm

from catalog.admin_widgets import VietnameseDateInput
from catalog.collation import order_by_vietnamese
from catalog.models import Agency, Procedure, ReceptionPlace
from catalog.permissions import user_agency_id, user_sees_all_agencies
from catalog.services.decisions import decision_items_scope_errors
from catalog.text import vn_slugify


class LinesField(forms.CharField):
    """A JSON list of strings edited as a textarea, one item per line; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(item).strip() for item in value if str(item).strip()]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class CodesTextarea(forms.Textarea):
    """Shows a list of codes one per line."""

    def format_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(item) for item in value if item)
        return super().format_value(value)


class ProcedureCodesField(forms.ModelMultipleChoiceField):
    """Related procedures entered by national code, one per line (a select of thousands does not scale).

    Each line (or comma/semicolon-separated entry) must be the code of an existing procedure; unknown codes
    are refused by name. Only procedures with a code can be referenced this way.
    """

    widget = CodesTextarea(attrs={"rows": 3, "placeholder": "1.001193"})
    default_error_messages = {
        "invalid_choice": _("Không có thủ tục nào mang mã %(value)s."),
        "invalid_pk_value": _("“%(pk)s” không phải là mã thủ tục hợp lệ."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=Procedure.objects.all(), to_field_name="code", **kwargs)

    @staticmethod
    def split(value) -> list[str]:
        if isinstance(value, str):
            return [part.strip() for part in re.split(r"[\n,;]+", value) if part.strip()]
        return list(value or [])

    def clean(self, value):
        return super().clean(list(dict.fromkeys(self.split(value))))

    def has_changed(self, initial, data):
        initial_codes = set(self.split(self.prepare_value(initial or [])))
        return initial_codes != set(self.split(data))


# Slug of a record saved before it has a name: replaced by one from the name as soon as it has one.
DRAFT_SLUG_PREFIX = "ban-nhap"


def _unique_slug(model, base: str, *, exclude_pk) -> str:
    base = base or f"{DRAFT_SLUG_PREFIX}-{uuid.uuid4().hex[:8]}"
    candidate, number = base, 2
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager.all()
    while others.filter(slug=candidate).exists():
        candidate = f"{base[:240]}-{number}"
        number += 1
    return candidate


def _is_derived_slug(slug: str, name: str) -> bool:
    """Whether `slug` is what the software made from `name` (or a draft placeholder), not typed by staff."""
    if not slug or slug.startswith(f"{DRAFT_SLUG_PREFIX}-"):
        return True
    base = vn_slugify(name or "")
    return bool(base) and (slug == base or re.fullmatch(rf"{re.escape(base[:240])}-\d+", slug) is not None)


def slug_following_name(form, *, name: str, fixed: bool) -> str:
    """The slug to save: derived from `name` while staff leave it blank, or — until the record is `fixed`
    (first published, first posted) — while it is still the one derived from the previous name.

    A slug staff typed themselves is kept; so is every slug once the record is fixed (public URLs stay).
    """
    model = form._meta.model
    typed = (form.cleaned_data.get("slug") or "").strip()
    if typed.startswith(f"{DRAFT_SLUG_PREFIX}-"):
        typed = ""  # a placeholder is never a slug staff chose
    previous = form.instance.slug if form.instance.pk else ""
    previous_name = form.initial.get("name") or ""
    if typed and (fixed or typed != previous or not _is_derived_slug(previous, previous_name)):
        return typed  # typed by staff (a clash is reported by the unique check), or fixed
    if fixed and previous:
        return previous
    if previous and _is_derived_slug(previous, name) and not previous.startswith(f"{DRAFT_SLUG_PREFIX}-"):
        return previous  # already follows the current name
    if not name and previous:
        return previous  # still no name: keep the placeholder
    return _unique_slug(model, vn_slugify(name or ""), exclude_pk=form.instance.pk)


class SlugFollowsNameMixin:
    """An admin form whose slug follows the record's name (slug_following_name) until `slug_is_fixed()`."""

    def slug_is_fixed(self) -> bool:
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields:
            fixed = bool(self.instance.pk) and self.slug_is_fixed()
            cleaned_data["slug"] = slug_following_name(self, name=(cleaned_data.get("name") or "").strip(), fixed=fixed)
        return cleaned_data


class ProcedureAdminForm(SlugFollowsNameMixin, WagtailAdminModelForm):
    """Edit form of a procedure: list fields one per line; department staff draft for their agency only."""

    applicants = LinesField(label=_("Đối tượng thực hiện"), help_text=_("Mỗi dòng một đối tượng."))
    results = LinesField(label=_("Kết quả thực hiện"), help_text=_("Mỗi dòng một kết quả."))
    keywords = LinesField(label=_("Từ khóa"), help_text=_("Mỗi dòng một từ khóa, dùng cho tìm kiếm."))
    related_procedures = ProcedureCodesField(
        label=_("Thủ tục liên quan"),
        help_text=_("Mã thủ tục liên quan (dạng 1.001193), mỗi dòng một mã."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Để trống để tự tạo từ tên thủ tục. Cho tới khi thủ tục được duyệt lần đầu, đường dẫn tự đổi theo tên."
            )
        _limit_agency_field(self, "owner_agency")

    def clean_related_procedures(self):
        related = self.cleaned_data.get("related_procedures")
        if related is not None and self.instance.pk and related.filter(pk=self.instance.pk).exists():
            raise ValidationError(_("Thủ tục không thể liên quan đến chính nó."))
        return related

    def slug_is_fixed(self) -> bool:
        return Procedure.objects.filter(pk=self.instance.pk, first_published_at__isnull=False).exists()


class DossierItemAdminForm(WagtailAdminModelForm):
    """One dossier paper; its forms are entered one per line."""

    forms = LinesField(label=_("Mẫu đơn, tờ khai"), help_text=_("Mỗi dòng một mẫu đơn, tờ khai kèm theo."))


def _limit_agency_field(form, field_name: str) -> None:
    """For department staff, the agency field offers only their own agency (and defaults to it)."""
    user = form.for_user
    if field_name not in form.fields or user is None or user_sees_all_agencies(user):
        return
    agency_id = user_agency_id(user)
    field = form.fields[field_name]
    field.queryset = Agency.objects.filter(pk=agency_id)
    field.required = True
    field.empty_label = None
    field.widget = forms.Select(choices=field.choices)
    if not getattr(form.instance, f"{field_name}_id") and agency_id:
        form.initial[field_name] = agency_id


class DecisionAdminForm(WagtailAdminModelForm):
    """Edit form of an announcement decision; departments propose decisions for their own agency and put in
    it only procedures their agency may act on (checked by the decisions service, item by item)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_agency_field(self, "proposing_agency")

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("items") if self.for_user is not None else None
        if formset is None:
            return valid
        forms_by_index, entries = {}, []
        for index, item_form in enumerate(formset.forms):
            data = getattr(item_form, "cleaned_data", None) or {}
            chosen = {"procedure", "successor"} & set(item_form.changed_data)
            if not data or formset._should_delete_form(item_form) or not chosen:
                continue  # unchanged items were put in by whoever saved them before
            forms_by_index[index] = item_form
            entries.append((index, data.get("procedure"), data.get("successor")))
        errors = decision_items_scope_errors(user=self.for_user, items=entries)
        for key, messages in errors.items():
            _items, index, field_name = key.split("-")
            for message in messages:
                forms_by_index[int(index)].add_error(field_name, message)
        return valid and not errors


class ReceptionPlaceAdminForm(SlugFollowsNameMixin, WagtailAdminModelForm):
    """Edit form of a reception place: its slug is made from its name until the place is first posted; a
    procedure is never both added and removed (ProcedureChoicesFormSet refuses one chosen twice)."""

    def _chosen_procedures(self, relation: str) -> list:
        formset = self.formsets.get(relation)
        if formset is None:
            return []
        return [
            form.cleaned_data["procedure"]
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("procedure")
            and not form.cleaned_data.get("DELETE")
        ]

    def is_valid(self):
        if not super().is_valid():
            return False
        removed = {procedure.pk for procedure in self._chosen_procedures("posting_exclusions")}
        both = [procedure for procedure in self._chosen_procedures("posting_additions") if procedure.pk in removed]
        for procedure in both:
            self.add_error(
                None,
                _("Thủ tục “%(procedure)s” vừa được chọn niêm yết thêm vừa được chọn không niêm yết.")
                % {"procedure": procedure},
            )
        return not both

    def slug_is_fixed(self) -> bool:
        return ReceptionPlace.objects.filter(pk=self.instance.pk, posted_at__isnull=False).exists()


class ProcedureChoicesFormSet(BaseChildFormSet):
    """Rows that each choose one procedure: choosing the same one twice reads as such, in Vietnamese."""

    def get_unique_error_message(self, unique_check):
        return _("Mỗi thủ tục chỉ được chọn một lần; hãy bỏ dòng trùng.")


# --- Agency rename and merge (the 2025 reorganisation) -----------------------------------------------------


class AgencyRenameForm(forms.Form):
    """The new name of an agency and the day it takes effect; the old name stays in the agency's history."""

    new_name = forms.CharField(
        label=_("Tên mới"),
        max_length=255,
        help_text=_("Tên chính thức theo quyết định đổi tên, ví dụ “Sở Nông nghiệp và Môi trường”."),
    )
    new_short_name = forms.CharField(
        label=_("Tên viết tắt mới"),
        max_length=100,
        required=False,
        help_text=_("Để trống để giữ tên viết tắt hiện tại."),
    )
    on = forms.DateField(
        label=_("Dùng tên mới từ ngày"),
        widget=VietnameseDateInput,
        help_text=_("Ngày quyết định đổi tên có hiệu lực. Thủ tục, quyết định trước ngày này vẫn hiện tên cũ."),
    )


class AgencyMergeForm(forms.Form):
    """The agency that takes over and the day of the merger."""

    into = forms.ModelChoiceField(
        label=_("Sáp nhập vào"),
        queryset=Agency.objects.none(),
        widget=forms.Select,
        help_text=_("Cơ quan nhận lại nhiệm vụ; chỉ liệt kê cơ quan đang hoạt động."),
    )
    on = forms.DateField(
        label=_("Ngày sáp nhập"),
        widget=VietnameseDateInput,
        help_text=_("Ngày quyết định sáp nhập có hiệu lực: từ ngày này cơ quan thôi hoạt động."),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = Agency.objects.filter(valid_until__isnull=True, successor__isnull=True).exclude(pk=agency.pk)
        self.fields["into"].queryset = order_by_vietnamese(candidates, "name")


class NationalEntryForm(forms.Form):
    """The day one decision item was entered in the national database: the one form of the decision's
    national-entry page and of the national-entry checklist (template catalog/admin/includes/national_entry_form.html).
    """

    entered_on = forms.DateField(
        label=_("Ngày nhập CSDL quốc gia"),
        help_text=_("Ngày thủ tục được nhập, công khai trên Cơ sở dữ liệu quốc gia."),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=VietnameseDateInput(),
        initial=timezone.localdate,
        error_messages={"invalid": _("Ngày nhập CSDL quốc gia không hợp lệ (dd/mm/yyyy).")},
    )
