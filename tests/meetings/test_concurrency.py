"""Registrations and cancellations arriving at the same moment, on PostgreSQL: never more
registered than seats, nobody lost, the waiting list in the order people joined it, and each
cancellation promotes exactly one person.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection

from medborger.meetings import services
from medborger.meetings.models import Meeting, Registration, RegistrationState
from medborger.notifications.models import Notification
from tests.budgeting.test_concurrency import run_together
from tests.meetings.conftest import T0, make_meeting

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]

PEOPLE = 50
SEATS = 20


def test_50_register_for_20_seats_then_5_cancel(municipality, make_resident):
    meeting = make_meeting(municipality, capacity=SEATS)
    people = [make_resident(name=f"Samtidig {i}") for i in range(PEOPLE)]

    def register(index: int) -> str:
        # Everyone chooses the waiting list if the meeting is full.
        r = services.register(
            meeting_id=meeting.pk, user=people[index], now=T0, join_waiting_list=True
        )
        return r.state

    results, errors = run_together(PEOPLE, register)
    assert not errors, errors
    assert Counter(results) == {"registered": SEATS, "waiting": PEOPLE - SEATS}
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.registered_count == SEATS
    rows = Registration.objects.filter(meeting=meeting)
    assert rows.count() == PEOPLE  # nobody lost
    assert rows.values("user").distinct().count() == PEOPLE
    assert rows.filter(state=RegistrationState.REGISTERED).count() == SEATS
    # The waiting list is in the order the rows were written under the lock.
    waiting = list(rows.filter(state=RegistrationState.WAITING).order_by("waiting_since", "pk"))
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)

    seated = list(rows.filter(state=RegistrationState.REGISTERED).order_by("pk")[:5])

    def cancel(index: int) -> int | None:
        promoted = services.cancel(meeting_id=meeting.pk, user=seated[index].user, now=T0)
        return promoted.pk if promoted else None

    results, errors = run_together(5, cancel)
    assert not errors, errors
    assert sorted(results) == sorted(r.pk for r in waiting[:5])  # exactly the first five
    meeting.refresh_from_db()
    assert meeting.registered_count == SEATS
    assert (
        Registration.objects.filter(meeting=meeting, state=RegistrationState.REGISTERED).count()
        == SEATS
    )
    assert (
        Registration.objects.filter(meeting=meeting, state=RegistrationState.WAITING).count()
        == PEOPLE - SEATS - 5
    )
    assert Notification.objects.filter(event="meetings.promoted").count() == 5
