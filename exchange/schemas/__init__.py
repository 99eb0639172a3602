"""JSON Schema and XSD of the exchange formats, and helpers to validate against them."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

SCHEMA_DIR = Path(__file__).resolve().parent
TTHC_JSON_SCHEMA = SCHEMA_DIR / "tthc-exchange-1.schema.json"
TTHC_XSD = SCHEMA_DIR / "tthc-exchange-1.xsd"


@cache
def tthc_schema() -> dict[str, Any]:
    return json.loads(TTHC_JSON_SCHEMA.read_text(encoding="utf-8"))


@cache
def document_validator() -> Draft202012Validator:
    """Validates a whole document (header and every procedure)."""
    return Draft202012Validator(tthc_schema(), format_checker=FormatChecker())


@cache
def header_validator() -> Draft202012Validator:
    """Validates the document without looking inside the procedures."""
    schema = dict(tthc_schema())
    schema["properties"] = {**schema["properties"], "procedures": {"type": "array"}}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with local `$ref`s replaced by their definitions (the format has no recursion);
    reference resolution dominates validation time otherwise."""
    if isinstance(node, dict):
        if set(node) == {"$ref"} and node["$ref"].startswith("#/$defs/"):
            return _inline_refs(defs[node["$ref"].removeprefix("#/$defs/")], defs)
        return {key: _inline_refs(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


@cache
def procedure_validator() -> Draft202012Validator:
    """Validates one procedure object, so problems are reported per record."""
    defs = tthc_schema()["$defs"]
    return Draft202012Validator(_inline_refs(defs["procedure"], defs), format_checker=FormatChecker())


_QUOTED = re.compile(r"'([^']*)'")


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_problems(validator: Draft202012Validator, instance: Any) -> list[tuple[str, str]]:
    """(field path, Vietnamese reason) for every schema violation, in document order."""
    problems = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]):
        path = _path(error.absolute_path)
        problems.append(_explain(error, path))
    return problems


def header_problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Schema problems of a document's header (the procedures are checked one by one)."""
    return schema_problems(header_validator(), document)


def _explain(error: SchemaError, path: str) -> tuple[str, str]:
    kind = error.validator
    if kind == "required":
        names = _QUOTED.findall(error.message)
        key = names[0] if names else ""
        return (f"{path}.{key}" if path else key), _("thiếu trường bắt buộc")
    if kind in ("additionalProperties", "unevaluatedProperties"):
        names = _QUOTED.findall(error.message)
        shown = ", ".join(names)
        return path, _("trường không có trong định dạng: %(names)s") % {"names": shown}
    if kind == "false" or (kind is None and error.validator_value is False):
        return path, _("trường dành riêng, không được dùng trong tệp")
    if kind == "type":
        expected = error.validator_value
        expected = " hoặc ".join(expected) if isinstance(expected, list) else expected
        return path, _("sai kiểu dữ liệu: cần %(type)s, nhận %(value)s") % {
            "type": expected,
            "value": json.dumps(error.instance, ensure_ascii=False)[:80],
        }
    if kind in ("const", "enum"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return path, _("giá trị %(value)s không được chấp nhận (cho phép: %(allowed)s)") % {
            "value": json.dumps(error.instance, ensure_ascii=False)[:80],
            "allowed": ", ".join(json.dumps(item, ensure_ascii=False) for item in allowed),
        }
    if kind in ("minimum", "maximum"):
        return path, _("giá trị %(value)s ngoài khoảng cho phép (%(kind)s %(limit)s)") % {
            "value": error.instance,
            "kind": "tối thiểu" if kind == "minimum" else "tối đa",
            "limit": error.validator_value,
        }
    if kind in ("minLength", "pattern"):
        return path, _("giá trị rỗng hoặc không đúng dạng")
    if kind == "format":
        return path, _("không đúng định dạng %(format)s: %(value)s") % {
            "format": error.validator_value,
            "value": json.dumps(error.instance, ensure_ascii=False)[:80],
        }
    return path, error.message


@cache
def _procedure_fast_check():
    """The same procedure schema in jsonschema-rs (Rust; about 20 times faster than fastjsonschema here,
    which mattered for exports that check every record). It decides acceptance, with formats checked
    like the FormatChecker of `procedure_validator`; jsonschema explains refusals."""
    defs = tthc_schema()["$defs"]
    schema = {**_inline_refs(defs["procedure"], defs), "$schema": "http://json-schema.org/draft-07/schema#"}
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def procedure_problems(instance: Any) -> list[tuple[str, str]]:
    """Schema problems of one procedure object: (field path, Vietnamese reason); [] when valid."""
    checker = _procedure_fast_check()
    if checker.is_valid(instance):
        return []
    problems = schema_problems(procedure_validator(), instance)
    if problems:
        return problems
    error = next(checker.iter_errors(instance), None)
    if error is None:
        return []
    return [(".".join(str(part) for part in error.instance_path), error.message)]
