from __future__ import annotations

from datetime import UTC, datetime, timedelta

from medborger.domain import meetings as rules


def test_timezone_by_country():
    assert rules.timezone_name("DK") == "Europe/Copenhagen"
    assert rules.timezone_name("SE") == "Europe/Stockholm"
    assert rules.timezone_name("") == "Europe/Copenhagen"


def test_reminder_window_is_the_local_day_before():
    # 19:00 CEST on Tuesday 1 April 2025 is 17:00 UTC; the window opens 00:00 CEST Monday.
    start = datetime(2025, 4, 1, 17, 0, tzinfo=UTC)
    opens = datetime(2025, 3, 30, 22, 0, tzinfo=UTC)
    tz = "Europe/Copenhagen"
    assert not rules.reminder_due(starts_at=start, now=opens - timedelta(minutes=1), tz=tz)
    assert rules.reminder_due(starts_at=start, now=opens, tz=tz)
    assert not rules.reminder_due(starts_at=start, now=start, tz=tz)


def test_seats_and_window():
    assert rules.has_free_seat(capacity=None, registered=10_000)
    assert not rules.has_free_seat(capacity=2, registered=2)
    assert rules.free_seats(capacity=2, registered=5) == 0
    now = datetime(2025, 1, 1, tzinfo=UTC)
    later = now + timedelta(days=1)
    assert (
        rules.registration_refusal(
            status="planned", now=now, starts_at=later, opens=None, closes=None
        )
        is None
    )
    assert (
        rules.registration_refusal(
            status="planned", now=now, starts_at=later, opens=later, closes=None
        )
        is rules.Refusal.NOT_OPEN_YET
    )


def test_running_order_clock_times():
    start = datetime(2025, 6, 16, 17, 0, tzinfo=UTC)
    timed = rules.running_order(start=start, slots=[rules.Slot(1, 10), rules.Slot(2, 5)])
    assert [(t.starts_at.minute, t.ends_at.minute) for t in timed] == [(0, 10), (10, 15)]
