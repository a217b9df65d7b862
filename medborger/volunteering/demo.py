"""The demo Grønne Hold of Lyngholt Kommune: one programme with teams in six towns and areas,
weekly clean-ups with sign-ups and logged hours (one entry waiting for approval), the
municipality's contributions (vests, grabbers, trash bags, fuel money), and in Kirkeby a nature
club for children that requires a børneattest, where one volunteer is missing one.

Everything runs through the services at the time it happened. The programme and its teams keep
their ids; activities, sign-ups, hours, contributions and checks are rebuilt on every run."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from medborger.core.models import AuditEntry
from medborger.volunteering import services
from medborger.volunteering.models import (
    ActivitySeries,
    CertificateCheck,
    Contribution,
    HoursEntry,
    Membership,
    MembershipRole,
    Programme,
    Session,
    Team,
)

DESCRIPTION = """Grønne Hold er frivillige, der holder deres by ren og grøn. Holdene mødes fast og samler affald langs veje, stier og strande.

# Hvad giver kommunen?
- Veste, gribere, handsker og affaldssække
- Kørepenge til dem, der kører affaldet væk
- Et lille beløb til kaffe og kage

# Sådan er du med
Vælg et hold i din by, og meld dig til en dag, der passer dig. Du kan melde fra, indtil vi går i gang."""

TEAMS = [
    # area slug, name, meeting place, weekday offset (0 = Saturday)
    ("lyngholt-midtby", "Grønne Hold Lyngholt Midtby", "Torvet ved springvandet"),
    ("lyngholt-nord", "Grønne Hold Lyngholt Nord", "Nordhallens parkeringsplads"),
    ("engparken", "Grønne Hold Engparken", "Beboerhuset, Engparken 40"),
    ("bakkely", "Grønne Hold Bakkely", "Bakkely Forsamlingshus"),
    ("kirkeby", "Grønne Hold Kirkeby", "Kirkeby Stadion, Idrætsvej 3"),
    ("strandvig", "Grønne Hold Strandvig", "Havnekontoret i Strandvig"),
]

CONTRIBUTIONS = [
    # kind, description, amount, quantity, unit, days ago
    ("equipment", "Sikkerhedsveste", None, 12, "stk.", 60),
    ("equipment", "Affaldsgribere", None, 10, "stk.", 60),
    ("equipment", "Affaldssække", None, 6, "ruller", 45),
    ("fuel", "Kørepenge til affaldskørsel", 480, None, "", 20),
    ("money", "Kaffe og kage til holdet", 1_500, None, "", 40),
]


def _clear(programme: Programme) -> None:
    teams = list(Team.objects.filter(programme=programme).values_list("pk", flat=True))
    labels = [m._meta.label for m in (ActivitySeries, Session, HoursEntry, Contribution)]
    AuditEntry.objects.filter(
        municipality=programme.municipality, target_type__in=[*labels, CertificateCheck._meta.label]
    ).delete()
    ActivitySeries.objects.filter(team__in=teams).delete()  # sessions, sign-ups and hours go too
    Contribution.objects.filter(team__in=teams).delete()
    Membership.objects.filter(team__in=teams).delete()
    CertificateCheck.objects.filter(municipality=programme.municipality).delete()


def _last_saturday(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _team_run(
    context: Any, team: Team, index: int, place: str, official: Any, now: datetime
) -> dict[str, int]:
    residents = context.residents
    base = 5 + index * 6
    contact = residents[base % len(residents)]
    volunteers = [residents[(base + k) % len(residents)] for k in range(1, 5)]
    began = now - timedelta(days=50)
    Membership.objects.create(team=team, user=contact, role=MembershipRole.CONTACT, joined_at=began)
    first = _last_saturday(services.local_day(now, team.municipality)) - timedelta(weeks=5)
    series = services.series_create(
        team=team,
        actor=contact,
        data=services.SeriesData(
            title=f"Affaldsindsamling i {team.area.name}",
            description="Vi går en runde på to timer og samler affald. Tag gode sko på. "
            "Kommunen har veste, gribere og sække med.",
            place=place,
            frequency="weekly",
            start_date=first,
            start_time=time(10, 0),
            duration_minutes=120,
            count=10,
            capacity=12 if index % 2 == 0 else None,
        ),
        now=began,
    )
    sessions = list(series.sessions.order_by("starts_at"))
    for session in sessions[:7]:
        for person in [contact, *volunteers[: 2 + (session.number % 3)]]:
            services.signup_add(session_id=session.pk, user=person, now=began)
    logged = 0
    past = [s for s in sessions if s.ends_at < now]
    for session in past:
        signed = [s.user for s in session.signups.select_related("user")]
        for number, person in enumerate(signed):
            minutes = 120 if number % 2 == 0 else 90
            own = person.pk == volunteers[0].pk and session is past[-1]
            services.hours_log(
                session_id=session.pk,
                volunteer=person,
                minutes=minutes,
                actor=person if own else contact,
                note="Vi fandt en cykel i grøften." if own else "",
                now=session.ends_at + timedelta(hours=1),
            )
            logged += 1
    for kind, description, amount, quantity, unit, days_ago in CONTRIBUTIONS:
        services.contribution_add(
            team=team,
            actor=official,
            data=services.ContributionData(
                kind=kind,
                description=description,
                amount=amount,
                quantity=quantity,
                unit=unit,
                given_on=services.local_day(now - timedelta(days=days_ago), team.municipality),
            ),
            now=now - timedelta(days=days_ago),
        )
    return {"sessions": len(sessions), "hours": logged}


def _children(context: Any, team: Team, official: Any, now: datetime) -> None:
    """A nature club for children in Kirkeby: a børneattest is required; one volunteer is a
    member of the team but has not shown one yet."""
    residents = context.residents
    contact = Membership.objects.get(team=team, role=MembershipRole.CONTACT).user
    members = [m.user for m in Membership.objects.filter(team=team).select_related("user")]
    missing = residents[44]
    for person in members:
        services.certificate_record(
            municipality=team.municipality,
            volunteer=person,
            checked_on=services.local_day(now - timedelta(days=120), team.municipality),
            actor=official,
            now=now - timedelta(days=120),
        )
    Membership.objects.get_or_create(
        team=team,
        user=missing,
        defaults={"role": MembershipRole.VOLUNTEER, "joined_at": now - timedelta(days=10)},
    )
    series = services.series_create(
        team=team,
        actor=contact,
        data=services.SeriesData(
            title="Naturdetektiver: affaldsjagt for børn",
            description="Børn fra 6 til 12 år går på affaldsjagt i Lyngskoven med en voksen. "
            "Vi lærer om, hvor længe affald ligger i naturen.",
            place="Bålpladsen ved Lyngskoven, Skovvej",
            frequency="monthly",
            start_date=services.local_day(now + timedelta(days=10), team.municipality),
            start_time=time(13, 0),
            duration_minutes=150,
            count=6,
            capacity=8,
            requires_certificate=True,
        ),
        now=now,
    )
    first = series.sessions.order_by("starts_at").first()
    assert first is not None
    services.signup_add(session_id=first.pk, user=contact, now=now)


def load_volunteering(context: Any) -> list[str]:
    now = context.now
    official = context.staff["case_officer"]
    programme, _created = Programme.objects.update_or_create(
        municipality=context.municipality,
        name="Grønne Hold i Lyngholt",
        defaults={"description": DESCRIPTION, "certificate_months": 24},
    )
    _clear(programme)
    totals = {"sessions": 0, "hours": 0}
    for index, (slug, name, place) in enumerate(TEAMS):
        team, _ = Team.objects.update_or_create(
            programme=programme,
            name=name,
            defaults={
                "municipality": context.municipality,
                "area": context.areas[slug],
                "description": f"Frivillige i {context.areas[slug].name}, der holder byen ren. "
                "Alle kan være med, og du bestemmer selv, hvor tit du kommer.",
                "requires_certificate": False,
            },
        )
        made = _team_run(context, team, index, place, official, now)
        totals["sessions"] += made["sessions"]
        totals["hours"] += made["hours"]
    _children(
        context, Team.objects.get(programme=programme, area=context.areas["kirkeby"]), official, now
    )
    return [
        f"Volunteer teams: {len(TEAMS)} Grønne Hold, {totals['sessions']} clean-up sessions, "
        f"{totals['hours']} hours entries, a children's activity needing a børneattest."
    ]
