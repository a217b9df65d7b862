from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborger.domain.counting import (
    ApprovalProfile,
    CardinalProfile,
    Instance,
    Project,
    count,
    equal_shares,
    greedy,
    phragmen,
)

Oracle = Callable[[str, Instance, ApprovalProfile], set[str]]


def inst(budget: int, **costs: int) -> Instance:
    return Instance.build(budget, [Project(k, v) for k, v in costs.items()])


def prof(*ballots: str) -> ApprovalProfile:
    return ApprovalProfile.build([list(b) for b in ballots])


# --- hand-checked ------------------------------------------------------------------------


def test_greedy_by_votes_skips_what_no_longer_fits() -> None:
    instance = inst(10, a=6, b=5, c=4)
    profile = prof("ab", "ab", "a", "bc", "c")  # a 3, b 3, c 2
    # a and b tie on 3 votes: "a" first; b no longer fits (6 + 5 > 10); c fits.
    assert greedy(instance, profile) == ["a", "c"]


def test_ties_are_broken_by_id_as_a_string() -> None:
    instance = inst(1, **{"9": 1, "10": 1})
    profile = prof("x")  # no votes at all: both tie
    profile = ApprovalProfile.build([["9", "10"]])
    assert greedy(instance, profile) == ["10"]  # "10" < "9"
    assert equal_shares(instance, profile) == ["10"]
    assert phragmen(instance, profile) == ["10"]


def test_mes_equal_shares_beats_majority() -> None:
    # 3 voters want a (cost 3) , 1 voter wants b (cost 1); budget 4: each voter holds 1.
    # a's 3 supporters pay 1 each; b's supporter pays 1: both bought.
    instance = inst(4, a=3, b=1, c=3)
    profile = prof("ac", "ac", "ac", "b")
    assert set(equal_shares(instance, profile)) == {"a", "b"}
    # greedy takes the majority's a and c only... c does not fit after a: a then b.
    assert greedy(instance, profile) == ["a", "b"]


def test_mes_is_not_exhaustive_and_add1_completes() -> None:
    # 2 voters, budget 10 (5 each); x costs 6 and only voter 1 wants it: unaffordable for MES.
    instance = inst(10, x=6, y=4)
    profile = prof("xy", "y")
    assert equal_shares(instance, profile) == ["y"]  # each pays 2; voter 1 has 3 < 6 left
    # add-one: at 6 each voter 1 holds 4 after y: still short; ... at 8: 6 left -> x bought,
    # but 10 = budget, feasible and exhaustive.
    assert set(equal_shares(instance, profile, completion="add1")) == {"x", "y"}


def test_phragmen_stops_when_the_best_project_does_not_fit() -> None:
    instance = inst(10, a=8, b=6, c=1)
    profile = prof("a", "a", "a", "b", "c")
    # loads: a 8/3, b 6, c 1 -> c first (load 1), then a (8/3), then b (6) does not fit: stop.
    assert phragmen(instance, profile) == ["c", "a"]


def test_count_rejects_unknown_rule() -> None:
    with pytest.raises(ValueError, match="Unknown rule"):
        count("borda", inst(1, a=1), prof("a"))


def test_cardinal_ballots_greedy_by_points_and_mes_exact() -> None:
    instance = inst(5, a=3, b=3, c=2)
    profile = CardinalProfile.build([{"a": 1, "b": 5}, {"a": 2, "c": 1}, {"b": 1}])
    assert greedy(instance, profile) == ["b", "c"]  # b 6, a 3, c 1
    assert set(equal_shares(instance, profile, utility="approval")) <= {"a", "b", "c"}


def test_zero_voters() -> None:
    instance = inst(5, a=3)
    assert equal_shares(instance, ApprovalProfile.build([])) == []
    assert equal_shares(instance, ApprovalProfile.build([]), fill=True) == ["a"]


# --- against pabutools --------------------------------------------------------------------


@st.composite
def approval_instances(draw: st.DrawFn) -> tuple[Instance, ApprovalProfile]:
    m = draw(st.integers(1, 12))
    costs = draw(
        st.lists(
            st.one_of(st.sampled_from([1, 2, 3, 5, 10]), st.integers(1, 100)),
            min_size=m,
            max_size=m,
        )
    )
    projects = [Project(str(k + 1), c) for k, c in enumerate(costs)]
    budget = draw(st.integers(0, sum(costs)))
    n = draw(st.integers(1, 60))
    density = draw(st.floats(0.05, 0.8))
    ids = [p.id for p in projects]
    ballots = draw(
        st.lists(
            st.lists(st.sampled_from(ids), max_size=max(1, int(m * density) + 1), unique=True),
            min_size=n,
            max_size=n,
        )
    )
    return Instance.build(budget, projects), ApprovalProfile.build(ballots)


SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(approval_instances())
def test_greedy_equals_pabutools(oracle: Oracle, case: tuple[Instance, ApprovalProfile]) -> None:
    instance, profile = case
    assert set(greedy(instance, profile)) == oracle("greedy", instance, profile)


@SETTINGS
@given(approval_instances())
def test_mes_equals_pabutools(oracle: Oracle, case: tuple[Instance, ApprovalProfile]) -> None:
    instance, profile = case
    expected = oracle("mes", instance, profile)
    assert set(equal_shares(instance, profile, engine="fast")) == expected
    assert set(equal_shares(instance, profile, engine="exact")) == expected


@SETTINGS
@given(approval_instances())
def test_mes_approval_utilities_equal_pabutools(
    oracle: Oracle, case: tuple[Instance, ApprovalProfile]
) -> None:
    instance, profile = case
    expected = oracle("mes-approval", instance, profile)
    assert set(equal_shares(instance, profile, utility="approval", engine="fast")) == expected
    assert set(equal_shares(instance, profile, utility="approval", engine="exact")) == expected


@SETTINGS
@given(approval_instances())
def test_mes_add1_equals_pabutools(oracle: Oracle, case: tuple[Instance, ApprovalProfile]) -> None:
    instance, profile = case
    expected = oracle("mes-add1", instance, profile)
    assert set(count("mes-add1", instance, profile)) == expected
    got = equal_shares(instance, profile, completion="add1", fill=True, engine="exact")
    assert set(got) == expected


@SETTINGS
@given(approval_instances())
def test_phragmen_equals_pabutools(oracle: Oracle, case: tuple[Instance, ApprovalProfile]) -> None:
    instance, profile = case
    assert set(phragmen(instance, profile)) == oracle("phragmen", instance, profile)


def test_larger_generated_instance_equals_pabutools(oracle: Oracle) -> None:
    import random

    rng = random.Random(7)
    projects = [Project(str(k + 1), rng.randint(10, 400) * 100) for k in range(25)]
    instance = Instance.build(sum(p.cost for p in projects) // 3, projects)
    weights = [rng.paretovariate(1.2) for _ in projects]
    ids = [p.id for p in projects]
    profile = ApprovalProfile.build(
        [set(rng.choices(ids, weights=weights, k=rng.randint(1, 6))) for _ in range(400)]
    )
    for rule in ("greedy", "mes", "phragmen"):
        assert set(count(rule, instance, profile)) == oracle(rule, instance, profile), rule


# --- the price per supporter ---------------------------------------------------------------


@SETTINGS
@given(approval_instances(), st.sampled_from([None, "add1"]))
def test_explained_mes_selects_the_same_and_its_prices_pay_each_project(
    case: tuple[Instance, ApprovalProfile], completion: str | None
) -> None:
    """Replaying the deciding run: each bought project is paid in full by its supporters, each
    paying the price or all they have left, and nobody pays more than their share."""
    from fractions import Fraction

    from medborger.domain.counting.mes import equal_shares, equal_shares_explained

    instance, profile = case
    fill = completion == "add1"
    explained = equal_shares_explained(
        instance,
        profile,
        completion=completion,
        fill=fill,  # type: ignore[arg-type]
    )
    assert explained.selected == equal_shares(
        instance,
        profile,
        completion=completion,
        fill=fill,  # type: ignore[arg-type]
    )
    if explained.share_per_voter is None:
        return
    money = [explained.share_per_voter] * len(profile.ballots)
    cost = {p.id: Fraction(p.cost) for p in instance.projects}
    for pid in explained.selected:
        if pid not in explained.price_per_supporter:
            assert pid in explained.filled or cost[pid] == 0
            continue
        price = explained.price_per_supporter[pid]
        paid = Fraction(0)
        for v, ballot in enumerate(profile.ballots):
            if pid in ballot:
                pay = min(money[v], price)
                money[v] -= pay
                paid += pay
        assert paid == cost[pid]
    assert all(m >= 0 for m in money)
