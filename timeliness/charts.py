"""A server-side SVG bar chart of on-time rates by agency (no JavaScript), sorted, with a threshold line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from timeliness.selectors import ReportRow

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 230
PLOT_WIDTH = 420
VALUE_WIDTH = 60
TOP = 28


@dataclass(frozen=True)
class Bar:
    label: str
    rate_text: str
    y: int
    width: float
    below: bool


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    plot_x: int
    plot_width: int
    threshold_x: float
    threshold_text: str
    ticks: list[tuple[float, int]]


def rate_chart(*, rows: list[ReportRow], threshold: Decimal) -> Chart:
    """Bars for rows with resolved dossiers, highest rate first (ties by name), and the threshold position."""
    measured = [row for row in rows if row.counts["dung_han"] + row.counts["tre_han"] > 0]
    measured.sort(key=lambda row: (-row.rate, row.name))
    bars = [
        Bar(
            label=row.name,
            rate_text=row.rate_text,
            y=TOP + index * (BAR_HEIGHT + GAP),
            width=float(row.rate) / 100 * PLOT_WIDTH,
            below=row.rate < threshold,
        )
        for index, row in enumerate(measured)
    ]
    height = TOP + len(bars) * (BAR_HEIGHT + GAP) + 10
    return Chart(
        bars=bars,
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height=height,
        plot_x=LABEL_WIDTH,
        plot_width=PLOT_WIDTH,
        threshold_x=LABEL_WIDTH + float(threshold) / 100 * PLOT_WIDTH,
        threshold_text=f"{threshold:g}".replace(".", ","),
        ticks=[(LABEL_WIDTH + value / 100 * PLOT_WIDTH, value) for value in (0, 25, 50, 75, 100)],
    )
