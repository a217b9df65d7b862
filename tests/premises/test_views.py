"""Premises pages through the test client: the public list, page, week calendar and iCalendar
feed (parsed back with the icalendar package, in Europe/Copenhagen and Europe/Stockholm), asking
for a time, the staff pages, and every refusal as a 4xx with a readable message and what was typed
still in the form."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine

from medborger.premises import services
from medborger.premises.models import BookingRequest
from tests.factories import MunicipalityFactory, UserFactory, grant
from tests.premises.conftest import NEXT_TUESDAY, T0, at, form_data, make_premises

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(T0, tick=False):
        yield


def html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- public pages --------------------------------------------------------------------------------


def test_the_list_and_the_page_show_conditions_hours_and_access(premises, municipality, client_for):
    hidden = make_premises(municipality, name="Skjult sal", published=False)
    client = client_for(municipality, language="en")
    listing = html(client.get("/lokaler/"))
    assert "Den gamle skole" in listing and "Skjult sal" not in listing
    page = client.get(f"/lokaler/{premises.pk}/")
    assert page.status_code == 200
    text = html(page)
    assert "Gratis for foreninger" in text and "Room for 40 people" in text
    assert "Step-free access: no" in text and "08:00–22:00" in text
    assert client.get(f"/lokaler/{hidden.pk}/").status_code == 404


def test_the_week_calendar_lists_approved_bookings_only(
    approved, ask, premises, municipality, client_for
):
    approved(title="Korprøve")
    ask(title="Venter stadig", starts_at=at(NEXT_TUESDAY, 10), ends_at=at(NEXT_TUESDAY, 11))
    client = client_for(municipality, language="en")
    week = html(client.get("/lokaler/kalender/?uge=2025-W24"))
    assert "Korprøve" in week and "Jobcaféen" in week and "18:00–20:00" in week
    assert "Venter stadig" not in week
    assert "Nothing booked" in week  # the other days
    this_week = html(client.get("/lokaler/kalender/"))
    assert "Korprøve" not in this_week and "uge=2025-W24" in this_week  # next-week link
    page = html(client.get(f"/lokaler/{premises.pk}/?uge=2025-W24"))
    assert "Korprøve" in page


@pytest.mark.parametrize("week", ["2025-W60", "bogus", "2025-23", "<script>"])
def test_a_bad_week_is_a_400_with_a_message_and_this_week(week, premises, municipality, client_for):
    client = client_for(municipality, language="en")
    for path in ("/lokaler/kalender/", f"/lokaler/{premises.pk}/"):
        response = client.get(path, {"uge": week})
        assert response.status_code == 400
        assert "We could not read the week" in html(response)
        assert "<script>" not in html(response)


def test_the_calendar_costs_the_same_queries_however_many_bookings(
    approved, municipality, client_for, django_assert_max_num_queries
):
    client = client_for(municipality)
    approved()
    with django_assert_max_num_queries(20) as few:
        client.get("/lokaler/kalender/?uge=2025-W24")
    approved(
        title="Mere",
        starts_at=at(NEXT_TUESDAY, 8),
        ends_at=at(NEXT_TUESDAY, 9),
        repeat_until=date(2025, 6, 11),
    )
    approved(
        title="Endnu mere", starts_at=at(date(2025, 6, 12), 8), ends_at=at(date(2025, 6, 12), 9)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/lokaler/kalender/?uge=2025-W24").status_code == 200


def _parsed_feed(client, premises) -> icalendar.Calendar:  # type: ignore[no-untyped-def]
    response = client.get(f"/lokaler/{premises.pk}/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_the_ics_feed_parses_back_in_copenhagen_time(
    approved, ask, premises, municipality, client_for
):
    approved(title="Korprøve", repeat_until=date(2025, 6, 17))
    ask(title="Venter", starts_at=at(NEXT_TUESDAY, 10), ends_at=at(NEXT_TUESDAY, 11))
    calendar = _parsed_feed(client_for(municipality), premises)
    events = sorted(calendar.events, key=lambda e: e.start)
    assert [str(e["SUMMARY"]) for e in events] == ["Korprøve (Jobcaféen)"] * 2
    first = events[0]
    assert first.start == datetime(2025, 6, 10, 18, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert first.start.tzinfo.key == "Europe/Copenhagen"  # type: ignore[union-attr]
    assert first.end.hour == 20 and first.start.utcoffset() == timedelta(hours=2)
    assert "Skolevej 2" in str(first["LOCATION"])
    assert len({str(e["UID"]) for e in events}) == 2
    assert any(tz.tz_name == "Europe/Copenhagen" for tz in calendar.timezones)


def test_the_ics_feed_of_a_swedish_municipality_is_in_stockholm_time(client_for):
    alingsas = MunicipalityFactory(
        slug="alingsas",
        name="Alingsås kommun",
        hosts="alingsas.test",
        country="SE",
        languages=["sv"],
        default_language="sv",
    )
    sthlm = ZoneInfo("Europe/Stockholm")
    hall = make_premises(alingsas, name="Tomma skolan", address="Skolgatan 1, Alingsås")
    asker = grant(UserFactory(), "resident", alingsas)
    official = grant(UserFactory(), "case_officer", alingsas)
    winter = date(2025, 11, 4)
    booking_request = services.request_submit(
        premises=hall,
        requester=asker,
        data=services.RequestData(
            title="Kulturkväll",
            purpose="Musik.",
            participants=30,
            starts_at=datetime(2025, 11, 4, 18, 0, tzinfo=sthlm),
            ends_at=datetime(2025, 11, 4, 21, 0, tzinfo=sthlm),
            initiative_name="Kulturföreningen",
            responsible_name="Eva",
            responsible_phone="0701234567",
        ),
        now=T0,
    )
    services.request_approve(request_id=booking_request.pk, official=official, now=T0)
    calendar = _parsed_feed(client_for(alingsas, language="sv"), hall)
    (event,) = calendar.events
    assert event.start == datetime(2025, 11, 4, 18, 0, tzinfo=sthlm)
    assert event.start.tzinfo.key == "Europe/Stockholm"  # type: ignore[union-attr]
    assert event.start.utcoffset() == timedelta(hours=1)  # winter time
    assert event.start.date() == winter


def test_another_municipalitys_premises_and_requests_are_404(
    premises, ask, other_municipality, client_for, official
):
    booking_request = ask()
    other_official = grant(UserFactory(), "case_officer", other_municipality)
    client = client_for(other_municipality, other_official)
    for path in (
        f"/lokaler/{premises.pk}/",
        f"/lokaler/{premises.pk}/kalender.ics",
        f"/lokaler/{premises.pk}/anmod/",
        f"/lokaler/anmodning/{booking_request.pk}/",
        f"/lokaler/personale/{booking_request.pk}/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/lokaler/personale/{booking_request.pk}/godkend/").status_code == 404
    assert BookingRequest.objects.get().state == "requested"


# --- asking for a time ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(premises, municipality, client_for):
    response = client_for(municipality).get(f"/lokaler/{premises.pk}/anmod/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_asking_for_a_time_as_an_entrepreneur(premises, municipality, client_for, entrepreneur):
    client = client_for(municipality, entrepreneur, language="en")
    form = html(client.get(f"/lokaler/{premises.pk}/anmod/"))
    assert 'name="organisation"' not in form  # no association to ask for
    response = client.post(f"/lokaler/{premises.pk}/anmod/", form_data())
    booking_request = BookingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/lokaler/anmodning/{booking_request.pk}/"
    assert booking_request.starts_at == at(NEXT_TUESDAY, 18)
    page = html(client.get(response["Location"]))
    assert "Waiting for a decision" in page and "Jobcafé" in page


def test_asking_for_an_association_and_weekly(premises, municipality, client_for, requester, choir):
    client = client_for(municipality, requester, language="en")
    form = html(client.get(f"/lokaler/{premises.pk}/anmod/"))
    assert "Kirkeby Kor" in form
    response = client.post(
        f"/lokaler/{premises.pk}/anmod/",
        form_data(
            requester_kind="association",
            organisation=str(choir.pk),
            initiative_name="",
            repeat_until="2025-06-24",
        ),
    )
    assert response.status_code == 302
    booking_request = BookingRequest.objects.get()
    assert booking_request.organisation == choir and booking_request.bookings.count() == 3


def test_midnight_as_the_end_means_the_end_of_the_day(
    premises, municipality, client_for, entrepreneur
):
    premises.hours.filter(weekday=1).update(closes="23:59")
    client = client_for(municipality, entrepreneur, language="en")
    response = client.post(
        f"/lokaler/{premises.pk}/anmod/", form_data(start_time="20:00", end_time="00:00")
    )
    assert response.status_code == 302
    assert BookingRequest.objects.get().ends_at == at(date(2025, 6, 11), 0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"start_time": "19:00", "end_time": "21:00"},
            "is already booked Tuesday June 10, 2025 from 18:00 to 20:00",
        ),
        ({"start_time": "21:00", "end_time": "23:00"}, "outside the bookable hours"),
        ({"participants": "400"}, "room for at most 40 people"),
        ({"participants": "0"}, "at least 1"),
        ({"end_time": "17:00"}, "The end must be after the start."),
        ({"day": "2025-06-01"}, "already passed"),
        ({"day": "10/6"}, "Write the day as a date"),
        ({"start_time": "kl. 6"}, "Write the time as hours and minutes"),
        ({"repeat_until": "2026-12-01"}, "at most 52 times"),
        ({"initiative_name": ""}, "Write the name of your initiative"),
        ({"responsible_phone": "", "responsible_email": ""}, "Write a phone number or an email"),
        ({"responsible_phone": "ring til mig"}, "Write the phone number with digits"),
        ({"requester_kind": "association"}, "Select a valid choice"),
        ({"title": ""}, "Write the name of the activity."),
    ],
)
def test_every_refusal_is_a_400_and_keeps_what_was_typed(
    approved, premises, municipality, client_for, changes, message
):
    approved(title="Korprøve")
    asker = grant(UserFactory(), "resident", municipality)
    client = client_for(municipality, asker, language="en")
    data = form_data(purpose="Vi hjælper med CV – særligt for nye borgere.", **changes)
    response = client.post(f"/lokaler/{premises.pk}/anmod/", data)
    assert response.status_code == 400
    text = html(response)
    assert message in text
    assert "Vi hjælper med CV – særligt for nye borgere." in text
    assert BookingRequest.objects.count() == 1  # only the approved one


def test_an_association_the_user_is_not_responsible_for_is_not_offered(
    premises, municipality, client_for, entrepreneur, choir
):
    client = client_for(municipality, entrepreneur, language="en")
    response = client.post(
        f"/lokaler/{premises.pk}/anmod/",
        form_data(requester_kind="association", organisation=str(choir.pk)),
    )
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


def test_the_refused_request_in_danish(approved, premises, municipality, client_for, entrepreneur):
    approved()
    client = client_for(municipality, entrepreneur, language="da")
    response = client.post(
        f"/lokaler/{premises.pk}/anmod/", form_data(start_time="19:00", end_time="21:00")
    )
    assert response.status_code == 400
    assert "10. juni 2025" in html(response) and "18:00" in html(response)


def test_my_requests_and_cancelling(ask, municipality, client_for, entrepreneur, requester):
    booking_request = ask()
    mine = client_for(municipality, entrepreneur, language="en")
    assert "Korprøve" in html(mine.get("/lokaler/mine/"))
    stranger = client_for(municipality, requester, language="en")
    assert stranger.get(f"/lokaler/anmodning/{booking_request.pk}/").status_code == 404
    assert stranger.post(f"/lokaler/anmodning/{booking_request.pk}/annuller/").status_code == 404
    assert mine.post(f"/lokaler/anmodning/{booking_request.pk}/annuller/").status_code == 302
    booking_request.refresh_from_db()
    assert booking_request.state == "cancelled"
    again = mine.post(f"/lokaler/anmodning/{booking_request.pk}/annuller/")
    assert again.status_code == 400 and "status is: Cancelled" in html(again)
    assert mine.get(f"/lokaler/anmodning/{booking_request.pk}/annuller/").status_code == 405


# --- staff ---------------------------------------------------------------------------------------


def test_the_staff_list_is_oldest_first_with_clashes_flagged(
    ask, approved, municipality, client_for, official
):
    approved(title="Korprøve")
    ask(
        title="Ældst",
        when=T0 - timedelta(days=2),
        starts_at=at(NEXT_TUESDAY, 10),
        ends_at=at(NEXT_TUESDAY, 12),
    )
    ask(title="Nyest", when=T0, starts_at=at(NEXT_TUESDAY, 11), ends_at=at(NEXT_TUESDAY, 13))
    ask(
        title="Fri",
        when=T0 - timedelta(days=1),
        starts_at=at(NEXT_TUESDAY, 14),
        ends_at=at(NEXT_TUESDAY, 15),
    )
    text = html(client_for(municipality, official, language="en").get("/lokaler/personale/"))
    assert text.index("Ældst") < text.index("Fri") < text.index("Nyest")
    assert text.count("1 clash") == 2


def test_approving_and_rejecting_on_the_staff_pages(ask, municipality, client_for, official):
    first = ask(title="Først")
    second = ask(title="Overlapper", starts_at=at(NEXT_TUESDAY, 19), ends_at=at(NEXT_TUESDAY, 21))
    client = client_for(municipality, official, language="en")
    case = html(client.get(f"/lokaler/personale/{second.pk}/"))
    assert "overlaps the waiting request" in case and "Først" in case
    assert client.post(f"/lokaler/personale/{first.pk}/godkend/").status_code == 302
    refused = client.post(f"/lokaler/personale/{second.pk}/godkend/")
    assert refused.status_code == 400 and "Cannot approve" in html(refused)
    empty = client.post(f"/lokaler/personale/{second.pk}/afvis/", {"reason": ""})
    assert empty.status_code == 400 and "Write the reason" in html(empty)
    done = client.post(
        f"/lokaler/personale/{second.pk}/afvis/", {"reason": "Der er kor den aften."}
    )
    assert done.status_code == 302
    second.refresh_from_db()
    assert second.state == "rejected" and second.decision_reason == "Der er kor den aften."
    twice = client.post(f"/lokaler/personale/{second.pk}/afvis/", {"reason": "Igen"})
    assert twice.status_code == 400 and "status is: Rejected" in html(twice)


@pytest.mark.parametrize("role", ["moderator", "committee_secretary", "politician"])
def test_other_staff_see_the_queue_but_cannot_decide(ask, municipality, client_for, role):
    booking_request = ask()
    user = grant(UserFactory(), role, municipality)
    client = client_for(municipality, user, language="en")
    if role != "politician":
        assert client.get("/lokaler/personale/").status_code == 200
    assert client.post(f"/lokaler/personale/{booking_request.pk}/godkend/").status_code == 403
    assert (
        client.post(f"/lokaler/personale/{booking_request.pk}/afvis/", {"reason": "x"}).status_code
        == 403
    )
    booking_request.refresh_from_db()
    assert booking_request.state == "requested"


def test_residents_cannot_see_the_staff_pages(ask, municipality, client_for, requester):
    booking_request = ask()
    client = client_for(municipality, requester)
    assert client.get("/lokaler/personale/").status_code == 403
    assert client.get(f"/lokaler/personale/{booking_request.pk}/").status_code == 403
