"""Read-only queries for goals. Every query is scoped to a municipality.

The dashboard loads goals, their indicators and all their measurements with a fixed number of
queries (prefetching), so its query count does not grow with the number of measurements.

Which series decides an indicator's status: when an area is chosen, that area's measurements
(falling back to the whole-municipality series when the area has none); otherwise the
whole-municipality series (measurements without an area). A goal's status is that of its worst
indicator (medborger.domain.goals.worst_status)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from medborger.domain.goals import (
    CarbonStatus,
    Point,
    Status,
    carbon_status,
    goal_status,
    sum_by_year,
    worst_status,
)
from medborger.goals.charts import Chart, line_chart
from medborger.goals.models import (
    CarbonBudget,
    Goal,
    Indicator,
    Measurement,
    SdgTarget,
    Sector,
)
from medborger.places.models import Area, Committee, Municipality
from medborger.proposals.models import Sdg


@dataclass
class IndicatorView:
    indicator: Indicator
    status: Status
    latest: Measurement | None
    series: dict[str, list[Measurement]]
    chart: Chart | None
    table_dates: list[dt.date] = field(default_factory=list)
    table_rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class GoalView:
    goal: Goal
    status: Status
    indicators: list[IndicatorView]


def _measurement_prefetch() -> Any:
    return Prefetch(
        "measurements",
        queryset=Measurement.objects.select_related("area").order_by("date", "pk"),
    )


def goals_queryset(
    *, municipality: Municipality, committee: Committee | None = None, area: Area | None = None
) -> QuerySet[Goal]:
    goals = Goal.objects.filter(municipality=municipality)
    if committee is not None:
        goals = goals.filter(committee=committee)
    if area is not None:
        goals = goals.filter(Q(area=area) | Q(area__isnull=True))
    return goals.select_related("committee", "area").prefetch_related(
        "sdgs",
        "sdg_targets__sdg",
        Prefetch(
            "indicators",
            queryset=Indicator.objects.prefetch_related(_measurement_prefetch()),
        ),
    )


def indicator_view(
    indicator: Indicator, *, area: Area | None = None, with_chart: bool = True
) -> IndicatorView:
    measurements: list[Measurement] = list(indicator.measurements.all())
    whole_label = _("Whole municipality")
    series: dict[str, list[Measurement]] = {}
    for m in measurements:
        series.setdefault(m.area.name if m.area else whole_label, []).append(m)
    if whole_label in series:  # the whole municipality first, then the areas by name
        series = {whole_label: series.pop(whole_label), **dict(sorted(series.items()))}
    else:
        series = dict(sorted(series.items()))
    scope = [m for m in measurements if area is not None and m.area_id == area.pk]
    if not scope:
        scope = [m for m in measurements if m.area_id is None]
    latest = max(scope, key=lambda m: (m.date, m.pk)) if scope else None
    status = goal_status(
        Point(indicator.baseline_value, indicator.baseline_date),
        Point(indicator.target_value, indicator.target_date),
        indicator.direction,
        Point(latest.value, latest.date) if latest else None,
    )
    chart = None
    if with_chart and measurements:
        chart = line_chart(
            {label: [(m.date, m.value) for m in ms] for label, ms in series.items()},
            baseline=(indicator.baseline_date, indicator.baseline_value),
            target=(indicator.target_date, indicator.target_value),
        )
    dates = sorted({m.date for m in measurements})
    rows = []
    for label, ms in series.items():
        by_date = {m.date: m.value for m in ms}
        rows.append({"label": label, "values": [by_date.get(d) for d in dates]})
    return IndicatorView(indicator, status, latest, series, chart, dates, rows)


def dashboard(
    *,
    municipality: Municipality,
    committee: Committee | None = None,
    area: Area | None = None,
    with_charts: bool = True,
) -> list[GoalView]:
    views = []
    for goal in goals_queryset(municipality=municipality, committee=committee, area=area):
        indicators = [
            indicator_view(i, area=area, with_chart=with_charts) for i in goal.indicators.all()
        ]
        views.append(GoalView(goal, worst_status(i.status for i in indicators), indicators))
    return views


@dataclass
class SdgGroup:
    sdg: Sdg
    targets: list[SdgTarget]


def sdg_groups(goal: Goal) -> list[SdgGroup]:
    """The UN goals a goal names, each with the targets under it it names; a target implies
    its goal even when the goal itself was not ticked. Uses the prefetched rows."""
    groups: dict[int, SdgGroup] = {sdg.number: SdgGroup(sdg, []) for sdg in goal.sdgs.all()}
    for target in goal.sdg_targets.all():
        groups.setdefault(target.sdg.number, SdgGroup(target.sdg, [])).targets.append(target)
    return [groups[number] for number in sorted(groups)]


def goal_detail(*, municipality: Municipality, pk: int) -> Goal | None:
    return goals_queryset(municipality=municipality).filter(pk=pk).first()


def indicator_for_csv(*, municipality: Municipality, pk: int) -> Indicator | None:
    return (
        Indicator.objects.filter(goal__municipality=municipality, pk=pk)
        .select_related("goal")
        .prefetch_related(_measurement_prefetch())
        .first()
    )


def committees_with_goals(municipality: Municipality) -> QuerySet[Committee]:
    return Committee.objects.filter(municipality=municipality).order_by("name")


def areas_of(municipality: Municipality) -> QuerySet[Area]:
    return Area.objects.filter(municipality=municipality).order_by("name")


# --- carbon budget ---


@dataclass
class SectorRow:
    sector: str
    label: str
    status: CarbonStatus


@dataclass
class CarbonView:
    budget: CarbonBudget
    total: CarbonStatus
    sectors: list[SectorRow]
    years: list[int]
    year_rows: list[dict[str, Any]]


def carbon_budgets(*, municipality: Municipality) -> QuerySet[CarbonBudget]:
    return CarbonBudget.objects.filter(municipality=municipality).prefetch_related(
        "lines", "actuals"
    )


def carbon_view(budget: CarbonBudget) -> CarbonView:
    lines = [(line.sector, line.year, line.tonnes) for line in budget.lines.all()]
    actuals = [(a.sector, a.year, a.tonnes) for a in budget.actuals.all()]
    start, end = budget.start_year, budget.end_year
    total = carbon_status(sum_by_year(lines), sum_by_year(actuals), start, end)
    present = {s for s, _y, _t in lines} | {s for s, _y, _t in actuals}
    sectors = [
        SectorRow(
            value,
            str(label),
            carbon_status(sum_by_year(lines, value), sum_by_year(actuals, value), start, end),
        )
        for value, label in Sector.choices
        if value in present
    ]
    budget_by_year = sum_by_year(lines)
    actual_by_year = sum_by_year(actuals)
    years = list(range(start, end + 1))
    year_rows = [
        {
            "year": year,
            "budget": budget_by_year.get(year),
            "actual": actual_by_year.get(year),
        }
        for year in years
    ]
    return CarbonView(budget, total, sectors, years, year_rows)


def carbon_detail(*, municipality: Municipality, pk: int) -> CarbonBudget | None:
    return carbon_budgets(municipality=municipality).filter(pk=pk).first()


def goals_export(user: Any) -> dict[str, Any]:
    """The measurements a person entered or imported."""
    return {
        "measurements_entered": [
            {
                "indicator": m.indicator.name,
                "area": m.area.name if m.area else None,
                "date": m.date.isoformat(),
                "value": str(m.value),
                "source": m.source,
                "created_at": m.created_at.isoformat(),
            }
            for m in Measurement.objects.filter(entered_by=user).select_related("indicator", "area")
        ]
    }
