"""timeliness_report: the JSON shape, and each file format."""

import io
import json

import pytest
from django.core.management import call_command

from catalog.choices import AgencyGroup
from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import DossierFactory, local
from timeliness.choices import DossierStatus, Outcome

pytestmark = pytest.mark.django_db
PERIOD = ["--from", "2019-01-01", "--to", "2019-03-31"]


@pytest.fixture
def data():
    agency = AgencyFactory(code="so-tp", name="Sở Tư pháp", group=AgencyGroup.DEPARTMENT)
    DossierFactory(
        agency=agency, resolved_at=local(2019, 3, 5, 9), status=DossierStatus.RESOLVED, outcome=Outcome.EARLY
    )
    DossierFactory(
        agency=agency, resolved_at=local(2019, 3, 20, 9), status=DossierStatus.RESOLVED, outcome=Outcome.LATE
    )
    return agency


def report_json(*extra):
    out = io.StringIO()
    call_command("timeliness_report", *PERIOD, "--format", "json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_json_rate_is_a_number(data):
    assert report_json()[0]["ty_le_dung_han"] == 50.0


def test_json_ends_with_the_total_row(data):
    assert report_json()[-1]["loai_dong"] == "tong"


def test_as_of_before_resolution_counts_pending(data):
    # As of 10/3/2019 the second dossier (due 8/3 17:00, resolved 20/3) was still open and past due.
    assert report_json("--as-of", "2019-03-10")[0]["qua_han"] == 1


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("pdf", b"%PDF"), ("csv", "\ufeff".encode())])
def test_file_formats_are_written(data, tmp_path, fmt, magic):
    path = tmp_path / f"bao-cao.{fmt}"
    call_command("timeliness_report", *PERIOD, "--format", fmt, "-o", str(path), stdout=io.StringIO())
    assert path.read_bytes().startswith(magic)
