"""Streaming exports of catalog procedures (JSON and XML of `tthc-exchange/1`).

Records are read in chunks (`selectors.procedure_records_iter`) and written one by one, so memory stays
flat in the number of procedures. Every exported record is validated against the format's schema
(the JSON Schema; the XSD too for XML) before it is written; a record that fails is reported with its
code, never silently written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
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
from exchange.selectors import procedure_records_iter


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


def _records(queryset: QuerySet[Procedure], progress: bool) -> Iterable[ProcedureRecord]:
    total = queryset.count() if progress else None
    return tqdm(procedure_records_iter(queryset), total=total, desc=_("Xuất"), unit=_("thủ tục"), disable=not progress)


def procedures_export_json(
    *,
    queryset: QuerySet[Procedure],
    stream: IO[bytes],
    generated_at: str | None = None,
    source_note: str | None = None,
    progress: bool = False,
) -> int:
    """Write a `tthc-exchange/1` document (UTF-8), one procedure per line. Returns how many were written."""
    header = {"format": FORMAT, "generated_at": generated_at or _generated_at()}
    if source_note:
        header["source_note"] = source_note
    stream.write(json_bytes(header)[:-1] + b',"procedures":[')
    separator = b"\n"
    count = 0
    for record in _records(queryset, progress):
        stream.write(separator + json_bytes(_checked(record)))
        separator = b",\n"
        count += 1
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
    queryset: QuerySet[Procedure],
    stream: IO[bytes],
    generated_at: str | None = None,
    progress: bool = False,
) -> int:
    """Write the XML rendering, each `<thu_tuc>` validated against the XSD before it is written."""
    schema = xml_schema()
    stamp = quoteattr(generated_at or _generated_at())
    stream.write(
        f"<?xml version='1.0' encoding='utf-8'?>\n<thu_tuc_hanh_chinh xmlns=\"{NAMESPACE}\" "
        f'format="{FORMAT}" generated_at={stamp}>'.encode()
    )
    count = 0
    for record in _records(queryset, progress):
        text = procedure_to_xml(_checked(record), KNOWN_KEYS).encode("utf-8")
        _validated_xml(schema, text, record)
        stream.write(b"\n" + text)
        count += 1
    stream.write(b"\n</thu_tuc_hanh_chinh>\n")
    return count


def _validated_xml(schema: etree.XMLSchema, text: bytes, record: ProcedureRecord) -> None:
    code = record.code or record.name
    try:
        element = etree.fromstring(text)
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
