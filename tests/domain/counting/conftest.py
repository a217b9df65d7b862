"""Helpers: the same instance in pabutools, the oracle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from medborger.domain.counting import ApprovalProfile, Instance


@pytest.fixture
def oracle() -> Callable[[str, Instance, ApprovalProfile], set[str]]:
    from pabutools.election import ApprovalBallot, Cardinality_Sat, Cost_Sat, Project
    from pabutools.election import ApprovalProfile as PabApprovalProfile
    from pabutools.election import Instance as PabInstance
    from pabutools.fractions import frac
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    def run(rule: str, instance: Instance, profile: ApprovalProfile) -> set[str]:
        projects = {p.id: Project(p.id, frac(p.cost)) for p in instance.projects}
        inst = PabInstance(projects.values(), budget_limit=frac(instance.budget))
        prof = PabApprovalProfile(
            [ApprovalBallot([projects[i] for i in b]) for b in profile.ballots]
        )
        out: Any
        if rule == "greedy":
            out = greedy_utilitarian_welfare(inst, prof, sat_class=Cost_Sat)
        elif rule == "mes":
            out = method_of_equal_shares(inst, prof, sat_class=Cost_Sat)
        elif rule == "mes-approval":
            out = method_of_equal_shares(inst, prof, sat_class=Cardinality_Sat)
        elif rule == "mes-add1":
            out = completion_by_rule_combination(
                inst,
                prof,
                [method_of_equal_shares, greedy_utilitarian_welfare],
                [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
            )
        elif rule == "phragmen":
            out = sequential_phragmen(inst, prof)
        else:  # pragma: no cover
            raise ValueError(rule)
        return {p.name for p in out}

    return run
