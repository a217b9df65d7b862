"""Ballots arriving at the same moment, on PostgreSQL: each counted once, one register row per
voter, positions 1..n without gaps, and the hash chain verifies.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.utils import translation

from medborger.budgeting.models import Ballot, VoterRegister
from medborger.budgeting.services import BudgetError, ballot_cast, ballots_verify
from tests.budgeting.conftest import pick

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]

VOTERS = 200


def free_connections(margin: int = 10) -> int:
    """How many more connections the server accepts now, less a margin for other clients."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int"
            " - (SELECT count(*) FROM pg_stat_activity)"
        )
        (free,) = cursor.fetchone()
    return max(4, int(free) - margin)


def run_together(count: int, work: Any) -> tuple[list[Any], list[BaseException]]:
    """Start `count` threads at the same instant; each closes its own connection at the end.

    PostgreSQL caps connections (100 by default), so at most as many threads as it has free
    connections are inside the database at once; the rest queue for a connection, not a lock."""
    barrier = threading.Barrier(count)
    in_database = threading.BoundedSemaphore(free_connections())
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(index: int) -> None:
        # A new thread starts in the default language; the messages are asserted in English.
        translation.activate("en")
        try:
            barrier.wait(timeout=60)
            with in_database:
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
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return results, errors


def test_200_ballots_at_once_each_count_once_and_chain(process, projects, make_voter, now):
    voters = [make_voter(name=f"Samtidig {i}") for i in range(VOTERS)]

    results, errors = run_together(
        VOTERS,
        lambda i: ballot_cast(
            process_id=process.pk, user=voters[i], choice=pick(projects[i % 3]), now=now
        ),
    )

    assert errors == [], Counter(str(e) for e in errors)
    assert len(set(results)) == VOTERS
    assert VoterRegister.objects.filter(process=process).count() == VOTERS
    ballots = Ballot.objects.filter(process=process)
    assert ballots.filter(superseded=False).count() == VOTERS
    assert sorted(ballots.values_list("position", flat=True)) == list(range(1, VOTERS + 1))
    assert set(ballots.values_list("receipt_code", flat=True)) == set(results)
    result = ballots_verify(process=process)
    assert result.verdict.ok and result.verdict.checked == VOTERS
    assert result.tally.voters == VOTERS
    assert sum(result.tally.points.values()) == VOTERS


def test_the_same_voter_from_8_threads_counts_once(process, projects, voter, now):
    results, errors = run_together(
        8,
        lambda _i: ballot_cast(
            process_id=process.pk, user=voter, choice=pick(projects[0]), now=now
        ),
    )

    assert len(results) == 1 and len(errors) == 7
    assert all(isinstance(e, BudgetError) for e in errors), errors
    assert all("already voted" in str(e) for e in errors)
    assert Ballot.objects.filter(process=process).count() == 1
    assert VoterRegister.objects.filter(process=process).count() == 1
    assert ballots_verify(process=process).verdict.ok
