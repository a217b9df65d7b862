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


# --- Bar chart: one horizontal bar per area, the target as a line across all bars ---------

BAR_WIDTH = 400  # narrower than the line chart, so its text stays readable on a phone
BAR_HEIGHT = 18
BAR_ROW = 44  # the label above the bar, the bar, and a gap
BAR_LEFT = 16
BAR_RIGHT = 64  # room for the value written after the longest bar
BAR_TOP = 30  # room for the target's label
BAR_BOTTOM = 32  # room for the axis labels
BAR_COLOUR = "#0059b3"  # 7:1 against white
WHOLE_COLOUR = "#3d3d3d"  # the whole municipality, 11:1 against white
TARGET_COLOUR = "#b3261e"  # 6:1 against white


@dataclass
class Bar:
    label: str
    value: Decimal
    colour: str
    x: float
    y: float
    width: float
    height: float
    label_y: float
    value_x: float
    value_y: float


@dataclass
class BarChart:
    width: int = BAR_WIDTH
    height: int = 0
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    zero_x: float = BAR_LEFT
    target_x: float | None = None
    target_anchor: str = "middle"
    bar_colour: str = BAR_COLOUR
    whole_colour: str = WHOLE_COLOUR
    target_colour: str = TARGET_COLOUR
    plot_left: int = BAR_LEFT
    plot_right: int = BAR_WIDTH - BAR_RIGHT
    plot_top: int = BAR_TOP
    plot_bottom: int = 0


def bar_chart(bars: list[tuple[str, Decimal, bool]], *, target: Decimal | None = None) -> BarChart:
    """Horizontal bars from zero, one per (label, value, is_whole_municipality), in the order
    given; the axis always includes zero and the target, so bar lengths compare honestly."""
    chart = BarChart()
    chart.plot_bottom = BAR_TOP + BAR_ROW * len(bars)
    chart.height = chart.plot_bottom + BAR_BOTTOM
    values = [0.0] + [float(v) for _label_, v, _whole in bars]
    if target is not None:
        values.append(float(target))
    step = _nice_step(max(values) - min(values))
    low = math.floor(min(values) / step) * step
    high = math.ceil(max(values) / step) * step
    if high == low:
        high = low + step

    def x(value: float) -> float:
        return round(
            chart.plot_left + (value - low) / (high - low) * (chart.plot_right - chart.plot_left), 1
        )

    tick = low
    while tick <= high + step / 1000:
        chart.x_ticks.append((x(tick), _label(tick)))
        tick += step
    chart.zero_x = x(0.0)
    for index, (label, value, whole) in enumerate(bars):
        top = BAR_TOP + index * BAR_ROW + 18
        end = x(float(value))
        left, right = min(chart.zero_x, end), max(chart.zero_x, end)
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                colour=WHOLE_COLOUR if whole else BAR_COLOUR,
                x=left,
                y=top,
                width=round(max(right - left, 1.0), 1),
                height=BAR_HEIGHT,
                label_y=top - 5,
                value_x=round(right + 6, 1),
                value_y=top + BAR_HEIGHT / 2,
            )
        )
    if target is not None:
        chart.target_x = x(float(target))
        middle = (chart.plot_left + chart.plot_right) / 2
        chart.target_anchor = "end" if chart.target_x > middle else "start"
    return chart
