"""Volunteers taking the last places at the same moment, on PostgreSQL: the session's row lock
means a session is never over capacity, and nobody signed up is lost.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

import pytest
from django.db import connection

from medborger.volunteering.models import Session, SignUp
from medborger.volunteering.services import VolunteeringError, signup_add
from tests.fasttrack.test_concurrency import run_together
from tests.volunteering.conftest import T0

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]


def test_sixteen_sign_ups_at_once_for_five_places(make_series, make_volunteer):
    session = make_series(capacity=5).sessions.order_by("starts_at").first()
    people = [make_volunteer(f"Frivillig {i}") for i in range(16)]

    results, errors = run_together(
        16, lambda i: signup_add(session_id=session.pk, user=people[i], now=T0).pk
    )

    assert all(isinstance(e, VolunteeringError) for e in errors), errors
    assert len(results) == 5 and len(errors) == 11
    assert all("The session is full" in str(e) for e in errors)
    session.refresh_from_db()
    assert session.taken == 5 == SignUp.objects.filter(session=session).count()


def test_the_same_person_eight_times_at_once_is_signed_up_once(make_series, volunteer):
    session = make_series(capacity=3).sessions.order_by("starts_at").first()

    results, errors = run_together(
        8, lambda i: signup_add(session_id=session.pk, user=volunteer, now=T0).pk
    )

    assert len(results) == 1 and len(errors) == 7
    assert all("already signed up" in str(e) for e in errors), errors
    assert Session.objects.get(pk=session.pk).taken == 1
