"""Counting engine vs pabutools: MES with add-one completion (and a greedy fill) on approval votes.

    .venv/bin/python bench/counting.py            # all sizes; pabutools where it fits the cap
    .venv/bin/python bench/counting.py --cap 300  # pabutools skipped when its estimate exceeds 300 s

Instances are generated with a fixed seed: a budget of 150 per voter, integer project costs
spread 0.2-1.8 x their mean, together about 3.3 x the budget, each voter approves 1-10 projects drawn with skewed popularity. Each side runs
in its own child process so its peak memory (ru_maxrss) is its own. See README.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# bench/http.py would shadow the standard library's http package: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

SIZES = [(40, 5_000), (100, 50_000), (150, 100_000)]


def generate(
    m: int, n: int, seed: int = 2023
) -> tuple[int, list[tuple[str, int]], list[list[str]]]:
    rng = random.Random(seed * 1_000_003 + m * 1009 + n)
    budget = 150 * n  # 150 units of currency per voter, as in a large city's vote
    mean_cost = budget / (0.3 * m)  # the projects together cost about 3.3 x the budget
    projects = [(str(k + 1), int(mean_cost * rng.uniform(0.2, 1.8))) for k in range(m)]
    weights = [rng.paretovariate(1.2) for _ in range(m)]
    ids = [p for p, _ in projects]
    ballots = []
    for _ in range(n):
        k = rng.randint(1, 10)
        ballots.append(sorted(set(rng.choices(ids, weights=weights, k=k))))
    return budget, projects, ballots


def run_ours(m: int, n: int, queue: Any) -> None:
    from medborger.domain.counting import ApprovalProfile, Instance, Project, equal_shares

    budget, projects, ballots = generate(m, n)
    instance = Instance.build(budget, [Project(p, c) for p, c in projects])
    profile = ApprovalProfile.build(ballots)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    chosen = equal_shares(instance, profile, completion="add1", fill=True)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put(
        {
            "seconds": seconds,
            "peak_mb": rss / 1024,
            "growth_mb": (rss - rss0) / 1024,
            "selected": sorted(chosen),
        }
    )


def run_pabutools(m: int, n: int, queue: Any) -> None:
    from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    budget, projects, ballots = generate(m, n)
    pp = {p: Project(p, c) for p, c in projects}
    instance = Instance(pp.values(), budget_limit=budget)
    profile = ApprovalProfile([ApprovalBallot([pp[i] for i in b]) for b in ballots])
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    out = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
    )
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put(
        {
            "seconds": seconds,
            "peak_mb": rss / 1024,
            "growth_mb": (rss - rss0) / 1024,
            "selected": sorted(p.name for p in out),
        }
    )


def measure(target: Any, m: int, n: int, timeout: float | None) -> dict[str, Any] | None:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(m, n, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    result: dict[str, Any] = queue.get()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=300.0, help="seconds allowed to pabutools")
    parser.add_argument("--sizes", default=",".join(f"{m}x{n}" for m, n in SIZES))
    args = parser.parse_args()
    rows = []
    for spec in args.sizes.split(","):
        m, n = (int(x) for x in spec.split("x"))
        ours = measure(run_ours, m, n, None)
        assert ours is not None
        theirs = measure(run_pabutools, m, n, args.cap)
        row = {
            "size": f"{m} x {n:,}",
            "ours_s": round(ours["seconds"], 3),
            "ours_peak_mb": round(ours["peak_mb"]),
            "ours_growth_mb": round(ours["growth_mb"]),
        }
        if theirs is None:
            row["pabutools"] = f"stopped after the {args.cap:.0f} s cap"
        else:
            row.update(
                {
                    "pabutools_s": round(theirs["seconds"], 2),
                    "pabutools_peak_mb": round(theirs["peak_mb"]),
                    "pabutools_growth_mb": round(theirs["growth_mb"]),
                    "ratio": round(theirs["seconds"] / ours["seconds"]),
                    "same_outcome": theirs["selected"] == ours["selected"],
                }
            )
        rows.append(row)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
