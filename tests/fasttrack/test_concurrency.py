"""Officials approving at the same moment, on PostgreSQL: the pool's row lock means the pool is
never overspent, and an application is granted once however many approve it at once.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import translation

from medborger.fasttrack.models import Application, FastTrackPool
from medborger.fasttrack.services import FastTrackError, application_approve
from tests.factories import UserFactory, grant
from tests.fasttrack.conftest import T0

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]

APPLICATIONS = 12


def run_together(count: int, work: Any) -> tuple[list[Any], list[BaseException]]:
    """Start `count` threads at the same instant; each closes its own connection at the end
    (the same harness as tests/budgeting/test_concurrency.py)."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(index: int) -> None:
        # A new thread starts in the default language; the messages are asserted in English.
        translation.activate("en")
        try:
            barrier.wait(timeout=60)
            try:
                result = work(index)
            finally:
                connection.close()
            with lock:
                results.append(result)
        except BaseException as error:
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return results, errors


def granted_in_applications(pool: FastTrackPool) -> int:
    return (
        Application.objects.filter(pool=pool, state="approved").aggregate(
            total=Sum("granted_amount")
        )["total"]
        or 0
    )


def test_twelve_approvals_at_once_never_overspend_the_pool(
    municipality, pool, submit, make_applicant
):
    """100.000 kr, twelve applications of 25.000 kr, twelve officials at the same instant:
    exactly four are granted, the other eight are told that the money is gone."""
    applications = [
        submit(by=make_applicant(f"Ansøger {i}"), title=f"Projekt {i}", amount_requested=25_000)
        for i in range(APPLICATIONS)
    ]
    officials = [
        grant(UserFactory(name=f"Sagsbehandler {i}"), "case_officer", municipality)
        for i in range(APPLICATIONS)
    ]

    results, errors = run_together(
        APPLICATIONS,
        lambda i: (
            application_approve(
                application_id=applications[i].pk,
                official=officials[i],
                amount=None,
                reason="",
                now=T0 + timedelta(days=1),
            ).pk
        ),
    )

    assert all(isinstance(e, FastTrackError) for e in errors), errors
    assert len(results) == 4 and len(errors) == 8, Counter(str(e) for e in errors)
    assert all("left in the pool" in str(e) for e in errors)
    pool.refresh_from_db()
    assert pool.granted == 100_000 == granted_in_applications(pool)
    assert pool.remaining == 0
    assert Application.objects.filter(state="approved").count() == 4


def test_mixed_amounts_at_once_grant_exactly_what_fits(municipality, pool, submit, make_applicant):
    """Twenty applications of 9.000 kr and 7.000 kr: whatever order the locks give, the pool ends
    with the sum of what was granted and never more than it holds."""
    amounts = [9_000 if i % 2 else 7_000 for i in range(20)]  # 160.000 kr in all
    applications = [
        submit(by=make_applicant(f"Ansøger {i}"), title=f"Projekt {i}", amount_requested=amount)
        for i, amount in enumerate(amounts)
    ]
    official = grant(UserFactory(name="Travl"), "case_officer", municipality)

    results, errors = run_together(
        len(applications),
        lambda i: (
            application_approve(
                application_id=applications[i].pk,
                official=official,
                amount=None,
                reason="",
                now=T0 + timedelta(days=1),
            ).granted_amount
        ),
    )

    assert all(isinstance(e, FastTrackError) for e in errors), errors
    pool.refresh_from_db()
    assert pool.granted == sum(results) == granted_in_applications(pool)
    assert 100_000 - 9_000 < pool.granted <= 100_000


def test_the_same_application_approved_by_eight_officials_is_granted_once(
    municipality, pool, submit
):
    application = submit(amount_requested=20_000)
    officials = [
        grant(UserFactory(name=f"Sagsbehandler {i}"), "case_officer", municipality)
        for i in range(8)
    ]

    results, errors = run_together(
        8,
        lambda i: (
            application_approve(
                application_id=application.pk,
                official=officials[i],
                amount=None,
                reason="",
                now=T0 + timedelta(days=1),
            ).pk
        ),
    )

    assert len(results) == 1 and len(errors) == 7
    assert all("status is: Approved" in str(e) for e in errors), errors
    pool.refresh_from_db()
    assert pool.granted == 20_000
