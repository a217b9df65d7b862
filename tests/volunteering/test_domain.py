"""The pure rules: recurrence across month ends and daylight saving, sign-up refusals, the
certificate's validity and the hours checks."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.lifecycle import volunteering as v

CPH = ZoneInfo("Europe/Copenhagen")
STO = ZoneInfo("Europe/Stockholm")


def test_weekly_for_a_count():
    days = v.occurrence_dates(start=date(2025, 3, 8), frequency=v.Frequency.WEEKLY, count=4)
    assert days == [date(2025, 3, 8), date(2025, 3, 15), date(2025, 3, 22), date(2025, 3, 29)]


def test_biweekly_until_an_end_date_includes_the_end():
    days = v.occurrence_dates(
        start=date(2025, 1, 1), frequency=v.Frequency.BIWEEKLY, until=date(2025, 1, 29)
    )
    assert days == [date(2025, 1, 1), date(2025, 1, 15), date(2025, 1, 29)]


def test_monthly_clamps_to_the_month_end_and_comes_back():
    days = v.occurrence_dates(start=date(2025, 1, 31), frequency=v.Frequency.MONTHLY, count=4)
    assert days == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]


@pytest.mark.parametrize(
    ("count", "until", "problem"),
    [
        (None, None, v.RuleProblem.NO_END),
        (3, date(2025, 5, 1), v.RuleProblem.BOTH_ENDS),
        (0, None, v.RuleProblem.COUNT_RANGE),
        (v.MAX_SESSIONS + 1, None, v.RuleProblem.COUNT_RANGE),
        (None, date(2024, 12, 31), v.RuleProblem.END_BEFORE_START),
        (None, date(2030, 1, 1), v.RuleProblem.TOO_MANY),
    ],
)
def test_rule_problems(count, until, problem):
    start = date(2025, 1, 1)
    assert v.rule_problem(start=start, frequency=v.Frequency.WEEKLY, count=count, until=until) == (
        problem
    )
    with pytest.raises(ValueError):
        v.occurrence_dates(start=start, frequency=v.Frequency.WEEKLY, count=count, until=until)


def test_weekly_at_ten_stays_at_ten_across_the_spring_change():
    days = v.occurrence_dates(start=date(2025, 3, 22), frequency=v.Frequency.WEEKLY, count=3)
    times = v.session_times(days, at=time(10, 0), minutes=90, zone=CPH)
    assert [s.astimezone(CPH).hour for s, _e in times] == [10, 10, 10]
    utc_hours = [s.astimezone(UTC).hour for s, _e in times]
    assert utc_hours == [9, 9, 8]  # CET (+1) up to 29 March, CEST (+2) from 30 March
    assert all(e - s == timedelta(minutes=90) for s, e in times)


def test_weekly_across_the_autumn_change_in_stockholm():
    days = v.occurrence_dates(start=date(2025, 10, 19), frequency=v.Frequency.WEEKLY, count=2)
    times = v.session_times(days, at=time(18, 30), minutes=60, zone=STO)
    assert [s.astimezone(UTC).hour for s, _e in times] == [16, 17]
    assert all(s.astimezone(STO).time() == time(18, 30) for s, _e in times)


def test_a_time_in_the_skipped_spring_hour_moves_on():
    moment = v.local_moment(date(2025, 3, 30), time(2, 30), CPH)
    assert moment.astimezone(CPH).time() == time(3, 30)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    frequency=st.sampled_from(list(v.Frequency)),
    count=st.integers(min_value=1, max_value=v.MAX_SESSIONS),
)
def test_occurrences_are_increasing_and_counted(start, frequency, count):
    days = v.occurrence_dates(start=start, frequency=frequency, count=count)
    assert len(days) == count and days[0] == start
    assert all(a < b for a, b in itertools.pairwise(days))


def test_certificate_valid_for_the_months_and_not_before():
    checked = date(2024, 2, 29)
    assert v.certificate_valid_until(checked, 24) == date(2026, 2, 28)
    assert v.certificate_valid(checked, months=24, on_day=date(2026, 2, 28))
    assert not v.certificate_valid(checked, months=24, on_day=date(2026, 3, 1))
    assert not v.certificate_valid(checked, months=24, on_day=date(2024, 2, 28))
    assert not v.certificate_valid(None, months=24, on_day=date(2024, 2, 28))


def _refusal(**overrides):
    now = datetime(2025, 5, 1, 8, tzinfo=UTC)
    values = {
        "cancelled": False,
        "starts_at": now + timedelta(days=1),
        "now": now,
        "capacity": 2,
        "taken": 1,
        "already": False,
        "needs_certificate": False,
        "certificate_checked_on": None,
        "certificate_months": 24,
        "session_day": date(2025, 5, 2),
    }
    values.update(overrides)
    return v.signup_refusal(**values)


def test_signup_refusals_in_order():
    assert _refusal() is None
    assert _refusal(cancelled=True) is v.SignupRefusal.CANCELLED
    assert _refusal(now=datetime(2025, 5, 2, 8, tzinfo=UTC)) is v.SignupRefusal.STARTED
    assert _refusal(already=True, taken=2) is v.SignupRefusal.ALREADY
    assert _refusal(taken=2) is v.SignupRefusal.FULL
    assert _refusal(capacity=None, taken=500) is None
    assert _refusal(needs_certificate=True) is v.SignupRefusal.NEEDS_CERTIFICATE
    assert _refusal(needs_certificate=True, certificate_checked_on=date(2024, 1, 1)) is None
    # valid today, but expired on the day of the session
    assert (
        _refusal(needs_certificate=True, certificate_checked_on=date(2023, 5, 1))
        is v.SignupRefusal.NEEDS_CERTIFICATE
    )


def test_cancel_and_hours_problems():
    now = datetime(2025, 5, 1, 8, tzinfo=UTC)
    later = now + timedelta(hours=1)
    assert v.cancel_refusal(signed_up=False, starts_at=later, now=now) is (
        v.CancelRefusal.NOT_SIGNED_UP
    )
    assert v.cancel_refusal(signed_up=True, starts_at=now, now=now) is v.CancelRefusal.STARTED
    assert v.cancel_refusal(signed_up=True, starts_at=later, now=now) is None
    kwargs = {"session_starts": now, "now": now, "cancelled": False}
    assert v.hours_problem(minutes=120, **kwargs) is None
    assert v.hours_problem(minutes=0, **kwargs) is v.HoursProblem.NOT_POSITIVE
    assert v.hours_problem(minutes=v.MAX_MINUTES + 1, **kwargs) is v.HoursProblem.TOO_MANY
    assert v.hours_problem(minutes=60, session_starts=later, now=now, cancelled=False) is (
        v.HoursProblem.NOT_YET
    )
    assert v.hours_problem(minutes=60, session_starts=now, now=now, cancelled=True) is (
        v.HoursProblem.CANCELLED
    )
