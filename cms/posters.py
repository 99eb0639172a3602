"""The A4 posting poster (niêm yết, Circular 02/2017 Chapter III) as a PDF, rendered by WeasyPrint.

Fonts: Noto Sans / DejaVu Sans from the system (full Vietnamese coverage), embedded in the PDF. Each
procedure carries a QR code linking to its live page.
"""

from typing import Any

import segno
from django.template.loader import render_to_string

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


def qr_data_uri(url: str) -> str:
    """An SVG QR code (error correction M) for `url`, as a data: URI."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=1)


def _font_sources(kind: str) -> str:
    return ", ".join(f'url("file://{path}")' for path in FONT_FILES[kind])


def poster_html(*, context: dict[str, Any]) -> str:
    rows = [dict(row, qr=qr_data_uri(row["absolute_url"])) for row in context["rows"]]
    return render_to_string(
        "cms/poster.html",
        dict(context, rows=rows, font_regular=_font_sources("regular"), font_bold=_font_sources("bold")),
    )


def poster_pdf(*, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=poster_html(context=context), base_url="/").write_pdf()
