"""Rules of citizens' meetings that need no database: who gets a seat, when registration is
open, when the reminder is due, which time zone a municipality's calendar uses, and the
clock times of an open plenum's running order."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from medborger.domain.country import timezone_name

__all__ = ["timezone_name"]


class Refusal(enum.Enum):
    CANCELLED = "cancelled"
    HELD = "held"
    STARTED = "started"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"


def registration_refusal(
    *,
    status: str,
    now: datetime,
    starts_at: datetime,
    opens: datetime | None,
    closes: datetime | None,
) -> Refusal | None:
    """Why nobody can register now, or None when registration is open."""
    if status == "cancelled":
        return Refusal.CANCELLED
    if status == "held":
        return Refusal.HELD
    if now >= starts_at:
        return Refusal.STARTED
    if opens is not None and now < opens:
        return Refusal.NOT_OPEN_YET
    if closes is not None and now >= closes:
        return Refusal.CLOSED
    return None


def has_free_seat(*, capacity: int | None, registered: int) -> bool:
    return capacity is None or registered < capacity


def free_seats(*, capacity: int | None, registered: int) -> int | None:
    return None if capacity is None else max(capacity - registered, 0)


def reminder_due(*, starts_at: datetime, now: datetime, tz: str) -> bool:
    """The reminder goes out from the start of the day before the meeting (local time) until
    the meeting starts."""
    zone = ZoneInfo(tz)
    local_start = starts_at.astimezone(zone)
    day_before = datetime.combine(local_start.date() - timedelta(days=1), time(0, 0), tzinfo=zone)
    return day_before <= now < starts_at


@dataclass(frozen=True)
class Slot:
    key: int
    minutes: int


@dataclass(frozen=True)
class TimedSlot:
    key: int
    starts_at: datetime
    ends_at: datetime


def running_order(*, start: datetime, slots: Sequence[Slot]) -> list[TimedSlot]:
    """The clock times of the slots, one after the other from the plenum's start."""
    result = []
    moment = start
    for slot in slots:
        end = moment + timedelta(minutes=slot.minutes)
        result.append(TimedSlot(key=slot.key, starts_at=moment, ends_at=end))
        moment = end
    return result
