"""Comparison of areas and years (read-only, like selectors.py; every query is scoped to a
municipality).

For one indicator: a table with a row for the whole municipality and one for each area that has
measurements, a column for each year with measurements (the cell is the latest value measured in
that year), each row's status now (medborger.domain.goals.goal_status with the row's latest
measurement) and its change from the row's previous year with a figure; and a bar chart of each
row's latest value with the target.

For every goal: its status at the end of each year, computed as of 31 December from the
whole-municipality measurements dated up to that day (a goal has its worst indicator's status).

All goals, their indicators and all measurements are loaded with a fixed number of queries
(goals, indicators, measurements with their areas), so the page's query count does not grow with
the number of measurements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from medborger.domain.goals import Direction, Point, Status, goal_status, worst_status
from medborger.goals.charts import BarChart, bar_chart
from medborger.goals.models import Goal, Indicator, Measurement
from medborger.places.models import Area, Municipality

BETTER = "better"
WORSE = "worse"
UNCHANGED = "unchanged"


@dataclass
class AreaRow:
    label: str
    area: Area | None
    cells: list[Decimal | None]  # one per year of IndicatorComparison.years
    latest: Measurement | None
    status: Status
    change: Decimal | None  # latest year's value minus the previous year's with a value
    change_since: int | None  # that previous year
    change_verdict: str  # BETTER, WORSE, UNCHANGED or "" (no change to tell)


@dataclass
class IndicatorComparison:
    indicator: Indicator
    years: list[int]
    rows: list[AreaRow]
    chart: BarChart | None


@dataclass
class GoalYearRow:
    goal: Goal
    statuses: list[Status]  # one per year of GoalYears.years
    moved: tuple[Status, Status] | None  # (year before last, last year) when they differ


@dataclass
class GoalYears:
    years: list[int]
    rows: list[GoalYearRow]


def goals_for_comparison(*, municipality: Municipality) -> list[Goal]:
    """Every goal of the municipality with its indicators and all their measurements: three
    queries whatever the number of goals, indicators and measurements."""
    measurements = Measurement.objects.select_related("area").order_by("date", "pk")
    indicators = Indicator.objects.prefetch_related(Prefetch("measurements", queryset=measurements))
    return list(
        Goal.objects.filter(municipality=municipality).prefetch_related(
            Prefetch("indicators", queryset=indicators)
        )
    )


def indicators_of(goals: list[Goal]) -> list[Indicator]:
    return [indicator for goal in goals for indicator in goal.indicators.all()]


def default_indicator(goals: list[Goal]) -> Indicator | None:
    """The first indicator (in the goals' order) that has measurements for an area, else the
    first indicator; None when there are no indicators."""
    indicators = indicators_of(goals)
    for indicator in indicators:
        if any(m.area_id is not None for m in indicator.measurements.all()):
            return indicator
    return indicators[0] if indicators else None


def _status(indicator: Indicator, latest: Measurement | None) -> Status:
    return goal_status(
        Point(indicator.baseline_value, indicator.baseline_date),
        Point(indicator.target_value, indicator.target_date),
        indicator.direction,
        Point(latest.value, latest.date) if latest else None,
    )


def change_verdict(change: Decimal | None, direction: str) -> str:
    """Whether a change is for the better, given which way is better."""
    if change is None:
        return ""
    if change == 0:
        return UNCHANGED
    better = change < 0 if direction == Direction.LOWER else change > 0
    return BETTER if better else WORSE


def _row(
    indicator: Indicator, label: str, area: Area | None, ms: list[Measurement], years: list[int]
) -> AreaRow:
    by_year: dict[int, Measurement] = {}
    for m in sorted(ms, key=lambda m: (m.date, m.pk)):
        by_year[m.date.year] = m  # the latest measurement of each year wins
    latest = max(ms, key=lambda m: (m.date, m.pk)) if ms else None
    change = since = None
    measured_years = sorted(by_year)
    if len(measured_years) >= 2:
        last, previous = measured_years[-1], measured_years[-2]
        change = by_year[last].value - by_year[previous].value
        since = previous
    return AreaRow(
        label=label,
        area=area,
        cells=[by_year[y].value if y in by_year else None for y in years],
        latest=latest,
        status=_status(indicator, latest),
        change=change,
        change_since=since,
        change_verdict=change_verdict(change, indicator.direction),
    )


def indicator_comparison(indicator: Indicator) -> IndicatorComparison:
    """Areas × years for one indicator, from its prefetched measurements (no query)."""
    measurements = list(indicator.measurements.all())
    years = sorted({m.date.year for m in measurements})
    whole = [m for m in measurements if m.area_id is None]
    per_area: dict[int, tuple[Area, list[Measurement]]] = {}
    for m in measurements:
        if m.area is not None:
            per_area.setdefault(m.area.pk, (m.area, []))[1].append(m)
    rows = [_row(indicator, _("Whole municipality"), None, whole, years)]
    for area, ms in sorted(per_area.values(), key=lambda item: (item[0].name, item[0].pk)):
        rows.append(_row(indicator, area.name, area, ms, years))
    bars = [
        (f"{row.label} ({row.latest.date.year})", row.latest.value, row.area is None)
        for row in rows
        if row.latest
    ]
    chart = bar_chart(bars, target=indicator.target_value) if bars else None
    return IndicatorComparison(indicator, years, rows, chart)


def status_at(indicator: Indicator, day: dt.date) -> Status:
    """The indicator's status on `day` from its whole-municipality measurements up to that day."""
    latest = None
    for m in indicator.measurements.all():
        if m.area_id is None and m.date <= day and (latest is None or m.date >= latest.date):
            latest = m
    return _status(indicator, latest)


def goal_years(goals: list[Goal]) -> GoalYears:
    """Every goal's status at the end of each year from the first to the last year with a
    whole-municipality measurement (no query: the measurements are prefetched)."""
    measured = {
        m.date.year
        for goal in goals
        for indicator in goal.indicators.all()
        for m in indicator.measurements.all()
        if m.area_id is None
    }
    if not measured:
        return GoalYears([], [])
    years = list(range(min(measured), max(measured) + 1))
    rows = []
    for goal in goals:
        indicators = list(goal.indicators.all())
        statuses = [
            worst_status(status_at(i, dt.date(year, 12, 31)) for i in indicators) for year in years
        ]
        moved = None
        if len(statuses) >= 2 and statuses[-2] != statuses[-1]:
            moved = (statuses[-2], statuses[-1])
        rows.append(GoalYearRow(goal, statuses, moved))
    return GoalYears(years, rows)
