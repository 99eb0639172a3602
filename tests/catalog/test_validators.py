"""National procedure codes: every form the national database issues is accepted and kept as received."""

import pytest
from django.core.exceptions import ValidationError

from catalog.validators import validate_procedure_code

CODE_FORMS = ("1.001193", "1.012753.H19", "1.001234.000.00.00.H55")


@pytest.mark.parametrize("code", CODE_FORMS)
def test_every_national_form_is_accepted(code):
    validate_procedure_code(code)


@pytest.mark.parametrize("code", ("1.0011", "1.001193.", "1.001193.h19", "1.001193..H19", "X.001193", " 1.001193"))
def test_malformed_code_is_refused(code):
    with pytest.raises(ValidationError):
        validate_procedure_code(code)
