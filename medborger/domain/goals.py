"""Pure rules for goals, indicators and the carbon budget. No Django here.

The goal status rule
--------------------
An indicator has a baseline (value, date), a target (value, date) and a direction: higher is
better or lower is better. Its status comes from the latest measurement (value, date):

1. No measurement, or only a measurement dated before the baseline: NO_DATA.
2. The target is reached (value >= target when higher is better, value <= target when lower
   is better): ON_TRACK, whatever the date.
3. The target asks for no improvement (target equals the baseline, or lies on the "worse" side
   of it) and is not reached: OFF_TRACK.
4. The target date has passed and the target is not reached: OFF_TRACK.
5. Otherwise compare the progress made with the progress expected on a straight line from the
   baseline to the target:
       actual   = (value - baseline) / (target - baseline)          (a fraction of the way)
       expected = (date - baseline date) / (target date - baseline date)
   ON_TRACK when actual >= 90 % of expected, AT_RISK when actual >= 60 % of expected, else
   OFF_TRACK. A measurement on the baseline date (expected 0) is ON_TRACK unless it went the
   wrong way (actual < 0), then OFF_TRACK.

All arithmetic is exact (Fraction); the thresholds are ON_TRACK_SHARE and AT_RISK_SHARE.

The carbon budget
-----------------
A budget gives tonnes CO2e per sector and year from the first to the last year. Actual
emissions are reported per sector and year. `carbon_status` sums a year -> tonnes mapping:
    total     = sum of the budget over all years
    used      = sum of the actuals within the budget years
    remaining = total - used   (negative when the budget is overspent)
From the latest reported year Y with emissions E, n = last year - Y years are left. Reducing
emissions linearly by r tonnes a year gives E - r, E - 2r, ..., E - nr, whose sum must not
exceed the remaining budget:
    n*E - r*n(n+1)/2 <= remaining   =>   r = (n*E - remaining) / (n(n+1)/2)
r is 0 when the present level already fits, and is also given as a percentage of E.
The plan is `feasible` when the emissions of the last year, E - n*r, are not negative.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction

Number = int | Decimal | Fraction

ON_TRACK_SHARE = Fraction(9, 10)
AT_RISK_SHARE = Fraction(6, 10)


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True)
class Point:
    value: Number
    date: dt.date


def _f(value: Number) -> Fraction:
    return Fraction(value)


def is_reached(value: Number, target: Number, direction: str) -> bool:
    if direction == Direction.LOWER:
        return _f(value) <= _f(target)
    return _f(value) >= _f(target)


def expected_share(baseline_date: dt.date, target_date: dt.date, on: dt.date) -> Fraction:
    """How far along the straight line from baseline to target we should be on `on` (0..1)."""
    span = (target_date - baseline_date).days
    if span <= 0:
        return Fraction(1)
    share = Fraction((on - baseline_date).days, span)
    return min(max(share, Fraction(0)), Fraction(1))


def actual_share(baseline: Number, target: Number, value: Number) -> Fraction | None:
    """The fraction of the way from baseline to target that `value` has come; None when the
    target equals the baseline (there is no way to go)."""
    gap = _f(target) - _f(baseline)
    if gap == 0:
        return None
    return (_f(value) - _f(baseline)) / gap


def goal_status(baseline: Point, target: Point, direction: str, latest: Point | None) -> Status:
    """The status of one indicator by the rule in the module docstring."""
    if latest is None or latest.date < baseline.date:
        return Status.NO_DATA
    if is_reached(latest.value, target.value, direction):
        return Status.ON_TRACK
    improves = (
        _f(target.value) > _f(baseline.value)
        if direction != Direction.LOWER
        else _f(target.value) < _f(baseline.value)
    )
    if not improves or latest.date >= target.date:
        return Status.OFF_TRACK
    actual = actual_share(baseline.value, target.value, latest.value)
    assert actual is not None  # improves implies target != baseline
    expected = expected_share(baseline.date, target.date, latest.date)
    if expected == 0:
        return Status.ON_TRACK if actual >= 0 else Status.OFF_TRACK
    if actual >= ON_TRACK_SHARE * expected:
        return Status.ON_TRACK
    if actual >= AT_RISK_SHARE * expected:
        return Status.AT_RISK
    return Status.OFF_TRACK


def worst_status(statuses: Iterable[Status]) -> Status:
    """A goal's status is that of its worst indicator with data; NO_DATA if none has data."""
    order = [Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK]
    present = set(statuses)
    for status in order:
        if status in present:
            return status
    return Status.NO_DATA


# --- Carbon budget -------------------------------------------------------------------------


@dataclass(frozen=True)
class CarbonStatus:
    total: Fraction
    used: Fraction
    remaining: Fraction
    last_year: int | None
    last_emissions: Fraction | None
    years_left: int
    reduction_per_year: Fraction | None
    reduction_percent: Fraction | None
    feasible: bool


def sum_by_year(
    lines: Iterable[tuple[str, int, Number]], sector: str | None = None
) -> dict[int, Fraction]:
    """(sector, year, tonnes) lines summed per year, for one sector or all."""
    out: dict[int, Fraction] = {}
    for line_sector, year, tonnes in lines:
        if sector is None or line_sector == sector:
            out[year] = out.get(year, Fraction(0)) + _f(tonnes)
    return out


def carbon_status(
    budget: Mapping[int, Number], actuals: Mapping[int, Number], start_year: int, end_year: int
) -> CarbonStatus:
    """Remaining budget and the linear yearly reduction needed, by the module docstring."""
    total = sum((_f(t) for y, t in budget.items() if start_year <= y <= end_year), Fraction(0))
    in_range = {y: _f(t) for y, t in actuals.items() if start_year <= y <= end_year}
    used = sum(in_range.values(), Fraction(0))
    remaining = total - used
    if not in_range:
        return CarbonStatus(
            total, used, remaining, None, None, end_year - start_year + 1, None, None, True
        )
    last_year = max(in_range)
    emissions = in_range[last_year]
    n = end_year - last_year
    if n == 0:
        return CarbonStatus(
            total, used, remaining, last_year, emissions, 0, None, None, remaining >= 0
        )
    reduction = (n * emissions - remaining) / Fraction(n * (n + 1), 2)
    reduction = max(reduction, Fraction(0))
    percent = reduction * 100 / emissions if emissions else None
    feasible = emissions - n * reduction >= 0
    return CarbonStatus(
        total, used, remaining, last_year, emissions, n, reduction, percent, feasible
    )


# --- Parsing of imported cells ------------------------------------------------------------

_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$"), ("d", "m", "y")),
]


def parse_date(text: str) -> dt.date | None:
    """ISO dates (2024-12-31) and Danish/Swedish day-first dates (31-12-2024, 31.12.2024)."""
    text = text.strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None


def parse_number(text: str) -> Decimal | None:
    """A number typed in Danish/Swedish (12,5 or 1.234,5) or English (12.5) style."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already rules it out
        return None
