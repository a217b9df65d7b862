"""Sequential Phragmén for participatory budgeting (approval ballots).

Every voter carries a load, starting at 0. Buying project ``p`` spreads its cost over its
supporters so that they all end at the same load ``(sum of their loads + cost) / supporters``;
each round buys the project with the smallest such load. The rule stops as soon as a project
with the smallest load does not fit in what is left of the budget (pabutools'
``sequential_phragmen``; projects that cost more than the whole budget never take part;
unsupported projects have an infinite load). Ties go to the smallest project id (string order).

Loads are exact: a voter's load is always one of the round loads, so voters hold an index into a
list of Fractions and a project's load sum is a count per round times that round's load. Floats
only pre-select the candidates, with a margin; the minimum is then taken on Fractions.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from medborger.domain.counting._compiled import compile_profile
from medborger.domain.counting.model import ApprovalProfile, Instance, Profile

_MARGIN = 1e-9


def phragmen(instance: Instance, profile: Profile) -> list[str]:
    """Project ids selected by sequential Phragmén, in the order they were selected."""
    if not isinstance(profile, ApprovalProfile):
        raise ValueError("Sequential Phragmén counts approval ballots only.")
    c = compile_profile(instance, profile)
    budget = Fraction(instance.budget)
    remaining = [j for j in range(len(c.ids)) if c.costs[j] <= budget]
    load_of = np.zeros(c.n_voters, dtype=np.int64)  # index into loads
    loads: list[Fraction] = [Fraction(0)]
    spent = Fraction(0)
    selected: list[int] = []
    while remaining:
        loads_f = np.asarray([float(x) for x in loads])
        approx: dict[int, float] = {}
        for j in remaining:
            n = len(c.supporters[j])
            if n == 0:
                approx[j] = float("inf")
            else:
                counts = np.bincount(load_of[c.supporters[j]], minlength=len(loads))
                approx[j] = (float(counts @ loads_f) + float(c.costs[j])) / n
        low = min(approx.values())
        if low == float("inf"):
            tied = list(remaining)
        else:
            exact: dict[int, Fraction] = {}
            for j, a in approx.items():
                if a <= low * (1 + _MARGIN):
                    counts = np.bincount(load_of[c.supporters[j]], minlength=len(loads))
                    total = sum((loads[k] * int(n) for k, n in enumerate(counts) if n), Fraction(0))
                    exact[j] = (total + c.costs[j]) / len(c.supporters[j])
            best = min(exact.values())
            tied = [j for j, x in exact.items() if x == best]
        if any(spent + c.costs[j] > budget for j in tied):
            break
        winner = min(tied, key=lambda j: c.ids[j])
        selected.append(winner)
        remaining.remove(winner)
        spent += c.costs[winner]
        if len(c.supporters[winner]):
            loads.append(exact[winner])
            load_of[c.supporters[winner]] = len(loads) - 1
    return [c.ids[j] for j in selected]
