from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.budgeting.ballotlog import GENESIS, chain_hash, verify
from medborger.domain.budgeting.ballots import (
    BallotRules,
    BallotType,
    Finding,
    Problem,
    check_ballot,
    remaining_budget,
)

COSTS = {"bænke": 40_000, "legeplads": 150_000, "shelter": 60_000, "lys": 25_000}


def test_knapsack_over_budget_says_by_how_much():
    rules = BallotRules(BallotType.KNAPSACK, budget=200_000)
    assert check_ballot(rules, COSTS, {"bænke": 1, "shelter": 1}) == []
    assert check_ballot(rules, COSTS, {"legeplads": 1, "shelter": 1}) == [
        Finding(Problem.OVER_BUDGET, 200_000, 210_000)
    ]
    assert remaining_budget(COSTS, {"bænke", "shelter"}, 200_000) == 100_000


def test_approval_limits():
    rules = BallotRules(BallotType.APPROVAL, budget=200_000, min_projects=1, max_projects=2)
    assert check_ballot(rules, COSTS, {"bænke": 1}) == []
    assert check_ballot(rules, COSTS, {"bænke": 1, "shelter": 1, "lys": 1}) == [
        Finding(Problem.TOO_MANY, 2, 3)
    ]
    assert check_ballot(rules, COSTS, {}) == [Finding(Problem.EMPTY)]
    assert check_ballot(rules, COSTS, {"svømmehal": 1}) == [
        Finding(Problem.UNKNOWN_PROJECT, project="svømmehal")
    ]


def test_cumulative_points():
    rules = BallotRules(BallotType.CUMULATIVE, budget=0, total_points=10, max_points_per_project=6)
    assert check_ballot(rules, COSTS, {"bænke": 6, "lys": 4}) == []
    problems = {f.problem for f in check_ballot(rules, COSTS, {"bænke": 7, "lys": 5})}
    assert problems == {Problem.TOO_MANY_POINTS_ON_ONE, Problem.TOO_MANY_POINTS}
    assert check_ballot(rules, COSTS, {"bænke": -1, "lys": 2})[0].problem == Problem.NEGATIVE_POINTS


def build(entries):
    rows, previous = [], GENESIS
    for position, entry in enumerate(entries, start=1):
        previous = chain_hash(previous, entry)
        rows.append((position, entry, previous))
    return rows


BALLOTS = [{"receipt": f"R{i}", "projects": ["bænke", "lys"][: i % 2 + 1]} for i in range(6)]


def test_an_untouched_log_verifies():
    verdict = verify(build(BALLOTS))
    assert verdict.ok and verdict.checked == 6


def test_changing_deleting_or_reordering_is_detected():
    rows = build(BALLOTS)
    changed = list(rows)
    changed[2] = (3, {"receipt": "R2", "projects": ["legeplads"]}, rows[2][2])
    assert verify(changed).first_bad_position == 3
    deleted = rows[:2] + [(p - 1, e, h) for p, e, h in rows[3:]]
    assert not verify(deleted).ok
    swapped = [rows[1], rows[0], *rows[2:]]
    assert not verify(swapped).ok


@given(
    st.lists(
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=3), min_size=1, max_size=8
    ),
    st.data(),
)
def test_any_single_change_breaks_the_chain(entries, data):
    rows = build(entries)
    index = data.draw(st.integers(0, len(rows) - 1))
    position, entry, stored = rows[index]
    tampered = {**entry, "tampered": True}
    rows[index] = (position, tampered, stored)
    assert verify(rows).first_bad_position == position
