"""iCalendar output (RFC 5545) with the `icalendar` package: times in the municipality's time
zone with a TZID and the matching VTIMEZONE, so calendar programs show the right local time on
both sides of a daylight-saving change."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from medborger.domain.meetings import timezone_name
from medborger.meetings.models import Meeting, MeetingStatus

PRODID = "-//Medborger//Borgermoeder//DA"


def _uid(meeting: Meeting, host: str) -> str:
    return f"meeting-{meeting.pk}@{host}"


def _description(meeting: Meeting) -> str:
    parts = [meeting.description.strip()]
    if meeting.online_url:
        parts.append(_("Online: %(url)s") % {"url": meeting.online_url})
    access = []
    if meeting.step_free:
        access.append(_("Step-free access."))
    if meeting.hearing_loop:
        access.append(_("Hearing loop."))
    if meeting.accessibility_notes:
        access.append(meeting.accessibility_notes.strip())
    parts.append(" ".join(access))
    return "\n\n".join(p for p in parts if p)


def build_calendar(
    meetings: Iterable[Meeting], *, request: HttpRequest, name: str, country: str, now: datetime
) -> bytes:
    tzid = timezone_name(country)
    zone = ZoneInfo(tzid)
    host = request.get_host().split(":")[0]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tzid)
    meetings = list(meetings)
    if meetings:
        first = min(m.starts_at for m in meetings).astimezone(zone)
        last = max(m.ends_at for m in meetings).astimezone(zone)
        cal.add_component(
            Timezone.from_tzinfo(zone, first_date=first.date(), last_date=last.date())
        )
    for meeting in meetings:
        event = Event()
        event.add("uid", _uid(meeting, host))
        event.add("dtstamp", now)
        event.add("last-modified", meeting.updated_at)
        event.add("dtstart", meeting.starts_at.astimezone(zone))
        event.add("dtend", meeting.ends_at.astimezone(zone))
        event.add("summary", meeting.title)
        location = ", ".join(p for p in (meeting.place_name, meeting.address) if p)
        if location:
            event.add("location", location)
        elif meeting.online_url:
            event.add("location", meeting.online_url)
        description = _description(meeting)
        if description:
            event.add("description", description)
        event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
        event.add(
            "status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
        )
        event.add("categories", [meeting.get_kind_display()])
        cal.add_component(event)
    return cal.to_ical()
