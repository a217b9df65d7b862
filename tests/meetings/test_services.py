from __future__ import annotations

from datetime import timedelta

import pytest

from medborger.meetings import services
from medborger.meetings.models import MeetingStatus, Registration, RegistrationState, SlotState
from medborger.notifications.models import Notification
from tests.meetings.conftest import START, T0, make_meeting

pytestmark = pytest.mark.django_db


def test_register_gives_a_seat_then_refuses_when_full_unless_waiting_list_chosen(
    meeting, make_resident
):
    people = [make_resident() for _ in range(4)]
    for person in people[:3]:
        r = services.register(meeting_id=meeting.pk, user=person, now=T0)
        assert r.state == RegistrationState.REGISTERED
    with pytest.raises(services.MeetingError) as error:
        services.register(meeting_id=meeting.pk, user=people[3], now=T0)
    assert error.value.code == "full"
    assert "waiting list" in str(error.value)
    assert not Registration.objects.filter(user=people[3]).exists()
    r = services.register(meeting_id=meeting.pk, user=people[3], now=T0, join_waiting_list=True)
    assert r.state == RegistrationState.WAITING
    meeting.refresh_from_db()
    assert meeting.registered_count == 3


def test_registering_twice_is_refused(meeting, make_resident):
    person = make_resident()
    services.register(meeting_id=meeting.pk, user=person, now=T0)
    with pytest.raises(services.MeetingError, match="already registered") as error:
        services.register(meeting_id=meeting.pk, user=person, now=T0)
    assert error.value.code == "twice"
    assert Registration.objects.filter(user=person).count() == 1


def test_waiting_twice_is_refused(meeting, make_resident):
    for _ in range(3):
        services.register(meeting_id=meeting.pk, user=make_resident(), now=T0)
    person = make_resident()
    services.register(meeting_id=meeting.pk, user=person, now=T0, join_waiting_list=True)
    with pytest.raises(services.MeetingError, match="already on the waiting list"):
        services.register(meeting_id=meeting.pk, user=person, now=T0, join_waiting_list=True)


def test_cancel_promotes_the_first_on_the_waiting_list_and_notifies_them(meeting, make_resident):
    seated = [make_resident() for _ in range(3)]
    for person in seated:
        services.register(meeting_id=meeting.pk, user=person, now=T0)
    first, second = make_resident(), make_resident()
    services.register(meeting_id=meeting.pk, user=first, now=T0, join_waiting_list=True)
    services.register(
        meeting_id=meeting.pk, user=second, now=T0 + timedelta(minutes=1), join_waiting_list=True
    )
    promoted = services.cancel(meeting_id=meeting.pk, user=seated[1], now=T0 + timedelta(hours=1))
    assert promoted is not None and promoted.user == first
    assert Registration.objects.get(pk=promoted.pk).state == RegistrationState.REGISTERED
    assert Registration.objects.get(user=second, meeting=meeting).state == RegistrationState.WAITING
    meeting.refresh_from_db()
    assert meeting.registered_count == 3
    notes = Notification.objects.filter(event="meetings.promoted")
    assert [n.recipient_id for n in notes] == [first.pk]


def test_cancel_from_waiting_list_promotes_nobody(meeting, make_resident):
    for _ in range(3):
        services.register(meeting_id=meeting.pk, user=make_resident(), now=T0)
    waiting = make_resident()
    services.register(meeting_id=meeting.pk, user=waiting, now=T0, join_waiting_list=True)
    assert services.cancel(meeting_id=meeting.pk, user=waiting, now=T0) is None
    meeting.refresh_from_db()
    assert meeting.registered_count == 3


def test_register_again_after_cancelling(meeting, make_resident):
    person = make_resident()
    services.register(meeting_id=meeting.pk, user=person, now=T0)
    services.cancel(meeting_id=meeting.pk, user=person, now=T0)
    services.register(meeting_id=meeting.pk, user=person, now=T0)
    assert Registration.objects.filter(user=person).count() == 2


def test_cancel_without_registration_is_refused(meeting, make_resident):
    with pytest.raises(services.MeetingError, match="not registered"):
        services.cancel(meeting_id=meeting.pk, user=make_resident(), now=T0)


@pytest.mark.parametrize(
    ("fields", "now", "message"),
    [
        ({"registration_opens": T0 + timedelta(days=1)}, T0, "opens"),
        ({"registration_closes": T0 - timedelta(days=1)}, T0, "closed"),
        ({}, START + timedelta(minutes=1), "already taken place"),
        ({"status": MeetingStatus.CANCELLED}, T0, "cancelled"),
    ],
)
def test_registration_window(municipality, make_resident, fields, now, message):
    meeting = make_meeting(municipality, **fields)
    with pytest.raises(services.MeetingError, match=message):
        services.register(meeting_id=meeting.pk, user=make_resident(), now=now)


def test_unlimited_capacity(municipality, make_resident):
    meeting = make_meeting(municipality, capacity=None)
    for _ in range(5):
        services.register(meeting_id=meeting.pk, user=make_resident(), now=T0)
    meeting.refresh_from_db()
    assert meeting.registered_count == 5


def test_more_seats_fill_from_waiting_list_in_order(meeting, make_resident):
    for _ in range(3):
        services.register(meeting_id=meeting.pk, user=make_resident(), now=T0)
    waiting = [make_resident() for _ in range(3)]
    for i, person in enumerate(waiting):
        services.register(
            meeting_id=meeting.pk,
            user=person,
            now=T0 + timedelta(minutes=i),
            join_waiting_list=True,
        )
    meeting.capacity = 5
    meeting.save()
    promoted = services.fill_free_seats(meeting_id=meeting.pk, now=T0)
    assert [r.user for r in promoted] == waiting[:2]


def test_reminder_sent_once_the_day_before(meeting, make_resident):
    people = [make_resident() for _ in range(2)]
    for person in people:
        services.register(meeting_id=meeting.pk, user=person, now=T0)
    # Two days before: too early.
    assert services.send_reminders(now=START - timedelta(days=2)) == 0
    # The day before, in the morning (Copenhagen): one each.
    day_before = START - timedelta(hours=30)
    assert services.send_reminders(now=day_before) == 2
    assert services.send_reminders(now=day_before + timedelta(hours=1)) == 0
    assert Notification.objects.filter(event="meetings.reminder").count() == 2
    assert all(r.reminded_at for r in Registration.objects.filter(meeting=meeting))


def test_minutes_and_attendance(meeting, make_resident, officer):
    people = [make_resident() for _ in range(3)]
    regs = [services.register(meeting_id=meeting.pk, user=p, now=T0) for p in people]
    after = START + timedelta(hours=3)
    with pytest.raises(services.MeetingError, match="once the meeting has taken place"):
        services.minutes_publish(
            meeting_id=meeting.pk, staff=officer, minutes="x", decisions="", now=T0
        )
    services.attendance_record(
        meeting_id=meeting.pk,
        staff=officer,
        attended_ids=[regs[0].pk, regs[2].pk],
        count=41,
        now=after,
    )
    m = services.minutes_publish(
        meeting_id=meeting.pk, staff=officer, minutes="Referat", decisions="Besluttet", now=after
    )
    assert m.status == MeetingStatus.HELD and m.minutes_published_at == after
    assert m.attendance_count == 41
    assert [r.attended for r in Registration.objects.order_by("pk")] == [True, False, True]
    assert Notification.objects.filter(event="meetings.minutes").count() == 3


def test_attendance_count_below_marks_is_refused(meeting, make_resident, officer):
    reg = services.register(meeting_id=meeting.pk, user=make_resident(), now=T0)
    with pytest.raises(services.MeetingError, match="cannot be lower"):
        services.attendance_record(
            meeting_id=meeting.pk,
            staff=officer,
            attended_ids=[reg.pk],
            count=0,
            now=START + timedelta(hours=3),
        )
    assert Registration.objects.get(pk=reg.pk).attended is False


def test_residents_cannot_publish_minutes(meeting, make_resident):
    with pytest.raises(services.MeetingError):
        services.minutes_publish(
            meeting_id=meeting.pk,
            staff=make_resident(),
            minutes="x",
            decisions="",
            now=START + timedelta(hours=3),
        )


# --- open plenum ----------------------------------------------------------------------------------


def test_plenum_slots_allocated_declined_published(plenum, make_resident, secretary):
    a, b, c = make_resident(), make_resident(), make_resident()
    sa = services.slot_request(meeting_id=plenum.pk, user=a, title="Legeplads", summary="…", now=T0)
    sb = services.slot_request(meeting_id=plenum.pk, user=b, title="Stier", summary="…", now=T0)
    sc = services.slot_request(meeting_id=plenum.pk, user=c, title="Bænke", summary="…", now=T0)
    with pytest.raises(services.MeetingError, match="already asked"):
        services.slot_request(meeting_id=plenum.pk, user=a, title="Igen", summary="…", now=T0)
    services.slot_allocate(slot_id=sb.pk, staff=secretary, position=1, minutes=5, now=T0)
    with pytest.raises(services.MeetingError, match="every request"):
        services.running_order_publish(meeting_id=plenum.pk, staff=secretary, now=T0)
    with pytest.raises(services.MeetingError, match="already has number 1"):
        services.slot_allocate(slot_id=sa.pk, staff=secretary, position=1, minutes=5, now=T0)
    services.slot_allocate(slot_id=sa.pk, staff=secretary, position=2, minutes=10, now=T0)
    with pytest.raises(services.MeetingError, match="reason"):
        services.slot_decline(slot_id=sc.pk, staff=secretary, reason=" ", now=T0)
    services.slot_decline(slot_id=sc.pk, staff=secretary, reason="Emnet er på dagsordenen", now=T0)
    services.running_order_publish(meeting_id=plenum.pk, staff=secretary, now=T0)
    plenum.refresh_from_db()
    assert plenum.running_order_published and not plenum.accepts_slot_requests
    allocated = Notification.objects.filter(event="meetings.slot_allocated")
    assert {n.recipient_id for n in allocated} == {a.pk, b.pk}
    assert Notification.objects.get(event="meetings.slot_declined").recipient_id == c.pk
    sa.refresh_from_db()
    assert sa.state == SlotState.ALLOCATED
    with pytest.raises(services.MeetingError, match="no longer takes"):
        services.slot_request(
            meeting_id=plenum.pk, user=make_resident(), title="Sen", summary="…", now=T0
        )


def test_only_secretary_or_admin_allocates(plenum, make_resident, officer, municipal_admin):
    slot = services.slot_request(
        meeting_id=plenum.pk, user=make_resident(), title="Idé", summary="…", now=T0
    )
    with pytest.raises(services.MeetingError, match="committee secretary"):
        services.slot_allocate(slot_id=slot.pk, staff=officer, position=1, minutes=5, now=T0)
    services.slot_allocate(slot_id=slot.pk, staff=municipal_admin, position=1, minutes=5, now=T0)


def test_slot_only_at_a_plenum(meeting, make_resident):
    with pytest.raises(services.MeetingError, match="open plenum"):
        services.slot_request(
            meeting_id=meeting.pk, user=make_resident(), title="x", summary="y", now=T0
        )
