"""Services: sessions made from a series (DST included), sign-up rules with readable refusals,
hours approval, ledger totals, the certificate register, and the role checks inside services."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from medborger.core.models import AuditEntry
from medborger.volunteering import selectors, services
from medborger.volunteering.models import (
    CertificateCheck,
    HoursEntry,
    Membership,
    Session,
    SignUp,
)
from medborger.volunteering.services import VolunteeringError
from tests.factories import UserFactory, grant
from tests.volunteering.conftest import T0

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
AFTER = datetime(2025, 3, 8, 12, 0, tzinfo=UTC)  # after the first session


def test_a_weekly_series_stores_its_sessions_at_ten_local_across_the_dst_change(series):
    sessions = list(series.sessions.order_by("number"))
    assert [s.number for s in sessions] == [1, 2, 3, 4, 5, 6]
    assert [s.starts_at.astimezone(CPH).date() for s in sessions][:4] == [
        date(2025, 3, 8),
        date(2025, 3, 15),
        date(2025, 3, 22),
        date(2025, 3, 29),
    ]
    assert {s.starts_at.astimezone(CPH).time() for s in sessions} == {time(10, 0)}
    assert sessions[3].starts_at.astimezone(UTC).hour == 9  # 29 March, CET
    assert sessions[4].starts_at.astimezone(UTC).hour == 8  # 5 April, CEST
    assert all(s.ends_at - s.starts_at == timedelta(hours=2) for s in sessions)
    assert AuditEntry.objects.filter(action="volunteer_series.created").count() == 1


def test_a_bad_rule_is_refused_and_nothing_is_saved(make_series):
    with pytest.raises(VolunteeringError) as error:
        make_series(count=None, end_date=None)
    assert error.value.field == "count"
    with pytest.raises(VolunteeringError, match="cannot be in the past"):
        make_series(start_date=date(2025, 1, 1))
    assert Session.objects.count() == 0


def test_only_the_contact_or_staff_may_create_a_series(team, volunteer, official):
    from tests.volunteering.conftest import series_data

    with pytest.raises(VolunteeringError, match="contact person"):
        services.series_create(team=team, actor=volunteer, data=series_data(), now=T0)
    assert services.series_create(team=team, actor=official, data=series_data(), now=T0)


def test_sign_up_counts_and_makes_a_member(first_session, volunteer):
    services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    first_session.refresh_from_db()
    assert first_session.taken == 1
    assert Membership.objects.filter(user=volunteer, role="volunteer").exists()


def test_signing_up_twice_is_refused_clearly(first_session, volunteer):
    services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    with pytest.raises(VolunteeringError, match="already signed up"):
        services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    first_session.refresh_from_db()
    assert first_session.taken == 1


def test_a_full_session_is_refused_clearly(make_series, make_volunteer):
    session = make_series(capacity=2).sessions.order_by("starts_at").first()
    for name in ("A", "B"):
        services.signup_add(session_id=session.pk, user=make_volunteer(name), now=T0)
    with pytest.raises(VolunteeringError, match="The session is full"):
        services.signup_add(session_id=session.pk, user=make_volunteer("C"), now=T0)
    session.refresh_from_db()
    assert session.taken == 2 == SignUp.objects.filter(session=session).count()


def test_cancelled_and_started_sessions_refuse_sign_up(first_session, contact, volunteer):
    with pytest.raises(VolunteeringError, match="has started"):
        services.signup_add(session_id=first_session.pk, user=volunteer, now=AFTER)
    services.session_cancel(session_id=first_session.pk, actor=contact, reason="Storm", now=T0)
    with pytest.raises(VolunteeringError, match="cancelled"):
        services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)


def test_cancel_sign_up_until_the_start(first_session, volunteer):
    services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    with pytest.raises(VolunteeringError, match="can no longer cancel"):
        services.signup_cancel(session_id=first_session.pk, user=volunteer, now=AFTER)
    services.signup_cancel(session_id=first_session.pk, user=volunteer, now=T0)
    first_session.refresh_from_db()
    assert first_session.taken == 0
    with pytest.raises(VolunteeringError, match="not signed up"):
        services.signup_cancel(session_id=first_session.pk, user=volunteer, now=T0)


def test_certificate_required_refuses_without_a_valid_one(
    make_series, volunteer, official, municipality
):
    session = make_series(requires_certificate=True).sessions.order_by("starts_at").first()
    with pytest.raises(VolunteeringError, match="børneattest"):
        services.signup_add(session_id=session.pk, user=volunteer, now=T0)
    # seen 25 months ago: expired (valid for 24 months)
    services.certificate_record(
        municipality=municipality,
        volunteer=volunteer,
        checked_on=date(2023, 2, 1),
        actor=official,
        now=T0,
    )
    with pytest.raises(VolunteeringError, match="børneattest"):
        services.signup_add(session_id=session.pk, user=volunteer, now=T0)
    services.certificate_record(
        municipality=municipality,
        volunteer=volunteer,
        checked_on=date(2025, 2, 1),
        actor=official,
        now=T0,
    )
    assert services.signup_add(session_id=session.pk, user=volunteer, now=T0)
    assert CertificateCheck.objects.count() == 1
    fields = {f.name for f in CertificateCheck._meta.get_fields()}
    assert not fields & {"cpr", "document", "file", "certificate", "national_id"}


def test_a_team_flag_requires_the_certificate_for_all_its_activities(
    make_team, contact, volunteer, programme
):
    from tests.volunteering.conftest import series_data

    kids = make_team("Børnenes Grønne Hold", requires_certificate=True)
    Membership.objects.create(team=kids, user=contact, role="contact", joined_at=T0)
    series = services.series_create(team=kids, actor=contact, data=series_data(), now=T0)
    session = series.sessions.first()
    with pytest.raises(VolunteeringError, match="børneattest"):
        services.signup_add(session_id=session.pk, user=volunteer, now=T0)


def test_the_validity_is_configurable_per_programme(
    make_series, volunteer, official, municipality, programme
):
    programme.certificate_months = 36
    programme.save()
    session = make_series(requires_certificate=True).sessions.first()
    services.certificate_record(
        municipality=municipality,
        volunteer=volunteer,
        checked_on=date(2023, 2, 1),
        actor=official,
        now=T0,
    )
    assert services.signup_add(session_id=session.pk, user=volunteer, now=T0)


def test_only_staff_record_certificates_and_never_in_the_future(
    municipality, contact, volunteer, official
):
    with pytest.raises(VolunteeringError, match="staff"):
        services.certificate_record(
            municipality=municipality,
            volunteer=volunteer,
            checked_on=date(2025, 1, 1),
            actor=contact,
            now=T0,
        )
    with pytest.raises(VolunteeringError, match="future"):
        services.certificate_record(
            municipality=municipality,
            volunteer=volunteer,
            checked_on=date(2025, 3, 4),
            actor=official,
            now=T0,
        )


def test_session_change_and_cancel_one_session(series, contact, volunteer):
    sessions = list(series.sessions.order_by("starts_at"))
    services.signup_add(session_id=sessions[1].pk, user=volunteer, now=T0)
    with pytest.raises(VolunteeringError, match="cannot be fewer"):
        services.session_change(
            session_id=sessions[1].pk, actor=contact, place="Stranden", capacity=0, now=T0
        )
    services.session_change(
        session_id=sessions[1].pk, actor=contact, place="Stranden", capacity=5, now=T0
    )
    with pytest.raises(VolunteeringError, match="Say why"):
        services.session_cancel(session_id=sessions[2].pk, actor=contact, reason=" ", now=T0)
    services.session_cancel(session_id=sessions[2].pk, actor=contact, reason="Storm", now=T0)
    states = list(series.sessions.order_by("starts_at").values_list("place", "cancelled"))
    assert states[1] == ("Stranden", False)
    assert states[2] == ("Havnekontoret", True)
    assert sum(1 for _p, c in states if c) == 1
    with pytest.raises(VolunteeringError, match="contact person"):
        services.session_cancel(session_id=sessions[3].pk, actor=volunteer, reason="x", now=T0)


def test_own_hours_wait_for_the_contact_and_count_when_approved(first_session, volunteer, contact):
    services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    with pytest.raises(VolunteeringError, match="when the session has started"):
        services.hours_log(
            session_id=first_session.pk, volunteer=volunteer, minutes=120, actor=volunteer, now=T0
        )
    entry = services.hours_log(
        session_id=first_session.pk, volunteer=volunteer, minutes=120, actor=volunteer, now=AFTER
    )
    assert entry.status == "pending" and entry.worked_on == date(2025, 3, 8)
    team = first_session.series.team
    assert selectors.team_totals(team=team).minutes == 0
    services.hours_decide(entry_id=entry.pk, actor=contact, approve=True, now=AFTER)
    assert selectors.team_totals(team=team).minutes == 120
    with pytest.raises(VolunteeringError, match="already decided"):
        services.hours_decide(entry_id=entry.pk, actor=contact, approve=False, now=AFTER)
    assert selectors.my_hours_by_year(user=volunteer, municipality=team.municipality) == [
        {"year": 2025, "hours": 2.0}
    ]


def test_a_volunteer_cannot_approve_or_log_for_others(
    first_session, volunteer, make_volunteer, contact
):
    other = make_volunteer("Ole")
    services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    services.signup_add(session_id=first_session.pk, user=other, now=T0)
    with pytest.raises(VolunteeringError, match="only log your own"):
        services.hours_log(
            session_id=first_session.pk, volunteer=other, minutes=60, actor=volunteer, now=AFTER
        )
    entry = services.hours_log(
        session_id=first_session.pk, volunteer=other, minutes=60, actor=other, now=AFTER
    )
    with pytest.raises(VolunteeringError, match="contact person or the municipality"):
        services.hours_decide(entry_id=entry.pk, actor=volunteer, approve=True, now=AFTER)


def test_own_hours_need_a_sign_up(first_session, volunteer):
    with pytest.raises(VolunteeringError, match="signed up for"):
        services.hours_log(
            session_id=first_session.pk, volunteer=volunteer, minutes=60, actor=volunteer, now=AFTER
        )


def test_the_contact_enters_approved_hours_and_logging_again_replaces(
    first_session, volunteer, contact
):
    services.signup_add(session_id=first_session.pk, user=volunteer, now=T0)
    services.hours_log(
        session_id=first_session.pk, volunteer=volunteer, minutes=90, actor=contact, now=AFTER
    )
    entry = services.hours_log(
        session_id=first_session.pk, volunteer=volunteer, minutes=150, actor=contact, now=AFTER
    )
    assert entry.status == "approved"
    assert HoursEntry.objects.get().minutes == 150
    with pytest.raises(VolunteeringError, match="24 hours"):
        services.hours_log(
            session_id=first_session.pk, volunteer=volunteer, minutes=1500, actor=contact, now=AFTER
        )


def test_totals_per_volunteer_team_programme_and_year(
    make_series, make_team, contact, make_volunteer, programme
):
    series = make_series(start_date=date(2025, 3, 8), count=2)
    team = series.team
    s1, s2 = list(series.sessions.order_by("starts_at"))
    a, b = make_volunteer("Anna"), make_volunteer("Bo")
    for session in (s1, s2):
        for person in (a, b):
            services.signup_add(session_id=session.pk, user=person, now=T0)
    later = datetime(2025, 3, 20, tzinfo=UTC)
    services.hours_log(session_id=s1.pk, volunteer=a, minutes=120, actor=contact, now=later)
    services.hours_log(session_id=s2.pk, volunteer=a, minutes=60, actor=contact, now=later)
    services.hours_log(session_id=s1.pk, volunteer=b, minutes=30, actor=contact, now=later)
    services.hours_log(session_id=s2.pk, volunteer=b, minutes=45, actor=b, now=later)  # pending
    rows = {r["name"]: r for r in selectors.volunteer_totals(team=team)}
    assert rows["Anna"]["hours"] == 3.0 and rows["Anna"]["sessions"] == 2
    assert rows["Bo"]["hours"] == 0.5
    totals = selectors.programme_totals(programme=programme)
    assert (totals.volunteers, totals.minutes) == (3, 210)  # Anna, Bo and the contact
    assert selectors.hours_by_year(programme=programme) == [
        {"year": 2025, "hours": 3.5, "volunteers": 2}
    ]


def test_ledger_totals_money_and_equipment(team, official, contact):
    def add(**data):
        return services.contribution_add(
            team=team,
            actor=official,
            data=services.ContributionData(given_on=date(2025, 3, 1), **data),
            now=T0,
        )

    add(kind="money", description="Startbeløb", amount=5_000)
    add(kind="fuel", description="Kørepenge marts", amount=640)
    add(kind="equipment", description="Sikkerhedsveste", quantity=20, unit="stk.")
    add(kind="equipment", description="Sikkerhedsveste", quantity=5, unit="stk.")
    add(kind="equipment", description="Affaldsgribere", quantity=12, unit="stk.")
    totals = selectors.contribution_totals(team=team)
    assert totals["money_total"] == 5_640
    assert {r["kind"]: r["total"] for r in totals["money"]} == {"fuel": 640, "money": 5_000}
    assert {(r["description"], r["total"]) for r in totals["things"]} == {
        ("Sikkerhedsveste", 25),
        ("Affaldsgribere", 12),
    }
    assert selectors.team_totals(team=team).money == 5_640
    with pytest.raises(VolunteeringError, match="amount in kr"):
        add(kind="fuel", description="Kørepenge", amount=None)
    with pytest.raises(VolunteeringError, match="how many"):
        add(kind="equipment", description="Handsker", quantity=10, unit="")
    with pytest.raises(VolunteeringError, match="staff"):
        services.contribution_add(
            team=team,
            actor=contact,
            data=services.ContributionData(
                kind="money", description="x", amount=1, given_on=date(2025, 3, 1)
            ),
            now=T0,
        )
    assert AuditEntry.objects.filter(action="volunteer_contribution.created").count() == 5


def test_another_municipalitys_staff_cannot_act(team, first_session, other_municipality):
    stranger = grant(UserFactory(), "case_officer", other_municipality)
    assert not services.may_manage(stranger, team)
    with pytest.raises(VolunteeringError):
        services.session_cancel(session_id=first_session.pk, actor=stranger, reason="x", now=T0)
    with pytest.raises(VolunteeringError):
        services.contribution_add(
            team=team,
            actor=stranger,
            data=services.ContributionData(
                kind="money", description="x", amount=1, given_on=date(2025, 3, 1)
            ),
            now=T0,
        )


def test_register_lists_who_is_missing_a_certificate(
    make_series, make_volunteer, official, municipality
):
    session = make_series(requires_certificate=True).sessions.first()
    has, missing = make_volunteer("Har Attest"), make_volunteer("Mangler Attest")
    services.certificate_record(
        municipality=municipality,
        volunteer=has,
        checked_on=date(2025, 1, 1),
        actor=official,
        now=T0,
    )
    services.signup_add(session_id=session.pk, user=has, now=T0)
    Membership.objects.create(team=session.series.team, user=missing, joined_at=T0)
    rows = selectors.certificate_register(municipality=municipality, today=date(2025, 3, 3))
    by_name = {r.user.name: r for r in rows}
    assert not by_name["Mangler Attest"].valid and by_name["Mangler Attest"].checked_on is None
    assert by_name["Har Attest"].valid
    assert by_name["Har Attest"].valid_until == date(2027, 1, 1)
    assert rows[0].valid is False  # missing first
