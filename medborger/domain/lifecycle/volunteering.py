"""Volunteer teams (Grønne Hold): the rules that need no database.

- `occurrence_dates` and `session_times` turn a recurrence rule (weekly, every second week or
  monthly, from a start date for a count or until an end date) into dated sessions at a local
  wall-clock time, right across a daylight-saving change.
- `signup_refusal` says why a person may not sign up for a session (cancelled, started, full,
  already signed up, no valid child-protection certificate), `cancel_refusal` why a sign-up can
  no longer be withdrawn.
- `certificate_valid_until` / `certificate_valid` count the months a checked børneattest stays
  valid. Only the day it was checked is known here: never the certificate, never a CPR number.

No function reads the clock; `now` and `today` are arguments."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

MAX_SESSIONS = 104  # two years of weekly sessions
MAX_MINUTES = 24 * 60
DEFAULT_CERTIFICATE_MONTHS = 24


class Frequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


class RuleProblem(StrEnum):
    NO_END = "no_end"
    BOTH_ENDS = "both_ends"
    COUNT_RANGE = "count_range"
    END_BEFORE_START = "end_before_start"
    TOO_MANY = "too_many"


class SignupRefusal(StrEnum):
    CANCELLED = "cancelled"
    STARTED = "started"
    ALREADY = "already"
    FULL = "full"
    NEEDS_CERTIFICATE = "needs_certificate"


class CancelRefusal(StrEnum):
    NOT_SIGNED_UP = "not_signed_up"
    STARTED = "started"


class HoursProblem(StrEnum):
    NOT_POSITIVE = "not_positive"
    TOO_MANY = "too_many"
    NOT_YET = "not_yet"
    CANCELLED = "cancelled"


def add_months_to_date(day: date, months: int) -> date:
    """31 January + 1 month is the last day of February."""
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def rule_problem(
    *, start: date, frequency: Frequency, count: int | None, until: date | None
) -> RuleProblem | None:
    if count is None and until is None:
        return RuleProblem.NO_END
    if count is not None and until is not None:
        return RuleProblem.BOTH_ENDS
    if count is not None and not 1 <= count <= MAX_SESSIONS:
        return RuleProblem.COUNT_RANGE
    if until is not None:
        if until < start:
            return RuleProblem.END_BEFORE_START
        if len(_dates(start, frequency, None, until, MAX_SESSIONS + 1)) > MAX_SESSIONS:
            return RuleProblem.TOO_MANY
    return None


def _nth(start: date, frequency: Frequency, n: int) -> date:
    if frequency is Frequency.WEEKLY:
        return start + timedelta(weeks=n)
    if frequency is Frequency.BIWEEKLY:
        return start + timedelta(weeks=2 * n)
    # Monthly counts from the start date each time, so 31 Jan → 28 Feb → 31 Mar (not 28 Mar).
    return add_months_to_date(start, n)


def _dates(
    start: date, frequency: Frequency, count: int | None, until: date | None, limit: int
) -> list[date]:
    found: list[date] = []
    n = 0
    while len(found) < limit:
        day = _nth(start, frequency, n)
        if count is not None and n >= count:
            break
        if until is not None and day > until:
            break
        found.append(day)
        n += 1
    return found


def occurrence_dates(
    *, start: date, frequency: Frequency, count: int | None = None, until: date | None = None
) -> list[date]:
    """The days of the sessions. Raises ValueError if `rule_problem` finds a problem."""
    problem = rule_problem(start=start, frequency=frequency, count=count, until=until)
    if problem is not None:
        raise ValueError(problem.value)
    return _dates(start, frequency, count, until, MAX_SESSIONS)


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` o'clock local time on `day`; in the hour skipped in spring the clock moves on."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone)
    # A wall time that does not exist (02:30 on the spring change) round-trips to another hour.
    round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        return round_trip
    return aware


def session_times(
    days: list[date], *, at: time, minutes: int, zone: ZoneInfo
) -> list[tuple[datetime, datetime]]:
    """Start and end of each session, the same local time every day whatever the UTC offset."""
    result = []
    for day in days:
        starts = local_moment(day, at, zone)
        result.append((starts, starts + timedelta(minutes=minutes)))
    return result


def certificate_valid_until(checked_on: date, months: int) -> date:
    return add_months_to_date(checked_on, months)


def certificate_valid(checked_on: date | None, *, months: int, on_day: date) -> bool:
    """Valid from the day it was checked up to and including the day `months` later."""
    if checked_on is None:
        return False
    return checked_on <= on_day <= certificate_valid_until(checked_on, months)


def signup_refusal(
    *,
    cancelled: bool,
    starts_at: datetime,
    now: datetime,
    capacity: int | None,
    taken: int,
    already: bool,
    needs_certificate: bool,
    certificate_checked_on: date | None,
    certificate_months: int,
    session_day: date,
) -> SignupRefusal | None:
    """The first reason a person may not sign up, or None. The certificate must be valid on the
    day of the session, not only today."""
    if cancelled:
        return SignupRefusal.CANCELLED
    if now >= starts_at:
        return SignupRefusal.STARTED
    if already:
        return SignupRefusal.ALREADY
    if needs_certificate and not certificate_valid(
        certificate_checked_on, months=certificate_months, on_day=session_day
    ):
        return SignupRefusal.NEEDS_CERTIFICATE
    if capacity is not None and taken >= capacity:
        return SignupRefusal.FULL
    return None


def cancel_refusal(*, signed_up: bool, starts_at: datetime, now: datetime) -> CancelRefusal | None:
    if not signed_up:
        return CancelRefusal.NOT_SIGNED_UP
    if now >= starts_at:
        return CancelRefusal.STARTED
    return None


def hours_problem(
    *, minutes: int, session_starts: datetime, now: datetime, cancelled: bool
) -> HoursProblem | None:
    if cancelled:
        return HoursProblem.CANCELLED
    if minutes < 1:
        return HoursProblem.NOT_POSITIVE
    if minutes > MAX_MINUTES:
        return HoursProblem.TOO_MANY
    if now < session_starts:
        return HoursProblem.NOT_YET
    return None
