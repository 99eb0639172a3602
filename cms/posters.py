"""The A4 posting poster (niêm yết, Circular 02/2017 Chapter III) as a PDF, rendered by WeasyPrint.

Fonts: Noto Sans / DejaVu Sans from the system (full Vietnamese coverage), embedded in the PDF. Each
procedure carries a QR code linking to its live page, captioned with the same absolute URL
(`SITE_BASE_URL`). Rendering takes seconds, so each PDF is stored under a name derived from what it
shows (`cms.selectors.posting_fingerprint`) and re-rendered after a publication changes that, not while a
counter waits to print it.
"""

import datetime as dt
import hashlib
import json
from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from catalog import published
from catalog.citations import snapshot_citation
from catalog.models import ReceptionPlace
from cms import links, selectors

FONT_FILES = {
    "regular": [
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
    "bold": [
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
}
STORAGE_DIR = "niem-yet"
# Bump when cms/poster.html or the rows change shape, so stored posters are rendered again.
LAYOUT_VERSION = 4


def qr_data_uri(url: str) -> str:
    """An SVG QR code (error correction M) for `url`, as a data: URI."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=1)


def absolute_url(path: str) -> str:
    """`path` on the public site's address (SITE_BASE_URL), as printed under a QR code."""
    return settings.SITE_BASE_URL.rstrip("/") + path


def _font_sources(kind: str) -> str:
    return ", ".join(f'url("file://{path}")' for path in FONT_FILES[kind])


def per_channel(channels: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """One value per channel ("Trực tiếp: 5 ngày"), or a single unlabelled value when every channel
    says the same, which keeps a posting row short."""
    values = [channel.get(key) for channel in channels]
    if len(set(values)) == 1:
        return [{"label": None, "text": values[0]}]
    return [{"label": channel["label"], "text": channel.get(key)} for channel in channels]


def posting_context(*, place: ReceptionPlace, day: dt.date) -> dict[str, Any]:
    """What a posting shows (the web page and the poster): the rows in Vietnamese order and the notice."""
    rows = []
    posting = selectors.posting_rows(place=place, day=day)
    for row in posting:
        content = row.content
        path = links.procedure_path(row.key)
        channels = published.channel_rows(content)
        rows.append(
            {
                "name": row.name,
                "code": row.code,
                "url": path,
                "absolute_url": absolute_url(path),
                "channels": channels,
                "time_limits": per_channel(channels, "time_limit_display"),
                "fees": per_channel(channels, "fee_display"),
                "receiving_address": content.get("receiving_address") or place.address,
                "legal_bases": [
                    dict(basis, citation=snapshot_citation(basis)) for basis in content.get("legal_bases") or []
                ],
            }
        )
    return {
        "place": place,
        "rows": rows,
        "day": day,
        "updated_on": max((row.valid_from for row in posting), default=None),
        "poster_url": links.poster_path(place.slug),
        "feedback_url": absolute_url(links.feedback_path()),
    }


def poster_html(*, context: dict[str, Any]) -> str:
    rows = [dict(row, qr=qr_data_uri(row["absolute_url"])) for row in context["rows"]]
    return render_to_string(
        "cms/poster.html",
        dict(context, rows=rows, font_regular=_font_sources("regular"), font_bold=_font_sources("bold")),
    )


def poster_pdf(*, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=poster_html(context=context), base_url="/").write_pdf()


def poster_name(*, place: ReceptionPlace, day: dt.date) -> str:
    """The stored file name of the place's poster for what it shows on `day` (one query)."""
    fingerprint = selectors.posting_fingerprint(place=place, day=day)
    payload = json.dumps([LAYOUT_VERSION, settings.SITE_BASE_URL, fingerprint], ensure_ascii=False, default=str)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
    return f"{STORAGE_DIR}/{place.slug}-{digest}.pdf"


def _stored_names(place: ReceptionPlace) -> list[str]:
    try:
        _dirs, files = default_storage.listdir(STORAGE_DIR)
    except FileNotFoundError:
        return []
    prefix = f"{place.slug}-"
    return [f"{STORAGE_DIR}/{name}" for name in files if name.startswith(prefix) and name.endswith(".pdf")]


def poster_for(*, place: ReceptionPlace, day: dt.date) -> bytes:
    """The place's poster for `day`: the stored PDF when its content has not changed, else rendered,
    stored (replacing the place's older posters) and returned."""
    name = poster_name(place=place, day=day)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    pdf = poster_pdf(context=posting_context(place=place, day=day))
    for old in _stored_names(place):
        if old != name:
            default_storage.delete(old)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(pdf))
    return pdf


def posters_refresh() -> int:
    """Render again, after a publication, the posters that were printed before and whose content changed;
    returns how many. Every such place is checked by its fingerprint (one query each), so a place whose
    procedures come from rules rather than a list is covered too. A place never printed renders on its
    first request."""
    day = selectors.today()
    rendered = 0
    for place in ReceptionPlace.objects.order_by("pk"):
        stored = _stored_names(place)
        if stored and poster_name(place=place, day=day) not in stored:
            poster_for(place=place, day=day)
            rendered += 1
    return rendered
