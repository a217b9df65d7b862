"""Greedy by votes: the most-voted project first, skipping projects that no longer fit.

Votes are approvals for approval ballots and the sum of points for scoring and cumulative
ballots. Equal votes are broken by project id (plain string order, as pabutools' default
lexicographic tie-breaking). This equals pabutools' ``greedy_utilitarian_welfare`` with
``Cost_Sat`` on approval profiles (satisfaction per unit of cost = number of approvals).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from medborger.domain.counting._compiled import Compiled, compile_profile
from medborger.domain.counting.model import Instance, Number, Profile


def greedy_fill(compiled: Compiled, budget: Number, initial: Iterable[int] = ()) -> list[int]:
    """Extend ``initial`` (project indices) greedily by votes; returns all selected indices."""
    selected = list(initial)
    chosen = set(selected)
    remaining = Fraction(budget) - sum((Fraction(compiled.costs[j]) for j in selected), Fraction(0))

    def density(j: int) -> Fraction:
        # pabutools: total satisfaction / cost, which for Cost_Sat is the vote count;
        # a zero-cost project has zero satisfaction and so density 0.
        if compiled.costs[j] == 0:
            return Fraction(0)
        return Fraction(compiled.score(j))

    rest = [j for j in range(len(compiled.ids)) if j not in chosen]
    rest.sort(key=lambda j: (-density(j), compiled.ids[j]))
    for j in rest:
        if compiled.costs[j] <= remaining:
            selected.append(j)
            remaining -= compiled.costs[j]
    return selected


def greedy(instance: Instance, profile: Profile) -> list[str]:
    """Project ids selected by greedy-by-votes, in the order they were selected."""
    compiled = compile_profile(instance, profile)
    return [compiled.ids[j] for j in greedy_fill(compiled, instance.budget)]
