"""The .ics output parsed back with the icalendar package: the local times are right in
Copenhagen and Stockholm on both sides of the change to summer time (30 March 2025)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from medborger.meetings.models import MeetingKind
from tests.factories import MunicipalityFactory
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

# 18:00 UTC is 19:00 in winter (CET) and 20:00 in summer (CEST).
WINTER = datetime(2025, 3, 27, 18, 0, tzinfo=UTC)
SUMMER = datetime(2025, 4, 3, 18, 0, tzinfo=UTC)


def parse(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.mark.parametrize(
    ("country", "tzid", "host"),
    [("DK", "Europe/Copenhagen", "dk.test"), ("SE", "Europe/Stockholm", "se.test")],
)
def test_feed_times_across_dst(client_for, country, tzid, host):
    town = MunicipalityFactory(slug=f"town-{country.lower()}", country=country, hosts=host)
    winter = make_meeting(
        town, title="Vintermøde", starts_at=WINTER, ends_at=WINTER + timedelta(hours=2)
    )
    summer = make_meeting(
        town,
        title="Sommermøde",
        starts_at=SUMMER,
        ends_at=SUMMER + timedelta(hours=2),
        online_url="https://meet.example/abc",
    )
    cal = parse(client_for(town).get("/borgermoeder/kalender.ics"))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == [tzid]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    w, s = events["Vintermøde"], events["Sommermøde"]
    for event in (w, s):
        assert event["DTSTART"].params["TZID"] == tzid
        assert event["DTEND"].params["TZID"] == tzid
    assert w.decoded("DTSTART").replace(tzinfo=None) == datetime(2025, 3, 27, 19, 0)
    assert s.decoded("DTSTART").replace(tzinfo=None) == datetime(2025, 4, 3, 20, 0)
    assert w.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert s.decoded("DTSTART").utcoffset() == timedelta(hours=2)
    assert w.decoded("DTSTART") == WINTER and s.decoded("DTEND") == SUMMER + timedelta(hours=2)
    assert str(w["UID"]) == f"meeting-{winter.pk}@{host}"
    assert str(s["URL"]) == f"http://{host}/borgermoeder/{summer.pk}/"
    assert "Bakkely Forsamlingshus" in str(w["LOCATION"])
    assert "https://meet.example/abc" in str(s["DESCRIPTION"])
    # The VTIMEZONE itself carries both offsets.
    offsets = {
        sub.decoded("TZOFFSETTO") for tz in cal.walk("VTIMEZONE") for sub in tz.subcomponents
    }
    assert {timedelta(hours=1), timedelta(hours=2)} <= offsets
    assert w.decoded("DTSTART").astimezone(ZoneInfo(tzid)).hour == 19


def test_feed_filters_by_area_and_kind(municipality, area, client_for):
    make_meeting(municipality, title="I Bakkely", area=area)
    make_meeting(municipality, title="Plenum", kind=MeetingKind.OPEN_PLENUM)
    client = client_for(municipality)

    def titles(query: str) -> list[str]:
        cal = parse(client.get("/borgermoeder/kalender.ics" + query))
        return sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))

    assert titles("") == ["I Bakkely", "Plenum"]
    assert titles("?omraade=bakkely") == ["I Bakkely"]
    assert titles("?type=open_plenum") == ["Plenum"]
    assert client.get("/borgermoeder/kalender.ics?type=nonsense").status_code == 400
    assert client.get("/borgermoeder/kalender.ics?omraade=nowhere").status_code == 400


def test_single_meeting_ics_and_other_municipality_404(
    meeting, other_meeting, client_for, municipality
):
    client = client_for(municipality)
    cal = parse(client.get(f"/borgermoeder/{meeting.pk}/moede.ics"))
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == meeting.title
    assert client.get(f"/borgermoeder/{other_meeting.pk}/moede.ics").status_code == 404
