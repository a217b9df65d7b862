"""Pages: public programme and team pages, sign-up with clear refusals (400, nothing saved),
the staff and contact pages, permissions for contact, volunteer, staff and another municipality,
and a programme page whose query count does not grow with the data."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborger.volunteering import services
from medborger.volunteering.models import Contribution, HoursEntry, Membership, Programme, SignUp
from tests.factories import UserFactory, grant
from tests.volunteering.conftest import T0

pytestmark = pytest.mark.django_db
AFTER = datetime(2025, 3, 8, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(T0, tick=False):
        yield


def test_public_pages(client_for, municipality, programme, series, first_session):
    client = client_for(municipality)
    assert client.get("/frivillige/").status_code == 200
    page = client.get(f"/frivillige/{programme.pk}/")
    assert page.status_code == 200 and "team-table" in page.content.decode()
    team_page = client.get(f"/frivillige/hold/{series.team.pk}/").content.decode()
    assert "Affaldsindsamling ved havnen" in team_page
    assert client.get(f"/frivillige/gang/{first_session.pk}/").status_code == 200


def test_sign_up_then_twice_gives_a_clear_400(client_for, municipality, volunteer, first_session):
    client = client_for(municipality, volunteer, "en")
    url = f"/frivillige/gang/{first_session.pk}/tilmeld/"
    assert client.post(url).status_code == 302
    again = client.post(url)
    assert again.status_code == 400
    assert "You are already signed up" in again.content.decode()
    assert SignUp.objects.count() == 1


def test_full_and_certificate_refusals_are_400(
    client_for, municipality, make_series, make_volunteer
):
    full = make_series(capacity=1, title="Lille hold").sessions.first()
    services.signup_add(session_id=full.pk, user=make_volunteer("A"), now=T0)
    client = client_for(municipality, make_volunteer("B"), "en")
    response = client.post(f"/frivillige/gang/{full.pk}/tilmeld/")
    assert response.status_code == 400 and "The session is full" in response.content.decode()
    kids = make_series(requires_certificate=True, title="Med børn").sessions.first()
    response = client.post(f"/frivillige/gang/{kids.pk}/tilmeld/")
    assert response.status_code == 400 and "børneattest" in response.content.decode()


def test_anonymous_sign_up_goes_to_log_in(client_for, municipality, first_session):
    response = client_for(municipality).post(f"/frivillige/gang/{first_session.pk}/tilmeld/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_municipality_gets_404(
    client_for, other_municipality, programme, series, first_session
):
    stranger = grant(UserFactory(), "municipal_admin", other_municipality)
    client = client_for(other_municipality, stranger)
    for url in (
        f"/frivillige/{programme.pk}/",
        f"/frivillige/hold/{series.team.pk}/",
        f"/frivillige/hold/{series.team.pk}/timer/",
        f"/frivillige/hold/{series.team.pk}/bidrag/",
        f"/frivillige/gang/{first_session.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/frivillige/gang/{first_session.pk}/tilmeld/").status_code == 404


@pytest.mark.parametrize(
    ("who", "hours", "ledger", "register"),
    [
        ("volunteer", 403, 403, 403),
        ("contact", 200, 403, 403),
        ("official", 200, 200, 200),
        ("moderator", 403, 403, 403),
    ],
)
def test_roles_on_staff_pages(
    client_for,
    municipality,
    team,
    contact,
    official,
    volunteer,
    moderator,
    who,
    hours,
    ledger,
    register,
):
    user = {
        "volunteer": volunteer,
        "contact": contact,
        "official": official,
        "moderator": moderator,
    }[who]
    client = client_for(municipality, user)
    assert client.get(f"/frivillige/hold/{team.pk}/timer/").status_code == hours
    assert client.get(f"/frivillige/hold/{team.pk}/bidrag/").status_code == ledger
    assert client.get("/frivillige/personale/boerneattest/").status_code == register
    assert client.get("/frivillige/personale/").status_code == register
    assert client.get(f"/frivillige/hold/{team.pk}/ny-aktivitet/").status_code == hours


def test_contact_creates_a_series_and_a_bad_rule_keeps_the_text(
    client_for, municipality, team, contact
):
    client = client_for(municipality, contact, "en")
    data = {
        "title": "Strandrensning",
        "place": "Stranden",
        "frequency": "biweekly",
        "start_date": "2025-03-15",
        "start_time": "09:30",
        "duration_minutes": "120",
        "count": "",
        "end_date": "",
    }
    bad = client.post(f"/frivillige/hold/{team.pk}/ny-aktivitet/", data)
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Give either the number of times or the last day." in body and "Strandrensning" in body
    data["end_date"] = "2025-05-10"
    assert client.post(f"/frivillige/hold/{team.pk}/ny-aktivitet/", data).status_code == 302
    assert team.series.get().sessions.count() == 5


def test_hours_entry_and_approval_pages(
    client_for, municipality, team, contact, volunteer, first_session
):
    services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    with time_machine.travel(AFTER, tick=False):
        own = client_for(municipality, volunteer, "en").post(
            f"/frivillige/gang/{first_session.pk}/mine-timer/", {"hours": "30", "note": "x"}
        )
        assert own.status_code == 400  # more than 24 hours: the form refuses, text kept
        ok = client_for(municipality, volunteer, "en").post(
            f"/frivillige/gang/{first_session.pk}/mine-timer/", {"hours": "2.5", "note": "Tak"}
        )
        assert ok.status_code == 302
        entry = HoursEntry.objects.get()
        assert entry.minutes == 150 and entry.status == "pending"
        contact_client = client_for(municipality, contact, "en")
        page = contact_client.get(f"/frivillige/hold/{team.pk}/timer/").content.decode()
        assert "Waiting for approval" in page and volunteer.name in page
        assert (
            client_for(municipality, volunteer)
            .post(f"/frivillige/timer/{entry.pk}/afgoer/", {"decision": "approve"})
            .status_code
            == 403
        )
        response = contact_client.post(
            f"/frivillige/timer/{entry.pk}/afgoer/", {"decision": "approve"}
        )
        assert response.status_code == 302
        again = contact_client.post(f"/frivillige/timer/{entry.pk}/afgoer/", {"decision": "reject"})
        assert again.status_code == 400 and "already decided" in again.content.decode()
        bad = contact_client.post(
            f"/frivillige/hold/{team.pk}/timer/",
            {"volunteer": str(volunteer.pk), "session": "999999", "hours": "2"},
        )
        assert bad.status_code == 400
        good = contact_client.post(
            f"/frivillige/hold/{team.pk}/timer/",
            {"volunteer": str(volunteer.pk), "session": str(first_session.pk), "hours": "3"},
        )
        assert good.status_code == 302
    entry.refresh_from_db()
    assert entry.minutes == 180 and entry.status == "approved"
    mine = client_for(municipality, volunteer, "en").get("/frivillige/mine/").content.decode()
    assert "2025: 3.0 approved hours" in mine


def test_ledger_page_refuses_bad_input_and_adds(client_for, municipality, team, official):
    client = client_for(municipality, official, "en")
    bad = client.post(
        f"/frivillige/hold/{team.pk}/bidrag/",
        {
            "kind": "equipment",
            "description": "Veste",
            "quantity": "",
            "unit": "",
            "given_on": "2025-03-01",
        },
    )
    assert bad.status_code == 400 and "Veste" in bad.content.decode()
    assert not Contribution.objects.exists()
    ok = client.post(
        f"/frivillige/hold/{team.pk}/bidrag/",
        {"kind": "fuel", "description": "Kørepenge", "amount": "450", "given_on": "2025-03-01"},
    )
    assert ok.status_code == 302
    assert "450 kr" in client.get(f"/frivillige/hold/{team.pk}/bidrag/").content.decode()


def test_register_page_records_a_check(
    client_for, municipality, make_series, official, make_volunteer
):
    session = make_series(requires_certificate=True).sessions.first()
    missing = make_volunteer("Mads Mangler")
    Membership.objects.create(team=session.series.team, user=missing, joined_at=T0)
    client = client_for(municipality, official, "en")
    page = client.get("/frivillige/personale/boerneattest/").content.decode()
    assert "Mads Mangler" in page and "Missing" in page
    future = client.post(
        "/frivillige/personale/boerneattest/",
        {"volunteer": str(missing.pk), "checked_on": "2025-04-01"},
    )
    assert future.status_code == 400 and "future" in future.content.decode()
    done = client.post(
        "/frivillige/personale/boerneattest/",
        {"volunteer": str(missing.pk), "checked_on": "2025-03-01"},
    )
    assert done.status_code == 302


def test_contact_cancels_one_session_with_a_reason(client_for, municipality, contact, series):
    sessions = list(series.sessions.order_by("starts_at"))
    client = client_for(municipality, contact, "en")
    assert (
        client.post(f"/frivillige/gang/{sessions[0].pk}/aflys/", {"reason": ""}).status_code == 400
    )
    assert (
        client.post(f"/frivillige/gang/{sessions[0].pk}/aflys/", {"reason": "Storm"}).status_code
        == 302
    )
    assert [s.cancelled for s in series.sessions.order_by("starts_at")][:2] == [True, False]


def _grow(programme, make_team, contact, official, n):  # type: ignore[no-untyped-def]
    start = programme.teams.count()
    for i in range(start, start + n):
        team = make_team(f"Hold {i}")
        Membership.objects.create(team=team, user=contact, role="contact", joined_at=T0)
        services.contribution_add(
            team=team,
            actor=official,
            data=services.ContributionData(
                kind="money", description="Start", amount=1000, given_on=date(2025, 3, 1)
            ),
            now=T0,
        )


def test_programme_page_query_count_does_not_grow(
    client_for, municipality, programme, make_team, contact, official
):
    client = client_for(municipality)
    _grow(programme, make_team, contact, official, 1)
    client.get(f"/frivillige/{programme.pk}/")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/frivillige/{programme.pk}/")
    _grow(programme, make_team, contact, official, 8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(f"/frivillige/{programme.pk}/")
    assert response.status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large]
    assert Programme.objects.get().teams.count() == 10  # the contact's team and nine more
