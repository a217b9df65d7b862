"""The demo goals: all three statuses occur, the carbon budget has four sectors with actuals
2019–2025, and a second run duplicates nothing."""

from __future__ import annotations

import pytest

from medborger.core import demo
from medborger.domain.goals import Status
from medborger.goals import selectors
from medborger.goals.demo import load_goals
from medborger.goals.models import CarbonActual, CarbonBudgetLine, Goal, Indicator, Measurement

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Goal.objects.count(),
        Indicator.objects.count(),
        Measurement.objects.count(),
        CarbonBudgetLine.objects.count(),
        CarbonActual.objects.count(),
    )


def test_the_loader_is_registered() -> None:
    assert load_goals in demo._LOADERS


def test_statuses_budget_and_a_second_run_duplicates_nothing() -> None:
    context = demo.load_foundation()
    summary = load_goals(context)
    first = counts()
    assert first[0] == 3 and first[4] == 4 * 7
    views = selectors.dashboard(municipality=context.municipality)
    statuses = {i.status for g in views for i in g.indicators}
    assert {Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK} <= statuses
    budget = selectors.carbon_budgets(municipality=context.municipality).get()
    view = selectors.carbon_view(budget)
    assert view.total.last_year == 2025
    assert {row.sector for row in view.sectors} == {"transport", "energy", "agriculture", "waste"}
    ids = sorted(Goal.objects.values_list("pk", flat=True))
    load_goals(demo.load_foundation())
    assert counts() == first
    assert sorted(Goal.objects.values_list("pk", flat=True)) == ids
    assert summary[0].startswith("Goals: 3 goals")
