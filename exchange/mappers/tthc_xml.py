"""Pure mapper from a `tthc-exchange/1` procedure object to XML (same labels as the JSON keys).

Lists become repeated `<muc>` children; a null value leaves the element out; free-form objects (`nguon`,
unknown keys) are carried as JSON text (`<du_lieu_khac>` for unknown keys). Validated by
schemas/tthc-exchange-1.xsd.

The XML is written as text rather than built as an lxml tree: building tens of elements per procedure
through lxml was most of an export's time. A procedure is one line without indentation (whitespace
makes a large file slower to parse, and XML tools indent on display). Escaping follows what lxml writes
(`&`, `<`, `>`, and carriage returns as `&#13;` so that parsers do not fold them into line feeds).
"""

from __future__ import annotations

import json
from typing import Any

NAMESPACE = "urn:tthc-exchange:1"
_FREE_FORM = {"nguon"}


def escape_text(text: str) -> str:
    """Element text as XML character data."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape_text(str(value))


def _json_text(value: Any) -> str:
    return escape_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _node(parts: list[str], name: str, value: Any) -> None:
    """Append `<name>value</name>`; scalar children are written inline (the hot path)."""
    kind = type(value)
    if kind is dict:
        parts.append(f"<{name}>")
        opened = len(parts)
        for key, item in value.items():
            item_kind = type(item)
            if item_kind is str:
                parts.append(f"<{key}>{escape_text(item)}</{key}>")
            elif item is None:
                continue
            elif item_kind is list or item_kind is dict:
                _node(parts, key, item)
            else:
                parts.append(f"<{key}>{_scalar(item)}</{key}>")
        if len(parts) == opened:
            parts[-1] = f"<{name}/>"
        else:
            parts.append(f"</{name}>")
    elif kind is list:
        if not value:
            parts.append(f"<{name}/>")
        elif all(type(item) is str for item in value):  # the common list of texts, in one piece
            items = "".join(f"<muc>{escape_text(item)}</muc>" for item in value)
            parts.append(f"<{name}>{items}</{name}>")
        else:
            parts.append(f"<{name}>")
            for item in value:
                _node(parts, "muc", item)
            parts.append(f"</{name}>")
    else:
        parts.append(f"<{name}>{_scalar(value)}</{name}>")


def procedure_to_xml(obj: dict[str, Any], known_keys: frozenset[str]) -> str:
    """A procedure object (as exported to JSON) → a standalone `<thu_tuc>` element as text."""
    parts = [f'<thu_tuc xmlns="{NAMESPACE}">']
    extras = {}
    for key, value in obj.items():
        if key not in known_keys:
            extras[key] = value
        elif value is None:
            continue
        elif key in _FREE_FORM:
            parts.append(f"<{key}>{_json_text(value)}</{key}>")
        else:
            _node(parts, key, value)
    if extras:
        parts.append(f"<du_lieu_khac>{_json_text(extras)}</du_lieu_khac>")
    parts.append("</thu_tuc>")
    return "".join(parts)
