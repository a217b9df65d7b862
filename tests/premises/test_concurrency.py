"""Officials approving overlapping requests at the same moment, on PostgreSQL: the premises row
lock means exactly one of them succeeds, and the exclusion constraint would catch anything the
lock missed.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.db import connection

from medborger.premises.models import Booking, BookingRequest
from medborger.premises.services import PremisesError, request_approve
from tests.factories import UserFactory, grant
from tests.fasttrack.test_concurrency import run_together
from tests.premises.conftest import NEXT_TUESDAY, T0, at

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]


def _officials(municipality, count):  # type: ignore[no-untyped-def]
    return [
        grant(UserFactory(name=f"Sagsbehandler {i}"), "case_officer", municipality)
        for i in range(count)
    ]


def test_two_officials_approving_overlapping_requests_at_once_exactly_one_succeeds(
    municipality, ask
):
    first = ask(title="Kor", starts_at=at(NEXT_TUESDAY, 18), ends_at=at(NEXT_TUESDAY, 20))
    second = ask(title="Jobcafé", starts_at=at(NEXT_TUESDAY, 19), ends_at=at(NEXT_TUESDAY, 21))
    requests = [first, second]
    officials = _officials(municipality, 2)

    results, errors = run_together(
        2,
        lambda i: request_approve(request_id=requests[i].pk, official=officials[i], now=T0).pk,
    )

    assert len(results) == 1 and len(errors) == 1, errors
    assert isinstance(errors[0], PremisesError) and "Cannot approve" in str(errors[0])
    assert BookingRequest.objects.filter(state="approved").count() == 1
    assert Booking.objects.filter(state="approved").count() == 1


def test_ten_overlapping_weekly_requests_approved_at_once_one_wins_and_nothing_is_half_done(
    municipality, ask
):
    """Each request repeats weekly; they all clash on at least one week with each other."""
    requests = [
        ask(
            title=f"Forening {i}",
            starts_at=at(NEXT_TUESDAY, 18 if i % 2 else 19),
            ends_at=at(NEXT_TUESDAY, 20 if i % 2 else 21),
            repeat_until=date(2025, 7, 1 + i),
        )
        for i in range(10)
    ]
    officials = _officials(municipality, 10)

    results, errors = run_together(
        10, lambda i: request_approve(request_id=requests[i].pk, official=officials[i], now=T0).pk
    )

    assert all(isinstance(e, PremisesError) for e in errors), errors
    assert len(results) == 1 and len(errors) == 9, Counter(str(e) for e in errors)
    winner = BookingRequest.objects.get(state="approved")
    assert winner.pk == results[0]
    assert set(Booking.objects.filter(state="approved").values_list("request_id", flat=True)) == {
        winner.pk
    }
    assert BookingRequest.objects.filter(state="requested").count() == 9
    assert not Booking.objects.filter(state="approved").exclude(request=winner).exists()


def test_back_to_back_requests_approved_at_once_all_succeed(municipality, ask):
    requests = [
        ask(title=f"Time {h}", starts_at=at(NEXT_TUESDAY, h), ends_at=at(NEXT_TUESDAY, h + 1))
        for h in range(8, 20)
    ]
    officials = _officials(municipality, len(requests))
    results, errors = run_together(
        len(requests),
        lambda i: request_approve(request_id=requests[i].pk, official=officials[i], now=T0).pk,
    )
    assert not errors and len(results) == 12
