"""Server-rendered SVG bar charts that read right to left.

Time runs from the right edge (oldest) to the left (newest), the value axis stands on the right,
and every label is in Persian digits; the template draws what ``bar_chart`` computes, so the
chart needs no JavaScript and each chart has its table beside it for screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rasad.core.digits import to_persian_digits

WIDTH = 720
HEIGHT = 260
AXIS = 48  # room for the value labels on the right
BOTTOM = 40  # room for the date labels
TOP = 12


# One colour per series; told apart by the legend and each bar's title too, not colour alone.
PALETTE = {"view_anon": "#8fb8de", "view_reader": "#f2a65a", "view_sub": "#2e7d32"}
DEFAULT_FILL = "#3f6e9a"


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (y, label)
    labels: list[tuple[float, str]] = field(default_factory=list)  # (x, label)
    axis_x: float = WIDTH - AXIS
    base_y: float = HEIGHT - BOTTOM


def _nice_max(value: int) -> int:
    if value <= 4:
        return 4
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def bar_chart(
    columns: list[tuple[str, list[tuple[str, int]]]], *, label_every: int = 1, legend: dict[str, str] | None = None
) -> Chart:
    """Stacked bars, one column per ``(label, [(series, value), …])``, the first column at the right."""
    chart = Chart()
    plot_width = WIDTH - AXIS - 8
    plot_height = HEIGHT - BOTTOM - TOP
    top = _nice_max(max((sum(v for _s, v in values) for _l, values in columns), default=0))
    slot = plot_width / max(len(columns), 1)
    for n in range(5):
        value = top * n // 4
        chart.ticks.append((chart.base_y - plot_height * n / 4, to_persian_digits(f"{value:,}".replace(",", "٬"))))
    for index, (label, values) in enumerate(columns):
        x = chart.axis_x - slot * (index + 1) + slot * 0.15
        y = chart.base_y
        for series, value in values:
            if not value:
                continue
            height = plot_height * value / top
            y -= height
            name = (legend or {}).get(series, series)
            chart.bars.append(
                Bar(x=round(x, 1), y=round(y, 1), width=round(slot * 0.7, 1), height=round(height, 1), fill=PALETTE.get(series, DEFAULT_FILL),
                    title=f"{label} — {name}: {to_persian_digits(value)}")
            )  # fmt: skip
        if index % label_every == 0:
            chart.labels.append((round(x + slot * 0.35, 1), label))
    return chart
