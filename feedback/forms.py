"""Forms: the public submission (shared by the HTML form and the API), lookup, and staff actions.

Field names of the submission form are the API's (`ho_ten`, `dien_thoai`, ...), so one set of rules and
one set of Vietnamese messages serve both.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.admin_widgets import VietnameseDateInput
from catalog.models import Agency
from feedback.attachments import AttachmentError, attachments_check
from feedback.choices import Classification, FeedbackKind, FeedbackStatus, SenderType
from feedback.selectors import procedure_in_force_get
from feedback.services import FeedbackInput

PHONE_RE = re.compile(r"^\+?[0-9][0-9 .\-()]{6,20}$")
TITLE_MAX = 250
CONTENT_MIN = 20
CONTENT_MAX = 10_000


class AccessibleFormMixin:
    """Links help texts and errors to their inputs (aria-describedby, aria-invalid) for screen readers."""

    def _link_descriptions(self) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}_help")
            if self.is_bound and self.errors.get(name):
                ids.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self._link_descriptions()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class FeedbackForm(AccessibleFormMixin, forms.Form):
    """A submission; missing identity is refused with a message naming exactly what is missing."""

    loai_nguoi_gui = forms.ChoiceField(
        label=_("Người gửi là"),
        choices=SenderType.choices,
        initial=SenderType.INDIVIDUAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn người gửi là cá nhân hay tổ chức.")},
    )
    ho_ten = forms.CharField(
        label=_("Họ và tên (hoặc tên tổ chức)"),
        max_length=200,
        error_messages={"required": _("Cần ghi họ và tên người gửi (hoặc tên tổ chức).")},
    )
    dia_chi = forms.CharField(
        label=_("Địa chỉ"),
        max_length=500,
        error_messages={"required": _("Cần ghi địa chỉ của người gửi.")},
    )
    dien_thoai = forms.CharField(
        label=_("Số điện thoại"),
        max_length=32,
        required=False,
        help_text=_("Ghi số điện thoại hoặc địa chỉ thư tín (ít nhất một)."),
    )
    dia_chi_thu_tin = forms.CharField(
        label=_("Địa chỉ thư tín"), max_length=500, required=False, help_text=_("Nơi nhận thư trả lời, nếu khác.")
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        help_text=_("Để nhận thông báo tiếp nhận và trả lời."),
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    loai = forms.ChoiceField(
        label=_("Nội dung phản ánh, kiến nghị về"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn nội dung phản ánh, kiến nghị."),
            "invalid_choice": _("Nội dung phản ánh “%(value)s” không thuộc các loại của Nghị định 20/2008/NĐ-CP."),
        },
    )
    ma_thu_tuc = forms.CharField(
        label=_("Mã thủ tục hành chính liên quan (không bắt buộc)"),
        max_length=32,
        required=False,
        help_text=_("Ví dụ 1.001193. Chưa biết mã? Dùng trang tìm thủ tục."),
    )
    quy_dinh_lien_quan = forms.CharField(
        label=_("Quy định hành chính được phản ánh (không bắt buộc)"),
        max_length=500,
        required=False,
        help_text=_("Tên văn bản, điều, khoản nếu biết."),
    )
    tieu_de = forms.CharField(
        label=_("Tiêu đề"),
        max_length=TITLE_MAX,
        error_messages={
            "required": _("Cần ghi tiêu đề."),
            "max_length": _("Tiêu đề dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."),
        },
    )
    noi_dung = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 10}),
        min_length=CONTENT_MIN,
        max_length=CONTENT_MAX,
        help_text=_("Viết bằng tiếng Việt, rõ ràng, từ 20 đến 10.000 ký tự."),
        error_messages={
            "required": _("Cần ghi nội dung phản ánh, kiến nghị."),
            "min_length": _("Nội dung quá ngắn: cần ít nhất %(limit_value)d ký tự (hiện có %(show_value)d)."),
            "max_length": _("Nội dung dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."),
        },
    )
    tep_dinh_kem = MultipleFileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("Tối đa 5 tệp PDF, JPEG, PNG hoặc DOCX; tổng dung lượng không quá 10 MB."),
    )
    dong_y_xu_ly_du_lieu = forms.BooleanField(
        label=_(
            "Tôi đồng ý để cơ quan tiếp nhận xử lý dữ liệu cá nhân nêu trên chỉ nhằm giải quyết phản ánh, "
            "kiến nghị này, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15."
        ),
        error_messages={"required": _("Cần đồng ý cho xử lý dữ liệu cá nhân thì mới tiếp nhận được phản ánh.")},
    )
    cho_phep_cong_khai = forms.BooleanField(
        label=_("Cho phép công khai câu hỏi (đã bỏ thông tin cá nhân) và nội dung trả lời."),
        required=False,
    )

    def clean_ho_ten(self) -> str:
        return self.cleaned_data["ho_ten"].strip()

    def clean_dien_thoai(self) -> str:
        phone = self.cleaned_data["dien_thoai"].strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Số điện thoại “%(phone)s” không hợp lệ.") % {"phone": phone})
        return phone

    def clean_ma_thu_tuc(self) -> str:
        code = self.cleaned_data["ma_thu_tuc"].strip()
        if code:
            self.procedure_version = procedure_in_force_get(code=code)
            if self.procedure_version is None:
                raise forms.ValidationError(
                    _("Không tìm thấy thủ tục đang có hiệu lực có mã “%(code)s”.") % {"code": code}
                )
        return code

    def clean_tep_dinh_kem(self) -> list:
        files = self.cleaned_data.get("tep_dinh_kem") or []
        try:
            attachments_check(files)
        except AttachmentError as error:
            raise forms.ValidationError(str(error))
        return files

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            # U+FFFD is what Django decodes bytes that are not UTF-8 into: refuse them, never store them.
            if isinstance(value, str) and "\ufffd" in value:
                self.add_error(name, _("Có ký tự không đọc được (không phải mã UTF-8). Vui lòng gõ lại."))
        phone = cleaned.get("dien_thoai", "")
        mailing = (cleaned.get("dia_chi_thu_tin") or "").strip()
        if not phone and not mailing and "dien_thoai" not in self.errors:
            message = _("Cần ghi số điện thoại hoặc địa chỉ thư tín (ít nhất một).")
            self.add_error("dien_thoai", message)
            self.add_error("dia_chi_thu_tin", message)
        return cleaned

    def to_input(self) -> FeedbackInput:
        data = self.cleaned_data
        version = getattr(self, "procedure_version", None) if data.get("ma_thu_tuc") else None
        return FeedbackInput(
            sender_type=data["loai_nguoi_gui"],
            sender_name=data["ho_ten"],
            sender_address=data["dia_chi"].strip(),
            sender_phone=data["dien_thoai"],
            sender_mailing_address=data["dia_chi_thu_tin"].strip(),
            sender_email=data["email"],
            kind=data["loai"],
            title=data["tieu_de"].strip(),
            content=data["noi_dung"].strip(),
            allow_publication=bool(data.get("cho_phep_cong_khai")),
            procedure=version.procedure if version else None,
            procedure_code=version.code if version else "",
            procedure_name=version.name if version else "",
            regulation=data.get("quy_dinh_lien_quan", "").strip(),
        )


class PublicFeedbackForm(FeedbackForm):
    """The HTML form adds a honeypot that people never see and bots fill in."""

    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class LookupForm(AccessibleFormMixin, forms.Form):
    ma_tra_cuu = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=64,
        help_text=_(
            "Mã được cấp khi gửi phản ánh, kiến nghị, dạng XXXX-XXXX-XX (10 ký tự); "
            "không phân biệt chữ hoa, chữ thường."
        ),
        error_messages={"required": _("Nhập mã tra cứu.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(label=_("Tên hoặc mã thủ tục"), max_length=200, required=False)


# --- staff ------------------------------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả"))] + FeedbackStatus.choices, required=False
    )
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Agency.objects.all(), required=False)
    kind = forms.ChoiceField(label=_("Nội dung"), choices=[("", _("Tất cả"))] + FeedbackKind.choices, required=False)
    overdue = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)


class ClassifyForm(forms.Form):
    decision = forms.ChoiceField(label=_("Phân loại"), choices=Classification.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Lý do không tiếp nhận"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    forwarded_to = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=255, required=False)
    agency = forms.ModelChoiceField(
        label=_("Giao cơ quan xử lý (khi tiếp nhận)"), queryset=Agency.objects.all(), required=False
    )


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan xử lý"), queryset=Agency.objects.all())


class AnswerDraftForm(forms.Form):
    public_title = forms.CharField(label=_("Tiêu đề công khai"), max_length=250, required=False)
    public_question = forms.CharField(
        label=_("Câu hỏi công khai (đã bỏ dữ liệu cá nhân)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    answer = forms.CharField(label=_("Nội dung trả lời"), required=False, widget=forms.Textarea(attrs={"rows": 8}))


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Kết quả duyệt"),
        choices=[("1", _("Duyệt")), ("0", _("Trả lại để sửa"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=VietnameseDateInput())
    end = forms.DateField(label=_("Đến ngày"), widget=VietnameseDateInput())
