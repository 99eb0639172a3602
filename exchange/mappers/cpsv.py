"""Pure mapper from an exchange record to CPSV-AP 3.x JSON-LD (EU Core Public Service Vocabulary).

One procedure is one `cpsv:PublicService` with its competent authorities (`cv:PublicOrganisation`),
channels (`cv:Channel`, each with its processing time), costs (`cv:Cost`: the published fee text),
requirements and evidence (`cv:Requirement`, `cv:Evidence`: the dossier papers), outputs and legal
resources (`eli:LegalResource`). A processing time is written as an ISO 8601 duration only when the
catalog holds one structured limit for the channel (working days are days the office works; the
published text stays in the channel's description). Text is tagged Vietnamese (`@language: vi`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from exchange.records import ChannelRecord, LegalBasisRecord, ProcedureRecord

CONTEXT = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "locn": "http://www.w3.org/ns/locn#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LANGUAGE = "vi"
_DAY_UNITS = {"working_days", "calendar_days"}


def _text(value: str) -> dict[str, str]:
    return {"@value": value, "@language": LANGUAGE}


def iso_duration(channel: ChannelRecord) -> str | None:
    """`P5D` / `PT8H` for a channel with exactly one structured limit in days or hours; None otherwise."""
    if len(channel.structured) != 1:
        return None
    case = channel.structured[0]
    amount = Decimal(case.amount)
    if amount <= 0:
        return None
    number = format(amount.normalize(), "f")
    if case.unit in _DAY_UNITS:
        return f"P{number}D"
    if case.unit == "working_hours":
        return f"PT{number}H"
    return None


def _location(region: str) -> dict[str, Any]:
    return {"@type": "dct:Location", "locn:geographicName": _text(region)}


def _channel(service_id: str, index: int, channel: ChannelRecord) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": f"{service_id}-kenh-{index}",
        "@type": "cv:Channel",
        "dct:identifier": f"kenh-{index}",
        "dct:description": _text(channel.label + (f": {channel.time_limit_text}" if channel.time_limit_text else "")),
    }
    duration = iso_duration(channel)
    if duration:
        node["cv:processingTime"] = {"@value": duration, "@type": "xsd:duration"}
    return node


def record_to_cpsv(record: ProcedureRecord, *, service_id: str, region: str | None = None) -> dict[str, Any]:
    """One procedure as a `cpsv:PublicService` node (without `@context`), its parts nested.

    The competent authority is the published competent agency, else the implementing one, else the
    authorised one (the data has no other). `region` (the province whose catalog this is) becomes each
    authority's `dct:spatial` (CPSV-AP requires one): agencies in the data are named generically by
    level ("Ủy ban nhân dân cấp xã"), so the province is the most precise region the data supports.
    """
    service: dict[str, Any] = {
        "@id": service_id,
        "@type": "cpsv:PublicService",
        "dct:identifier": record.code or service_id.rsplit("/", 1)[-1],
        "dct:title": _text(record.name),
        "dct:description": _text(record.description or record.name),
    }
    evidence = _evidence(service_id, record)
    requirement = _requirement(service_id, record, evidence)
    parts = {
        "cv:keyword": [_text(word) for word in record.keywords],
        "cv:hasCompetentAuthority": _authorities(service_id, record, region),
        "cv:hasChannel": [_channel(service_id, i, channel) for i, channel in enumerate(record.channels, start=1)],
        "cv:hasCost": _costs(service_id, record),
        "cv:holdsRequirement": [requirement] if requirement else [],
        "cpsv:hasInput": evidence,
        "cpsv:produces": [_output(service_id, i, result) for i, result in enumerate(record.results, start=1)],
        "cv:hasLegalResource": [
            _legal_resource(service_id, i, basis) for i, basis in enumerate(record.legal_bases, start=1)
        ],
    }
    service.update((key, nodes) for key, nodes in parts.items() if nodes)
    return service


def _authorities(service_id: str, record: ProcedureRecord, region: str | None) -> list[dict[str, Any]]:
    """The competent agencies, else the implementing ones, else the authorised ones."""
    authorities = record.agencies.competent or record.agencies.implementing or record.agencies.authorised
    return [
        {
            "@id": f"{service_id}-co-quan-{i}",
            "@type": "cv:PublicOrganisation",
            "dct:identifier": f"co-quan-{i}",
            "skos:prefLabel": _text(name),
            **({"dct:spatial": [_location(region)]} if region else {}),
        }
        for i, name in enumerate(authorities, start=1)
    ]


def _costs(service_id: str, record: ProcedureRecord) -> list[dict[str, Any]]:
    """One cost per channel that states a fee (the published text)."""
    return [
        {
            "@id": f"{service_id}-phi-{i}",
            "@type": "cv:Cost",
            "dct:identifier": f"phi-{i}",
            "dct:description": _text(f"{channel.label}: {channel.fee_text}"),
        }
        for i, channel in enumerate(record.channels, start=1)
        if channel.fee_text and channel.fee_text.strip()
    ]


def _evidence(service_id: str, record: ProcedureRecord) -> list[dict[str, Any]]:
    """The dossier's papers, numbered across groups; a group's case becomes its papers' description."""
    papers = [(group.case, paper) for group in record.dossier for paper in group.papers]
    evidence = []
    for i, (case, paper) in enumerate(papers, start=1):
        node = {
            "@id": f"{service_id}-giay-to-{i}",
            "@type": "cv:Evidence",
            "dct:identifier": f"giay-to-{i}",
            "dct:title": _text(paper.name),
        }
        if case:
            node["dct:description"] = _text(case)
        evidence.append(node)
    return evidence


def _requirement(service_id: str, record: ProcedureRecord, evidence: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The requirements text (or "Thành phần hồ sơ") supported by the papers; None when there is neither."""
    if not (record.requirements or evidence):
        return None
    requirement: dict[str, Any] = {
        "@id": f"{service_id}-yeu-cau",
        "@type": "cv:Requirement",
        "dct:identifier": "yeu-cau",
        "dct:title": _text(record.requirements or "Thành phần hồ sơ"),
    }
    if evidence:
        requirement["cv:hasSupportingEvidence"] = [{"@id": node["@id"]} for node in evidence]
    return requirement


def _output(service_id: str, i: int, result: str) -> dict[str, Any]:
    return {
        "@id": f"{service_id}-ket-qua-{i}",
        "@type": "cv:Output",
        "dct:identifier": f"ket-qua-{i}",
        "dct:title": _text(result),
    }


def _legal_resource(service_id: str, i: int, basis: LegalBasisRecord) -> dict[str, Any]:
    return {
        "@id": f"{service_id}-can-cu-{i}",
        "@type": "eli:LegalResource",
        "dct:identifier": basis.number,
        **({"dct:title": _text(basis.summary)} if basis.summary else {}),
        **({"eli:date_document": {"@value": basis.issued_on, "@type": "xsd:date"}} if basis.issued_on else {}),
    }
