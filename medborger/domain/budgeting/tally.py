"""The tally from the ballot log alone: which ballots are current, and the points per project.

A ballot is current unless a later entry names its receipt in "replaces". The same rules run in
scripts/verify_ballots.py, so anyone can recount an exported log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def current_choices(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, int]]:
    """The choices of the entries no later entry replaces, in log order."""
    kept: dict[str, dict[str, int]] = {}
    for entry in entries:
        replaced = entry.get("replaces") or ""
        if replaced:
            kept.pop(replaced, None)
        kept[str(entry["receipt"])] = {str(k): int(v) for k, v in dict(entry["choice"]).items()}
    return list(kept.values())


def points_per_project(choices: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Sum of points per project id (a tick counts 1), sorted by project id."""
    totals: dict[str, int] = {}
    for choice in choices:
        for pid, points in choice.items():
            if points:
                totals[pid] = totals.get(pid, 0) + int(points)
    return dict(sorted(totals.items()))
