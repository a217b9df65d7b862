"""The demo meetings of Lyngholt Kommune: a meeting of every kind, one full with a waiting list,
one held with minutes, decisions and attendance, an open plenum with a published running order
that links a demo proposal, the next plenum open for requests, and a workshop both online and in
the room.

Meetings are found by title and updated, so they keep their ids; registrations, agendas and
speaking slots are rebuilt on every run, and times stay relative to today."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from medborger.core.demo import DemoContext
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

TZ = ZoneInfo("Europe/Copenhagen")
CITY_HALL = "Lyngholt Rådhus, Torvet 1, 4600 Lyngholt"


def _at(now: datetime, days: int, hour: int, minute: int = 0) -> datetime:
    day = now.astimezone(TZ).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _meeting(context: DemoContext, title: str, **fields: Any) -> Meeting:
    municipality = context.municipality
    meeting = Meeting.objects.filter(municipality=municipality, title=title).first()
    if meeting is None:
        meeting = Meeting(municipality=municipality, title=title)
    defaults: dict[str, Any] = {
        "area": None,
        "budget_process": None,
        "description": "",
        "place_name": "",
        "address": "",
        "step_free": True,
        "hearing_loop": False,
        "accessibility_notes": "",
        "online_url": "",
        "capacity": None,
        "registration_opens": None,
        "registration_closes": None,
        "status": MeetingStatus.PLANNED,
        "minutes": "",
        "decisions": "",
        "minutes_published_at": None,
        "attendance_count": None,
        "accepts_slot_requests": False,
        "running_order_published_at": None,
    }
    defaults.update(fields)
    for name, value in defaults.items():
        setattr(meeting, name, value)
    meeting.save()
    return meeting


def _seat(meeting: Meeting, people: list[Any], at: datetime, *, attended: int = 0) -> None:
    for index, person in enumerate(people):
        Registration.objects.create(
            meeting=meeting,
            user=person,
            state=RegistrationState.REGISTERED,
            registered_at=at + timedelta(minutes=index),
            attended=index < attended,
        )
    Meeting.objects.filter(pk=meeting.pk).update(registered_count=len(people))


def _wait(meeting: Meeting, people: list[Any], at: datetime) -> None:
    for index, person in enumerate(people):
        Registration.objects.create(
            meeting=meeting,
            user=person,
            state=RegistrationState.WAITING,
            waiting_since=at + timedelta(minutes=index),
        )


def _agenda(meeting: Meeting, items: list[tuple[str, str, Any]]) -> None:
    for position, (title, description, target) in enumerate(items, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            description=description,
            linked_type=ContentType.objects.get_for_model(target) if target is not None else None,
            linked_id=target.pk if target is not None else None,
        )


def load_meetings(context: DemoContext) -> list[str]:
    from medborger.budgeting.models import BudgetProcess
    from medborger.proposals.models import Proposal

    now = context.now
    municipality = context.municipality
    areas = context.areas
    residents = context.residents
    secretary = context.staff.get("secretary")

    def people(start: int, count: int) -> list[Any]:
        return [residents[(start + i) % len(residents)] for i in range(count)]

    proposals = list(
        Proposal.objects.filter(municipality=municipality).exclude(author=None).order_by("pk")[:4]
    )
    budget = BudgetProcess.objects.filter(
        municipality=municipality, slug="lyngholt-groenne-lommer-2027"
    ).first()

    meetings = [
        _meeting(
            context,
            "Borgermøde om trafikken på Skolevej",
            kind=MeetingKind.CITIZENS,
            area=areas.get("lyngholt"),
            description=(
                "Mange forældre er bekymrede for trafikken på Skolevej om morgenen. Kommunens "
                "trafikplanlægger fortæller om tre mulige løsninger: en ny fodgængerovergang, "
                "vejbump og en 'kys og kør'-plads.\n\nBagefter taler vi sammen ved bordene, og "
                "udvalget tager jeres input med til mødet i næste måned. Der er kaffe og kage."
            ),
            starts_at=_at(now, 12, 19),
            ends_at=_at(now, 12, 21),
            place_name="Lyngholt Skole, aulaen",
            address="Skolevej 12, 4600 Lyngholt",
            hearing_loop=True,
            accessibility_notes=(
                "Indgang uden trin fra parkeringspladsen. Handicaptoilet ved aulaen. "
                "Tegnsprogstolk efter aftale: skriv til kommunen senest en uge før."
            ),
            capacity=80,
            registration_closes=_at(now, 11, 12),
        ),
        _meeting(
            context,
            "Borgermøde i Kirkeby: Fremtidens forsamlingshus",
            kind=MeetingKind.CITIZENS,
            area=areas.get("kirkeby") or areas.get("lyngholt"),
            description=(
                "Kirkeby Forsamlingshus trænger til en kærlig hånd. Bestyrelsen og kommunen "
                "inviterer til et møde om, hvad huset skal bruges til de næste 20 år. Der er "
                "begrænset plads i den lille sal, så tilmeld dig, eller skriv dig på ventelisten."
            ),
            starts_at=_at(now, 5, 19),
            ends_at=_at(now, 5, 21),
            place_name="Kirkeby Forsamlingshus, den lille sal",
            address="Kirkevej 3, 4600 Kirkeby",
            step_free=False,
            accessibility_notes="Der er to trin ved indgangen. Parkering ved kirken.",
            capacity=8,
        ),
        _meeting(
            context,
            "Workshop: Grønne lommer i Midtbyen",
            kind=MeetingKind.WORKSHOP,
            area=areas.get("lyngholt-midtby"),
            description=(
                "Vi tegner sammen på kortet: hvor i Midtbyen kan der blive plads til træer, bede "
                "og bænke? Du kan være med i Kulturhuset eller online. Online bruger vi et fælles "
                "kort i browseren; du behøver ikke installere noget."
            ),
            starts_at=_at(now, 9, 17),
            ends_at=_at(now, 9, 19, 30),
            place_name="Kulturhuset, lokale 2",
            address="Algade 20, 4600 Lyngholt",
            hearing_loop=True,
            accessibility_notes="Elevator til 1. sal. Handicaptoilet på alle etager.",
            online_url="https://moede.lyngholt.dk/groenne-lommer",
            capacity=25,
        ),
        _meeting(
            context,
            "Åbent plenum i byrådssalen",
            kind=MeetingKind.OPEN_PLENUM,
            description=(
                "Hver anden måned åbner byrådet salen for borgerne. Du kan få fem til ti minutter "
                "til at fremlægge en idé for politikerne, som bagefter kan stille spørgsmål. "
                "Udvalgssekretæren fordeler taletiden."
            ),
            starts_at=_at(now, 16, 17),
            ends_at=_at(now, 16, 18, 30),
            place_name="Byrådssalen",
            address=CITY_HALL,
            hearing_loop=True,
            accessibility_notes="Indgang uden trin fra Torvet. Teleslynge i hele salen.",
            running_order_published_at=now - timedelta(days=1),
        ),
        _meeting(
            context,
            "Åbent plenum i byrådssalen (næste gang)",
            kind=MeetingKind.OPEN_PLENUM,
            description=(
                "Næste åbne plenum. Send en anmodning om taletid, hvis du vil fremlægge en idé "
                "for byrådet."
            ),
            starts_at=_at(now, 75, 17),
            ends_at=_at(now, 75, 18, 30),
            place_name="Byrådssalen",
            address=CITY_HALL,
            hearing_loop=True,
            accepts_slot_requests=True,
        ),
        _meeting(
            context,
            "Afgørelsesmøde: Grønne lommer i Lyngholt 2027",
            kind=MeetingKind.BUDGET_DECISION,
            budget_process=budget,
            description=(
                "Stemmerne er talt. På mødet fortæller vi, hvilke projekter der fik flest "
                "stemmer, og hvornår de bliver til virkelighed. Alle er velkomne."
            ),
            starts_at=_at(now, 22, 19),
            ends_at=_at(now, 22, 20, 30),
            place_name="Byrådssalen",
            address=CITY_HALL,
            hearing_loop=True,
        ),
        _meeting(
            context,
            "Borgermøde om ny skolestruktur",
            kind=MeetingKind.CITIZENS,
            description=(
                "Byrådet skal beslutte, om de to små skoler i Kirkeby og Strandvig skal lægges "
                "sammen. Forvaltningen fremlagde tre modeller, og borgerne gav deres mening."
            ),
            starts_at=_at(now, -21, 19),
            ends_at=_at(now, -21, 21, 30),
            place_name="Strandvig Hallen",
            address="Hallvej 2, 4600 Strandvig",
            hearing_loop=True,
            capacity=150,
            status=MeetingStatus.HELD,
            minutes=(
                "Borgmesteren bød velkommen. Skolechefen fremlagde de tre modeller.\n\n"
                "Mange talte for at bevare skolen i Kirkeby, også hvis den bliver mindre. "
                "Forældre fra Strandvig spurgte til skolebussen og til pasningen om eftermiddagen. "
                "Elevrådet fra Strandvig Skole overrakte 212 underskrifter.\n\n"
                "Spørgsmål og svar fra mødet ligger i referatet fra udvalget."
            ),
            decisions=(
                "- Model 3 (fælles ledelse, to afdelinger) sendes i høring i fire uger.\n"
                "- Forvaltningen undersøger en ekstra skolebus mellem Kirkeby og Strandvig.\n"
                "- Et nyt borgermøde holdes, før byrådet beslutter."
            ),
            minutes_published_at=_at(now, -19, 10),
            attendance_count=74,
        ),
    ]
    traffic, kirkeby, workshop, plenum, next_plenum, decision, past = meetings
    Registration.objects.filter(meeting__in=meetings).delete()
    AgendaItem.objects.filter(meeting__in=meetings).delete()
    SpeakingSlot.objects.filter(meeting__in=meetings).delete()

    opened = now - timedelta(days=7)
    _seat(traffic, people(0, 14), opened)
    _seat(kirkeby, people(1, 8), opened)
    _wait(kirkeby, people(9, 3), opened + timedelta(days=1))
    _seat(workshop, people(4, 9), opened)
    _seat(decision, people(2, 5), opened)
    _seat(past, people(3, 12), _at(now, -30, 10), attended=9)
    Registration.objects.filter(meeting=past).update(reminded_at=_at(now, -22, 9))

    _agenda(
        traffic,
        [
            ("Velkomst", "Formanden for Teknik- og Miljøudvalget byder velkommen.", None),
            (
                "Tre løsninger for Skolevej",
                "Trafikplanlæggeren fremlægger forslagene.",
                proposals[0] if proposals else None,
            ),
            ("Snak ved bordene", "I taler om løsningerne i små grupper.", None),
            ("Opsamling og det videre forløb", "", None),
        ],
    )
    _agenda(
        kirkeby,
        [
            ("Husets historie og tilstand", "Bestyrelsen fortæller.", None),
            ("Idéer til brug af huset", "", proposals[1] if len(proposals) > 1 else None),
        ],
    )
    _agenda(workshop, [("Kort over Midtbyen", "Vi tegner forslag ind på kortet.", None)])
    projects = list(budget.projects.order_by("pk")[:2]) if budget else []
    _agenda(
        decision,
        [("Resultatet af afstemningen", "", None)]
        + [(f"Projekt: {p.title}", "Hvornår går arbejdet i gang?", p) for p in projects],
    )
    _agenda(
        past,
        [
            ("Tre modeller for skolerne", "Skolechefen fremlægger.", None),
            ("Spørgsmål fra salen", "", None),
        ],
    )
    _agenda(plenum, [("Borgernes taletid", "Se talerlisten.", None)])

    slots = [
        (
            "En legeplads for alle børn i Engparken",
            "Vi er en gruppe forældre, der ønsker en legeplads, som også børn i kørestol kan bruge.",
            proposals[0] if proposals else None,
            SlotState.ALLOCATED,
            1,
            10,
            "",
        ),
        (
            "Fælles cykelværksted i Midtbyen",
            "Et værksted, hvor frivillige hjælper med at reparere cykler en gang om ugen.",
            None,
            SlotState.ALLOCATED,
            2,
            5,
            "",
        ),
        (
            "Flere bænke langs åen",
            "Ældre i Strandvig savner steder at hvile på turen langs åen.",
            None,
            SlotState.ALLOCATED,
            3,
            5,
            "",
        ),
        (
            "Skolestrukturen",
            "Jeg vil tale om skolerne i Kirkeby og Strandvig.",
            None,
            SlotState.DECLINED,
            None,
            None,
            "Skolestrukturen er i høring nu. Send dit høringssvar, så indgår det i beslutningen.",
        ),
    ]
    used: set[int] = set()
    spare = iter(residents[5:] + residents[:5])
    for title, summary, proposal, state, position, minutes, reason in slots:
        requester = proposal.author if proposal is not None else None
        while requester is None or requester.pk in used:
            requester = next(spare)
        used.add(requester.pk)
        SpeakingSlot.objects.create(
            meeting=plenum,
            requester=requester,
            title=title,
            summary=summary,
            proposal=proposal,
            state=state,
            position=position,
            minutes_allotted=minutes,
            decline_reason=reason,
            decided_at=now - timedelta(days=2),
            decided_by=secretary,
        )
    SpeakingSlot.objects.create(
        meeting=next_plenum,
        requester=residents[0],
        title="Et nyt mødested for unge i Lyngholt",
        summary="Ungdomsrådet vil fortælle om behovet for et sted at være om aftenen.",
    )
    return [
        f"{len(meetings)} citizens' meetings "
        f"({Registration.objects.filter(meeting__in=meetings).count()} registrations, one full "
        "with a waiting list, one held with minutes), an open plenum with a running order."
    ]
