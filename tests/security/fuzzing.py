"""What the API fuzzing checks (shared by tests/security/test_api_fuzz.py and bench/fuzz.py), and its data."""

from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# No 5xx, and every answer as the OpenAPI document declares it (status code, content type, headers, body).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def fuzz_data() -> None:
    """A procedure in force and a feedback item, so that some generated keys can hit real rows."""
    from tests.factories.feedback import FeedbackFactory, procedure_in_force

    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")
    FeedbackFactory(tracking_code="ma-tra-cuu-thu")
