"""The demo premises of Lyngholt Kommune: the old school in Kirkeby standing empty, a meeting room
at the town hall and one at the library, with bookings made through the real services: a choir
every Tuesday, a repair café, a social entrepreneur's job café, one request waiting (that clashes
with another waiting request, so staff see a clash flagged), and one rejected with a reason.

Premises are found by name and keep their ids; the requests are rebuilt on every run, so the
dates stay relative to today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from medborger.core.models import AuditEntry
from medborger.domain.lifecycle.premises import time_zone_for
from medborger.notifications.models import Notification
from medborger.premises import services
from medborger.premises.models import Booking, BookingRequest, OpeningHours, Premises

OLD_SCHOOL_CONDITIONS = """Skolen står tom, indtil byrådet beslutter, hvad den skal bruges til. Indtil da kan foreninger og sociale og kulturelle iværksættere låne den.

- **Gratis** for foreninger og for aktiviteter, der er åbne for alle.
- **Nøgle**: hentes i Borgerservice på Lyngholt Rådhus dagen før og afleveres dagen efter.
- **Rengøring**: I gør selv rent efter jer. Rengøringsmidler står i kælderen.
- **Hvem må låne**: foreninger, sociale og kulturelle iværksættere og grupper af borgere med en navngiven ansvarlig person.
- Der må ikke overnattes, og der må ikke sælges alkohol."""

TOWN_HALL_CONDITIONS = """Mødelokalet kan lånes gratis uden for kommunens egen mødetid.

- **Nøgle**: Borgerservice lukker jer ind, og vagten låser af kl. 21.
- **Rengøring**: Stil bordene tilbage og tag affaldet med.
- **Hvem må låne**: foreninger og sociale og kulturelle iværksættere i kommunen."""

LIBRARY_CONDITIONS = """Rummet er gratis for aktiviteter, der er åbne for alle.

- **Nøgle**: ingen nøgle; biblioteket er åbent.
- **Rengøring**: Efterlad rummet, som I fandt det.
- **Hvem må låne**: foreninger, sociale og kulturelle iværksættere og bibliotekets frivillige."""

PREMISES: list[dict[str, Any]] = [
    {
        "name": "Den gamle skole i Kirkeby",
        "kind": "building",
        "area": "kirkeby",
        "address": "Skolegade 4, Kirkeby",
        "capacity": 120,
        "step_free": False,
        "hearing_loop": False,
        "accessible_toilet": False,
        "accessibility_notes": (
            "Tre trin op til hovedindgangen. Gymnastiksalen har indgang fra gården uden trin."
        ),
        "description": (
            "Kirkeby Skole lukkede i 2023. Bygningen har seks klasselokaler, en gymnastiksal og "
            "et skolekøkken. Den står tom, og kommunen vil gerne have liv i den."
        ),
        "conditions": OLD_SCHOOL_CONDITIONS,
        "hours": {d: (time(8), time(22)) for d in range(7)},
    },
    {
        "name": "Mødelokale 2 på Lyngholt Rådhus",
        "kind": "room",
        "area": "lyngholt-midtby",
        "address": "Torvet 1, Lyngholt",
        "capacity": 24,
        "step_free": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "accessibility_notes": "Elevator fra indgangen ved Torvet.",
        "description": "Et lyst mødelokale på 1. sal med skærm, whiteboard og kaffemaskine.",
        "conditions": TOWN_HALL_CONDITIONS,
        "hours": {d: (time(16), time(21)) for d in range(5)},
    },
    {
        "name": "Værkstedet på Lyngholt Bibliotek",
        "kind": "room",
        "area": "lyngholt-midtby",
        "address": "Biblioteksvej 3, Lyngholt",
        "capacity": 30,
        "step_free": True,
        "hearing_loop": False,
        "accessible_toilet": True,
        "accessibility_notes": "",
        "description": (
            "Et værksted med arbejdsborde, symaskiner og loddekolber ved siden af børneafdelingen."
        ),
        "conditions": LIBRARY_CONDITIONS,
        "hours": {**{d: (time(10), time(20)) for d in range(5)}, 5: (time(10), time(15))},
    },
]


def _next(weekday: int, today: date, weeks: int = 0) -> date:
    """The first `weekday` after today, `weeks` later."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7) + timedelta(weeks=weeks)


def _clear(municipality: Any) -> None:
    old = list(
        BookingRequest.objects.filter(municipality=municipality).values_list("pk", flat=True)
    )
    AuditEntry.objects.filter(
        target_type=BookingRequest._meta.label, target_id__in=[str(pk) for pk in old]
    ).delete()
    Notification.objects.filter(event__startswith="premises_request.", object_id__in=old).delete()
    Booking.objects.filter(request_id__in=old).delete()
    BookingRequest.objects.filter(pk__in=old).delete()


def load_premises(context: Any) -> list[str]:
    municipality = context.municipality
    now = context.now
    zone = time_zone_for(municipality.country)
    today = timezone.localtime(now, zone).date()
    by_name: dict[str, Premises] = {}
    for spec in PREMISES:
        values = {k: v for k, v in spec.items() if k not in ("name", "area", "hours")}
        premises, _created = Premises.objects.update_or_create(
            municipality=municipality,
            name=spec["name"],
            defaults={**values, "area": context.areas.get(spec["area"]), "published": True},
        )
        OpeningHours.objects.filter(premises=premises).delete()
        OpeningHours.objects.bulk_create(
            [
                OpeningHours(premises=premises, weekday=day, opens=opens, closes=closes)
                for day, (opens, closes) in spec["hours"].items()
            ]
        )
        by_name[spec["name"]] = premises
    _clear(municipality)

    school = by_name["Den gamle skole i Kirkeby"]
    town_hall = by_name["Mødelokale 2 på Lyngholt Rådhus"]
    library = by_name["Værkstedet på Lyngholt Bibliotek"]
    official = context.staff["case_officer"]
    organisations = context.organisations
    residents = context.residents
    asked = now - timedelta(days=10)
    decided = now - timedelta(days=7)

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=zone)

    def association(name: str) -> dict[str, Any]:
        organisation = organisations[name]
        person = organisation.responsible_person
        return {
            "requester": person,
            "kind": "association",
            "organisation_id": organisation.pk,
            "initiative_name": "",
            "responsible_name": person.name,
            "responsible_email": person.email,
        }

    def ask(premises: Premises, who: dict[str, Any], **data: Any) -> BookingRequest:
        requester = who.pop("requester")
        kind = who.pop("kind")
        return services.request_submit(
            premises=premises,
            requester=requester,
            data=services.RequestData(requester_kind=kind, **who, **data),
            now=asked,
        )

    def approve(booking_request: BookingRequest) -> BookingRequest:
        return services.request_approve(
            request_id=booking_request.pk, official=official, now=decided
        )

    tuesday = _next(1, today)
    # A choir (the Bakkely association lends its name) every Tuesday evening in the old school.
    choir = approve(
        ask(
            school,
            association("Bakkely Borgerforening"),
            title="Korprøve: Bakkely og Kirkeby Sangkor",
            purpose=(
                "Sangkoret øver hver tirsdag i skolens gamle musiklokale. Alle, der kan lide at "
                "synge, er velkomne."
            ),
            participants=28,
            starts_at=at(tuesday, 19),
            ends_at=at(tuesday, 21, 30),
            repeat_until=tuesday + timedelta(weeks=11),
            responsible_phone="21 43 65 87",
        )
    )
    # A repair café in the library's workshop, the first Saturday.
    saturday = _next(5, today)
    repair = approve(
        ask(
            library,
            association("Strandvig Grønne Hold"),
            title="Reparationscafé",
            purpose=(
                "Frivillige reparerer cykler, lamper, tøj og små maskiner sammen med borgerne, "
                "så mindre bliver smidt ud."
            ),
            participants=25,
            starts_at=at(saturday, 10),
            ends_at=at(saturday, 14),
            responsible_phone="29 88 77 66",
        )
    )
    # A social entrepreneur's job café at the town hall, every Wednesday for a month.
    wednesday = _next(2, today)
    entrepreneur = residents[12 % len(residents)]
    entrepreneur_who = {
        "requester": entrepreneur,
        "kind": "entrepreneur",
        "initiative_name": "Jobcaféen Lyngholt (socialøkonomisk virksomhed)",
        "responsible_name": entrepreneur.name,
        "responsible_email": entrepreneur.email,
        "responsible_phone": "31 45 67 89",
    }
    job_cafe = approve(
        ask(
            town_hall,
            dict(entrepreneur_who),
            title="Jobcafé: hjælp til CV og ansøgninger",
            purpose=(
                "Vi hjælper ledige og nye borgere med CV, ansøgninger og jobportaler. "
                "Kaffen er gratis."
            ),
            participants=15,
            starts_at=at(wednesday, 16, 30),
            ends_at=at(wednesday, 19),
            repeat_until=wednesday + timedelta(weeks=3),
        )
    )
    # Waiting: a theatre group wants the gymnastics hall; a second request for the same evening
    # waits too, so the staff list shows the clash.
    thursday = _next(3, today, weeks=1)
    theatre_person = residents[18 % len(residents)]
    theatre = ask(
        school,
        {
            "requester": theatre_person,
            "kind": "entrepreneur",
            "initiative_name": "Teater i Tomme Rum",
            "responsible_name": theatre_person.name,
            "responsible_email": theatre_person.email,
            "responsible_phone": "",
        },
        title="Teaterværksted for unge",
        purpose=(
            "Unge fra 13 til 18 år laver teater i gymnastiksalen med en professionel instruktør."
        ),
        participants=20,
        starts_at=at(thursday, 17),
        ends_at=at(thursday, 20),
    )
    clash = ask(
        school,
        association("Kirkeby Idrætsforening"),
        title="Generalforsamling i Kirkeby IF",
        purpose="Foreningens årlige generalforsamling med spisning bagefter.",
        participants=60,
        starts_at=at(thursday, 19),
        ends_at=at(thursday, 22),
        responsible_phone="26 11 22 33",
    )
    # Rejected with a reason.
    monday = _next(0, today)
    rejected_person = residents[22 % len(residents)]
    rejected = services.request_reject(
        request_id=ask(
            town_hall,
            {
                "requester": rejected_person,
                "kind": "entrepreneur",
                "initiative_name": "Lyngholt Loppemarked",
                "responsible_name": rejected_person.name,
                "responsible_email": rejected_person.email,
                "responsible_phone": "",
            },
            title="Loppemarked",
            purpose="Et loppemarked med 20 stande.",
            participants=20,
            starts_at=at(monday, 16),
            ends_at=at(monday, 21),
        ).pk,
        official=official,
        reason=(
            "Mødelokalet er for lille til 20 stande, og der må ikke sælges i rådhuset. "
            "Spørg om gymnastiksalen i Den gamle skole i Kirkeby i stedet."
        ),
        now=decided,
    )
    made = [choir, repair, job_cafe, theatre, clash, rejected]
    return [
        f"Premises: {len(by_name)} places, {len(made)} requests "
        f"({sum(1 for r in made if r.state == 'approved')} approved, "
        f"{Booking.objects.filter(municipality=municipality, state='approved').count()} "
        "approved bookings)."
    ]
