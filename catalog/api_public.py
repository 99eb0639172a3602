"""Public read-only JSON API of published procedures and announcement decisions (mounted under /api/v1/).

Everything here reads dated versions (`ProcedureVersion`), never drafts: a procedure is public once it
has a version that started. Lists are {"count", "results"}; errors are {"detail", "errors": [...]}.
"""

import datetime as dt
import re
from typing import Any, Literal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status
from pydantic import field_validator

from catalog.choices import DecisionStatus, ProcedureStatus
from catalog.models import Agency, AnnouncementDecision, Field, Level, Procedure, ProcedureVersion
from config.api_errors import ErrorOut, api_error, field_error, param_error

router = Router(tags=["Thủ tục hành chính công khai"])

# The public pages of a procedure and a decision, served by the cms app: reversed by URL name, so the catalog
# depends on a name and not on cms.
PROCEDURE_URL_NAME = "cms:procedure"
DECISION_URL_NAME = "cms:decision"
PUBLIC_DECISION_STATUSES = (DecisionStatus.APPROVED, DecisionStatus.APPLIED)
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KEY_PATTERN = r"^[\w.\-]+$"
KEY_RE = re.compile(KEY_PATTERN)


# --- Schemas ---------------------------------------------------------------------------------------


class FieldOut(Schema):
    slug: str
    name: str


class LevelOut(Schema):
    code: str
    name: str


class ProcedureOut(Schema):
    code: str = SchemaField(description="Mã thủ tục quốc gia; trống nếu chưa được cấp")
    slug: str
    name: str
    url: str = SchemaField(description="Trang công khai của thủ tục")
    field: FieldOut | None
    levels: list[LevelOut]
    status: str = SchemaField(description="in_force, replaced hoặc abolished")
    version: int
    valid_from: dt.date
    valid_until: dt.date | None


class ProcedureList(Schema):
    count: int
    results: list[ProcedureOut]


class DecisionRef(Schema):
    id: int
    number: str
    url: str


class ProcedureDetail(ProcedureOut):
    as_of: dt.date
    decision: DecisionRef | None
    ended_by: DecisionRef | None
    successor: str | None = SchemaField(None, description="Đường dẫn trang thủ tục thay thế, nếu có")
    content: dict[str, Any] = SchemaField(description="Toàn bộ nội dung phiên bản (định dạng catalog.snapshots)")


class DecisionOut(Schema):
    id: int
    number: str
    title: str
    signed_on: dt.date | None
    effective_on: dt.date | None
    signer: str
    status: str
    url: str
    item_count: int


class DecisionList(Schema):
    count: int
    results: list[DecisionOut]


class DecisionProcedure(Schema):
    code: str
    slug: str
    name: str
    url: str
    field: FieldOut | None
    levels: list[LevelOut]
    status: str


class DecisionItemOut(Schema):
    category: str
    procedure: DecisionProcedure
    successor: DecisionProcedure | None
    change_note: str


class DecisionDetail(DecisionOut):
    items: list[DecisionItemOut]


class ProcedureFilters(Schema):
    field: str | None = SchemaField(
        None, pattern=KEY_PATTERN, max_length=255, description="Đường dẫn (slug) của lĩnh vực"
    )
    level: str | None = SchemaField(
        None, pattern=KEY_PATTERN, max_length=255, description="Mã cấp thực hiện: bo, tinh, huyen, xa, khac"
    )
    agency: str | None = SchemaField(None, pattern=KEY_PATTERN, max_length=255, description="Mã cơ quan chủ trì")
    status: Literal["in_force", "replaced", "abolished", "all"] = SchemaField(
        "in_force", description="Mặc định chỉ thủ tục đang có hiệu lực"
    )
    page: int = SchemaField(1, ge=1, le=1_000_000)
    page_size: int = SchemaField(20, ge=1, le=100)


class AsOfQuery(Schema):
    ngay: dt.date | None = SchemaField(None, description="Ngày xem nội dung (YYYY-MM-DD); mặc định hôm nay.")

    @field_validator("ngay", mode="before")
    @classmethod
    def _day(cls, value):
        if value in (None, ""):
            return None
        text = str(value)
        try:
            if not DAY_RE.match(text):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            raise param_error("“{value}” không phải là ngày hợp lệ; ghi theo dạng YYYY-MM-DD.", value=text) from None


class PageFilters(Schema):
    page: int = SchemaField(1, ge=1, le=1_000_000)
    page_size: int = SchemaField(20, ge=1, le=100)


# --- Reads -----------------------------------------------------------------------------------------


def _error(status: int, detail: str, field: str, message: str) -> Status:
    return api_error(status, detail, [field_error(field, message)])


def _procedure_url(request, key: str) -> str:
    return request.build_absolute_uri(reverse(PROCEDURE_URL_NAME, kwargs={"key": key}))


def _decision_url(request, pk: int) -> str:
    return request.build_absolute_uri(reverse(DECISION_URL_NAME, kwargs={"pk": pk}))


def _key(procedure: Procedure) -> str:
    return procedure.code or procedure.slug


def versions_public(*, day: dt.date) -> QuerySet[ProcedureVersion]:
    """Each published procedure's latest version started by `day`: the one in force, or the last one
    of an abolished/replaced procedure (history stays public)."""
    later = ProcedureVersion.objects.filter(
        procedure=OuterRef("procedure"), valid_from__lte=day, number__gt=OuterRef("number")
    )
    return ProcedureVersion.objects.filter(valid_from__lte=day).filter(~Exists(later))


def _status(version: ProcedureVersion, day: dt.date) -> str:
    if version.valid_until is None or day < version.valid_until:
        return ProcedureStatus.IN_FORCE
    if version.procedure.status == ProcedureStatus.REPLACED:
        return ProcedureStatus.REPLACED
    return ProcedureStatus.ABOLISHED


def _procedure_out(request, version: ProcedureVersion, day: dt.date) -> dict[str, Any]:
    return {
        "code": version.code,
        "slug": version.procedure.slug,
        "name": version.name,
        "url": _procedure_url(request, version.code or version.procedure.slug),
        "field": {"slug": version.field.slug, "name": version.field.name} if version.field_id else None,
        "levels": [{"code": level.code, "name": level.name} for level in version.levels.all()],
        "status": _status(version, day),
        "version": version.number,
        "valid_from": version.valid_from,
        "valid_until": version.valid_until,
    }


def _decision_ref(request, decision: AnnouncementDecision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "id": decision.pk,
        "number": decision.number,
        "url": _decision_url(request, decision.pk),
    }


# --- Endpoints -------------------------------------------------------------------------------------


@router.get(
    "/procedures",
    response={200: ProcedureList, 400: ErrorOut},
    summary="Danh sách thủ tục hành chính đã công bố",
    url_name="public_procedures",
)
def procedures_list(request, filters: Query[ProcedureFilters]):
    day = timezone.localdate()
    qs = versions_public(day=day)
    lookups = (("field", Field, "slug"), ("level", Level, "code"), ("agency", Agency, "code"))
    for param, model, column in lookups:
        value = getattr(filters, param)
        if value is None:
            continue
        obj = model.objects.filter(**{column: value}).first()
        if obj is None:
            return _error(400, "Tham số không hợp lệ.", param, f"Không có giá trị “{value}” cho tham số “{param}”.")
        if param == "field":
            qs = qs.filter(field=obj)
        elif param == "level":
            qs = qs.filter(levels=obj)
        else:
            qs = qs.filter(procedure__owner_agency=obj)
    in_force = Q(valid_until__isnull=True) | Q(valid_until__gt=day)
    if filters.status == "in_force":
        qs = qs.filter(in_force)
    elif filters.status in ("replaced", "abolished"):
        qs = qs.exclude(in_force).filter(procedure__status=filters.status)
    count = qs.count()
    start = (filters.page - 1) * filters.page_size
    rows = (
        qs.select_related("field", "procedure")
        .prefetch_related(Prefetch("levels", queryset=Level.objects.order_by("sort_order")))
        .order_by("name", "id")[start : start + filters.page_size]
    )
    return Status(200, {"count": count, "results": [_procedure_out(request, v, day) for v in rows]})


@router.get(
    "/procedures/{key}",
    response={200: ProcedureDetail, 400: ErrorOut, 404: ErrorOut},
    summary="Toàn bộ nội dung một thủ tục (theo mã, hoặc đường dẫn khi chưa có mã), tùy chọn vào một ngày",
    url_name="public_procedure",
)
def procedure_detail(request, key: str, query: Query[AsOfQuery]):
    day = query.ngay
    as_of = day or timezone.localdate()
    not_found = _error(404, "Không tìm thấy thủ tục.", "key", f"Không có thủ tục đã công bố với mã “{key}”.")
    if not KEY_RE.match(key):
        return not_found
    procedure = (
        Procedure.objects.select_related("replaced_by")
        .filter(Q(code=key) | (Q(slug=key) & (Q(code__isnull=True) | Q(code=""))))
        .first()
    )
    if procedure is None:
        return not_found
    versions = list(
        ProcedureVersion.objects.filter(procedure=procedure)
        .select_related("field", "decision", "ended_by", "procedure")
        .prefetch_related("levels")
        .order_by("number")
    )
    if not versions:
        return not_found
    started = [v for v in versions if v.valid_from <= as_of]
    if not started:
        return _error(
            404,
            "Thủ tục chưa có hiệu lực vào ngày này.",
            "ngay",
            f"Thủ tục có hiệu lực từ ngày {versions[0].valid_from.isoformat()}.",
        )
    version = started[-1]
    if day is not None and version.valid_until is not None and version.valid_until <= day:
        return _error(
            404,
            "Thủ tục không còn hiệu lực vào ngày này.",
            "ngay",
            f"Thủ tục hết hiệu lực từ ngày {version.valid_until.isoformat()}.",
        )
    out = _procedure_out(request, version, as_of)
    out.update(
        as_of=as_of,
        decision=_decision_ref(request, version.decision),
        ended_by=_decision_ref(request, version.ended_by),
        successor=(_procedure_url(request, _key(procedure.replaced_by)) if procedure.replaced_by_id else None),
        content=version.content,
    )
    return Status(200, out)


def _decisions() -> QuerySet[AnnouncementDecision]:
    return AnnouncementDecision.objects.filter(status__in=PUBLIC_DECISION_STATUSES).annotate(item_count=Count("items"))


def _decision_out(request, decision: AnnouncementDecision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "number": decision.number,
        "title": decision.title,
        "signed_on": decision.signed_on,
        "effective_on": decision.effective_on,
        "signer": decision.signer,
        "status": decision.status,
        "url": _decision_url(request, decision.pk),
        "item_count": decision.item_count,
    }


@router.get(
    "/decisions",
    response={200: DecisionList, 400: ErrorOut},
    summary="Danh sách quyết định công bố thủ tục hành chính",
    url_name="public_decisions",
)
def decisions_list(request, filters: Query[PageFilters]):
    qs = _decisions().order_by("-signed_on", "-id")
    start = (filters.page - 1) * filters.page_size
    return Status(
        200,
        {"count": qs.count(), "results": [_decision_out(request, d) for d in qs[start : start + filters.page_size]]},
    )


def _decision_procedure(request, procedure: Procedure) -> dict[str, Any]:
    return {
        "code": procedure.code or "",
        "slug": procedure.slug,
        "name": procedure.name,
        "url": _procedure_url(request, _key(procedure)),
        "field": {"slug": procedure.field.slug, "name": procedure.field.name} if procedure.field_id else None,
        "levels": [{"code": level.code, "name": level.name} for level in procedure.levels.all()],
        "status": procedure.status,
    }


@router.get(
    "/decisions/{decision_id}",
    response={200: DecisionDetail, 400: ErrorOut, 404: ErrorOut},
    summary="Một quyết định công bố và danh mục thủ tục của nó",
    url_name="public_decision",
)
def decision_detail(request, decision_id: int):
    decision = _decisions().filter(pk=decision_id).first()
    if decision is None:
        return _error(
            404, "Không tìm thấy quyết định.", "decision_id", f"Không có quyết định công bố số {decision_id}."
        )
    items = decision.items.select_related("procedure__field", "successor__field").prefetch_related(
        "procedure__levels", "successor__levels"
    )
    out = _decision_out(request, decision)
    out["items"] = [
        {
            "category": item.category,
            "procedure": _decision_procedure(request, item.procedure),
            "successor": _decision_procedure(request, item.successor) if item.successor_id else None,
            "change_note": item.change_note,
        }
        for item in items.order_by("sort_order", "pk")
    ]
    return Status(200, out)
