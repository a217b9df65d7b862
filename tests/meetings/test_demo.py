"""The demo meetings: every kind, one full with a waiting list, one held with minutes, an open
plenum with a published running order linking a proposal, and a second run duplicating nothing."""

from __future__ import annotations

import pytest

from medborger.core import demo
from medborger.meetings.demo import load_meetings
from medborger.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingKind,
    Registration,
    SlotState,
    SpeakingSlot,
)
from medborger.proposals.demo import load_proposals

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Meeting.objects.count(),
        Registration.objects.count(),
        AgendaItem.objects.count(),
        SpeakingSlot.objects.count(),
    )


def test_the_loader_is_registered():
    assert load_meetings in demo._LOADERS


def test_demo_meetings_and_a_second_run_duplicates_nothing():
    context = demo.load_foundation()
    load_proposals(context)
    load_meetings(context)
    first = counts()
    ids = sorted(Meeting.objects.values_list("pk", flat=True))
    load_meetings(demo.load_foundation())
    assert counts() == first
    assert sorted(Meeting.objects.values_list("pk", flat=True)) == ids

    assert set(Meeting.objects.values_list("kind", flat=True)) == set(MeetingKind.values)
    full = Meeting.objects.get(title__startswith="Borgermøde i Kirkeby")
    assert full.registered_count == full.capacity
    assert full.registrations.filter(state="waiting").count() == 3
    held = Meeting.objects.get(title="Borgermøde om ny skolestruktur")
    assert held.minutes and held.decisions and held.minutes_published_at
    assert held.attendance_count == 74 and held.registrations.filter(attended=True).count() == 9
    plenum = Meeting.objects.get(title="Åbent plenum i byrådssalen")
    assert plenum.running_order_published
    assert plenum.slots.filter(state=SlotState.ALLOCATED, proposal__isnull=False).exists()
    workshop = Meeting.objects.get(kind=MeetingKind.WORKSHOP)
    assert workshop.online_url and workshop.place_name
    for meeting in Meeting.objects.all():
        assert meeting.registered_count == meeting.registrations.filter(state="registered").count()
