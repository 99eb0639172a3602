"""Public JSON API of the search app (mounted under /api/v1/ by config.api)."""

from django.http import HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from config.api_errors import ErrorOut
from search.documents import FACETS
from search.presenters import results_payload, suggestions_payload
from search.selectors import CACHE_HEADER, MAX_PAGE, procedure_search, procedure_suggest
from search.services.zero_results import zero_result_enqueue

router = Router(tags=["Tra cứu"])


class HitOut(Schema):
    code: str
    name: str
    url: str
    field: str
    levels: list[str]
    agency: str
    channels: list[str]
    online_service_level: str
    highlight: dict[str, str]
    promoted: bool


class FacetOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]
    backend: str
    engine: str
    fallback: bool
    did_you_mean: str | None
    notice: str | None


class SuggestionOut(Schema):
    code: str
    name: str
    url: str


class SuggestOut(Schema):
    results: list[SuggestionOut]


class SearchParams(Schema):
    q: str = Field("", max_length=255, description="Câu tra cứu, có dấu hoặc không dấu, hoặc mã thủ tục.")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    field: list[str] = Field(default_factory=list, description="Lĩnh vực (mã), lặp lại để chọn nhiều.")
    level: list[str] = Field(default_factory=list, description="Cấp thực hiện: bo, tinh, huyen, xa, khac.")
    agency: list[str] = Field(default_factory=list, description="Cơ quan thực hiện (mã).")
    online: list[str] = Field(
        default_factory=list, description="Mức độ DVC trực tuyến: none, thong_tin, mot_phan, toan_trinh."
    )
    channel: list[str] = Field(default_factory=list, description="Hình thức nộp: truc_tiep, truc_tuyen, buu_chinh.")


@router.get("/search", response={200: SearchOut, 400: ErrorOut}, summary="Tra cứu thủ tục hành chính")
def search(request, response: HttpResponse, params: Query[SearchParams]):
    filters = {facet: getattr(params, facet) for facet in FACETS}
    results = procedure_search(q=params.q, filters=filters, page=params.page)
    response[CACHE_HEADER] = "hit" if results.cached else "miss"
    zero_result_enqueue(query=params.q, results=results)
    # `results_payload` gives exactly `SearchOut` (tests/search/test_api_schema.py checks it): rendered by the
    # API's renderer directly, without validating each of the hundreds of facet values again.
    from config.api import api  # the API this router is mounted on (it imports this module)

    return api.create_response(request, results_payload(results), temporal_response=response)


@router.get("/search/suggest", response={200: SuggestOut, 400: ErrorOut}, summary="Gợi ý tên thủ tục khi đang gõ")
def suggest(request, q: str = Query("", max_length=255)):
    return {"results": suggestions_payload(procedure_suggest(q=q))}
