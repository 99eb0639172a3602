"""The migration that binds dossier sources to agencies keeps what existing sources did."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("timeliness", "0003_dossier_imported_at_last_change")
AFTER = ("timeliness", "0004_source_system_bound_to_agencies")


def _migrate(target):
    """Migrates timeliness to `target` and every other app to its latest migration; `None`: everything latest."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = [node for node in executor.loader.graph.leaf_nodes() if target is None or node[0] != target[0]]
    targets += [target] if target is not None else []
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def sources_before_binding():
    """A token source that wrote for one agency and a file source, as they stood before the migration."""
    apps = _migrate(BEFORE)
    Agency = apps.get_model("catalog", "Agency")
    SourceSystem = apps.get_model("timeliness", "SourceSystem")
    Dossier = apps.get_model("timeliness", "Dossier")
    written, _other = Agency.objects.create(code="so-tp", name="Sở TP"), Agency.objects.create(code="so-yt", name="YT")
    api = SourceSystem.objects.create(name="mot-cua-api", token_prefix="abcdefgh", token_hash="0" * 64)
    SourceSystem.objects.create(name="tep-csv")
    moment = dt.datetime(2019, 3, 1, 2, tzinfo=dt.UTC)
    Dossier.objects.create(
        source=api,
        code="HS1",
        agency=written,
        received_at=moment,
        status="dang_giai_quyet",
        outcome="trong_han",
        imported_at=moment,
    )
    yield
    _migrate(None)


def test_a_token_source_stays_bound_to_the_agencies_it_wrote_for(sources_before_binding):
    apps = _migrate(AFTER)
    source = apps.get_model("timeliness", "SourceSystem").objects.get(name="mot-cua-api")

    assert (source.all_agencies, list(source.agencies.values_list("code", flat=True))) == (False, ["so-tp"])


def test_a_file_source_stays_open_to_every_agency(sources_before_binding):
    apps = _migrate(AFTER)

    assert apps.get_model("timeliness", "SourceSystem").objects.get(name="tep-csv").all_agencies
