"""Supports arriving at the same moment, on PostgreSQL: counted in the database, the threshold
reached and the proposal referred exactly once, one support per person.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import translation

from medborger.notifications.services import follow_add
from medborger.proposals import services
from medborger.proposals.models import Proposal, ProposalEvent, Support
from medborger.proposals.services import ProposalError

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]

THREADS = 64
THRESHOLD = 100


def run_together(count: int, work: Any) -> tuple[list[Any], list[BaseException]]:
    """Start `count` threads at the same instant; each closes its own connection at the end."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(index: int) -> None:
        # A new thread starts in the default language; the messages are asserted in English.
        translation.activate("en")
        try:
            barrier.wait(timeout=30)
            result = work(index)
            with lock:
                results.append(result)
        except BaseException as error:
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return results, errors


@pytest.fixture
def collecting(municipality, rules, author, secretary, t0):  # type: ignore[no-untyped-def]
    """A proposal collecting support, already followed by its author."""
    proposal = Proposal.objects.create(
        municipality=municipality,
        area=None,
        author=author,
        title="Cykelsti til stationen",
        summary="En sikker cykelsti.",
        body="Vi ønsker en cykelsti.",
        state="collecting",
        threshold=THRESHOLD,
        published_at=t0,
        collection_ends=t0 + timedelta(days=180),
        contact_person=secretary,
    )
    follow_add(user=author, target=proposal, now=t0)
    return proposal


def _store_earlier_supports(proposal: Proposal, t0: Any) -> None:
    """T-1 supports already stored, with distinct person keys; the counter set to match."""
    Support.objects.bulk_create(
        Support(proposal=proposal, person_key=f"earlier-{i:04d}", created_at=t0)
        for i in range(THRESHOLD - 1)
    )
    Proposal.objects.filter(pk=proposal.pk).update(support_count=THRESHOLD - 1)


def _assert_counted_and_referred_once(proposal_id: int, accepted: int, now: Any) -> None:
    proposal = Proposal.objects.get(pk=proposal_id)
    assert proposal.support_count == THRESHOLD - 1 + accepted
    assert proposal.support_count == Support.objects.filter(proposal=proposal).count()
    events = Counter(ProposalEvent.objects.filter(proposal=proposal).values_list("kind", flat=True))
    assert events["threshold_reached"] == 1
    assert events["refer"] == 1
    assert proposal.state == "referred"
    assert proposal.threshold_reached_at == proposal.referred_at == now


def test_64_supports_at_once_count_exactly_and_refer_once(collecting, make_resident, secretary, t0):
    """Threshold − 1 supports stored; 64 residents support at the same moment. Every support
    counts (support goes on after the referral), and the proposal is referred exactly once."""
    _store_earlier_supports(collecting, t0)
    residents = [make_resident(name=f"Samtidig {i}") for i in range(THREADS)]
    now = t0 + timedelta(days=3)

    results, errors = run_together(
        THREADS,
        lambda i: services.support_add(
            proposal_id=collecting.pk, user=residents[i], show_name=False, now=now
        ),
    )

    assert errors == [], Counter(str(e) for e in errors)
    assert len(results) == THREADS
    _assert_counted_and_referred_once(collecting.pk, THREADS, now)


def test_the_same_person_from_8_threads_counts_once(collecting, make_resident, t0):
    person = make_resident(name="Ivrig Klikker")

    results, errors = run_together(
        8,
        lambda _i: services.support_add(
            proposal_id=collecting.pk, user=person, show_name=True, now=t0
        ),
    )

    assert len(results) == 1
    assert len(errors) == 7
    assert all(isinstance(e, ProposalError) for e in errors), errors
    assert all("already supported" in str(e) for e in errors)
    proposal = Proposal.objects.get(pk=collecting.pk)
    assert proposal.support_count == 1 == Support.objects.filter(proposal=proposal).count()
    assert proposal.state == "collecting"


def test_withdrawing_while_another_support_refers_keeps_the_count(
    collecting, make_resident, t0, monkeypatch
):
    """A withdrawal that has read "collecting" when another support reaches the threshold:
    the support row and the counter must stay equal (both gone, or both kept)."""
    Proposal.objects.filter(pk=collecting.pk).update(threshold=3)
    leaving, staying, arriving = (make_resident(name=f"P {i}") for i in range(3))
    for person in (leaving, staying):
        services.support_add(proposal_id=collecting.pk, user=person, show_name=False, now=t0)
    has_read = threading.Event()
    arrived = threading.Event()

    class Spying(frozenset):  # type: ignore[type-arg]
        """WITHDRAWABLE_SUPPORT that lets the other support run once the state is read."""

        def __contains__(self, item: object) -> bool:
            has_read.set()
            arrived.wait(timeout=3)  # with a row lock the other support waits for us instead
            return super().__contains__(item)

    monkeypatch.setattr(
        services.lifecycle,
        "WITHDRAWABLE_SUPPORT",
        Spying(services.lifecycle.WITHDRAWABLE_SUPPORT),
    )

    def work(index: int) -> Any:
        if index == 0:
            return services.support_withdraw(proposal_id=collecting.pk, user=leaving, now=t0)
        has_read.wait(timeout=10)
        try:
            return services.support_add(
                proposal_id=collecting.pk, user=arriving, show_name=False, now=t0
            )
        finally:
            arrived.set()

    _results, errors = run_together(2, work)

    assert all(isinstance(e, ProposalError) for e in errors), errors
    proposal = Proposal.objects.get(pk=collecting.pk)
    assert proposal.support_count == Support.objects.filter(proposal=proposal).count()
    referred = ProposalEvent.objects.filter(proposal=proposal, kind="refer").count()
    assert referred == (1 if proposal.state == "referred" else 0)
