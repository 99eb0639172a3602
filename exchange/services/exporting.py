"""Streaming exports of catalog procedures (JSON and XML of `tthc-exchange/1`).

Records are read in chunks (`selectors.procedure_records_iter`) and written one by one, so memory stays
flat in the number of procedures. Every exported record is validated against the format's schema
before it is written; a record that fails is a bug, reported with its code, never silently written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import cache
from typing import IO

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
    stream: IO[str],
    generated_at: str | None = None,
    source_note: str | None = None,
    progress: bool = False,
) -> int:
    """Write a `tthc-exchange/1` document, one procedure per line. Returns how many were written."""
    header = {"format": FORMAT, "generated_at": generated_at or _generated_at()}
    if source_note:
        header["source_note"] = source_note
    head = json.dumps(header, ensure_ascii=False)
    stream.write(head[:-1] + ', "procedures": [')
    count = 0
    for record in _records(queryset, progress):
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(_checked(record), ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


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
    count = 0
    with etree.xmlfile(stream, encoding="utf-8") as xf:
        xf.write_declaration()
        attributes = {"format": FORMAT, "generated_at": generated_at or _generated_at()}
        with xf.element(f"{{{NAMESPACE}}}thu_tuc_hanh_chinh", attributes, nsmap={None: NAMESPACE}):
            for record in _records(queryset, progress):
                element = procedure_to_xml(_checked(record), KNOWN_KEYS)
                if not schema.validate(element):
                    error = schema.error_log.last_error
                    raise ExportInvalid(
                        _("Bản ghi %(code)s không đúng XSD: dòng %(line)s: %(message)s")
                        % {"code": record.code or record.name, "line": error.line, "message": error.message}
                    )
                xf.write(element, pretty_print=True)
                count += 1
    return count


def xml_document_problems(path) -> list[str]:
    """Validate a whole exported XML file against the XSD (for tests and staff checks)."""
    schema = xml_schema()
    document = etree.parse(str(path))
    if schema.validate(document):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]


def today() -> dt.date:
    return timezone.localdate()
