"""Streaming exports of catalog procedures (JSON and XML of `tthc-exchange/1`).

Procedures are read and serialised in chunks (`export_chunks`, optionally in worker processes) and
written in order, so memory stays flat in the number of procedures. Every exported record is validated
against the format's schema (the JSON Schema; the XSD too for XML) before it is written; a record that
fails is reported with its code, never silently written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from functools import cache
from typing import IO
from xml.sax.saxutils import quoteattr

import orjson
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from tqdm import tqdm

from catalog.models import Procedure
from exchange.mappers.tthc_json import FORMAT, KNOWN_KEYS, record_to_json
from exchange.mappers.tthc_xml import NAMESPACE, procedure_to_xml
from exchange.records import ProcedureRecord
from exchange.schemas import TTHC_XSD, procedure_problems
from exchange.selectors import ExportScope, procedure_records_in_order, version_records_in_order
from exchange.services.export_chunks import serialized_chunks


class ExportInvalid(Exception):
    """An exported record does not validate against the format's schema."""


def _generated_at() -> str:
    return timezone.localtime().replace(microsecond=0).isoformat()


def _checked(record: ProcedureRecord) -> dict:
    obj = record_to_json(record)
    problems = procedure_problems(obj)
    if problems:
        raise ExportInvalid(
            _("Bản ghi %(code)s không đúng lược đồ: %(problems)s")
            % {"code": record.code or record.name, "problems": "; ".join(f"{p}: {r}" for p, r in problems)}
        )
    return obj


def _json_records(records: list[ProcedureRecord]) -> tuple[bytes, int]:
    return b",\n".join(json_bytes(_checked(record)) for record in records), len(records)


def json_chunk(ids: list[int]) -> tuple[bytes, int]:
    """These procedures' working copies as `tthc-exchange/1` JSON objects, one per line, schema-checked."""
    return _json_records(procedure_records_in_order(ids))


def json_version_chunk(ids: list[int]) -> tuple[bytes, int]:
    """These published versions as JSON objects (see `version_records_in_order`)."""
    return _json_records(version_records_in_order(ids))


def json_draft_chunk(ids: list[int]) -> tuple[bytes, int]:
    """These procedures' working copies, marked as such (`ban_lam_viec`)."""
    return _json_records([replace(record, draft=True) for record in procedure_records_in_order(ids)])


def xml_chunk(ids: list[int]) -> tuple[bytes, int]:
    """These procedures as `<thu_tuc>` elements, one per line, each checked against the XSD."""
    return _xml_records(procedure_records_in_order(ids))


def xml_version_chunk(ids: list[int]) -> tuple[bytes, int]:
    return _xml_records(version_records_in_order(ids))


def xml_draft_chunk(ids: list[int]) -> tuple[bytes, int]:
    return _xml_records([replace(record, draft=True) for record in procedure_records_in_order(ids)])


def _xml_records(records: list[ProcedureRecord]) -> tuple[bytes, int]:
    schema = xml_schema()
    parser = etree.XMLParser(collect_ids=False, resolve_entities=False)
    elements = []
    for record in records:
        text = procedure_to_xml(_checked(record), KNOWN_KEYS).encode("utf-8")
        _validated_xml(schema, parser, text, record)
        elements.append(text)
    return b"\n".join(elements), len(records)


def _parts(queryset, scope: ExportScope | None, serializers: tuple) -> list[tuple]:
    """(ids, serializer) pairs to write in turn: a queryset's working copies, or a scope's three parts."""
    working, versions, drafts = serializers
    if scope is None:
        return [(queryset, working)]
    return [(scope.version_ids, versions), (scope.procedure_ids, working), (scope.draft_ids, drafts)]


def _count(ids) -> int:
    return ids.count() if isinstance(ids, QuerySet) else len(ids)


def _write_chunks(stream: IO[bytes], parts: list[tuple], *, separator: bytes, progress: bool, workers: int) -> int:
    total = sum(_count(ids) for ids, _serialize in parts) if progress else None
    count = 0
    with tqdm(total=total, desc=_("Xuất"), unit=_("thủ tục"), disable=not progress) as bar:
        for ids, serialize in parts:
            for data, chunk_count in serialized_chunks(ids, serialize, workers=workers):
                if chunk_count:
                    stream.write((separator if count else b"") + b"\n" + data)
                    count += chunk_count
                    bar.update(chunk_count)
    return count


def procedures_export_json(
    *,
    stream: IO[bytes],
    queryset: QuerySet[Procedure] | None = None,
    scope: ExportScope | None = None,
    generated_at: str | None = None,
    source_note: str | None = None,
    progress: bool = False,
    workers: int = 1,
) -> int:
    """Write a `tthc-exchange/1` document (UTF-8), one procedure per line. Returns how many were written.

    What it holds: a `scope` (`selectors.export_scope`: versions in force, a decision's items, working copies
    marked as drafts) or, given a `queryset` of procedures, their working copies. `workers` > 1 spreads the
    work over that many processes (see `export_chunks`)."""
    header = {"format": FORMAT, "generated_at": generated_at or _generated_at()}
    if source_note:
        header["source_note"] = source_note
    stream.write(json_bytes(header)[:-1] + b',"procedures":[')
    parts = _parts(queryset, scope, (json_chunk, json_version_chunk, json_draft_chunk))
    count = _write_chunks(stream, parts, separator=b",", progress=progress, workers=workers)
    stream.write(b"\n]}\n")
    return count


def json_bytes(value) -> bytes:
    """Compact UTF-8 JSON, non-ASCII kept (orjson; the json module for integers beyond 64 bits)."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@cache
def xml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(TTHC_XSD)))


def procedures_export_xml(
    *,
    stream: IO[bytes],
    queryset: QuerySet[Procedure] | None = None,
    scope: ExportScope | None = None,
    generated_at: str | None = None,
    progress: bool = False,
    workers: int = 1,
) -> int:
    """Write the XML rendering, each `<thu_tuc>` validated against the XSD before it is written."""
    stamp = quoteattr(generated_at or _generated_at())
    stream.write(
        f"<?xml version='1.0' encoding='utf-8'?>\n<thu_tuc_hanh_chinh xmlns=\"{NAMESPACE}\" "
        f'format="{FORMAT}" generated_at={stamp}>'.encode()
    )
    parts = _parts(queryset, scope, (xml_chunk, xml_version_chunk, xml_draft_chunk))
    count = _write_chunks(stream, parts, separator=b"", progress=progress, workers=workers)
    stream.write(b"\n</thu_tuc_hanh_chinh>\n")
    return count


def _validated_xml(schema: etree.XMLSchema, parser: etree.XMLParser, text: bytes, record: ProcedureRecord) -> None:
    code = record.code or record.name
    try:
        element = etree.fromstring(text, parser)
    except etree.XMLSyntaxError as exc:  # e.g. control characters, which XML 1.0 cannot carry
        raise ExportInvalid(
            _("Bản ghi %(code)s không ghi được thành XML: %(message)s") % {"code": code, "message": exc}
        ) from exc
    if not schema.validate(element):
        error = schema.error_log.last_error
        raise ExportInvalid(
            _("Bản ghi %(code)s không đúng XSD: dòng %(line)s: %(message)s")
            % {"code": code, "line": error.line, "message": error.message}
        )


def xml_document_problems(path) -> list[str]:
    """Validate a whole exported XML file against the XSD (for tests and staff checks)."""
    schema = xml_schema()
    document = etree.parse(str(path))
    if schema.validate(document):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]


def today() -> dt.date:
    return timezone.localdate()
