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
