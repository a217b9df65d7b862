"""The demo premises: the old school in Kirkeby, the town hall and the library, with approved
bookings (a choir, a repair café, a job café), a waiting request that clashes with another, one
rejected with a reason, and a second run that duplicates nothing."""

from __future__ import annotations

import pytest

from medborger.core import demo
from medborger.core.models import AuditEntry
from medborger.premises import services
from medborger.premises.demo import load_premises
from medborger.premises.models import Booking, BookingRequest, OpeningHours, Premises
from medborger.premises.selectors import staff_queue

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Premises.objects.count(),
        OpeningHours.objects.count(),
        BookingRequest.objects.count(),
        Booking.objects.count(),
        AuditEntry.objects.filter(target_type="premises.BookingRequest").count(),
    )


def test_the_loader_is_registered():
    assert load_premises in demo._LOADERS


def test_the_demo_and_a_second_run_duplicates_nothing():
    context = demo.load_foundation()
    summary = load_premises(context)
    first = counts()
    school = Premises.objects.get(name="Den gamle skole i Kirkeby")
    load_premises(demo.load_foundation())
    assert counts() == first
    assert Premises.objects.get(name="Den gamle skole i Kirkeby").pk == school.pk
    assert summary[0].startswith("Premises: 3 places, 6 requests (3 approved")

    assert school.kind == "building" and school.published
    assert {p.name for p in Premises.objects.all()} == {
        "Den gamle skole i Kirkeby",
        "Mødelokale 2 på Lyngholt Rådhus",
        "Værkstedet på Lyngholt Bibliotek",
    }
    titles = set(BookingRequest.objects.filter(state="approved").values_list("title", flat=True))
    assert any("Kor" in t for t in titles) and "Reparationscafé" in titles
    assert any("Jobcafé" in t for t in titles)
    job_cafe = BookingRequest.objects.get(title__startswith="Jobcafé")
    assert job_cafe.requester_kind == "entrepreneur" and job_cafe.organisation is None
    rejected = BookingRequest.objects.get(state="rejected")
    assert "for lille" in rejected.decision_reason
    queue = staff_queue(municipality=context.municipality)
    assert len(queue.waiting) == 2 and all(r.conflicts for r in queue.waiting)  # type: ignore[attr-defined]


def test_the_demo_clash_example_cannot_both_be_approved():
    context = demo.load_foundation()
    load_premises(context)
    waiting = list(BookingRequest.objects.filter(state="requested").order_by("pk"))
    official = context.staff["case_officer"]
    services.request_approve(request_id=waiting[0].pk, official=official, now=context.now)
    with pytest.raises(services.PremisesError, match="Cannot approve"):
        services.request_approve(request_id=waiting[1].pk, official=official, now=context.now)
