"""The profile as per-project arrays of supporters, the form every rule counts on."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from medborger.domain.counting.model import (
    ApprovalProfile,
    Instance,
    Number,
    Profile,
    exact,
)

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Compiled:
    """Project ``j`` is ``ids[j]``; its supporters (voters giving it more than 0 points) are
    ``supporters[j]``; supporter ``supporters[j][t]`` gave it ``levels[j][level_of[j][t]]``
    points. For approval ballots every project has the single level 1."""

    n_voters: int
    ids: tuple[str, ...]
    costs: tuple[Number, ...]
    supporters: tuple[IntArray, ...]
    level_of: tuple[IntArray, ...]
    levels: tuple[tuple[Number, ...], ...]
    approval: bool

    def score(self, j: int) -> Number:
        """Approvals of project ``j`` (sum of points for scoring/cumulative ballots)."""
        if self.approval:
            return len(self.supporters[j])
        counts = np.bincount(self.level_of[j], minlength=len(self.levels[j]))
        return exact(
            sum(
                (Fraction(lv) * int(c) for lv, c in zip(self.levels[j], counts, strict=True)),
                Fraction(0),
            )
        )


def compile_profile(instance: Instance, profile: Profile) -> Compiled:
    index = {p.id: j for j, p in enumerate(instance.projects)}
    m = len(instance.projects)
    voters: list[int] = []
    projs: list[int] = []
    points: list[Number] = []
    approval = isinstance(profile, ApprovalProfile)
    if isinstance(profile, ApprovalProfile):
        return _compile_approval(instance, profile, index)
    all_items: list[list[tuple[str, Number]]] = (
        [[(pid, 1) for pid in ballot] for ballot in profile.ballots]
        if isinstance(profile, ApprovalProfile)
        else [list(ballot.items()) for ballot in profile.ballots]
    )
    for v, items in enumerate(all_items):
        for pid, pts in items:
            j = index.get(pid)
            if j is None:
                raise ValueError(
                    f"Ballot {v + 1} names project {pid!r}, which is not in the instance."
                )
            if pts < 0:
                raise ValueError(f"Ballot {v + 1} gives negative points to project {pid!r}.")
            if pts == 0:
                continue
            voters.append(v)
            projs.append(j)
            points.append(pts)
    v_arr = np.asarray(voters, dtype=np.int64)
    p_arr = np.asarray(projs, dtype=np.int64)
    order = np.argsort(p_arr, kind="stable")
    v_sorted = v_arr[order]
    bounds = np.searchsorted(p_arr[order], np.arange(m + 1))
    supporters = tuple(v_sorted[bounds[j] : bounds[j + 1]] for j in range(m))
    if approval:
        level_of = tuple(np.zeros(len(s), dtype=np.int64) for s in supporters)
        levels: tuple[tuple[Number, ...], ...] = tuple((1,) for _ in range(m))
    else:
        per_level: list[IntArray] = []
        lv_list: list[tuple[Number, ...]] = []
        pts_sorted = [points[int(t)] for t in order]
        for j in range(m):
            chunk = pts_sorted[int(bounds[j]) : int(bounds[j + 1])]
            distinct = sorted(set(chunk))
            pos = {x: k for k, x in enumerate(distinct)}
            per_level.append(np.asarray([pos[x] for x in chunk], dtype=np.int64))
            lv_list.append(tuple(distinct))
        level_of = tuple(per_level)
        levels = tuple(lv_list)
    return Compiled(
        n_voters=len(profile.ballots),
        ids=tuple(p.id for p in instance.projects),
        costs=tuple(p.cost for p in instance.projects),
        supporters=supporters,
        level_of=level_of,
        levels=levels,
        approval=approval,
    )


def _compile_approval(
    instance: Instance, profile: ApprovalProfile, index: dict[str, int]
) -> Compiled:
    m = len(instance.projects)
    n = len(profile.ballots)
    lens = np.fromiter((len(b) for b in profile.ballots), dtype=np.int64, count=n)
    try:
        flat = np.fromiter(
            (index[pid] for b in profile.ballots for pid in b),
            dtype=np.int64,
            count=int(lens.sum()),
        )
    except KeyError as exc:
        for v, b in enumerate(profile.ballots):
            if exc.args[0] in b:
                raise ValueError(
                    f"Ballot {v + 1} names project {exc.args[0]!r}, which is not in the instance."
                ) from None
        raise  # pragma: no cover
    voters = np.repeat(np.arange(n, dtype=np.int64), lens)
    order = np.argsort(flat, kind="stable")
    v_sorted = voters[order]
    bounds = np.searchsorted(flat[order], np.arange(m + 1))
    supporters = tuple(v_sorted[bounds[j] : bounds[j + 1]] for j in range(m))
    return Compiled(
        n_voters=n,
        ids=tuple(p.id for p in instance.projects),
        costs=tuple(p.cost for p in instance.projects),
        supporters=supporters,
        level_of=tuple(np.zeros(len(s), dtype=np.int64) for s in supporters),
        levels=tuple((1,) for _ in range(m)),
        approval=True,
    )
