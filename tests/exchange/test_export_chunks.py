"""Exports serialised in chunks: in worker processes (PostgreSQL) exactly as in this process; errors
and bad procedures reported, never a truncated file."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from catalog.models import Level
from exchange.selectors import procedures_for_export
from exchange.services import export_chunks
from exchange.services.exporting import ExportInvalid, procedures_export_json, procedures_export_xml
from exchange.services.importing import procedures_import
from tests.factories.exchange import ExchangeProcedureFactory, exchange_document

EXPORTS = {"json": procedures_export_json, "xml": procedures_export_xml}
STAMP = "2026-11-28T09:00:00+07:00"


def _exported(fmt: str, workers: int) -> tuple[bytes, int]:
    stream = io.BytesIO()
    count = EXPORTS[fmt](queryset=procedures_for_export(), stream=stream, generated_at=STAMP, workers=workers)
    return stream.getvalue(), count


def _import_procedures(count: int) -> None:
    # Transactional tests start without the levels the migrations seed.
    for code, name, order in (("tinh", "Cấp Tỉnh", 2), ("xa", "Cấp Xã", 4)):
        Level.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    procedures_import(document=exchange_document(*ExchangeProcedureFactory.build_batch(count)))


@pytest.fixture
def worker_runs(monkeypatch):
    """How many exports went through worker processes (the real function, counted)."""
    runs = []
    original = export_chunks._in_workers

    def counted(*args, **kwargs):
        runs.append(args[2])
        yield from original(*args, **kwargs)

    monkeypatch.setattr(export_chunks, "_in_workers", counted)
    return runs


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_export_in_workers_is_byte_identical_to_export_in_this_process(fmt, worker_runs):
    _import_procedures(export_chunks.CHUNK_SIZE * 2 + 17)
    alone, alone_count = _exported(fmt, workers=1)
    spread, spread_count = _exported(fmt, workers=2)
    assert worker_runs == [2]
    assert (spread, spread_count) == (alone, alone_count)
    assert spread_count == export_chunks.CHUNK_SIZE * 2 + 17


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_refused_procedure_in_a_worker_stops_the_export_with_its_code(worker_runs):
    _import_procedures(export_chunks.CHUNK_SIZE + 1)
    procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.999999", ten_thu_tuc="Tên\x0bsai"))
    )
    with pytest.raises(ExportInvalid, match="2.999999"):
        _exported("xml", workers=2)
    assert worker_runs == [2]


@pytest.mark.django_db
def test_workers_are_not_used_inside_a_transaction(worker_runs):
    _import_procedures(export_chunks.CHUNK_SIZE + 1)
    with transaction.atomic():
        assert not export_chunks.workers_possible()
        assert _exported("json", workers=2)[1] == export_chunks.CHUNK_SIZE + 1
    assert worker_runs == []


@pytest.mark.django_db
def test_xml_export_refuses_text_that_xml_cannot_carry():
    procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.999998", ten_thu_tuc="Tên\x0bsai"))
    )
    with pytest.raises(ExportInvalid, match="2.999998.*XML"):
        _exported("xml", workers=1)


@pytest.mark.django_db
def test_failed_command_export_leaves_no_file(tmp_path):
    procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.999997", ten_thu_tuc="Tên\x0bsai")),
        in_force_from=dt.date(2019, 1, 1),
    )
    target = tmp_path / "out.xml"
    with pytest.raises(CommandError, match="2.999997"):
        call_command("export_procedures", "--format", "xml", "-o", str(target), verbosity=0)
    assert list(tmp_path.iterdir()) == []


def test_command_refuses_zero_workers(tmp_path):
    with pytest.raises(CommandError, match="--workers"):
        call_command("export_procedures", "--format", "json", "--workers", "0", "-o", str(tmp_path / "x.json"))
