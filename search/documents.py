"""Mapping from a procedure version's content (catalog.snapshots shape) to the document every backend indexes.

Pure functions over plain data: the same `IndexDocument` feeds the database table and Elasticsearch, so
both backends see the same text and facets.
"""

import math
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from catalog.choices import Channel, OnlineServiceLevel
from catalog.text import vn_slugify
from search.text import folded_text, folded_tokens, name_head, name_parts, original_text
from search.urls_for import procedure_url

FACETS = ("field", "level", "agency", "online", "channel")
_IMPLEMENTING_ROLES = ("implementing", "competent")


@dataclass(frozen=True)
class IndexDocument:
    procedure_id: int
    version_id: int
    code: str
    slug: str
    name: str
    name_text: str
    name_folded: str
    body: str
    body_text: str
    body_folded: str
    field_slug: str
    field_name: str
    agency_name: str
    online_service_level: str
    head_folded: str = ""  # the name's core (search.text.name_head)
    context_terms: str = ""  # the distinct folded syllables of the steps
    local: float = 0.0  # how close to the citizen its levels are: 1 at the nearest of the province's levels
    popularity: float = 0.0  # demand (dossiers) and the staff "thường dùng" flag, 0..1
    # facet -> [(value, label)]
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    display: dict[str, Any] = field(default_factory=dict)


def _agencies(content: dict[str, Any]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for entry in content.get("agencies") or []:
        if entry.get("role") in _IMPLEMENTING_ROLES and entry.get("name"):
            value = entry.get("agency_code") or vn_slugify(entry["name"], max_length=120)
            seen.setdefault(value, entry["name"])
    if not seen and content.get("owner_agency"):
        owner = content["owner_agency"]
        seen[owner["code"]] = owner["name"]
    return list(seen.items())


def level_nearness(level_codes: list[str]) -> float:
    """1.0 for a procedure handled at the level nearest the citizen among the province's own
    (SEARCH_PROVINCE_LEVELS, nearest first), 0.2 less for each level further, 0 for none of them (ministries)."""
    order = [code.strip() for code in settings.SEARCH_PROVINCE_LEVELS.split(",") if code.strip()]
    ranks = [order.index(code) for code in level_codes if code in order]
    return max(0.0, 1.0 - 0.2 * min(ranks)) if ranks else 0.0


def popularity(*, demand: int, commonly_used: bool) -> float:
    """0..1: 1 for a procedure staff mark "thường dùng", else its yearly dossiers on a log scale that reaches 1
    at SEARCH_DEMAND_FULL."""
    if commonly_used:
        return 1.0
    full = max(2, settings.SEARCH_DEMAND_FULL)
    return min(1.0, math.log1p(max(0, demand)) / math.log1p(full))


def _joined(parts: list[str]) -> str:
    """The non-empty parts, stripped, joined by a middle dot."""
    return " · ".join(part.strip() for part in parts if part and part.strip())


def _body(content: dict[str, Any]) -> str:
    """The snippet's text: keywords, description, results and the field's name."""
    parts = [
        *(content.get("keywords") or []),
        content.get("description") or "",
        *(content.get("results") or []),
        (content.get("field") or {}).get("name") or "",
    ]
    return _joined(parts)


def _facets(content: dict[str, Any], agencies: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    field_info = content.get("field") or {}
    channel_labels = dict(Channel.choices)
    channels = sorted({c["channel"] for c in content.get("channels") or [] if c.get("channel")})
    osl = content.get("online_service_level") or ""
    return {
        "field": [(field_info["slug"], field_info["name"])] if field_info.get("slug") else [],
        "level": [(level["code"], level["name"]) for level in content.get("levels") or []],
        "agency": agencies,
        "online": [(osl or "none", str(dict(OnlineServiceLevel.choices).get(osl, osl)))],
        "channel": [(c, str(channel_labels.get(c, c))) for c in channels],
    }


def document_from_version(
    *, procedure_id: int, version_id: int, content: dict[str, Any], demand: int = 0, commonly_used: bool = False
) -> IndexDocument:
    """The search document of one version in force (`demand`, `commonly_used`: the procedure's, not versioned)."""
    name = content.get("name") or ""
    field_info = content.get("field") or {}
    levels = content.get("levels") or []
    body = _body(content)
    # Matched like the body, not shown: the applicants, and the name's remarks in parentheses ("(thực hiện
    # tại cấp tỉnh)"), which match less than the name's own words.
    main, remarks = name_parts(name)
    matched_body = _joined([remarks, body, *(content.get("applicants") or [])])
    name_folded, body_folded = folded_text(main), folded_text(matched_body)
    # The steps' syllables that name and body lack (a term found there already counts for more).
    context_terms = set(folded_tokens(" ".join(content.get("steps") or []))) - set(name_folded.split())
    agencies = _agencies(content)
    facets = _facets(content, agencies)
    code = content.get("code") or ""
    slug = content.get("slug") or ""
    return IndexDocument(
        procedure_id=procedure_id,
        version_id=version_id,
        code=code,
        slug=slug,
        name=name,
        name_text=original_text(main),
        name_folded=name_folded,
        body=body,
        body_text=original_text(matched_body),
        body_folded=body_folded,
        field_slug=field_info.get("slug") or "",
        field_name=field_info.get("name") or "",
        agency_name=agencies[0][1] if agencies else "",
        online_service_level=content.get("online_service_level") or "",
        head_folded=" ".join(name_head(name)),
        context_terms=" ".join(sorted(context_terms - set(body_folded.split()))),
        local=level_nearness([level["code"] for level in levels]),
        popularity=popularity(demand=demand, commonly_used=commonly_used),
        facets=facets,
        display={
            "levels": [level["name"] for level in levels],
            "channels": [label for _value, label in facets["channel"]],
            "url": procedure_url(code=code, slug=slug),
        },
    )
