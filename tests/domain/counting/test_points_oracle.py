"""Points ballots (cumulative) against pabutools, the oracle, for greedy, MES and MES with add-one
completion. Our utility for points is the project's cost times the points ("cost utilities", as
for ticks); in pabutools that is an additive satisfaction of score × cost."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborger.domain.counting import CumulativeProfile, Instance, Project, count


def _oracle(rule: str, instance: Instance, profile: CumulativeProfile) -> set[str]:
    from pabutools.election import CumulativeBallot
    from pabutools.election import CumulativeProfile as PabCumulativeProfile
    from pabutools.election import Instance as PabInstance
    from pabutools.election import Project as PabProject
    from pabutools.election.satisfaction import AdditiveSatisfaction
    from pabutools.fractions import frac
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    def cost_times_points(instance: Any, profile: Any, ballot: Any, project: Any, pre: Any) -> Any:
        return ballot.get(project, 0) * project.cost

    class CostPointsSat(AdditiveSatisfaction):
        def __init__(self, instance: Any, profile: Any, ballot: Any) -> None:
            AdditiveSatisfaction.__init__(self, instance, profile, ballot, cost_times_points)

    projects = {p.id: PabProject(p.id, frac(p.cost)) for p in instance.projects}
    inst = PabInstance(projects.values(), budget_limit=frac(instance.budget))
    prof = PabCumulativeProfile(
        [CumulativeBallot({projects[i]: frac(v) for i, v in b.items()}) for b in profile.ballots]
    )
    out: Any
    if rule == "greedy":
        out = greedy_utilitarian_welfare(inst, prof, sat_class=CostPointsSat)
    elif rule == "mes":
        out = method_of_equal_shares(inst, prof, sat_class=CostPointsSat)
    else:
        out = completion_by_rule_combination(
            inst,
            prof,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [
                {"sat_class": CostPointsSat, "voter_budget_increment": 1},
                {"sat_class": CostPointsSat},
            ],
        )
    return {p.name for p in out}


@st.composite
def points_instances(draw: st.DrawFn) -> tuple[Instance, CumulativeProfile]:
    m = draw(st.integers(1, 8))
    costs = draw(st.lists(st.integers(1, 60), min_size=m, max_size=m))
    projects = [Project(str(k + 1), c) for k, c in enumerate(costs)]
    budget = draw(st.integers(1, sum(costs)))
    n = draw(st.integers(1, 25))
    ids = [p.id for p in projects]
    ballots = draw(
        st.lists(
            st.dictionaries(st.sampled_from(ids), st.integers(1, 5), min_size=1, max_size=m),
            min_size=n,
            max_size=n,
        )
    )
    return Instance.build(budget, projects), CumulativeProfile.build(ballots)


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(points_instances())
def test_greedy_on_points_equals_pabutools(case: tuple[Instance, CumulativeProfile]) -> None:
    instance, profile = case
    assert set(count("greedy", instance, profile)) == _oracle("greedy", instance, profile)


@SETTINGS
@given(points_instances())
def test_mes_on_points_equals_pabutools(case: tuple[Instance, CumulativeProfile]) -> None:
    instance, profile = case
    assert set(count("mes", instance, profile)) == _oracle("mes", instance, profile)


@SETTINGS
@given(points_instances())
def test_mes_add1_on_points_equals_pabutools(case: tuple[Instance, CumulativeProfile]) -> None:
    instance, profile = case
    assert set(count("mes-add1", instance, profile)) == _oracle("mes-add1", instance, profile)
