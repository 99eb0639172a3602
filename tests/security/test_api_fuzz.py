"""Property-based fuzzing of the public API from its own OpenAPI document (schemathesis, in-process WSGI).

Every operation of /api/v1/openapi.json gets ~25 generated requests that fit the schema and ~25 that do
not; each answer must not be a 5xx and must conform to the document: a declared status code, the declared
content type, headers and body schema. The long run (hundreds of examples per operation, counts per
endpoint) is bench/fuzz.py. (schemathesis' own pytest loader does not run under pytest 9, so the
operations are parametrized here and each runs its own hypothesis loop.)
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode

from tests.security.fuzzing import CHECKS, fuzz_data

pytestmark = pytest.mark.django_db
EXAMPLES = 25

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture
def fuzz_rows(settings):
    """Rows to hit; and, as Django's test client does, connections kept open across the WSGI requests (the
    request signals would otherwise close the test transaction's connection on PostgreSQL)."""
    settings.FEEDBACK_RATE_LIMIT_PER_HOUR = 1_000_000
    settings.FEEDBACK_RATE_LIMIT_PER_DAY = 1_000_000
    fuzz_data()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_api_answers_within_its_schema_and_never_5xx(fuzz_rows, operation, mode):
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    def fuzz(case):
        case.call_and_validate(checks=CHECKS)

    try:
        fuzz()
    except Unsatisfiable:
        # Negative mode on an operation whose every input is valid (a free string path parameter, a
        # multipart body without a declared schema): there is nothing invalid to send.
        pytest.skip("no input violates this operation's schema")
