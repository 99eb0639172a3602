"""One input-validation path in front of every view: hostile input gets a clear 4xx, never a 500.

`RequestInputMiddleware` checks, before any view parses anything:
- the body size: Content-Length above REQUEST_BODY_MAX_BYTES (attachments included), or a JSON body above
  DATA_UPLOAD_MAX_MEMORY_SIZE → 413, without reading it;
- query parameters: a value written only with digits that are not 0-9 (`²`, `٣`, full-width `２０２０`) → 400;
  Python's `str.isdigit()` accepts them and `int()` then fails or reads another number;
- JSON bodies (a JSON content type, or any body sent to an API operation that documents a JSON body): strict
  UTF-8 and JSON (no NaN, no lone surrogates such as "\\ud800", which no database can store), no NUL
  character in any string, nesting at most REQUEST_JSON_MAX_DEPTH → 400; then the JSON types the
  operation's OpenAPI document declares (a list where a string belongs → 400 naming the field).

What is required and every domain rule stay with the endpoint (its own Vietnamese messages); only the shape
that the published API document promises is enforced here, for every endpoint at once. Answers are the API's
error body {"detail", "errors": [{"field", "message"}]} under /api/, a short Vietnamese page elsewhere.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

import jsonschema_rs
import orjson
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from config.api_errors import error_json_response, is_api_request

JSON_TYPES = ("application/json",)
_NOT_ASCII_DIGIT = re.compile(r"[^\x00-\x7f]")
_NUMBER_PUNCTUATION = set(" .,+-_/")

TYPE_NAMES = {
    "string": "chuỗi ký tự",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "array": "mảng",
    "object": "đối tượng",
    "null": "null",
}


class InputRefused(Exception):
    """Input refused with a status, a Vietnamese summary and the offending fields."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []


# --- query parameters ---------------------------------------------------------------------------------------


def _foreign_digits_only(value: str) -> bool:
    """A value written only with digits and number punctuation, at least one digit not in 0-9."""
    text = value.strip()
    if not text or not _NOT_ASCII_DIGIT.search(text):
        return False
    has_digit = False
    for char in text:
        if char in _NUMBER_PUNCTUATION:
            continue
        if not (char.isdigit() or char.isnumeric() or unicodedata.category(char) == "Nd"):
            return False
        has_digit = True
    return has_digit


def query_check(query) -> None:
    """Refuse numbers written with digits other than 0-9 in any query parameter."""
    errors = [
        {"field": name, "message": _("“%(value)s” không phải là số viết bằng chữ số 0–9.") % {"value": value}}
        for name, values in query.lists()
        for value in values
        if _foreign_digits_only(value)
    ]
    if errors:
        raise InputRefused(400, _("Tham số không hợp lệ."), errors)


# --- JSON bodies --------------------------------------------------------------------------------------------


def _path_label(path) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def json_parse(body: bytes, *, max_depth: int):
    """The JSON value of `body`, or InputRefused: strict JSON and UTF-8, no lone surrogate, no NUL, not too deep."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        reason = str(error)
        if "surrogate" in reason:
            message = _("Chuỗi chứa ký tự Unicode không hợp lệ (nửa cặp surrogate, ví dụ \\ud800).")
        elif "depth" in reason:
            message = _("JSON lồng nhau quá %(n)d cấp.") % {"n": max_depth}
        elif "utf-8" in reason.lower():
            message = _("Nội dung không phải mã UTF-8.")
        else:
            message = _("Lỗi cú pháp JSON ở dòng %(line)d, cột %(col)d.") % {"line": error.lineno, "col": error.colno}
        raise InputRefused(400, _("Nội dung yêu cầu không phải JSON hợp lệ."), [{"field": "", "message": message}])
    # Walk without recursion: depth, and NUL characters (PostgreSQL text cannot hold them) in keys and values.
    stack = [(data, 1, ())]
    while stack:
        value, depth, path = stack.pop()
        if depth > max_depth:
            raise InputRefused(
                400,
                _("Nội dung yêu cầu không phải JSON hợp lệ."),
                [{"field": _path_label(path), "message": _("JSON lồng nhau quá %(n)d cấp.") % {"n": max_depth}}],
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    raise _nul_refused(path)
                stack.append((item, depth + 1, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, depth + 1, (*path, index)) for index, item in enumerate(value))
        elif isinstance(value, str) and "\x00" in value:
            raise _nul_refused(path)
    return data


def _nul_refused(path) -> InputRefused:
    return InputRefused(
        400,
        _("Dữ liệu không hợp lệ."),
        [{"field": _path_label(path), "message": _("Có ký tự NUL (\\u0000) không được phép.")}],
    )


# Only the shape: types of values, of list items and of object members. Required fields, lengths, formats and
# choices are the endpoint's to check (with its own messages), so every other keyword is left out of the schema.
SHAPE_KEYWORDS = ("$ref", "type", "properties", "items", "prefixItems", "anyOf", "oneOf", "allOf")


def _shape_only(schema):
    """`schema` (an OpenAPI/JSON schema) with only the keywords that describe JSON types."""
    if not isinstance(schema, dict):
        return schema
    shape = {}
    for keyword in SHAPE_KEYWORDS:
        if keyword not in schema:
            continue
        value = schema[keyword]
        if keyword == "properties":
            value = {name: _shape_only(member) for name, member in value.items()}
        elif keyword in ("prefixItems", "anyOf", "oneOf", "allOf"):
            value = [_shape_only(option) for option in value]
        elif keyword == "items":
            value = _shape_only(value)
        shape[keyword] = value
    return shape


def _expected_types(schema: dict) -> list[str]:
    if "type" in schema:
        return [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
    types: list[str] = []
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        types += [t for t in _expected_types(option) if t not in types]
    return types


def _schema_at(root: dict, path) -> dict:
    node = root
    try:
        for part in path:
            node = node[part]
    except (KeyError, IndexError, TypeError):
        return {}
    return node if isinstance(node, dict) else {}


# Compiled once per operation schema (the published document's schemas live as long as the process).
_shape_validators: dict[int, tuple[dict, dict, jsonschema_rs.Draft202012Validator]] = {}


def _shape_validator(schema: dict, components: dict) -> tuple[dict, jsonschema_rs.Draft202012Validator]:
    cached = _shape_validators.get(id(schema))
    if cached is None or cached[0] is not schema:
        shape_components = {
            group: {name: _shape_only(member) for name, member in members.items()}
            for group, members in components.items()
            if isinstance(members, dict)
        }
        root = {"components": shape_components, **_shape_only(schema)}
        cached = _shape_validators[id(schema)] = (schema, root, jsonschema_rs.Draft202012Validator(root))
    return cached[1], cached[2]


def shape_check(data, schema: dict, components: dict) -> None:
    """Refuse `data` whose JSON types differ from `schema` (an OpenAPI schema; refs into `components`)."""
    root, validator = _shape_validator(schema, components)
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.instance_path)))[:20]:
        # The schema path is absolute (references followed): its parent is the schema that refused the value.
        names = [TYPE_NAMES.get(name, name) for name in _expected_types(_schema_at(root, error.schema_path[:-1]))]
        message = (
            _("Phải là %(types)s.") % {"types": _(" hoặc ").join(names)} if names else _("Kiểu dữ liệu không hợp lệ.")
        )
        errors.append({"field": _path_label(error.instance_path), "message": message})
    if errors:
        raise InputRefused(400, _("Dữ liệu không đúng kiểu đã công bố trong tài liệu API."), errors)


@dataclass(frozen=True)
class Operation:
    method: str
    pattern: re.Pattern
    schema: dict


@functools.cache
def _json_operations() -> tuple[tuple[Operation, ...], dict]:
    """The API operations that document a JSON request body, from the published OpenAPI document."""
    from config.api import api

    document = api.get_openapi_schema()
    operations = []
    for path, methods in document.get("paths", {}).items():
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
        for method, operation in methods.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                operations.append(Operation(method.upper(), pattern, content["application/json"].get("schema", {})))
    return tuple(operations), document.get("components", {})


def json_operation(method: str, path: str) -> Operation | None:
    operations, _components = _json_operations()
    return next((op for op in operations if op.method == method and op.pattern.match(path)), None)


# --- the middleware -----------------------------------------------------------------------------------------


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def refused_response(request, refused: InputRefused) -> HttpResponse:
    if is_api_request(request):
        return error_json_response(refused.status, refused.detail, refused.errors)
    body = render_to_string("400.html", {"detail": refused.detail, "errors": refused.errors}, request=request)
    return HttpResponse(body, status=refused.status)


class RequestInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            self.check(request)
        except InputRefused as refused:
            return refused_response(request, refused)
        return self.get_response(request)

    def check(self, request) -> None:
        length = _content_length(request)
        if length > settings.REQUEST_BODY_MAX_BYTES:
            raise InputRefused(
                413,
                _("Yêu cầu quá lớn (tối đa %(mb)d MB).") % {"mb": settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024)},
            )
        query_check(request.GET)
        operation = json_operation(request.method, request.path_info) if request.path_info.startswith("/api/") else None
        is_json = request.content_type in JSON_TYPES or request.content_type.endswith("+json")
        if not (operation or is_json) or length == 0:
            return
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise InputRefused(
                413,
                _("Nội dung JSON quá lớn (tối đa %(kb)d KB).") % {"kb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024},
            )
        data = json_parse(request.body, max_depth=settings.REQUEST_JSON_MAX_DEPTH)
        if operation is not None:
            shape_check(data, operation.schema, _json_operations()[1])
