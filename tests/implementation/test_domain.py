"""The pure rules: Teece's deadlines, deadline flags, spend against budget, status changes."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.lifecycle.implementation import (
    Flag,
    Problem,
    Status,
    dates_after_status,
    deadlines,
    milestone_problem,
    spend_flag,
    spend_problem,
    spending,
    status_change_problem,
    visible_result_flag,
)


def test_three_months_to_a_visible_result_and_a_year_to_spend():
    d = deadlines(date(2026, 3, 2))
    assert d.visible_result_due == date(2026, 6, 2)
    assert d.spend_due == date(2027, 3, 2)


def test_months_clamp_to_the_end_of_a_short_month():
    assert deadlines(date(2025, 11, 30)).visible_result_due == date(2026, 2, 28)
    assert deadlines(date(2027, 11, 30)).visible_result_due == date(2028, 2, 29)


def test_the_months_are_a_parameter():
    d = deadlines(date(2026, 3, 2), visible_result_months=2, spend_months=18)
    assert d.visible_result_due == date(2026, 5, 2)
    assert d.spend_due == date(2027, 9, 2)
    with pytest.raises(ValueError):
        deadlines(date(2026, 3, 2), visible_result_months=0)


DUE = date(2026, 6, 2)


@pytest.mark.parametrize(
    ("today", "visible_on", "expected"),
    [
        (DUE - timedelta(days=15), None, Flag.OK),
        (DUE - timedelta(days=14), None, Flag.SOON),
        (DUE, None, Flag.SOON),  # the deadline day itself is not late yet
        (DUE + timedelta(days=1), None, Flag.OVERDUE),
        (DUE + timedelta(days=1), DUE, Flag.MET),
        (DUE + timedelta(days=30), DUE + timedelta(days=3), Flag.MET_LATE),
    ],
)
def test_visible_result_flag_at_the_edges(today, visible_on, expected):
    assert visible_result_flag(due=DUE, visible_result_on=visible_on, today=today) == expected


def test_the_warning_period_is_a_parameter():
    today = DUE - timedelta(days=20)
    assert visible_result_flag(due=DUE, visible_result_on=None, today=today) == Flag.OK
    assert (
        visible_result_flag(due=DUE, visible_result_on=None, today=today, warn_days=30) == Flag.SOON
    )


def test_spending_deadline_is_met_when_done():
    assert spend_flag(due=DUE, done_on=None, today=DUE + timedelta(days=1)) == Flag.OVERDUE
    assert spend_flag(due=DUE, done_on=DUE, today=DUE + timedelta(days=1)) == Flag.MET


@given(
    decided=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=24),
    offset=st.integers(min_value=-400, max_value=400),
)
def test_never_red_before_the_deadline_and_always_red_after_without_a_result(
    decided, months, offset
):
    due = deadlines(decided, visible_result_months=months).visible_result_due
    assert decided < due <= decided + timedelta(days=31 * months)
    today = due + timedelta(days=offset)
    flag = visible_result_flag(due=due, visible_result_on=None, today=today)
    assert (flag == Flag.OVERDUE) == (today > due)


def test_spend_against_budget():
    half = spending(budget=100_000, spent=Decimal("50000.40"))
    assert (half.percent, half.overspent, half.left) == (50, False, Decimal("49999.60"))
    over = spending(budget=100_000, spent=Decimal("112500"))
    assert (over.percent, over.overspent, over.left) == (113, True, Decimal("-12500"))
    exact = spending(budget=100_000, spent=Decimal("100000"))
    assert (exact.percent, exact.overspent) == (100, False)
    assert spending(budget=0, spent=Decimal(1)).overspent


def test_status_changes():
    assert status_change_problem(Status.PLANNED, Status.PLANNED, "") == Problem.SAME_STATUS
    assert status_change_problem(Status.IN_PROGRESS, Status.PAUSED, "  ") == Problem.REASON_NEEDED
    assert (
        status_change_problem(Status.IN_PROGRESS, Status.PAUSED, "Leverandøren er forsinket")
        is None
    )
    # A new reason for a project that stays paused is allowed.
    assert status_change_problem(Status.PAUSED, Status.PAUSED, "Ny leveringsdato") is None
    assert status_change_problem(Status.DONE, Status.IN_PROGRESS, "") is None


def test_the_first_visible_result_is_kept_and_done_follows_the_status():
    today = date(2026, 5, 1)
    shown = dates_after_status(
        new=Status.VISIBLE_RESULT, visible_result_on=None, done_on=None, today=today
    )
    assert shown.visible_result_on == today and shown.done_on is None
    later = date(2026, 7, 1)
    paused = dates_after_status(
        new=Status.PAUSED, visible_result_on=today, done_on=None, today=later
    )
    assert paused.visible_result_on == today
    done = dates_after_status(new=Status.DONE, visible_result_on=None, done_on=None, today=later)
    assert done.visible_result_on == later and done.done_on == later
    reopened = dates_after_status(
        new=Status.IN_PROGRESS, visible_result_on=later, done_on=later, today=later
    )
    assert reopened.done_on is None and reopened.visible_result_on == later


def test_milestones_and_spending_inputs():
    start, today = date(2026, 3, 2), date(2026, 4, 1)
    assert (
        milestone_problem(due_on=date(2026, 3, 1), started_on=start, today=today)
        == Problem.MILESTONE_BEFORE_START
    )
    assert milestone_problem(due_on=start, started_on=start, today=today) is None
    assert (
        milestone_problem(due_on=start, started_on=start, done_on=date(2026, 4, 2), today=today)
        == Problem.MILESTONE_DONE_IN_FUTURE
    )
    assert (
        spend_problem(amount=Decimal("-5"), spent_on=today, today=today)
        == Problem.AMOUNT_NOT_POSITIVE
    )
    assert (
        spend_problem(amount=Decimal("0"), spent_on=today, today=today)
        == Problem.AMOUNT_NOT_POSITIVE
    )
    assert (
        spend_problem(amount=Decimal("5"), spent_on=date(2026, 4, 2), today=today)
        == Problem.SPEND_IN_FUTURE
    )
    assert spend_problem(amount=Decimal("5"), spent_on=today, today=today) is None
