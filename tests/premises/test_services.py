"""Booking requests through the services: clashes with approved bookings refused at request time
(with the clashing time named), back-to-back allowed, weekly repeats, opening hours, capacity,
associations and entrepreneurs, decisions with the requester notified, and nothing half-saved.

The clock is moved with time_machine: requests are made "now" for next week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from medborger.core.models import AuditEntry
from medborger.notifications.models import Notification
from medborger.premises import services
from medborger.premises.models import Booking, BookingRequest
from medborger.premises.services import PremisesError
from tests.factories import UserFactory, grant
from tests.premises.conftest import NEXT_TUESDAY, T0, at, make_premises

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(T0, tick=False):
        yield


def now():  # type: ignore[no-untyped-def]
    return timezone.now()


def test_the_clock_is_moved():
    assert now() == T0


# --- clashes -------------------------------------------------------------------------------------


def test_a_request_now_for_next_week_that_overlaps_an_approved_booking_is_refused(
    approved, ask, premises
):
    approved(title="Korprøve", starts_at=at(NEXT_TUESDAY, 18), ends_at=at(NEXT_TUESDAY, 20))
    before = (BookingRequest.objects.count(), Booking.objects.count())
    with pytest.raises(PremisesError) as refused:
        ask(
            when=now(),
            title="Jobcafé",
            starts_at=at(NEXT_TUESDAY, 19),
            ends_at=at(NEXT_TUESDAY, 21),
        )
    message = str(refused.value)
    assert "Den gamle skole is already booked" in message
    assert "Tuesday" in message and "June 10, 2025" in message
    assert "from 18:00 to 20:00" in message
    assert refused.value.field == "starts_at"
    assert (BookingRequest.objects.count(), Booking.objects.count()) == before  # nothing saved


@pytest.mark.parametrize(
    ("start", "end"),
    [((17, 0), (18, 30)), ((19, 0), (19, 30)), ((17, 0), (21, 0)), ((19, 59), (21, 0))],
)
def test_every_kind_of_overlap_is_refused(approved, ask, start, end):
    approved(starts_at=at(NEXT_TUESDAY, 18), ends_at=at(NEXT_TUESDAY, 20))
    with pytest.raises(PremisesError, match="already booked"):
        ask(starts_at=at(NEXT_TUESDAY, *start), ends_at=at(NEXT_TUESDAY, *end))


def test_back_to_back_bookings_are_fine(approved, ask, official):
    approved(starts_at=at(NEXT_TUESDAY, 18), ends_at=at(NEXT_TUESDAY, 20))
    before = ask(title="Før", starts_at=at(NEXT_TUESDAY, 16), ends_at=at(NEXT_TUESDAY, 18))
    after = ask(title="Efter", starts_at=at(NEXT_TUESDAY, 20), ends_at=at(NEXT_TUESDAY, 22))
    for booking_request in (before, after):
        services.request_approve(request_id=booking_request.pk, official=official, now=now())
    assert BookingRequest.objects.filter(state="approved").count() == 3


def test_overlapping_a_waiting_request_is_allowed_but_only_one_can_be_approved(ask, official):
    first = ask(title="Først")
    second = ask(title="Så", starts_at=at(NEXT_TUESDAY, 19), ends_at=at(NEXT_TUESDAY, 21))
    services.request_approve(request_id=first.pk, official=official, now=now())
    with pytest.raises(PremisesError) as refused:
        services.request_approve(request_id=second.pk, official=official, now=now())
    assert "Cannot approve" in str(refused.value) and "from 18:00 to 20:00" in str(refused.value)
    second.refresh_from_db()
    assert second.state == "requested"
    assert set(Booking.objects.filter(request=second).values_list("state", flat=True)) == {
        "requested"
    }


def test_a_rejected_or_cancelled_booking_does_not_block(ask, official, entrepreneur):
    rejected = ask(title="Afvist")
    services.request_reject(request_id=rejected.pk, official=official, reason="Nej.", now=now())
    approved = ask(title="Godkendt")
    services.request_approve(request_id=approved.pk, official=official, now=now())
    services.request_cancel(request_id=approved.pk, user=entrepreneur, now=now())
    again = ask(title="Igen")
    assert again.state == "requested"


def test_another_premises_is_not_affected(approved, ask, municipality):
    approved()
    hall = make_premises(municipality, name="Rådhusets mødesal")
    assert ask(to=hall).state == "requested"


# --- weekly repeats ------------------------------------------------------------------------------


def test_a_weekly_request_stores_one_booking_per_week(ask):
    booking_request = ask(repeat_until=date(2025, 7, 1))
    starts = list(
        Booking.objects.filter(request=booking_request).values_list("starts_at", flat=True)
    )
    assert [timezone.localtime(s).date() for s in starts] == [
        date(2025, 6, 10),
        date(2025, 6, 17),
        date(2025, 6, 24),
        date(2025, 7, 1),
    ]
    assert all(timezone.localtime(s).hour == 18 for s in starts)


def test_a_weekly_request_clashing_on_one_occurrence_is_refused_naming_that_week(approved, ask):
    approved(
        title="Sommerkoncert",
        starts_at=at(date(2025, 6, 24), 19),
        ends_at=at(date(2025, 6, 24), 21),
    )
    with pytest.raises(PremisesError) as refused:
        ask(title="Jobcafé hver uge", repeat_until=date(2025, 7, 15))
    message = str(refused.value)
    assert "June 24, 2025 from 19:00 to 21:00" in message
    assert "overlaps your time" in message and "from 18:00 to 20:00" in message
    assert not BookingRequest.objects.filter(title="Jobcafé hver uge").exists()
    # Stopping the week before is fine.
    assert ask(title="Jobcafé hver uge", repeat_until=date(2025, 6, 17)).bookings.count() == 2


def test_an_approved_weekly_request_blocks_every_week(approved, ask):
    approved(repeat_until=date(2025, 8, 26))
    with pytest.raises(PremisesError, match=r"Aug\. 19, 2025"):
        ask(starts_at=at(date(2025, 8, 19), 19), ends_at=at(date(2025, 8, 19), 20))


def test_weekly_repeats_keep_the_wall_clock_across_summer_time(ask):
    booking_request = ask(
        when=T0,
        starts_at=at(date(2025, 10, 21), 18),
        ends_at=at(date(2025, 10, 21), 20),
        repeat_until=date(2025, 11, 4),
    )
    local = [
        timezone.localtime(b.starts_at).strftime("%m-%d %H:%M %Z")
        for b in booking_request.bookings.all()
    ]
    assert local == ["10-21 18:00 CEST", "10-28 18:00 CET", "11-04 18:00 CET"]


def test_too_many_weeks_is_refused(ask):
    with pytest.raises(PremisesError, match="at most 52 times") as refused:
        ask(repeat_until=date(2026, 6, 10))
    assert refused.value.field == "repeat_until"


def test_a_last_week_before_the_first_day_is_refused(ask):
    with pytest.raises(PremisesError, match="last week must come after"):
        ask(repeat_until=date(2025, 6, 9))


# --- hours, capacity, shape ----------------------------------------------------------------------


def test_outside_the_bookable_hours_is_refused(ask):
    with pytest.raises(PremisesError) as refused:
        ask(starts_at=at(NEXT_TUESDAY, 21), ends_at=at(NEXT_TUESDAY, 23))
    assert "outside the bookable hours" in str(refused.value)
    assert "from 21:00 to 23:00" in str(refused.value)
    with pytest.raises(PremisesError, match="outside the bookable hours"):
        ask(starts_at=at(NEXT_TUESDAY, 7), ends_at=at(NEXT_TUESDAY, 9))


def test_the_weekend_has_shorter_hours(ask):
    saturday = date(2025, 6, 14)
    assert ask(starts_at=at(saturday, 10), ends_at=at(saturday, 16)).state == "requested"
    with pytest.raises(PremisesError, match="outside the bookable hours"):
        ask(starts_at=at(saturday, 15), ends_at=at(saturday, 17))


def test_a_closed_weekday_is_refused(ask, premises):
    premises.hours.filter(weekday=1).delete()  # no Tuesdays
    with pytest.raises(PremisesError, match="cannot be booked on that weekday"):
        ask()


def test_a_weekly_request_leaving_the_hours_in_winter_is_refused(ask, premises):
    premises.hours.filter(weekday=1).update(closes="19:00")
    with pytest.raises(PremisesError, match="outside the bookable hours"):
        ask(repeat_until=date(2025, 7, 1))


def test_premises_without_hours_cannot_be_booked(ask, premises):
    premises.hours.all().delete()
    with pytest.raises(PremisesError, match="no bookable hours"):
        ask()


def test_over_capacity_is_refused(ask):
    with pytest.raises(PremisesError) as refused:
        ask(participants=41)
    assert "room for at most 40 people" in str(refused.value)
    assert refused.value.field == "participants"
    assert ask(participants=40).state == "requested"


@pytest.mark.parametrize(
    ("changes", "text", "field"),
    [
        (
            {"starts_at": at(NEXT_TUESDAY, 20), "ends_at": at(NEXT_TUESDAY, 18)},
            "end must be after",
            "ends_at",
        ),
        (
            {"starts_at": at(date(2025, 6, 2), 8), "ends_at": at(date(2025, 6, 2), 9)},
            "already passed",
            "starts_at",
        ),
        (
            {"starts_at": at(date(2026, 8, 4), 18), "ends_at": at(date(2026, 8, 4), 20)},
            "a year ahead",
            "starts_at",
        ),
        (
            {"starts_at": at(NEXT_TUESDAY, 8), "ends_at": at(date(2025, 6, 11), 8)},
            "at most 16 hours",
            "ends_at",
        ),
        ({"participants": 0}, "at least 1", "participants"),
    ],
)
def test_bad_shapes_are_refused(ask, changes, text, field):
    with pytest.raises(PremisesError, match=text) as refused:
        ask(**changes)
    assert refused.value.field == field
    assert not BookingRequest.objects.exists()


def test_unpublished_premises_cannot_be_asked_for(ask, premises):
    premises.published = False
    premises.save()
    with pytest.raises(PremisesError, match="cannot be booked now"):
        ask()


# --- who asks ------------------------------------------------------------------------------------


def test_an_association_asks_through_its_responsible_person(ask, requester, choir):
    booking_request = ask(
        by=requester, requester_kind="association", organisation_id=choir.pk, initiative_name=""
    )
    assert booking_request.organisation == choir and booking_request.holder == "Kirkeby Kor"


def test_only_the_responsible_person_may_ask_for_an_association(ask, entrepreneur, choir):
    with pytest.raises(PremisesError, match="where you are the responsible person") as refused:
        ask(by=entrepreneur, requester_kind="association", organisation_id=choir.pk)
    assert refused.value.field == "organisation"


def test_another_municipalitys_association_is_refused(ask, other_municipality, requester):
    from medborger.places.models import Organisation

    foreign = Organisation.objects.create(
        municipality=other_municipality,
        name="Fremmed",
        kind="association",
        responsible_person=requester,
    )
    with pytest.raises(PremisesError, match="responsible person"):
        ask(by=requester, requester_kind="association", organisation_id=foreign.pk)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"initiative_name": " "}, "initiative_name"),
        ({"responsible_name": ""}, "responsible_name"),
        ({"responsible_phone": "", "responsible_email": ""}, "responsible_phone"),
        ({"requester_kind": "company"}, "requester_kind"),
        ({"requester_kind": "association", "organisation_id": None}, "organisation"),
    ],
)
def test_an_entrepreneur_names_a_reachable_responsible_person(ask, changes, field):
    with pytest.raises(PremisesError) as refused:
        ask(**changes)
    assert refused.value.field == field


# --- deciding ------------------------------------------------------------------------------------


def test_approving_notifies_the_requester_and_writes_the_audit_log(
    ask, official, entrepreneur, django_capture_on_commit_callbacks
):
    booking_request = ask(repeat_until=date(2025, 6, 24))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(request_id=booking_request.pk, official=official, now=now())
    booking_request.refresh_from_db()
    assert booking_request.state == "approved" and booking_request.decided_by == official
    assert set(booking_request.bookings.values_list("state", flat=True)) == {"approved"}
    note = Notification.objects.get(recipient=entrepreneur)
    assert note.event == "premises_request.approved"
    assert "Den gamle skole" in note.title  # in the municipality's language (Danish source)
    assert AuditEntry.objects.filter(action="premises_request.approved").count() == 1


def test_rejecting_needs_a_reason_and_notifies(ask, official, entrepreneur):
    booking_request = ask()
    with pytest.raises(PremisesError, match="reason"):
        services.request_reject(
            request_id=booking_request.pk, official=official, reason=" ", now=now()
        )
    services.request_reject(
        request_id=booking_request.pk,
        official=official,
        reason="Skolen bliver malet den uge.",
        now=now(),
    )
    booking_request.refresh_from_db()
    assert booking_request.state == "rejected"
    assert "malet" in Notification.objects.get(recipient=entrepreneur).body
    assert set(booking_request.bookings.values_list("state", flat=True)) == {"rejected"}


def test_deciding_twice_is_refused(ask, official):
    booking_request = ask()
    services.request_approve(request_id=booking_request.pk, official=official, now=now())
    with pytest.raises(PremisesError, match="status is: Approved"):
        services.request_approve(request_id=booking_request.pk, official=official, now=now())
    with pytest.raises(PremisesError, match="status is: Approved"):
        services.request_reject(
            request_id=booking_request.pk, official=official, reason="x", now=now()
        )


def test_only_an_official_of_the_municipality_decides(ask, municipality, other_municipality):
    booking_request = ask()
    for user in (
        grant(UserFactory(), "moderator", municipality),
        grant(UserFactory(), "case_officer", other_municipality),
        grant(UserFactory(), "resident", municipality),
    ):
        with pytest.raises(PremisesError, match="Only a case officer"):
            services.request_approve(request_id=booking_request.pk, official=user, now=now())
    admin = grant(UserFactory(), "municipal_admin", municipality)
    services.request_approve(request_id=booking_request.pk, official=admin, now=now())


def test_only_the_requester_cancels(ask, requester, entrepreneur):
    booking_request = ask()
    with pytest.raises(PremisesError, match="Only the person who asked"):
        services.request_cancel(request_id=booking_request.pk, user=requester, now=now())
    services.request_cancel(request_id=booking_request.pk, user=entrepreneur, now=now())
    with pytest.raises(PremisesError, match="status is: Cancelled"):
        services.request_cancel(request_id=booking_request.pk, user=entrepreneur, now=now())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint is PostgreSQL only")
def test_the_database_refuses_overlapping_approved_bookings_on_postgresql(ask, approved):
    from django.db import IntegrityError, transaction

    approved()
    waiting = ask(title="Snyd", starts_at=at(NEXT_TUESDAY, 20), ends_at=at(NEXT_TUESDAY, 21))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(request=waiting).update(
            state="approved", starts_at=at(NEXT_TUESDAY, 19)
        )
    # back-to-back is fine for the constraint too
    Booking.objects.filter(request=waiting).update(state="approved")
    assert Booking.objects.filter(state="approved").count() == 2


def test_the_request_of_a_moved_clock_sees_the_approval_made_an_hour_earlier(ask, official):
    """The clock moves on between the approval and the next request."""
    first = ask()
    services.request_approve(request_id=first.pk, official=official, now=now())
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        with pytest.raises(PremisesError, match="already booked"):
            ask(when=timezone.now())
        with pytest.raises(PremisesError, match="already passed"):
            ask(
                when=timezone.now(),
                starts_at=at(date(2025, 6, 4), 18),
                ends_at=at(date(2025, 6, 4), 20),
            )
