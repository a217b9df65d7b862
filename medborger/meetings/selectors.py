"""Read-side queries of meetings and the open plenum."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborger.core.selectors import OpenSection, register_open_now
from medborger.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Registration,
    RegistrationState,
    SlotState,
    SpeakingSlot,
)


def meetings_for(*, municipality: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(municipality=municipality).select_related("area")


def upcoming(
    *, municipality: Any, now: datetime, area_slug: str = "", kind: str = ""
) -> QuerySet[Meeting]:
    meetings = meetings_for(municipality=municipality).filter(ends_at__gt=now)
    if area_slug:
        meetings = meetings.filter(area__slug=area_slug)
    if kind:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("starts_at", "pk")


def past(*, municipality: Any, now: datetime, limit: int = 20) -> QuerySet[Meeting]:
    return (
        meetings_for(municipality=municipality)
        .filter(ends_at__lte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at", "-pk")[:limit]
    )


def calendar_meetings(
    *, municipality: Any, area_slug: str = "", kind: str = ""
) -> QuerySet[Meeting]:
    meetings = meetings_for(municipality=municipality)
    if area_slug:
        meetings = meetings.filter(area__slug=area_slug)
    if kind:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("starts_at", "pk")


def meeting_detail(*, municipality: Any, pk: int) -> Meeting | None:
    return (
        meetings_for(municipality=municipality)
        .select_related("municipality", "budget_process")
        .filter(pk=pk)
        .first()
    )


def agenda(meeting: Meeting) -> list[AgendaItem]:
    items = list(meeting.agenda_items.select_related("linked_type").order_by("position", "pk"))
    for item in items:
        target = None
        if item.linked_type is not None and item.linked_id:
            model = item.linked_type.model_class()
            if model is not None:
                target = model._default_manager.filter(pk=item.linked_id).first()
        item.target = target  # type: ignore[attr-defined]
        url = getattr(target, "get_absolute_url", None)
        item.target_url = url() if callable(url) else ""  # type: ignore[attr-defined]
    return items


def registration_of(*, meeting: Meeting, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.filter(
            meeting=meeting,
            user=user,
            state__in=[RegistrationState.REGISTERED, RegistrationState.WAITING],
        )
        .order_by("pk")
        .first()
    )


def waiting_position(registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    return (
        Registration.objects.filter(
            meeting_id=registration.meeting_id,
            state=RegistrationState.WAITING,
        )
        .filter(
            waiting_since__lt=registration.waiting_since,
        )
        .count()
        + Registration.objects.filter(
            meeting_id=registration.meeting_id,
            state=RegistrationState.WAITING,
            waiting_since=registration.waiting_since,
            pk__lt=registration.pk,
        ).count()
        + 1
    )


def waiting_count(meeting: Meeting) -> int:
    return Registration.objects.filter(meeting=meeting, state=RegistrationState.WAITING).count()


def registrations_of(*, user: Any, municipality: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user, meeting__municipality=municipality)
        .exclude(state=RegistrationState.CANCELLED)
        .select_related("meeting", "meeting__area")
        .order_by("meeting__starts_at", "pk")
    )


def registrations_for_staff(meeting: Meeting) -> dict[str, list[Registration]]:
    rows = (
        Registration.objects.filter(meeting=meeting)
        .select_related("user")
        .order_by("waiting_since", "registered_at", "pk")
    )
    grouped: dict[str, list[Registration]] = {"registered": [], "waiting": [], "cancelled": []}
    for r in rows:
        grouped[r.state].append(r)
    return grouped


def next_plenum(*, municipality: Any, now: datetime) -> Meeting | None:
    return (
        meetings_for(municipality=municipality)
        .filter(
            kind=MeetingKind.OPEN_PLENUM,
            status=MeetingStatus.PLANNED,
            starts_at__gt=now,
        )
        .order_by("starts_at", "pk")
        .first()
    )


def slots_of(*, user: Any, meeting: Meeting) -> QuerySet[SpeakingSlot]:
    return SpeakingSlot.objects.filter(meeting=meeting, requester=user).order_by("-pk")


def allocated_slots(meeting: Meeting) -> list[SpeakingSlot]:
    return list(
        SpeakingSlot.objects.filter(meeting=meeting, state=SlotState.ALLOCATED)
        .select_related("proposal")
        .order_by("position", "pk")
    )


def slots_for_staff(meeting: Meeting) -> QuerySet[SpeakingSlot]:
    return (
        SpeakingSlot.objects.filter(meeting=meeting)
        .select_related("requester", "proposal")
        .order_by("state", "position", "pk")
    )


def plenums_for(*, municipality: Any) -> QuerySet[Meeting]:
    return meetings_for(municipality=municipality).filter(kind=MeetingKind.OPEN_PLENUM)


# --- the front page -------------------------------------------------------------------------------


@dataclass
class MeetingCard:
    meeting: Meeting
    template_name: str = "meetings/partials/_card.html"


def open_meetings_section(*, municipality: Any) -> OpenSection:
    """The front page block: the next meetings residents can come to."""
    now = timezone.now()
    meetings = (
        upcoming(municipality=municipality, now=now)
        .filter(status=MeetingStatus.PLANNED)
        .order_by("starts_at", "pk")[:3]
    )
    return OpenSection(
        title=_("Coming citizens' meetings"),
        items=[MeetingCard(m) for m in meetings],
        more_url=reverse("meetings:list"),
        empty_text=_("No citizens' meetings are planned right now."),
    )


def register_open_now_meetings() -> None:
    register_open_now(open_meetings_section)


# --- the personal data download -------------------------------------------------------------------


def meetings_export(user: Any) -> dict[str, Any]:
    """The meetings a person registered for and the speaking slots they asked for."""

    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "registrations": [
            {
                "meeting": r.meeting.title,
                "starts_at": iso(r.meeting.starts_at),
                "state": r.state,
                "registered_at": iso(r.registered_at),
                "waiting_since": iso(r.waiting_since),
                "cancelled_at": iso(r.cancelled_at),
                "reminded_at": iso(r.reminded_at),
                "attended": r.attended,
            }
            for r in Registration.objects.filter(user=user).select_related("meeting")
        ],
        "speaking_slots": [
            {
                "meeting": s.meeting.title,
                "title": s.title,
                "summary": s.summary,
                "state": s.state,
                "position": s.position,
                "minutes": s.minutes_allotted,
                "decline_reason": s.decline_reason,
            }
            for s in SpeakingSlot.objects.filter(requester=user).select_related("meeting")
        ],
        "slots_decided_by_you": [
            {"meeting": s.meeting.title, "title": s.title, "state": s.state}
            for s in SpeakingSlot.objects.filter(decided_by=user).select_related("meeting")
        ],
    }
