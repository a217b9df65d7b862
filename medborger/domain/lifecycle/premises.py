"""Municipal premises (lokaler / lokaler): rooms and empty buildings that associations and social
or cultural entrepreneurs may use, as in Alingsås.

    requested → approved → cancelled
              ↘ rejected
              ↘ cancelled

A request holds one or more occurrences (a one-off booking, or the same hours every week until a
date). Times are half-open intervals [start, end): a booking that ends at 18:00 and one that
starts at 18:00 do not clash.

Weekly repeats keep the local wall-clock time across a change to or from summer time, so the
choir that sings 19:00-21:00 sings at 19:00 in March and in November. Nothing here reads the
clock: `now` is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from medborger.domain.country import timezone_of

MAX_OCCURRENCES = 52  # a year of weekly meetings
MAX_HOURS = 16  # one occurrence; a longer event is split into days
MAX_DAYS_AHEAD = 366


def time_zone_for(country: str) -> ZoneInfo:
    return timezone_of(country)


class State(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Event(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"


TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.REQUESTED, Event.APPROVE): State.APPROVED,
    (State.REQUESTED, Event.REJECT): State.REJECTED,
    (State.REQUESTED, Event.CANCEL): State.CANCELLED,
    (State.APPROVED, Event.CANCEL): State.CANCELLED,
}

# A request in one of these states still takes (or asks for) the room.
ACTIVE = frozenset({State.REQUESTED, State.APPROVED})


class TransitionError(ValueError):
    """The event is not allowed in the request's state."""


def next_state(state: State, event: Event) -> State:
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise TransitionError(f"{event.value} is not allowed in {state.value}") from None


@dataclass(frozen=True)
class Interval:
    """[start, end), both aware datetimes."""

    start: datetime
    end: datetime

    def overlaps(self, other: Interval) -> bool:
        return overlaps(self.start, self.end, other.start, other.end)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals overlap when each starts before the other ends."""
    return a_start < b_end and b_start < a_end


def occurrences(
    *, start: datetime, end: datetime, repeat_until: date | None, zone: ZoneInfo
) -> list[Interval]:
    """The one-off interval, or one per week on the same local weekday and wall-clock time up to
    and including `repeat_until` (a local date). May return more than MAX_OCCURRENCES; the caller
    refuses that with `request_refusal`."""
    local_start = start.astimezone(zone).replace(tzinfo=None)
    local_end = end.astimezone(zone).replace(tzinfo=None)
    result = [Interval(start, end)]
    if repeat_until is None:
        return result
    week = 1
    while week <= MAX_OCCURRENCES:  # one beyond the limit is enough to refuse
        next_start = local_start + timedelta(weeks=week)
        if next_start.date() > repeat_until:
            break
        next_end = local_end + timedelta(weeks=week)
        result.append(
            Interval(
                next_start.replace(tzinfo=zone).astimezone(start.tzinfo),
                next_end.replace(tzinfo=zone).astimezone(start.tzinfo),
            )
        )
        week += 1
    return result


def first_clash(
    wanted: Iterable[Interval], taken: Iterable[Interval]
) -> tuple[Interval, Interval] | None:
    """The first wanted interval (in time order) that overlaps a taken one, with that one."""
    taken_sorted = sorted(taken, key=lambda i: (i.start, i.end))
    for interval in sorted(wanted, key=lambda i: (i.start, i.end)):
        for other in taken_sorted:
            if other.start >= interval.end:
                break
            if interval.overlaps(other):
                return interval, other
    return None


class Refusal(StrEnum):
    """Why a request cannot be made; the services turn each into a sentence."""

    END_NOT_AFTER_START = "end_not_after_start"
    IN_THE_PAST = "in_the_past"
    TOO_FAR_AHEAD = "too_far_ahead"
    TOO_LONG = "too_long"
    REPEAT_BEFORE_START = "repeat_before_start"
    TOO_MANY_OCCURRENCES = "too_many_occurrences"
    NO_PARTICIPANTS = "no_participants"
    OVER_CAPACITY = "over_capacity"
    NO_HOURS = "no_hours"
    CLOSED_THAT_DAY = "closed_that_day"
    OUTSIDE_HOURS = "outside_hours"


# weekday (0 = Monday) → (opens, closes), local time; a weekday that is missing is closed.
OpeningHours = Mapping[int, tuple[time, time]]


def request_refusal(
    *,
    start: datetime,
    end: datetime,
    repeat_until: date | None,
    participants: int,
    capacity: int,
    now: datetime,
    zone: ZoneInfo,
) -> Refusal | None:
    """The first problem with the shape of a request (not the hours, not clashes)."""
    if end <= start:
        return Refusal.END_NOT_AFTER_START
    if start < now:
        return Refusal.IN_THE_PAST
    if start > now + timedelta(days=MAX_DAYS_AHEAD):
        return Refusal.TOO_FAR_AHEAD
    if end - start > timedelta(hours=MAX_HOURS):
        return Refusal.TOO_LONG
    if repeat_until is not None:
        if repeat_until <= start.astimezone(zone).date():
            return Refusal.REPEAT_BEFORE_START
        found = occurrences(start=start, end=end, repeat_until=repeat_until, zone=zone)
        if len(found) > MAX_OCCURRENCES:
            return Refusal.TOO_MANY_OCCURRENCES
    if participants < 1:
        return Refusal.NO_PARTICIPANTS
    if participants > capacity:
        return Refusal.OVER_CAPACITY
    return None


def hours_refusal(interval: Interval, *, hours: OpeningHours, zone: ZoneInfo) -> Refusal | None:
    """Whether one occurrence lies within the bookable hours of its (local) day."""
    if not hours:
        return Refusal.NO_HOURS
    local_start = interval.start.astimezone(zone)
    local_end = interval.end.astimezone(zone)
    window = hours.get(local_start.weekday())
    if window is None:
        return Refusal.CLOSED_THAT_DAY
    opens, closes = window
    same_day = local_end.date() == local_start.date()
    ends_at_midnight = (
        local_end.date() == local_start.date() + timedelta(days=1)
        and local_end.time() == time(0, 0)
        and closes == time(23, 59)
    )
    if local_start.time() < opens:
        return Refusal.OUTSIDE_HOURS
    if ends_at_midnight:
        return None
    if not same_day or local_end.time() > closes:
        return Refusal.OUTSIDE_HOURS
    return None


def first_hours_refusal(
    intervals: Sequence[Interval], *, hours: OpeningHours, zone: ZoneInfo
) -> tuple[Interval, Refusal] | None:
    for interval in intervals:
        refusal = hours_refusal(interval, hours=hours, zone=zone)
        if refusal is not None:
            return interval, refusal
    return None


def week_start(day: date) -> date:
    """The Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())


def parse_iso_week(text: str) -> date | None:
    """'2025-W23' → the Monday of that ISO week; None for anything else."""
    text = text.strip()
    if len(text) not in (7, 8) or text[4:6].upper() != "-W":
        return None
    year_text, week_text = text[:4], text[6:]
    if not (year_text + week_text).isascii() or not (year_text.isdigit() and week_text.isdigit()):
        return None
    year, week = int(year_text), int(week_text)
    if not 1900 <= year <= 2999:
        return None
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"
