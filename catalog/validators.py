"""Validators for identifiers of the procedure domain."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}(\.[A-Z0-9]{1,10})?$")


def validate_procedure_code(value: str) -> None:
    """National code `d.dddddd`, optionally with a local suffix such as `.H19`."""
    if not PROCEDURE_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Mã thủ tục “%(value)s” không hợp lệ: phải có dạng d.dddddd (ví dụ 1.001193), có thể thêm hậu tố địa phương (1.012753.H19)."
            ),
            code="invalid_procedure_code",
            params={"value": value},
        )
