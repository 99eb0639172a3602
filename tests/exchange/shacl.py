"""SHACL validation of the CPSV-AP JSON-LD export (pyshacl, rdflib: test-only requirements).

The official SEMIC CPSV-AP 3.2.0 shapes (vendored unmodified in exchange/shapes/cpsv-ap-3.2.0/, CC BY 4.0) and
the project's minimal shapes (exchange/schemas/cpsv-ap-minimal.shacl.ttl: a title and a description on every
service, durations typed xsd:duration).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from exchange.schemas import SCHEMA_DIR

MINIMAL_SHAPES = SCHEMA_DIR / "cpsv-ap-minimal.shacl.ttl"
OFFICIAL_SHAPES = Path(SCHEMA_DIR).parent / "shapes" / "cpsv-ap-3.2.0" / "cpsv-ap-SHACL.ttl"
CPSV_SHAPES = (OFFICIAL_SHAPES, MINIMAL_SHAPES)


@cache
def _shapes_graph():
    from rdflib import Graph

    graph = Graph()
    for path in CPSV_SHAPES:
        graph.parse(str(path), format="turtle")
    return graph


def jsonld_shacl_problems(document: dict[str, Any] | str) -> list[str]:
    """SHACL violations of a JSON-LD document against the CPSV-AP shapes ([] when it conforms)."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import SH

    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    data = Graph().parse(data=text, format="json-ld")
    conforms, report, _text = pyshacl.validate(data, shacl_graph=_shapes_graph(), inference="none")
    if conforms:
        return []
    return sorted(
        f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
        f"{report.value(result, SH.resultMessage)}"
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    )
