"""Instances and profiles of a participatory-budgeting vote.

Amounts (costs, the budget, points) are exact: ``int`` when whole, ``Fraction`` otherwise, so
no rule ever rounds. Project ids are strings, as in pabulib; ties between projects are broken by
comparing these strings (see ``medborger.domain.counting``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

Number = int | Fraction

VoteType = Literal["approval", "scoring", "cumulative"]


def exact(value: Number) -> Number:
    """Return ``value`` as an ``int`` when it is whole, else as a ``Fraction``."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value.numerator)
    return value


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    cost: Number

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("A project needs an id.")
        if self.cost < 0:
            raise ValueError(f"Project {self.id!r} has a negative cost.")


@dataclass(frozen=True, slots=True)
class Instance:
    budget: Number
    projects: tuple[Project, ...]
    meta: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.budget < 0:
            raise ValueError("The budget cannot be negative.")
        seen: set[str] = set()
        for project in self.projects:
            if project.id in seen:
                raise ValueError(f"Project id {project.id!r} occurs twice.")
            seen.add(project.id)

    @classmethod
    def build(
        cls, budget: Number, projects: Iterable[Project], meta: Mapping[str, str] | None = None
    ) -> Instance:
        return cls(budget=budget, projects=tuple(projects), meta=dict(meta or {}))

    def project(self, project_id: str) -> Project:
        for project in self.projects:
            if project.id == project_id:
                return project
        raise KeyError(project_id)

    def cost_of(self, project_ids: Iterable[str]) -> Number:
        costs = {p.id: p.cost for p in self.projects}
        return exact(sum((Fraction(costs[i]) for i in project_ids), Fraction(0)))


@dataclass(frozen=True, slots=True)
class ApprovalProfile:
    """One approval ballot per voter: the set of approved project ids."""

    ballots: tuple[frozenset[str], ...]
    vote_type: Literal["approval"] = "approval"

    @classmethod
    def build(cls, ballots: Iterable[Iterable[str]]) -> ApprovalProfile:
        return cls(tuple(frozenset(b) for b in ballots))

    def __len__(self) -> int:
        return len(self.ballots)

    def scores(self) -> dict[str, Number]:
        """Number of approvals per project id."""
        counts: dict[str, Number] = {}
        for ballot in self.ballots:
            for pid in ballot:
                counts[pid] = counts.get(pid, 0) + 1
        return counts


def _sum_points(ballots: Iterable[Mapping[str, Number]]) -> dict[str, Number]:
    """Points per project id, added exactly (scoring and cumulative ballots count alike)."""
    totals: dict[str, Number] = {}
    for ballot in ballots:
        for pid, points in ballot.items():
            totals[pid] = exact(Fraction(totals.get(pid, 0)) + Fraction(points))
    return totals


@dataclass(frozen=True, slots=True)
class CardinalProfile:
    """One scoring ballot per voter: points given per project id (missing = 0)."""

    ballots: tuple[Mapping[str, Number], ...]
    vote_type: Literal["scoring"] = "scoring"

    @classmethod
    def build(cls, ballots: Iterable[Mapping[str, Number]]) -> CardinalProfile:
        return cls(tuple(dict(b) for b in ballots))

    def __len__(self) -> int:
        return len(self.ballots)

    def scores(self) -> dict[str, Number]:
        """Sum of points per project id."""
        return _sum_points(self.ballots)


@dataclass(frozen=True, slots=True)
class CumulativeProfile:
    """Cumulative ballots: like scoring ballots, the points of one ballot being a shared pot."""

    ballots: tuple[Mapping[str, Number], ...]
    vote_type: Literal["cumulative"] = "cumulative"

    @classmethod
    def build(cls, ballots: Iterable[Mapping[str, Number]]) -> CumulativeProfile:
        return cls(tuple(dict(b) for b in ballots))

    def __len__(self) -> int:
        return len(self.ballots)

    def scores(self) -> dict[str, Number]:
        """Sum of points per project id."""
        return _sum_points(self.ballots)


Profile = ApprovalProfile | CardinalProfile | CumulativeProfile


def utilities(profile: Profile) -> Sequence[Mapping[str, Number]]:
    """Per voter, the points given to each project (1 for an approval)."""
    if isinstance(profile, ApprovalProfile):
        return [dict.fromkeys(b, 1) for b in profile.ballots]
    return profile.ballots
