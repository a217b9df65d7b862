"""The pure rules of co-creation groups: the chair (membership, the committee-chair rule,
round-robin rotation), the order of the output's trail, and overdue tasks."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.lifecycle.cocreation import (
    AmountRefusal,
    Candidate,
    ChairRefusal,
    OutputState,
    Step,
    TaskStatus,
    TransitionError,
    chair_refusal,
    chair_rule_applies,
    grant_refusal,
    is_task_overdue,
    next_chair,
    next_state,
    step_date_refusal,
    step_needed_first,
)

ON = date(2025, 5, 1)


def member(pk: int, *, chair: bool = False, left: date | None = None) -> Candidate:
    return Candidate(
        member_id=pk, joined_on=date(2025, 1, 1), left_on=left, is_committee_chair=chair
    )


def test_the_rule_comes_from_the_municipality_or_the_group():
    assert chair_rule_applies(municipality_says=True, group_says=False)
    assert chair_rule_applies(municipality_says=False, group_says=True)
    assert not chair_rule_applies(municipality_says=False, group_says=False)


def test_chair_refusals():
    assert chair_refusal(
        member(1, chair=True), on=ON, rule_applies=True, current_chair_id=None
    ) == (ChairRefusal.COMMITTEE_CHAIR)
    assert (
        chair_refusal(member(1, chair=True), on=ON, rule_applies=False, current_chair_id=None)
        is None
    )
    assert (
        chair_refusal(
            member(1, left=date(2025, 4, 1)), on=ON, rule_applies=False, current_chair_id=None
        )
        == ChairRefusal.NOT_A_MEMBER
    )
    late = Candidate(
        member_id=1, joined_on=date(2025, 6, 1), left_on=None, is_committee_chair=False
    )
    assert chair_refusal(late, on=ON, rule_applies=False, current_chair_id=None) == (
        ChairRefusal.NOT_A_MEMBER
    )
    assert chair_refusal(member(1), on=ON, rule_applies=False, current_chair_id=1) == (
        ChairRefusal.ALREADY_CHAIR
    )


def test_rotation_is_round_robin_and_skips_the_committee_chair_and_leavers():
    group = [member(1, chair=True), member(2), member(3, left=date(2025, 2, 1)), member(4)]
    assert next_chair(group, current_chair_id=None, on=ON, rule_applies=True) == 2
    assert next_chair(group, current_chair_id=2, on=ON, rule_applies=True) == 4
    assert next_chair(group, current_chair_id=4, on=ON, rule_applies=True) == 2  # wraps, skips 1
    assert next_chair(group, current_chair_id=4, on=ON, rule_applies=False) == 1
    assert (
        next_chair([member(1, chair=True), member(2)], current_chair_id=2, on=ON, rule_applies=True)
        is None
    )
    assert next_chair([], current_chair_id=None, on=ON, rule_applies=True) is None


@given(st.lists(st.booleans(), min_size=1, max_size=8), st.integers(0, 8), st.booleans())
def test_rotation_never_picks_an_ineligible_member(chairs, start, rule):
    group = [member(i + 1, chair=c) for i, c in enumerate(chairs)]
    current = start if 1 <= start <= len(group) else None
    chosen = next_chair(group, current_chair_id=current, on=ON, rule_applies=rule)
    if chosen is not None:
        picked = group[chosen - 1]
        assert chosen != current
        assert not (rule and picked.is_committee_chair)
    else:
        eligible = [
            m for m in group if not (rule and m.is_committee_chair) and m.member_id != current
        ]
        assert not eligible


def test_the_trail_goes_in_order():
    assert next_state(OutputState.DRAFT, Step.PRESENT) == OutputState.PRESENTED
    assert next_state(OutputState.PRESENTED, Step.SEND) == OutputState.SENT
    assert next_state(OutputState.SENT, Step.GRANT) == OutputState.GRANTED
    assert next_state(OutputState.SENT, Step.REFUSE) == OutputState.REFUSED
    for state, step in [
        (OutputState.DRAFT, Step.SEND),
        (OutputState.DRAFT, Step.GRANT),
        (OutputState.PRESENTED, Step.PRESENT),
        (OutputState.PRESENTED, Step.REFUSE),
        (OutputState.GRANTED, Step.REFUSE),
        (OutputState.REFUSED, Step.SEND),
    ]:
        with pytest.raises(TransitionError):
            next_state(state, step)


def test_what_must_come_first():
    assert step_needed_first(OutputState.DRAFT, Step.SEND) == Step.PRESENT
    assert step_needed_first(OutputState.DRAFT, Step.GRANT) == Step.PRESENT
    assert step_needed_first(OutputState.PRESENTED, Step.GRANT) == Step.SEND
    assert step_needed_first(OutputState.SENT, Step.PRESENT) is None  # too late, not too early
    assert step_needed_first(OutputState.GRANTED, Step.GRANT) is None


def test_amounts_and_dates():
    assert grant_refusal(granted=0, requested=10) == AmountRefusal.NOT_POSITIVE
    assert grant_refusal(granted=11, requested=10) == AmountRefusal.OVER_REQUESTED
    assert grant_refusal(granted=10, requested=10) is None
    assert step_date_refusal(on=date(2025, 5, 2), previous=None, today=ON) == "future"
    assert step_date_refusal(on=date(2025, 4, 1), previous=date(2025, 4, 2), today=ON) == (
        "before_previous"
    )
    assert step_date_refusal(on=ON, previous=ON, today=ON) is None


def test_overdue_tasks():
    assert is_task_overdue(TaskStatus.OPEN, date(2025, 4, 30), ON)
    assert is_task_overdue(TaskStatus.IN_PROGRESS, date(2025, 4, 30), ON)
    assert not is_task_overdue(TaskStatus.DONE, date(2025, 4, 30), ON)
    assert not is_task_overdue(TaskStatus.OPEN, ON, ON)
