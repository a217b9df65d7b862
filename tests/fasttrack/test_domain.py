"""The pure rules of the fast-track pool: states, amounts, deadlines, overdue flags."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.lifecycle.fasttrack import (
    TRANSITIONS,
    AmountRefusal,
    Derived,
    Event,
    State,
    TransitionError,
    application_refusal,
    decision_due,
    derived_status,
    grant_refusal,
    is_decision_overdue,
    is_report_overdue,
    next_state,
    remaining,
    report_due,
)

NOW = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)


def test_the_happy_path_and_the_rejection():
    assert next_state(State.SUBMITTED, Event.APPROVE) == State.APPROVED
    assert next_state(State.APPROVED, Event.PAY) == State.PAID
    assert next_state(State.PAID, Event.REPORT) == State.REPORTED
    assert next_state(State.SUBMITTED, Event.REJECT) == State.REJECTED


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("event", list(Event))
def test_every_other_transition_is_refused(state, event):
    if (state, event) in TRANSITIONS:
        return
    with pytest.raises(TransitionError):
        next_state(state, event)


def test_deciding_twice_is_a_transition_error():
    for event in (Event.APPROVE, Event.REJECT):
        with pytest.raises(TransitionError):
            next_state(State.APPROVED, event)
        with pytest.raises(TransitionError):
            next_state(State.REJECTED, event)


def test_remaining_never_goes_below_zero():
    assert remaining(100_000, 36_500) == 63_500
    assert remaining(100_000, 100_000) == 0
    assert remaining(50_000, 60_000) == 0


@pytest.mark.parametrize(
    ("requested", "cap", "left", "expected"),
    [
        (0, 25_000, 100_000, AmountRefusal.NOT_POSITIVE),
        (25_001, 25_000, 100_000, AmountRefusal.OVER_CAP),
        (25_000, 25_000, 100_000, None),
        (20_000, 25_000, 19_999, AmountRefusal.OVER_REMAINING),
        (19_999, 25_000, 19_999, None),
        # Over both: the cap is the rule the applicant can plan around, so it is named first.
        (30_000, 25_000, 10_000, AmountRefusal.OVER_CAP),
    ],
)
def test_application_refusal(requested, cap, left, expected):
    assert application_refusal(requested=requested, cap=cap, left=left) is expected


@pytest.mark.parametrize(
    ("granted", "requested", "cap", "left", "expected"),
    [
        (8_000, 8_000, 25_000, 100_000, None),
        (5_000, 8_000, 25_000, 100_000, None),
        (9_000, 8_000, 25_000, 100_000, AmountRefusal.OVER_REQUESTED),
        (0, 8_000, 25_000, 100_000, AmountRefusal.NOT_POSITIVE),
        # The cap may have been lowered after the application was sent.
        (20_000, 20_000, 15_000, 100_000, AmountRefusal.OVER_CAP),
        (8_000, 8_000, 25_000, 7_999, AmountRefusal.OVER_REMAINING),
    ],
)
def test_grant_refusal(granted, requested, cap, left, expected):
    assert grant_refusal(granted=granted, requested=requested, cap=cap, left=left) is expected


@given(
    amount=st.integers(min_value=1, max_value=500_000),
    cap=st.integers(min_value=1, max_value=100_000),
    grants=st.lists(st.integers(min_value=1, max_value=120_000), max_size=40),
)
def test_granting_only_what_is_refused_by_nobody_never_overspends(amount, cap, grants):
    granted = 0
    for grant in grants:
        left = remaining(amount, granted)
        if grant_refusal(granted=grant, requested=grant, cap=cap, left=left) is None:
            granted += grant
    assert 0 <= granted <= amount


def test_deadlines():
    assert decision_due(NOW, 14) == NOW + timedelta(days=14)
    assert report_due(date(2025, 6, 21), 30) == date(2025, 7, 21)


def test_decision_overdue_only_after_the_deadline_and_only_while_waiting():
    due = NOW + timedelta(days=14)
    assert not is_decision_overdue(State.SUBMITTED, due, due)
    assert is_decision_overdue(State.SUBMITTED, due, due + timedelta(seconds=1))
    assert not is_decision_overdue(State.APPROVED, due, due + timedelta(days=30))
    assert not is_decision_overdue(State.REJECTED, due, due + timedelta(days=30))


def test_report_overdue_only_when_paid_and_after_the_due_day():
    due = date(2025, 7, 21)
    assert not is_report_overdue(State.PAID, due, due)
    assert is_report_overdue(State.PAID, due, due + timedelta(days=1))
    assert not is_report_overdue(State.REPORTED, due, due + timedelta(days=10))
    # Not paid yet: the municipality owes the money, the applicant owes nothing yet.
    assert not is_report_overdue(State.APPROVED, due, due + timedelta(days=10))


def test_derived_status():
    due = NOW + timedelta(days=14)
    later = due + timedelta(days=1)
    assert (
        derived_status(
            State.SUBMITTED, decision_due_at=due, report_due_on=None, now=NOW, today=NOW.date()
        )
        == State.SUBMITTED
    )
    assert (
        derived_status(
            State.SUBMITTED, decision_due_at=due, report_due_on=None, now=later, today=later.date()
        )
        == Derived.DECISION_OVERDUE
    )
    assert (
        derived_status(
            State.PAID,
            decision_due_at=due,
            report_due_on=date(2025, 6, 1),
            now=NOW,
            today=NOW.date(),
        )
        == Derived.REPORT_OVERDUE
    )
