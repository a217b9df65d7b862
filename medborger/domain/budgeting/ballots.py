"""Is a ballot valid under the process's ballot type? Every refusal is a code with its numbers,
so the app can say it in the voter's language (over budget by how much, too many projects …)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class BallotType(StrEnum):
    APPROVAL = "approval"  # tick between min and max projects
    KNAPSACK = "knapsack"  # tick projects whose total cost fits the pool
    CUMULATIVE = "cumulative"  # spread a number of points


class Problem(StrEnum):
    UNKNOWN_PROJECT = "unknown_project"
    TOO_FEW = "too_few"
    TOO_MANY = "too_many"
    OVER_BUDGET = "over_budget"
    NEGATIVE_POINTS = "negative_points"
    TOO_MANY_POINTS = "too_many_points"
    TOO_MANY_POINTS_ON_ONE = "too_many_points_on_one"
    EMPTY = "empty"


@dataclass(frozen=True)
class BallotRules:
    ballot_type: BallotType
    budget: int  # the pool, in whole kroner
    min_projects: int = 0
    max_projects: int | None = None
    total_points: int = 10
    max_points_per_project: int | None = None


@dataclass(frozen=True)
class Finding:
    problem: Problem
    limit: int = 0
    actual: int = 0
    project: str = ""


def check_ballot(
    rules: BallotRules, costs: Mapping[str, int], choice: Mapping[str, int]
) -> list[Finding]:
    """All problems with a ballot. `choice` maps project id → points (1 for a tick)."""
    findings: list[Finding] = []
    chosen = {pid: points for pid, points in choice.items() if points != 0}
    for pid in chosen:
        if pid not in costs:
            findings.append(Finding(Problem.UNKNOWN_PROJECT, project=pid))
    if findings:
        return findings
    if not chosen:
        return [Finding(Problem.EMPTY)]
    if rules.ballot_type == BallotType.CUMULATIVE:
        for pid, points in chosen.items():
            if points < 0:
                findings.append(Finding(Problem.NEGATIVE_POINTS, project=pid, actual=points))
            if rules.max_points_per_project is not None and points > rules.max_points_per_project:
                findings.append(
                    Finding(
                        Problem.TOO_MANY_POINTS_ON_ONE, rules.max_points_per_project, points, pid
                    )
                )
        total = sum(chosen.values())
        if total > rules.total_points:
            findings.append(Finding(Problem.TOO_MANY_POINTS, rules.total_points, total))
        return findings
    count = len(chosen)
    if count < rules.min_projects:
        findings.append(Finding(Problem.TOO_FEW, rules.min_projects, count))
    if rules.max_projects is not None and count > rules.max_projects:
        findings.append(Finding(Problem.TOO_MANY, rules.max_projects, count))
    if rules.ballot_type == BallotType.KNAPSACK:
        spent = sum(costs[pid] for pid in chosen)
        if spent > rules.budget:
            findings.append(Finding(Problem.OVER_BUDGET, rules.budget, spent))
    return findings


def remaining_budget(costs: Mapping[str, int], chosen: set[str], budget: int) -> int:
    """What is left of the pool for the summary beside a knapsack ballot (may be negative)."""
    return budget - sum(costs[pid] for pid in chosen if pid in costs)
