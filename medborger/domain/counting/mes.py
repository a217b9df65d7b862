"""The Method of Equal Shares (equalshares.net), with add-one completion and a greedy fill.

Each voter starts with ``budget / voters``. In each round the project that can be paid for at the
lowest price per unit of utility ``rho`` is bought: each supporter pays ``min(own money,
rho * utility)``. Projects whose supporters together hold less than its cost drop out. Ties of
``rho`` go to the smallest project id (string order), as pabutools' default lexicographic
tie-breaking does.

Utilities: ``"cost"`` (the standard: a supporter's utility is the project's cost, times the points
for scoring ballots) or ``"approval"`` (1 per approval, the points for scoring ballots).

Add-one completion (``completion="add1"``, pabulib's ``equalshares/add1``, Wieliczka 2023): MES
is run again with every voter's starting money raised by 1 unit of currency, until the outcome is
exhaustive among the supported projects (returned) or costs more than the real budget (the
previous outcome is returned). pabutools: ``method_of_equal_shares(..., voter_budget_increment=1)``.
``fill=True`` then adds projects greedy-by-votes while they fit (pabutools:
``completion_by_rule_combination`` with ``greedy_utilitarian_welfare`` and ``Cost_Sat``).

Exactness. Two engines give the same answer. The exact engine keeps every voter's money as a
``Fraction``; voters with equal money share one class, so a round costs one numpy pass over the
supporters plus Fraction work per class. The fast engine (approval ballots) keeps money in
float64 and trusts a float comparison only when the margin is wider than ``TOLERANCE`` (relative),
far above the float error; a closer call (a tie, a near tie, a project that can only just be
afforded) is decided on exact money, rebuilt by replaying the rounds so far with the exact engine.
So rounding never decides who wins.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

from medborger.domain.counting._compiled import Compiled, IntArray, compile_profile
from medborger.domain.counting.greedy import greedy_fill
from medborger.domain.counting.model import Instance, Number, Profile

Utility = Literal["cost", "approval"]
Engine = Literal["auto", "exact", "fast"]
FloatArray = npt.NDArray[np.float64]

TOLERANCE = 1e-7
"""Relative margin below which a float comparison is re-decided with exact arithmetic."""


class _Setup:
    """What one MES run needs: per project its utility levels and which projects take part."""

    def __init__(self, compiled: Compiled, utility: Utility) -> None:
        self.c = compiled
        self.utility = utility
        m = len(compiled.ids)
        self.ulevels: list[tuple[Fraction, ...]] = []
        self.total_u: list[Fraction] = []
        for j in range(m):
            factor = Fraction(compiled.costs[j]) if utility == "cost" else Fraction(1)
            lv = tuple(factor * Fraction(x) for x in compiled.levels[j])
            self.ulevels.append(lv)
            counts = np.bincount(compiled.level_of[j], minlength=len(lv))
            self.total_u.append(
                sum((u * int(k) for u, k in zip(lv, counts, strict=True)), Fraction(0))
            )
        # pabutools: a project with no positive utility never takes part; a free project that
        # someone values is selected before the rounds start.
        self.free = [j for j in range(m) if self.total_u[j] > 0 and compiled.costs[j] == 0]
        self.considered = [j for j in range(m) if self.total_u[j] > 0 and compiled.costs[j] > 0]


class _ExactMoney:
    """Exact money of every voter: a class id per voter, one Fraction per class."""

    def __init__(self, setup: _Setup, start: Fraction) -> None:
        self.s = setup
        self.cls: IntArray = np.zeros(setup.c.n_voters, dtype=np.int64)
        self.values: list[Fraction] = [start]
        self.index: dict[Fraction, int] = {start: 0}
        self.replayed = 0

    def _class_of(self, value: Fraction) -> int:
        k = self.index.get(value)
        if k is None:
            k = len(self.values)
            self.values.append(value)
            self.index[value] = k
        return k

    def _groups(self, j: int) -> tuple[IntArray, IntArray, IntArray]:
        lv = self.s.c.level_of[j]
        nlev = len(self.s.ulevels[j])
        keys = self.cls[self.s.c.supporters[j]] * nlev + lv
        uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        return uniq, inverse.astype(np.int64), counts.astype(np.int64)

    def rho(self, j: int) -> Fraction | None:
        """The exact price per unit of utility of project ``j``; None if unaffordable."""
        cost = Fraction(self.s.c.costs[j])
        nlev = len(self.s.ulevels[j])
        uniq, _, counts = self._groups(j)
        groups = [
            (self.values[int(k) // nlev], self.s.ulevels[j][int(k) % nlev], int(n))
            for k, n in zip(uniq, counts, strict=True)
        ]
        available = sum((b * n for b, _, n in groups), Fraction(0))
        if available < cost:
            return None
        groups.sort(key=lambda g: g[0] / g[1])
        paid = Fraction(0)
        denominator = sum((u * n for _, u, n in groups), Fraction(0))
        for b, u, n in groups:
            r = (cost - paid) / denominator
            if r * u <= b:
                return r
            paid += b * n
            denominator -= u * n
        raise AssertionError("unreachable: the project is affordable")  # pragma: no cover

    def pay(self, j: int, rho: Fraction) -> None:
        nlev = len(self.s.ulevels[j])
        uniq, inverse, _ = self._groups(j)
        new = np.empty(len(uniq), dtype=np.int64)
        for t, k in enumerate(uniq):
            b = self.values[int(k) // nlev]
            u = self.s.ulevels[j][int(k) % nlev]
            new[t] = self._class_of(b - min(b, rho * u))
        self.cls[self.s.c.supporters[j]] = new[inverse]


def _run_exact(
    setup: _Setup, start: Fraction, prices: dict[int, Fraction] | None = None
) -> list[int]:
    """One MES run with exact money (pabutools' ``mes_inner_algo``, resolute). With ``prices``,
    records for each bought project what one supporter with enough money paid per point."""
    ids = setup.c.ids
    money = _ExactMoney(setup, start)
    active = set(setup.considered)
    # rho only grows as money is spent, so an old rho is a lower bound (pabutools does the same)
    bound = {j: Fraction(setup.c.costs[j]) / setup.total_u[j] for j in active}
    selected: list[int] = []
    while active:
        best: Fraction | None = None
        tied: list[int] = []
        for j in sorted(active, key=lambda p: (bound[p], ids[p])):
            if best is not None and bound[j] > best:
                break
            r = money.rho(j)
            if r is None:
                active.discard(j)
                continue
            bound[j] = r
            if best is None or r < best:
                best, tied = r, [j]
            elif r == best:
                tied.append(j)
        if best is None:
            break
        winner = min(tied, key=lambda p: ids[p])
        selected.append(winner)
        active.discard(winner)
        money.pay(winner, best)
        if prices is not None:
            factor = Fraction(setup.c.costs[winner]) if setup.utility == "cost" else Fraction(1)
            prices[winner] = best * factor
    return selected


def _rho_float(b: FloatArray, cost: float, u: float) -> float:
    m = len(b)
    r0 = cost / (u * m)
    if float(b.min()) >= r0 * u:
        return r0
    bs = np.sort(b)
    before = np.concatenate(([0.0], np.cumsum(bs)[:-1]))
    r = (cost - before) / (u * (m - np.arange(m)))
    k = int(np.argmax(r * u <= bs))
    return float(r[k])


def _run_fast(setup: _Setup, start: Fraction) -> list[int]:
    """One MES run on float money, exact wherever a comparison is close (approval ballots)."""
    c = setup.c
    ids = c.ids
    money: FloatArray = np.full(c.n_voters, float(start))
    util = {j: float(setup.ulevels[j][0]) for j in setup.considered}
    costf = {j: float(c.costs[j]) for j in setup.considered}
    active = set(setup.considered)
    bound = {j: float(Fraction(c.costs[j]) / setup.total_u[j]) for j in active}
    selected: list[int] = []
    exact_rho: list[Fraction | None] = []  # exact price of selected[i], when known
    exact: list[_ExactMoney] = []

    def exact_money() -> _ExactMoney:
        """Exact money after the rounds so far (replaying them exactly)."""
        if not exact:
            exact.append(_ExactMoney(setup, start))
        em = exact[0]
        while em.replayed < len(selected):
            j = selected[em.replayed]
            r = exact_rho[em.replayed]
            if r is None:
                r = em.rho(j)
                assert r is not None
            em.pay(j, r)
            em.replayed += 1
        return em

    while active:
        best = math.inf
        found: list[tuple[float, int, Fraction | None]] = []
        for j in sorted(active, key=lambda p: (bound[p], ids[p])):
            if bound[j] > best * (1 + TOLERANCE):
                break
            b = money[c.supporters[j]]
            available = float(b.sum())
            r_exact: Fraction | None = None
            if available < costf[j] * (1 - TOLERANCE):
                active.discard(j)
                continue
            if available <= costf[j] * (1 + TOLERANCE):
                r_exact = exact_money().rho(j)
                if r_exact is None:
                    active.discard(j)
                    continue
                r = float(r_exact)
            else:
                r = _rho_float(b, costf[j], util[j])
            bound[j] = r * (1 - TOLERANCE)
            found.append((r, j, r_exact))
            best = min(best, r)
        if not found:
            break
        close = [f for f in found if f[0] <= best * (1 + TOLERANCE)]
        if len(close) == 1:
            _, winner, w_exact = close[0]
        else:
            em = exact_money()
            rhos: list[tuple[Fraction, str, int]] = []
            for _, j, rx in close:
                rj = rx if rx is not None else em.rho(j)
                assert rj is not None
                rhos.append((rj, ids[j], j))
            w_exact, _, winner = min(rhos)
        r_w = float(w_exact) if w_exact is not None else best
        if w_exact is None:
            r_w = next(f[0] for f in close if f[1] == winner)
        selected.append(winner)
        exact_rho.append(w_exact)
        active.discard(winner)
        sup = c.supporters[winner]
        b = money[sup]
        money[sup] = b - np.minimum(b, r_w * util[winner])
    return selected


def _cost(compiled: Compiled, chosen: list[int]) -> Fraction:
    return sum((Fraction(compiled.costs[j]) for j in chosen), Fraction(0))


def _mes_outcome(
    compiled: Compiled,
    setup: _Setup,
    budget: Number,
    completion: Literal["add1"] | None,
    run: Callable[[_Setup, Fraction], list[int]],
) -> tuple[list[int], Fraction | None]:
    """The MES outcome (before any fill) and each voter's starting money in the run that gave it
    (None without voters)."""
    limit = Fraction(budget)
    if compiled.n_voters == 0:
        return [], None
    start = limit / compiled.n_voters
    outcome = setup.free + run(setup, start)
    if completion == "add1":
        previous: tuple[list[int], Fraction | None] = (list(setup.free), None)
        while True:
            spent = _cost(compiled, outcome)
            if spent > limit:
                return previous
            chosen = set(outcome)
            if all(j in chosen or spent + compiled.costs[j] > limit for j in setup.considered):
                break
            previous = (outcome, start)
            start += 1
            outcome = setup.free + run(setup, start)
    return outcome, start


@dataclass(frozen=True)
class Explained:
    """Why MES chose what it chose: for the results page."""

    selected: list[str]
    # project id → what one supporter with enough money paid per point (per tick on approval
    # ballots); projects added by the greedy fill or free projects have none
    price_per_supporter: dict[str, Fraction]
    share_per_voter: Fraction | None  # each voter's starting money in the deciding run
    filled: list[str]  # added by the final greedy fill


def equal_shares_explained(
    instance: Instance,
    profile: Profile,
    *,
    utility: Utility = "cost",
    completion: Literal["add1"] | None = None,
    fill: bool = False,
) -> Explained:
    """The same outcome as :func:`equal_shares`, with the price per supporter of each project,
    recorded by replaying the deciding run with exact money."""
    compiled = compile_profile(instance, profile)
    setup = _Setup(compiled, utility)
    chosen = equal_shares_indices(
        compiled, instance.budget, utility=utility, completion=completion, fill=fill
    )
    outcome, start = _mes_outcome(compiled, setup, instance.budget, completion, _run_exact)
    prices: dict[int, Fraction] = {}
    if start is not None:
        _run_exact(setup, start, prices)
    bought = set(outcome)
    return Explained(
        selected=[compiled.ids[j] for j in chosen],
        price_per_supporter={compiled.ids[j]: p for j, p in prices.items() if j in bought},
        share_per_voter=start,
        filled=[compiled.ids[j] for j in chosen if j not in bought],
    )


def equal_shares_indices(
    compiled: Compiled,
    budget: Number,
    *,
    utility: Utility = "cost",
    completion: Literal["add1"] | None = None,
    fill: bool = False,
    engine: Engine = "auto",
) -> list[int]:
    """MES on a compiled profile; returns the selected project indices in selection order."""
    setup = _Setup(compiled, utility)
    use_fast = engine == "fast" or (engine == "auto" and compiled.approval)
    if use_fast and not compiled.approval:
        raise ValueError("The fast engine counts approval ballots only.")
    run: Callable[[_Setup, Fraction], list[int]] = _run_fast if use_fast else _run_exact
    outcome, _start = _mes_outcome(compiled, setup, budget, completion, run)
    limit = Fraction(budget)
    if fill:
        spent = _cost(compiled, outcome)
        chosen = set(outcome)
        exhaustive = all(
            j in chosen or spent + compiled.costs[j] > limit for j in range(len(compiled.ids))
        )
        if not exhaustive:
            outcome = greedy_fill(compiled, budget, outcome)
    return outcome


def equal_shares(
    instance: Instance,
    profile: Profile,
    *,
    utility: Utility = "cost",
    completion: Literal["add1"] | None = None,
    fill: bool = False,
    engine: Engine = "auto",
) -> list[str]:
    """Project ids selected by MES, in the order they were selected (the fill's last)."""
    compiled = compile_profile(instance, profile)
    chosen = equal_shares_indices(
        compiled,
        instance.budget,
        utility=utility,
        completion=completion,
        fill=fill,
        engine=engine,
    )
    return [compiled.ids[j] for j in chosen]
