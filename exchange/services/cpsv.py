"""CPSV-AP 3.x JSON-LD export (streamed) and its SHACL validation with pyshacl.

The shapes are the project's minimal ones (schemas/cpsv-ap-minimal.shacl.ttl); the official SEMIC
shapes are not vendored yet (see the app's notes in the exchange issue).
"""

from __future__ import annotations

import json
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet

from catalog.models import Procedure
from catalog.text import vn_slugify
from exchange.mappers.cpsv import CONTEXT, record_to_cpsv
from exchange.records import ProcedureRecord
from exchange.schemas import SCHEMA_DIR
from exchange.selectors import procedure_records_iter

CPSV_SHAPES = SCHEMA_DIR / "cpsv-ap-minimal.shacl.ttl"


def service_id(*, base_url: str, record: ProcedureRecord, slug: str | None = None) -> str:
    """The IRI of a procedure's public service: its JSON-LD address in the public API (by code, or by
    slug while the national database has not given it one)."""
    key = record.code or slug or vn_slugify(record.name, max_length=200)
    return f"{base_url.rstrip('/')}/api/v1/procedures/{key}.jsonld"


def procedure_jsonld(*, record: ProcedureRecord, base_url: str, slug: str | None = None) -> dict[str, Any]:
    """One procedure as a JSON-LD document."""
    node = record_to_cpsv(record, service_id=service_id(base_url=base_url, record=record, slug=slug))
    return {"@context": CONTEXT, **node}


def procedures_export_jsonld(*, queryset: QuerySet[Procedure], stream: IO[str], base_url: str | None = None) -> int:
    """Write `{"@context": ..., "@graph": [...]}`, one service per line. Returns how many were written."""
    base_url = base_url or settings.WAGTAILADMIN_BASE_URL
    stream.write('{"@context": ' + json.dumps(CONTEXT) + ', "@graph": [')
    count = 0
    for record in procedure_records_iter(queryset, catalog_keys=False):
        node = record_to_cpsv(record, service_id=service_id(base_url=base_url, record=record))
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(node, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def jsonld_shacl_problems(document: dict[str, Any] | str) -> list[str]:
    """SHACL violations of a JSON-LD document against the CPSV-AP shapes ([] when it conforms)."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import SH

    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    data = Graph().parse(data=text, format="json-ld")
    shapes = Graph().parse(str(CPSV_SHAPES), format="turtle")
    conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    if conforms:
        return []
    return sorted(
        f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
        f"{report.value(result, SH.resultMessage)}"
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    )
