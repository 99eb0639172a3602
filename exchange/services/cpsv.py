"""CPSV-AP 3.x JSON-LD export (streamed).

The tests validate it with pyshacl (tests/exchange/shacl.py) against the official SEMIC CPSV-AP 3.2.0 shapes (vendored unmodified in
shapes/cpsv-ap-3.2.0/, CC BY 4.0, see NOTICE.md there) together with the project's minimal shapes
(schemas/cpsv-ap-minimal.shacl.ttl), which add checks the official ones leave open (a title and a
description on every service, durations typed xsd:duration).

`settings.EXCHANGE_REGION_NAME` (the province, e.g. "Tỉnh Sóc Trăng") fills the competent
authorities' `dct:spatial`; without it the export misses that required property.
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
from exchange.selectors import procedure_records_iter


def _region() -> str | None:
    return settings.EXCHANGE_REGION_NAME or None


def service_id(*, base_url: str, record: ProcedureRecord, slug: str | None = None) -> str:
    """The IRI of a procedure's public service: its JSON-LD address in the public API (by code, or by
    slug while the national database has not given it one)."""
    key = record.code or slug or vn_slugify(record.name, max_length=200)
    return f"{base_url.rstrip('/')}/api/v1/procedures/{key}.jsonld"


def procedure_jsonld(*, record: ProcedureRecord, base_url: str, slug: str | None = None) -> dict[str, Any]:
    """One procedure as a JSON-LD document."""
    node = record_to_cpsv(record, service_id=service_id(base_url=base_url, record=record, slug=slug), region=_region())
    return {"@context": CONTEXT, **node}


def procedures_export_jsonld(*, queryset: QuerySet[Procedure], stream: IO[str], base_url: str | None = None) -> int:
    """Write `{"@context": ..., "@graph": [...]}`, one service per line. Returns how many were written."""
    base_url = base_url or settings.WAGTAILADMIN_BASE_URL
    stream.write('{"@context": ' + json.dumps(CONTEXT) + ', "@graph": [')
    count = 0
    region = _region()
    for record in procedure_records_iter(queryset, catalog_keys=False):
        node = record_to_cpsv(record, service_id=service_id(base_url=base_url, record=record), region=region)
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(node, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count
