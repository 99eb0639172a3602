"""Enumerations of the timeliness app (values are the `ho-so/1` exchange values, labels Vietnamese)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    """`trang_thai` of a dossier as the one-stop system reports it."""

    RESOLVED = "da_giai_quyet", _("Đã giải quyết")
    PENDING = "dang_giai_quyet", _("Đang giải quyết")
    REFUSED = "tu_choi", _("Từ chối giải quyết")
    WITHDRAWN = "rut_ho_so", _("Rút hồ sơ")


class Outcome(models.TextChoices):
    """A dossier measured against its due date (domain guide, "Outcomes of a dossier")."""

    EARLY = "truoc_han", _("Trước hạn")
    ON_TIME = "dung_han", _("Đúng hạn")
    LATE = "tre_han", _("Trễ hạn")
    PENDING = "trong_han", _("Đang giải quyết, trong hạn")
    OVERDUE = "qua_han", _("Đang giải quyết, quá hạn")
    REFUSED = "tu_choi", _("Từ chối giải quyết")
    WITHDRAWN = "rut_ho_so", _("Rút hồ sơ")
    UNDETERMINED = "chua_xac_dinh", _("Chưa xác định được hạn")
