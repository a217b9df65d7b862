"""Carrying out a funded participatory-budget project, and Teece's rules for it.

Teece's rules for participatory budgets: the money is spent within a year, and residents see a
visible result within the first three months. Both deadlines count from the funding decision
(the day voting closed) in calendar months; the number of months is a parameter, so each
municipality can set its own.

    planned → in progress → visible result → done
    delayed or paused (with a reason) from any state but done; back again when work resumes

Nothing here reads the clock: every function that depends on time takes `today`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from medborger.domain.lifecycle.calendar import add_months

VISIBLE_RESULT_MONTHS = 3
SPEND_MONTHS = 12
WARN_DAYS = 14


class Status(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    VISIBLE_RESULT = "visible_result"
    DONE = "done"
    PAUSED = "paused"


# Statuses in which residents can already see something built, planted or held.
SHOWS_RESULT = frozenset({Status.VISIBLE_RESULT, Status.DONE})


class Flag(StrEnum):
    """How a deadline stands. OVERDUE is red, SOON is amber on the staff dashboard."""

    OK = "ok"  # the deadline is more than the warning period away
    SOON = "soon"  # within the warning period, not met yet
    OVERDUE = "overdue"  # passed and not met
    MET = "met"  # met on or before the deadline
    MET_LATE = "met_late"  # met, but after the deadline


class Problem(StrEnum):
    """Why a change is refused; the service turns it into a sentence in the user's language."""

    SAME_STATUS = "same_status"
    REASON_NEEDED = "reason_needed"
    MILESTONE_BEFORE_START = "milestone_before_start"
    MILESTONE_DONE_IN_FUTURE = "milestone_done_in_future"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    SPEND_IN_FUTURE = "spend_in_future"


@dataclass(frozen=True)
class Deadlines:
    decided_on: date
    visible_result_due: date
    spend_due: date


def _months_after(day: date, months: int) -> date:
    return add_months(datetime.combine(day, time(12)), months).date()


def deadlines(
    decided_on: date,
    *,
    visible_result_months: int = VISIBLE_RESULT_MONTHS,
    spend_months: int = SPEND_MONTHS,
) -> Deadlines:
    """The visible-result and spending deadlines of a project funded on `decided_on`.

    Calendar months, clamped to the month's end: funded 30 November, a visible result is due
    28 (or 29) February.
    """
    if visible_result_months < 1 or spend_months < 1:
        raise ValueError("deadlines are at least one month after the decision")
    return Deadlines(
        decided_on=decided_on,
        visible_result_due=_months_after(decided_on, visible_result_months),
        spend_due=_months_after(decided_on, spend_months),
    )


def _flag(*, due: date, met_on: date | None, today: date, warn_days: int) -> Flag:
    if met_on is not None:
        return Flag.MET if met_on <= due else Flag.MET_LATE
    if today > due:
        return Flag.OVERDUE
    if (due - today).days <= warn_days:
        return Flag.SOON
    return Flag.OK


def visible_result_flag(
    *, due: date, visible_result_on: date | None, today: date, warn_days: int = WARN_DAYS
) -> Flag:
    """Red when the deadline has passed without a visible result; amber within `warn_days`."""
    return _flag(due=due, met_on=visible_result_on, today=today, warn_days=warn_days)


def spend_flag(*, due: date, done_on: date | None, today: date, warn_days: int = WARN_DAYS) -> Flag:
    """The spending deadline is met when the project is done (its money spent or given back)."""
    return _flag(due=due, met_on=done_on, today=today, warn_days=warn_days)


def days_to(due: date, today: date) -> int:
    """Days until `due` (negative once it has passed)."""
    return (due - today).days


@dataclass(frozen=True)
class Spending:
    budget: int
    spent: Decimal
    left: Decimal  # negative when overspent
    percent: int  # spent as a share of the budget, rounded, may exceed 100
    overspent: bool


def spending(*, budget: int, spent: Decimal) -> Spending:
    """Spend against budget. A budget of 0 counts any spending as overspending."""
    if budget <= 0:
        return Spending(
            budget=budget,
            spent=spent,
            left=Decimal(budget) - spent,
            percent=100 if spent > 0 else 0,
            overspent=spent > 0,
        )
    percent = int((spent * 100 / Decimal(budget)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Spending(
        budget=budget,
        spent=spent,
        left=Decimal(budget) - spent,
        percent=percent,
        overspent=spent > budget,
    )


def status_change_problem(old: Status, new: Status, reason: str) -> Problem | None:
    """Any status may follow any other, but pausing needs a reason residents can read."""
    if old == new and not (new == Status.PAUSED and reason.strip()):
        return Problem.SAME_STATUS
    if new == Status.PAUSED and not reason.strip():
        return Problem.REASON_NEEDED
    return None


@dataclass(frozen=True)
class StatusDates:
    visible_result_on: date | None
    done_on: date | None


def dates_after_status(
    *,
    new: Status,
    visible_result_on: date | None,
    done_on: date | None,
    today: date,
) -> StatusDates:
    """The first day a result was visible is kept once set; `done_on` follows the status."""
    if new in SHOWS_RESULT and visible_result_on is None:
        visible_result_on = today
    done_on = (done_on or today) if new == Status.DONE else None
    return StatusDates(visible_result_on=visible_result_on, done_on=done_on)


def milestone_problem(
    *, due_on: date, started_on: date, done_on: date | None = None, today: date
) -> Problem | None:
    if due_on < started_on:
        return Problem.MILESTONE_BEFORE_START
    if done_on is not None and done_on > today:
        return Problem.MILESTONE_DONE_IN_FUTURE
    return None


def spend_problem(*, amount: Decimal, spent_on: date, today: date) -> Problem | None:
    if amount <= 0:
        return Problem.AMOUNT_NOT_POSITIVE
    if spent_on > today:
        return Problem.SPEND_IN_FUTURE
    return None
