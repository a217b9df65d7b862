"""Date arithmetic for deadlines: days, and calendar months that clamp to the month's end."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta


def add_days(moment: datetime, days: int) -> datetime:
    return moment + timedelta(days=days)


def add_months(moment: datetime, months: int) -> datetime:
    """31 January + 1 month is 28 (or 29) February, as a lawyer counts a month."""
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def days_left(deadline: datetime, now: datetime) -> int:
    """Whole days until a deadline, rounded up; 0 once it has passed."""
    seconds = (deadline - now).total_seconds()
    if seconds <= 0:
        return 0
    return int(-(-seconds // 86400))


def end_of_day(day: date, like: datetime) -> datetime:
    """23:59:59 on `day`, in the time zone of `like`."""
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=like.tzinfo)
