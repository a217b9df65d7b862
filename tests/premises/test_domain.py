"""The pure rules of premises bookings: half-open intervals, weekly repeats across summer time,
opening hours, the first clash, ISO weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.lifecycle import premises as p

CPH = ZoneInfo("Europe/Copenhagen")


def dt(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 6, day, hour, minute, tzinfo=CPH)


def test_half_open_intervals_touching_do_not_overlap():
    assert not p.overlaps(dt(10, 18), dt(10, 20), dt(10, 20), dt(10, 22))
    assert not p.overlaps(dt(10, 20), dt(10, 22), dt(10, 18), dt(10, 20))
    assert p.overlaps(dt(10, 18), dt(10, 20), dt(10, 19, 59), dt(10, 22))


@given(st.integers(0, 1000), st.integers(1, 300), st.integers(0, 1000), st.integers(1, 300))
def test_overlap_is_symmetric_and_matches_the_definition(a, la, b, lb):
    base = datetime(2025, 1, 1, tzinfo=UTC)
    a0, a1 = base + timedelta(minutes=a), base + timedelta(minutes=a + la)
    b0, b1 = base + timedelta(minutes=b), base + timedelta(minutes=b + lb)
    shared = set(range(a, a + la)) & set(range(b, b + lb))
    assert p.overlaps(a0, a1, b0, b1) == p.overlaps(b0, b1, a0, a1) == bool(shared)


def test_weekly_occurrences_keep_local_time_over_the_change_to_winter_time():
    found = p.occurrences(
        start=datetime(2025, 10, 21, 18, tzinfo=CPH),
        end=datetime(2025, 10, 21, 20, tzinfo=CPH),
        repeat_until=date(2025, 11, 4),
        zone=CPH,
    )
    assert [i.start.astimezone(CPH).hour for i in found] == [18, 18, 18]
    assert [i.start.astimezone(UTC).hour for i in found] == [16, 17, 17]


def test_first_clash_finds_the_earliest_overlapping_occurrence():
    wanted = [p.Interval(dt(d, 18), dt(d, 20)) for d in (3, 10, 17, 24)]
    taken = [p.Interval(dt(24, 19), dt(24, 21)), p.Interval(dt(17, 17), dt(17, 18, 30))]
    clash = p.first_clash(wanted, taken)
    assert clash == (wanted[2], taken[1])
    assert p.first_clash(wanted, [p.Interval(dt(10, 20), dt(10, 22))]) is None


HOURS = {1: (time(8), time(22)), 5: (time(10), time(16))}


@pytest.mark.parametrize(
    ("start", "end", "refusal"),
    [
        (dt(10, 8), dt(10, 22), None),
        (dt(10, 7, 59), dt(10, 9), p.Refusal.OUTSIDE_HOURS),
        (dt(10, 21), dt(10, 22, 1), p.Refusal.OUTSIDE_HOURS),
        (dt(9, 10), dt(9, 12), p.Refusal.CLOSED_THAT_DAY),
        (dt(14, 10), dt(14, 16), None),
        (dt(10, 21), dt(11, 1), p.Refusal.OUTSIDE_HOURS),
    ],
)
def test_hours(start, end, refusal):
    assert p.hours_refusal(p.Interval(start, end), hours=HOURS, zone=CPH) == refusal


def test_no_hours_at_all():
    assert p.hours_refusal(p.Interval(dt(10, 8), dt(10, 9)), hours={}, zone=CPH) == (
        p.Refusal.NO_HOURS
    )


def test_the_states():
    assert p.next_state(p.State.REQUESTED, p.Event.APPROVE) == p.State.APPROVED
    assert p.next_state(p.State.APPROVED, p.Event.CANCEL) == p.State.CANCELLED
    with pytest.raises(p.TransitionError):
        p.next_state(p.State.REJECTED, p.Event.APPROVE)


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2025-W23", date(2025, 6, 2)),
        ("2025-w01", date(2024, 12, 30)),
        ("2026-W53", date(2026, 12, 28)),
        ("2025-W53", None),
        ("2025-W00", None),
        ("2025W23", None),
        ("", None),
        ("abcd-Wxy", None),
    ],
)
def test_iso_weeks(text, monday):
    assert p.parse_iso_week(text) == monday
    if monday is not None:
        assert p.parse_iso_week(p.iso_week(monday)) == monday


def test_time_zone_per_country():
    assert str(p.time_zone_for("DK")) == "Europe/Copenhagen"
    assert str(p.time_zone_for("SE")) == "Europe/Stockholm"
