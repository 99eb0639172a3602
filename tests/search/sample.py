"""A minimal loader of the sample procedures (data/procedures.json.xz) into catalog rows + versions in force.

Kept small on purpose: name, code, field, levels, steps, channels, agencies, applicants, results, keywords,
description — what search reads. Also used by bench/search_quality.py and
bench/search_speed.py (which adds synthetic variations).
"""

import datetime as dt
import json
import lzma
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction

from catalog.choices import AgencyRole, Channel, ProcedureStatus
from catalog.models import Field, Level, Procedure, ProcedureAgency, ProcedureChannel, ProcedureStep
from catalog.services.versions import versions_create_baseline
from catalog.text import vn_slugify

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "procedures.json.xz"
JUDGMENTS = ROOT / "data" / "search-judgments.json"
VALID_FROM = dt.date(2020, 1, 1)
_LEVELS = {"cấp bộ": "bo", "cấp tỉnh": "tinh", "cấp huyện": "huyen", "cấp xã": "xa"}
_CHANNELS = {"trực tiếp": Channel.IN_PERSON, "trực tuyến": Channel.ONLINE, "dịch vụ bưu chính": Channel.POSTAL}


@contextmanager
def index_updates_paused():
    """Load without the search index following each commit (benches rebuild the index once afterwards)."""
    from catalog.signals import procedures_changed

    procedures_changed.disconnect(dispatch_uid="search-index-update")
    try:
        yield
    finally:
        from search import receivers

        procedures_changed.connect(receivers.procedures_changed_enqueue, dispatch_uid="search-index-update")


def sample_records() -> list[dict]:
    with lzma.open(SAMPLE, "rt", encoding="utf-8") as handle:
        return json.load(handle)["procedures"]


def judgments() -> list[dict]:
    return json.loads(JUDGMENTS.read_text(encoding="utf-8"))["queries"]


def sample_load(*, records: list[dict], batch_size: int = 1000) -> list[int]:
    """Create procedures with one version in force since 2020-01-01; returns the procedure ids."""
    with transaction.atomic():
        return _load(records, batch_size)


def _load(records: list[dict], batch_size: int) -> list[int]:
    levels = {level.code: level for level in Level.objects.all()}
    fields: dict[str, Field] = {field.name: field for field in Field.objects.all()}
    slugs = {field.slug for field in fields.values()}
    for record in records:
        name = (record.get("linh_vuc") or "").strip()
        if name and name not in fields:
            slug = base = vn_slugify(name, max_length=200) or "linh-vuc"
            while slug in slugs:
                slug = f"{base}-{len(slugs)}"
            slugs.add(slug)
            fields[name] = Field.objects.create(name=name, slug=slug)
    ids: list[int] = []
    for start in range(0, len(records), batch_size):
        chunk = records[start : start + batch_size]
        procedures = Procedure.objects.bulk_create(
            [
                Procedure(
                    code=record["ma_thu_tuc"],
                    slug=vn_slugify(record["ma_thu_tuc"]),
                    name=record["ten_thu_tuc"][:1000],
                    field=fields.get((record.get("linh_vuc") or "").strip()),
                    applicants=record.get("doi_tuong_thuc_hien") or [],
                    results=record.get("ket_qua_thuc_hien") or [],
                    keywords=record.get("tu_khoa") or [],
                    description=record.get("mo_ta") or "",
                    status=ProcedureStatus.APPROVED,
                    live=True,
                )
                for record in chunk
            ]
        )
        if procedures and procedures[0].pk is None:
            by_code = dict(
                Procedure.objects.filter(code__in=[r["ma_thu_tuc"] for r in chunk]).values_list("code", "pk")
            )
            for procedure in procedures:
                procedure.pk = by_code[procedure.code]
        through = Procedure.levels.through
        level_rows, channel_rows, agency_rows, step_rows = [], [], [], []
        for procedure, record in zip(procedures, chunk, strict=True):
            codes = {_LEVELS.get((label or "").strip().lower(), "khac") for label in record.get("cap_thuc_hien") or []}
            level_rows += [
                through(procedure_id=procedure.pk, level_id=levels[code].pk) for code in codes if code in levels
            ]
            seen = set()
            for order, way in enumerate(record.get("cach_thuc_thuc_hien") or []):
                channel = _CHANNELS.get((way.get("hinh_thuc_nop") or "").strip().lower())
                if channel and channel not in seen:
                    seen.add(channel)
                    channel_rows.append(
                        ProcedureChannel(
                            procedure_id=procedure.pk,
                            channel=channel,
                            time_limit_text=way.get("thoi_han_giai_quyet") or "",
                            fee_text=way.get("phi_le_phi") or "",
                            sort_order=order,
                        )
                    )
            step_rows += [
                ProcedureStep(procedure_id=procedure.pk, text=text, sort_order=order)
                for order, text in enumerate(record.get("trinh_tu_thuc_hien") or [])
                if text and text.strip()
            ]
            for order, agency in enumerate(record.get("co_quan_thuc_hien") or []):
                agency_rows.append(
                    ProcedureAgency(
                        procedure_id=procedure.pk, role=AgencyRole.IMPLEMENTING, name=agency[:500], sort_order=order
                    )
                )
        through.objects.bulk_create(level_rows)
        ProcedureChannel.objects.bulk_create(channel_rows)
        ProcedureAgency.objects.bulk_create(agency_rows)
        ProcedureStep.objects.bulk_create(step_rows)
        versions_create_baseline(procedures=procedures, valid_from=VALID_FROM)
        ids += [procedure.pk for procedure in procedures]
    return ids
