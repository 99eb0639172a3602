"""Validators for identifiers of the procedure domain."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Every form the national database issues, kept as received: `1.001193`, a local variant `1.012753.H19`,
# and the long form `1.001234.000.00.00.H55` (agency, field and level segments, then the locality).
PROCEDURE_CODE_PATTERN = r"\d\.\d{6}(?:\.[A-Z0-9]{1,10}){0,5}"
PROCEDURE_CODE_RE = re.compile(rf"^{PROCEDURE_CODE_PATTERN}$")


def validate_procedure_code(value: str) -> None:
    """National code `d.dddddd`, optionally followed by dot-separated segments (`.H19`, `.000.00.00.H55`)."""
    if not PROCEDURE_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Mã thủ tục “%(value)s” không hợp lệ: phải có dạng d.dddddd (ví dụ 1.001193), có thể thêm các đoạn "
                "chữ in hoa, chữ số sau dấu chấm như mã Cơ sở dữ liệu quốc gia cấp (1.012753.H19, "
                "1.001234.000.00.00.H55)."
            ),
            code="invalid_procedure_code",
            params={"value": value},
        )
