"""Read-side queries of municipal premises. Every query is limited to one municipality, and a page
costs the same number of queries however many bookings it shows.

Visibility matches rules.py: published premises and approved bookings are public; a request is
seen only by the person who made it and the municipality's staff."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet

from medborger.accounts.predicates import is_staff_here
from medborger.domain.lifecycle import premises as lifecycle
from medborger.domain.lifecycle.premises import Interval, State
from medborger.places.models import Organisation
from medborger.premises.models import Booking, BookingRequest, OpeningHours, Premises


def is_staff_in(user: Any, municipality: Any) -> bool:
    """The same predicate as the rules, so a list never disagrees with a detail page."""
    return bool(is_staff_here(user, municipality))


def premises_visible_to(*, user: Any, municipality: Any) -> QuerySet[Premises]:
    rows = (
        Premises.objects.filter(municipality=municipality)
        .select_related("municipality", "area")
        .prefetch_related(Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday")))
        .order_by("name", "pk")
    )
    if is_staff_in(user, municipality):
        return rows
    return rows.filter(published=True)


def premises_detail(*, user: Any, municipality: Any, pk: int) -> Premises | None:
    return premises_visible_to(user=user, municipality=municipality).filter(pk=pk).first()


def organisations_for(*, user: Any, municipality: Any) -> QuerySet[Organisation]:
    """The associations this person may ask on behalf of: where they are the responsible
    person."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(municipality=municipality, responsible_person=user).order_by(
        "name", "pk"
    )


# --- the public calendar -------------------------------------------------------------------------


@dataclass
class Day:
    day: date
    bookings: list[Booking] = field(default_factory=list)


@dataclass
class Week:
    monday: date
    days: list[Day]
    previous: str
    next: str
    this: str

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def is_empty(self) -> bool:
        return not any(d.bookings for d in self.days)


def _local_midnight(day: date, zone: Any) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def approved_bookings(
    *, municipality: Any, start: datetime, end: datetime, premises: Premises | None = None
) -> QuerySet[Booking]:
    rows = Booking.objects.filter(
        municipality=municipality,
        state=State.APPROVED.value,
        premises__published=True,
        starts_at__lt=end,
        ends_at__gt=start,
    )
    if premises is not None:
        rows = rows.filter(premises=premises)
    return rows.select_related("premises", "request", "request__organisation").order_by(
        "starts_at", "premises__name", "pk"
    )


def week_of(
    *, municipality: Any, monday: date, zone: Any, premises: Premises | None = None
) -> Week:
    """The approved bookings of one ISO week, day by day in local time (two queries at most)."""
    start = _local_midnight(monday, zone)
    end = _local_midnight(monday + timedelta(days=7), zone)
    days = [Day(day=monday + timedelta(days=i)) for i in range(7)]
    for booking in approved_bookings(
        municipality=municipality, start=start, end=end, premises=premises
    ):
        local_day = booking.starts_at.astimezone(zone).date()
        index = max(0, (local_day - monday).days)  # began in the week before: show on Monday
        days[min(index, 6)].bookings.append(booking)
    return Week(
        monday=monday,
        days=days,
        previous=lifecycle.iso_week(monday - timedelta(days=7)),
        next=lifecycle.iso_week(monday + timedelta(days=7)),
        this=lifecycle.iso_week(monday),
    )


def bookings_for_feed(*, premises: Premises, since: datetime) -> QuerySet[Booking]:
    """The approved bookings of one premises for its iCalendar feed: from `since` on."""
    return approved_bookings(
        municipality=premises.municipality_id,
        start=since,
        end=since + timedelta(days=lifecycle.MAX_DAYS_AHEAD + 31),
        premises=premises,
    )


# --- requests ------------------------------------------------------------------------------------


def requests_visible_to(*, user: Any, municipality: Any) -> QuerySet[BookingRequest]:
    rows = BookingRequest.objects.filter(municipality=municipality)
    if is_staff_in(user, municipality):
        return rows
    if not getattr(user, "is_authenticated", False):
        return rows.none()
    return rows.filter(requester=user)


def _with_bookings(rows: QuerySet[BookingRequest]) -> QuerySet[BookingRequest]:
    return rows.select_related(
        "premises", "premises__municipality", "organisation", "municipality", "decided_by"
    ).prefetch_related(Prefetch("bookings", queryset=Booking.objects.order_by("starts_at", "pk")))


def request_detail(*, user: Any, municipality: Any, pk: int) -> BookingRequest | None:
    return (
        _with_bookings(requests_visible_to(user=user, municipality=municipality))
        .filter(pk=pk)
        .first()
    )


def request_for_staff(*, municipality: Any, pk: int) -> BookingRequest | None:
    return (
        _with_bookings(BookingRequest.objects.filter(municipality=municipality, pk=pk))
        .select_related("requester")
        .first()
    )


def requests_of(*, user: Any, municipality: Any) -> QuerySet[BookingRequest]:
    return (
        BookingRequest.objects.filter(municipality=municipality, requester=user)
        .select_related("premises", "organisation")
        .order_by("-requested_at", "-pk")
    )


@dataclass
class Conflict:
    """A clash the staff should see before deciding: with an approved booking (the request can
    no longer be approved) or with another waiting request (only one can be)."""

    booking: Booking
    other: Booking
    approved: bool


def conflicts_of(requests: Sequence[BookingRequest]) -> dict[int, list[Conflict]]:
    """For each waiting request, the occurrences that overlap an approved booking or another
    waiting request of the same premises. One query, however many requests."""
    mine: dict[int, list[Booking]] = defaultdict(list)
    for booking_request in requests:
        for booking in booking_request.bookings.all():
            mine[booking_request.pk].append(booking)
    all_mine = [b for rows in mine.values() for b in rows]
    if not all_mine:
        return {}
    start = min(b.starts_at for b in all_mine)
    end = max(b.ends_at for b in all_mine)
    premises_ids = {b.premises_id for b in all_mine}
    others = list(
        Booking.objects.filter(
            premises_id__in=premises_ids,
            state__in=[State.APPROVED.value, State.REQUESTED.value],
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("request", "request__organisation")
        .order_by("starts_at", "pk")
    )
    result: dict[int, list[Conflict]] = {}
    for request_id, bookings in mine.items():
        found: list[Conflict] = []
        for booking in bookings:
            wanted = Interval(booking.starts_at, booking.ends_at)
            for other in others:
                if other.request_id == request_id or other.premises_id != booking.premises_id:
                    continue
                if wanted.overlaps(Interval(other.starts_at, other.ends_at)):
                    found.append(
                        Conflict(
                            booking=booking,
                            other=other,
                            approved=other.state == State.APPROVED.value,
                        )
                    )
        if found:
            result[request_id] = found
    return result


@dataclass
class StaffQueue:
    waiting: list[BookingRequest]  # oldest first; each has `conflicts` (a list)
    decided: list[BookingRequest]


def staff_queue(*, municipality: Any) -> StaffQueue:
    waiting = list(
        _with_bookings(
            BookingRequest.objects.filter(municipality=municipality, state=State.REQUESTED.value)
        ).order_by("requested_at", "pk")
    )
    conflicts = conflicts_of(waiting)
    for booking_request in waiting:
        booking_request.conflicts = conflicts.get(booking_request.pk, [])  # type: ignore[attr-defined]
    decided = list(
        BookingRequest.objects.filter(municipality=municipality)
        .exclude(state=State.REQUESTED.value)
        .select_related("premises", "organisation")
        .order_by("-decided_at", "-cancelled_at", "-pk")[:20]
    )
    return StaffQueue(waiting=waiting, decided=decided)


def premises_export(user: Any) -> dict[str, Any]:
    """The requests a person made (with the responsible person they named) and, for staff, the
    decisions they made."""
    return {
        "requests": [
            {
                "premises": r.premises.name,
                "title": r.title,
                "purpose": r.purpose,
                "state": r.state,
                "requested_at": r.requested_at.isoformat(),
                "starts_at": r.starts_at.isoformat(),
                "ends_at": r.ends_at.isoformat(),
                "repeat_until": r.repeat_until.isoformat() if r.repeat_until else None,
                "participants": r.participants,
                "organisation": r.organisation.name if r.organisation else None,
                "initiative_name": r.initiative_name,
                "responsible_name": r.responsible_name,
                "responsible_phone": r.responsible_phone,
                "responsible_email": r.responsible_email,
                "decision_reason": r.decision_reason,
            }
            for r in BookingRequest.objects.filter(requester=user).select_related(
                "premises", "organisation"
            )
        ],
        "decided_by_you": [
            {
                "request": r.title,
                "state": r.state,
                "decided_at": r.decided_at.isoformat() if r.decided_at else None,
            }
            for r in BookingRequest.objects.filter(decided_by=user)
        ],
    }
