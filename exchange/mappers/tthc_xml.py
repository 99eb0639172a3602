"""Pure mapper from a `tthc-exchange/1` procedure object to an XML element (same labels as the JSON keys).

Lists become repeated `<muc>` children; a null value leaves the element out; free-form objects (`nguon`,
unknown keys) are carried as JSON text in `<du_lieu_json>`. Validated by schemas/tthc-exchange-1.xsd.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

NAMESPACE = "urn:tthc-exchange:1"
_NS = f"{{{NAMESPACE}}}"
_FREE_FORM = {"nguon"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: etree._Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None:
                continue
            child = etree.SubElement(element, _NS + key)
            _fill(child, item)
    elif isinstance(value, list):
        for item in value:
            child = etree.SubElement(element, _NS + "muc")
            _fill(child, item)
    else:
        element.text = _text(value)


def procedure_to_xml(obj: dict[str, Any], known_keys: frozenset[str]) -> etree._Element:
    """A procedure object (as exported to JSON) → `<thu_tuc>` element."""
    element = etree.Element(_NS + "thu_tuc", nsmap={None: NAMESPACE})
    extras = {}
    for key, value in obj.items():
        if key not in known_keys:
            extras[key] = value
            continue
        if value is None:
            continue
        child = etree.SubElement(element, _NS + key)
        if key in _FREE_FORM:
            child.text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            _fill(child, value)
    if extras:
        child = etree.SubElement(element, _NS + "du_lieu_khac")
        child.text = json.dumps(extras, ensure_ascii=False, sort_keys=True)
    return element
