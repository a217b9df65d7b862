"""The demo goals of Lyngholt Kommune: schools (wellbeing on track, grades at risk), elder care
(waiting time for a care home, lower is better, off track) and climate, with a carbon budget
2019–2030 by sector and reported emissions 2019–2025.

Goals, indicators and the budget keep their ids (update_or_create on their names); the
measurements of the demo indicators are rebuilt on every run, so a second run gives the same
data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from medborger.goals.models import (
    CarbonActual,
    CarbonBudget,
    CarbonBudgetLine,
    Goal,
    Indicator,
    Measurement,
    SdgTarget,
)
from medborger.proposals.models import Sdg

AREAS = ["lyngholt-nord", "bakkely", "kirkeby", "strandvig"]


@dataclass
class DemoIndicator:
    name: str
    unit: str
    direction: str
    baseline: tuple[str, date]
    target: tuple[str, date]
    source: str
    owner: str
    plausible: tuple[str, str]
    # (date, whole municipality, per area in the order of AREAS)
    series: list[tuple[date, str, list[str]]]


@dataclass
class DemoGoal:
    title: str
    description: str
    committee: str
    owner: str
    sdgs: list[int]
    indicators: list[DemoIndicator]
    sdg_targets: list[str] = field(default_factory=list)


GOALS = [
    DemoGoal(
        title="Flere elever trives i skolen",
        description=(
            "Byrådet har besluttet, at flere elever skal trives i skolen. Vi måler det med den "
            "nationale trivselsmåling hvert forår og følger karaktererne ved 9. klasses "
            "afgangsprøve."
        ),
        committee="boern-og-unge",
        owner="Skole og Dagtilbud",
        sdgs=[3, 4],
        sdg_targets=["3.4", "4.1"],
        indicators=[
            DemoIndicator(
                name="Elever med høj trivsel",
                unit="%",
                direction="higher",
                baseline=("84", date(2020, 5, 1)),
                target=("90", date(2028, 5, 1)),
                source="Den nationale trivselsmåling",
                owner="Skole og Dagtilbud",
                plausible=("50", "100"),
                series=[
                    (date(2021, 5, 1), "84.6", ["83.9", "85.2", "84.0", "85.5"]),
                    (date(2022, 5, 1), "85.4", ["84.8", "86.0", "84.9", "86.1"]),
                    (date(2023, 5, 1), "86.3", ["85.6", "87.1", "85.2", "87.0"]),
                    (date(2024, 5, 1), "87.0", ["86.2", "87.9", "85.8", "87.6"]),
                    (date(2025, 5, 1), "87.9", ["87.1", "88.6", "86.0", "88.4"]),
                ],
            ),
            DemoIndicator(
                name="Karaktergennemsnit ved 9. klasses prøve",
                unit="karakter",
                direction="higher",
                baseline=("6.9", date(2020, 6, 30)),
                target=("7.5", date(2028, 6, 30)),
                source="Børne- og Undervisningsministeriets datavarehus",
                owner="Skole og Dagtilbud",
                plausible=("-3", "12"),
                series=[
                    (date(2021, 6, 30), "6.95", ["6.8", "7.1", "6.7", "7.0"]),
                    (date(2022, 6, 30), "7.0", ["6.9", "7.2", "6.8", "7.1"]),
                    (date(2023, 6, 30), "7.05", ["6.9", "7.3", "6.8", "7.2"]),
                    (date(2024, 6, 30), "7.1", ["7.0", "7.3", "6.9", "7.3"]),
                    (date(2025, 6, 30), "7.18", ["7.1", "7.4", "6.9", "7.3"]),
                ],
            ),
        ],
    ),
    DemoGoal(
        title="Kortere ventetid på plejebolig",
        description=(
            "Ingen ældre skal vente længere end nødvendigt på en plejebolig. Målet er, at "
            "ventetiden højst er 30 dage i gennemsnit i 2027. Garantiventelisten følges hver "
            "måned; her vises status ved årets start."
        ),
        committee="social-og-sundhed",
        owner="Ældre og Sundhed",
        sdgs=[3, 10],
        sdg_targets=["3.8", "10.2"],
        indicators=[
            DemoIndicator(
                name="Gennemsnitlig ventetid på plejebolig",
                unit="dage",
                direction="lower",
                baseline=("62", date(2021, 1, 1)),
                target=("30", date(2027, 1, 1)),
                source="Omsorgssystemet, visitationen",
                owner="Visitationen",
                plausible=("0", "365"),
                series=[
                    (date(2022, 1, 1), "60", ["64", "55", "59", "66"]),
                    (date(2023, 1, 1), "63", ["67", "54", "61", "70"]),
                    (date(2024, 1, 1), "59", ["62", "51", "58", "66"]),
                    (date(2025, 1, 1), "58", ["60", "49", "57", "67"]),
                ],
            ),
        ],
    ),
]

CLIMATE_GOAL = DemoGoal(
    title="Lyngholt holder sit CO2-budget",
    description=(
        "Lyngholt Kommune har et CO2-budget for hele kommunen som geografisk område fra 2019 til "
        "2030. Budgettet er fordelt på sektorer. Hvert år opgør vi udledningen og beregner, hvor "
        "meget den skal falde om året, for at vi holder budgettet."
    ),
    committee="teknik-og-miljoe",
    owner="Klima og Miljø",
    sdgs=[7, 11, 13],
    sdg_targets=["7.2", "11.6", "13.2"],
    indicators=[],
)

# Tonnes CO2e in 2019 and the planned and actual yearly change per sector.
SECTORS = {
    # sector: (2019, planned fall a year, actuals 2019-2025)
    "transport": (140_000, 9_000, [140_000, 131_000, 136_500, 134_000, 131_800, 129_900, 127_600]),
    "energy": (120_000, 9_500, [120_000, 111_000, 101_500, 92_600, 84_000, 76_300, 69_000]),
    "agriculture": (
        110_000,
        5_000,
        [110_000, 109_200, 108_900, 107_600, 106_800, 105_900, 104_700],
    ),
    "waste": (30_000, 1_800, [30_000, 28_900, 27_600, 26_400, 25_100, 24_000, 22_800]),
}
BUDGET_YEARS = range(2019, 2031)
ACTUAL_YEARS = range(2019, 2026)


def _goal(context: Any, spec: DemoGoal) -> Goal:
    goal, _created = Goal.objects.update_or_create(
        municipality=context.municipality,
        title=spec.title,
        defaults={
            "description": spec.description,
            "committee": context.committees.get(spec.committee),
            "owner": spec.owner,
            "position": 0,
        },
    )
    goal.sdgs.set(Sdg.objects.filter(number__in=spec.sdgs))
    goal.sdg_targets.set(SdgTarget.objects.filter(code__in=spec.sdg_targets))
    return goal


def _indicator(context: Any, goal: Goal, spec: DemoIndicator, position: int) -> Indicator:
    indicator, _created = Indicator.objects.update_or_create(
        goal=goal,
        name=spec.name,
        defaults={
            "unit": spec.unit,
            "direction": spec.direction,
            "baseline_value": Decimal(spec.baseline[0]),
            "baseline_date": spec.baseline[1],
            "target_value": Decimal(spec.target[0]),
            "target_date": spec.target[1],
            "data_source": spec.source,
            "owner": spec.owner,
            "plausible_min": Decimal(spec.plausible[0]),
            "plausible_max": Decimal(spec.plausible[1]),
            "position": position,
        },
    )
    indicator.measurements.all().delete()
    officer = context.staff.get("case_officer")
    rows = []
    for when, whole, per_area in spec.series:
        rows.append(
            Measurement(
                indicator=indicator,
                date=when,
                value=Decimal(whole),
                source=spec.source,
                entered_by=officer,
            )
        )
        for slug, value in zip(AREAS, per_area, strict=True):
            rows.append(
                Measurement(
                    indicator=indicator,
                    area=context.areas[slug],
                    date=when,
                    value=Decimal(value),
                    source=spec.source,
                    entered_by=officer,
                )
            )
    Measurement.objects.bulk_create(rows)
    return indicator


def _carbon(context: Any, goal: Goal) -> CarbonBudget:
    budget, _created = CarbonBudget.objects.update_or_create(
        municipality=context.municipality,
        title="CO2-budget for Lyngholt Kommune 2019–2030",
        defaults={"goal": goal, "start_year": 2019, "end_year": 2030},
    )
    for sector, (start, fall, actuals) in SECTORS.items():
        for k, year in enumerate(BUDGET_YEARS):
            CarbonBudgetLine.objects.update_or_create(
                budget=budget, sector=sector, year=year, defaults={"tonnes": start - k * fall}
            )
        for year, tonnes in zip(ACTUAL_YEARS, actuals, strict=True):
            CarbonActual.objects.update_or_create(
                budget=budget,
                sector=sector,
                year=year,
                defaults={"tonnes": tonnes, "source": "Energistyrelsens kommuneopgørelse"},
            )
    totals = [sum(s[2][i] for s in SECTORS.values()) for i in range(len(ACTUAL_YEARS))]
    climate = DemoIndicator(
        name="Udledning af drivhusgasser i alt",
        unit="ton CO2e",
        direction="lower",
        baseline=(str(totals[0]), date(2019, 12, 31)),
        target=("150000", date(2030, 12, 31)),
        source="Energistyrelsens kommuneopgørelse",
        owner="Klima og Miljø",
        plausible=("0", "1000000"),
        series=[],
    )
    indicator = _indicator(context, goal, climate, 0)
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            date=date(year, 12, 31),
            value=Decimal(total),
            source=climate.source,
            entered_by=context.staff.get("case_officer"),
        )
        for year, total in list(zip(ACTUAL_YEARS, totals, strict=True))[1:]
    )
    return budget


def load_goals(context: Any) -> list[str]:
    goals = []
    for spec in GOALS:
        goal = _goal(context, spec)
        for position, indicator in enumerate(spec.indicators):
            _indicator(context, goal, indicator, position)
        goals.append(goal)
    climate = _goal(context, CLIMATE_GOAL)
    _carbon(context, climate)
    goals.append(climate)
    measurements = Measurement.objects.filter(indicator__goal__in=goals).count()
    return [f"Goals: {len(goals)} goals, {measurements} measurements, a carbon budget 2019–2030."]
