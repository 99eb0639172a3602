"""What the API fuzzing checks (shared by tests/security/test_api_fuzz.py and bench/fuzz.py), and its data."""

from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# No 5xx, and every answer as the OpenAPI document declares it (status code, content type, headers, body).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def fuzz_data() -> None:
    """A procedure in force and a feedback item, so that some generated keys can hit real rows."""
    from tests.factories.feedback import FeedbackFactory, procedure_in_force

    procedure_in_force(code="1.001193", name="Thủ tục đăng ký khai sinh")
    FeedbackFactory(tracking_code="ma-tra-cuu-thu")


# --- hostile inputs of issue 16.8, sent as they are by bench/fuzz.py and tests/security/test_hostile_input.py ---

HOSTILE_SURROGATES = ["\ud800", "\udfff", "x\ud83dy"]
HOSTILE_DIGITS = ["²", "٣", "２０２６", "१२"]
_FEEDBACK_FIELDS = ["ho_ten", "dia_chi", "tieu_de", "noi_dung", "loai", "email", "dien_thoai", "ma_thu_tuc"]
_NUMERIC_PATHS = [
    "/thong-ke/?nam={}",
    "/thong-ke/?thang={}",
    "/thong-ke/tai-ve.csv?nam={}",
    "/thu-tuc/?trang={}",
    "/tra-cuu/?page={}",
    "/api/v1/search?page={}",
    "/api/v1/procedures?page={}",
    "/api/v1/deadline?received_at=2019-03-05T09:30:00&amount={}&unit=working_days",
]


def _feedback_body(**overrides) -> dict:
    body = {
        "loai_nguoi_gui": "ca_nhan",
        "ho_ten": "Trần Thị Minh Khai",
        "dia_chi": "45 Hùng Vương, Phường 1, TP. Sóc Trăng",
        "dien_thoai": "0987654321",
        "loai": "khong_phu_hop_thuc_te",
        "tieu_de": "Thời hạn giải quyết quá dài",
        "noi_dung": "Thời hạn 15 ngày để cấp giấy này là quá dài so với thực tế công việc.",
        "dong_y_xu_ly_du_lieu": True,
    }
    body.update(overrides)
    return body


def hostile_requests() -> list[tuple[str, str, str, bytes | None]]:
    """(label, method, path, JSON body) requests that must each be answered 400, never 5xx."""
    import json
    from urllib.parse import quote

    requests: list[tuple[str, str, str, bytes | None]] = []
    for field in _FEEDBACK_FIELDS:
        for surrogate in HOSTILE_SURROGATES:
            body = json.dumps(_feedback_body(**{field: f"a{surrogate}b"})).encode()
            requests.append((f"lone surrogate in {field}", "POST", "/api/v1/feedback", body))
        for value in (["a", "b"], {"a": 1}, 7):
            body = json.dumps(_feedback_body(**{field: value})).encode()
            requests.append((f"{type(value).__name__} in {field}", "POST", "/api/v1/feedback", body))
    requests.append(
        (
            "list as consent",
            "POST",
            "/api/v1/feedback",
            json.dumps(_feedback_body(dong_y_xu_ly_du_lieu=["on"])).encode(),
        )
    )
    requests.append(
        ("surrogate tracking code", "POST", "/api/v1/feedback/tra-cuu", json.dumps({"ma_tra_cuu": "\ud800"}).encode())
    )
    requests.append(
        ("list tracking code", "POST", "/api/v1/feedback/tra-cuu", json.dumps({"ma_tra_cuu": ["A"]}).encode())
    )
    for path in _NUMERIC_PATHS:
        for digits in HOSTILE_DIGITS:
            requests.append((f"digits {digits!r}", "GET", path.format(quote(digits)), None))
    deep = b'{"dossiers": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    requests.append(("deep JSON on /dossiers", "POST", "/api/v1/dossiers", deep))
    nested = {"ma_ho_so": "1"}
    for _level in range(40):
        nested = {"x": nested}
    requests.append(("40 levels on /dossiers", "POST", "/api/v1/dossiers", json.dumps({"dossiers": [nested]}).encode()))
    row = {"ma_ho_so": "\ud800", "ma_co_quan": ["A"], "ten_co_quan": "B", "ngay_tiep_nhan": "2026-03-02"}
    requests.append(
        ("surrogate and list in a dossier", "POST", "/api/v1/dossiers", json.dumps({"dossiers": [row]}).encode())
    )
    requests.append(("deep JSON on /feedback", "POST", "/api/v1/feedback", b"[" * 50_000 + b"]" * 50_000))
    return requests
