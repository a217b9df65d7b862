"""Line charts drawn on the server as SVG geometry; the template writes the <svg> with a
<title>, a <desc> and a data table next to it, so the chart needs no JavaScript and every figure
can also be read as text."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 640
HEIGHT = 300
LEFT = 56
RIGHT = 16
TOP = 16
BOTTOM = 40
# Colours with at least 3:1 contrast against white, told apart by their dash pattern too.
PALETTE = [
    ("#0059b3", ""),
    ("#b3261e", "6 3"),
    ("#1b6e20", "2 3"),
    ("#6b2fa0", "8 3 2 3"),
    ("#8a4b00", "1 2"),
    ("#00606b", "10 4"),
]


@dataclass
class Line:
    label: str
    colour: str
    dash: str
    path: str
    points: list[tuple[float, float]]


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    lines: list[Line] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    target: tuple[float, float] | None = None
    baseline: tuple[float, float] | None = None
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM


def _nice_step(span: float) -> float:
    raw = span / 4 if span > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover


def _label(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "\u2212")


def line_chart(
    series: dict[str, list[tuple[dt.date, Decimal]]],
    *,
    baseline: tuple[dt.date, Decimal],
    target: tuple[dt.date, Decimal],
) -> Chart:
    chart = Chart()
    dates = [baseline[0], target[0]] + [d for points in series.values() for d, _ in points]
    values = [float(baseline[1]), float(target[1])] + [
        float(v) for points in series.values() for _, v in points
    ]
    first_year, last_year = min(dates).year, max(dates).year + 1
    x0 = dt.date(first_year, 1, 1).toordinal()
    x1 = dt.date(last_year, 1, 1).toordinal()
    step = _nice_step(max(values) - min(values))
    low = math.floor(min(values) / step) * step
    high = math.ceil(max(values) / step) * step
    if high == low:
        high = low + step

    def x(day: dt.date) -> float:
        return round(
            chart.plot_left
            + (day.toordinal() - x0) / (x1 - x0) * (chart.plot_right - chart.plot_left),
            1,
        )

    def y(value: float) -> float:
        return round(
            chart.plot_bottom - (value - low) / (high - low) * (chart.plot_bottom - chart.plot_top),
            1,
        )

    tick = low
    while tick <= high + step / 1000:
        chart.y_ticks.append((y(tick), _label(tick)))
        tick += step
    year_step = max(1, math.ceil((last_year - first_year) / 6))
    for year in range(first_year, last_year + 1, year_step):
        chart.x_ticks.append((x(dt.date(year, 1, 1)), str(year)))
    for index, (label, points) in enumerate(series.items()):
        colour, dash = PALETTE[index % len(PALETTE)]
        coords = [(x(d), y(float(v))) for d, v in sorted(points)]
        path = " ".join(f"{'M' if i == 0 else 'L'}{px},{py}" for i, (px, py) in enumerate(coords))
        chart.lines.append(Line(label, colour, dash, path, coords))
    chart.baseline = (x(baseline[0]), y(float(baseline[1])))
    chart.target = (x(target[0]), y(float(target[1])))
    return chart
