"""The fast-track pool (hurtig-pulje / snabbpott): small grants decided by an official.

    submitted → approved → paid → reported
              ↘ rejected

Derived, never stored: "decision overdue" (submitted, and the decision deadline has passed) and
"report overdue" (paid, and the report's due date has passed without a report).

Amounts are whole kroner. Nothing here reads the clock: `now` and `today` are arguments.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from medborger.domain.lifecycle.calendar import add_days

DEFAULT_AMOUNT = 100_000
DEFAULT_CAP = 25_000
DEFAULT_DECISION_DAYS = 14
DEFAULT_REPORT_DAYS = 30


class State(StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"
    REPORTED = "reported"


class Derived(StrEnum):
    """What a list shows: the stored state, or one of the two overdue flags."""

    DECISION_OVERDUE = "decision_overdue"
    REPORT_OVERDUE = "report_overdue"


class Event(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    PAY = "pay"
    REPORT = "report"


TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.SUBMITTED, Event.APPROVE): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.APPROVED, Event.PAY): State.PAID,
    (State.PAID, Event.REPORT): State.REPORTED,
}

# The money is promised in these states: they count against the pool.
GRANTED = frozenset({State.APPROVED, State.PAID, State.REPORTED})
# Decided applications are public, with the reason; submitted ones only to applicant and staff.
DECIDED = frozenset({State.APPROVED, State.REJECTED, State.PAID, State.REPORTED})


class TransitionError(ValueError):
    """The event is not allowed in the application's current state."""

    def __init__(self, state: State, event: Event) -> None:
        super().__init__(f"{event.value} is not allowed in state {state.value}")
        self.state = state
        self.event = event


def next_state(state: State, event: Event) -> State:
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise TransitionError(state, event) from None


# --- money ---------------------------------------------------------------------------------------


def remaining(amount: int, granted: int) -> int:
    """What is left of the pool; never below zero."""
    return max(0, amount - granted)


class AmountRefusal(StrEnum):
    NOT_POSITIVE = "not_positive"
    OVER_CAP = "over_cap"
    OVER_REMAINING = "over_remaining"
    OVER_REQUESTED = "over_requested"


def application_refusal(*, requested: int, cap: int, left: int) -> AmountRefusal | None:
    """Why an applied-for amount cannot be accepted, or None. The cap is checked first: it is the
    rule an applicant can read on the pool page and plan around."""
    if requested < 1:
        return AmountRefusal.NOT_POSITIVE
    if requested > cap:
        return AmountRefusal.OVER_CAP
    if requested > left:
        return AmountRefusal.OVER_REMAINING
    return None


def grant_refusal(*, granted: int, requested: int, cap: int, left: int) -> AmountRefusal | None:
    """Why an official cannot grant this amount, or None. A grant may be lower than the amount
    applied for, never higher, never above the cap, never above what is left in the pool."""
    if granted < 1:
        return AmountRefusal.NOT_POSITIVE
    if granted > requested:
        return AmountRefusal.OVER_REQUESTED
    if granted > cap:
        return AmountRefusal.OVER_CAP
    if granted > left:
        return AmountRefusal.OVER_REMAINING
    return None


# --- deadlines -----------------------------------------------------------------------------------


def decision_due(submitted_at: datetime, decision_days: int) -> datetime:
    return add_days(submitted_at, decision_days)


def report_due(activity_date: date, report_days: int) -> date:
    return activity_date + timedelta(days=report_days)


def is_decision_overdue(state: State, due: datetime | None, now: datetime) -> bool:
    return state == State.SUBMITTED and due is not None and now > due


def is_report_overdue(state: State, due: date | None, today: date) -> bool:
    return state == State.PAID and due is not None and today > due


def derived_status(
    state: State,
    *,
    decision_due_at: datetime | None,
    report_due_on: date | None,
    now: datetime,
    today: date,
) -> State | Derived:
    """`today` is the municipality's local date at `now` (a report is due by the end of a day)."""
    if is_decision_overdue(state, decision_due_at, now):
        return Derived.DECISION_OVERDUE
    if is_report_overdue(state, report_due_on, today):
        return Derived.REPORT_OVERDUE
    return state
