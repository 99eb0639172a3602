"""Forms of the exchange app's admin views."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.admin_widgets import VietnameseDateInput


class ChecklistFilterForm(forms.Form):
    """Which changes the package covers: one decision, or decisions signed since a date."""

    quyet_dinh = forms.CharField(label=_("Số quyết định"), required=False, max_length=100)
    tu_ngay = forms.DateField(
        label=_("Ký từ ngày"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],  # typed the Vietnamese way; ISO links keep working
        widget=VietnameseDateInput(),
        help_text=_("Ngày ký theo dạng dd/mm/yyyy."),
    )
    chua_nhap = forms.BooleanField(label=_("Chỉ thủ tục chưa nhập"), required=False)

    def selection(self) -> dict[str, str | dt.date | bool | None]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "decision_number": (data.get("quyet_dinh") or "").strip() or None,
            "changed_since": data.get("tu_ngay"),
            "pending_only": bool(data.get("chua_nhap")),
        }


class AnnexImportForm(forms.Form):
    """An annex workbook to start a draft decision from, and the decision's number if not the heading's."""

    MAX_BYTES = 10 * 1024 * 1024

    tep = forms.FileField(
        label=_("Tệp phụ lục (Excel .xlsx)"),
        help_text=_(
            "Phụ lục danh mục thủ tục theo mẫu Thông tư 02/2017/TT-VPCP, như trang “Tải phụ lục (Excel)” xuất ra."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    so_quyet_dinh = forms.CharField(
        label=_("Số quyết định"),
        required=False,
        max_length=100,
        help_text=_("Để trống để dùng số ghi trong tiêu đề phụ lục, ví dụ 345/QĐ-UBND."),
    )

    def clean_tep(self):
        upload = self.cleaned_data["tep"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        return upload
