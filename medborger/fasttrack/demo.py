"""The demo fast-track pool of Lyngholt Kommune, with an application in every state: waiting
within the deadline, decision overdue, approved (for less than applied for), rejected with a
public reason, paid out, paid out with the report overdue, and reported with a photo.

Every application is driven through the real services at the time it happened, so the pool's sum
of grants, the deadlines and the audit log are what the pages would have made. The pool keeps its
id; its applications are rebuilt on every run, so the deadlines stay relative to today."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from medborger.core.models import AuditEntry
from medborger.fasttrack import services
from medborger.fasttrack.models import Application, FastTrackPool, ReportPhoto
from medborger.fasttrack.texts import kroner

POOL_DESCRIPTION = """Hurtig-puljen giver hurtig støtte til små, lokale projekter, som borgere og frivillige selv står for. Der er 100.000 kr. i puljen i år. I kan søge op til 25.000 kr. pr. projekt, og I kan søge når som helst.

# Hvad kan I søge til?
- Materialer og værktøj
- Leje af telt, borde og stole
- Mad og drikke til et fælles arrangement
- Små forbedringer af steder, som alle kan bruge

# Hvad kan I ikke søge til?
- Løn og honorarer
- Drift af en forenings egne bygninger
- Noget, der allerede er sket

# Sådan får I svar
En sagsbehandler svarer inden for 14 dage. Alle afgørelser står her på siden med en begrundelse.

I behøver ikke et CVR-nummer. Pengene udbetales til den ansvarlige person, I skriver i ansøgningen. Efter arrangementet sender I en kort rapport med et par billeder."""


@dataclass
class Plan:
    title: str
    description: str
    place: str
    amount: int
    group: str
    resident: int  # index in the demo residents
    phone: str
    submitted_days_ago: int
    activity_in_days: int  # negative: it has happened
    decision: str = ""  # "approve", "reject" or ""
    decided_days_ago: int = 0
    granted: int | None = None
    reason: str = ""
    paid_days_ago: int | None = None
    reported_days_ago: int | None = None
    report: str = ""


PLANS = [
    Plan(
        title="Loppemarked i Bakkely Forsamlingshus",
        description=(
            "Vi holder loppemarked en lørdag i forsamlingshuset. Alle kan leje en stand gratis. "
            "Overskuddet fra kaffe og kage går til byens juletræ.\n\n"
            "Vi søger penge til leje af borde, skilte og annoncer i lokalavisen."
        ),
        place="Bakkely Forsamlingshus, Bygaden 14, Bakkely",
        amount=6_500,
        group="Bakkely Borgerforening",
        resident=2,
        phone="21 43 65 87",
        submitted_days_ago=3,
        activity_in_days=30,
    ),
    Plan(
        title="Fællesspisning for nye beboere i Engparken",
        description=(
            "Fire aftener med fællesspisning i beboerhuset for familier, der lige er flyttet "
            "ind. Beboere laver maden sammen. Der kommer tolk til arabisk og ukrainsk.\n\n"
            "Pengene går til råvarer, tolk og legetøj til børnehjørnet."
        ),
        place="Beboerhuset, Engparken 40, Lyngholt",
        amount=12_000,
        group="Beboergruppen i Engparken",
        resident=7,
        phone="31 22 44 66",
        submitted_days_ago=19,
        activity_in_days=12,
    ),
    Plan(
        title="Gårdfest for alle på Søndergade",
        description=(
            "Vi vil holde fest for alle 60 lejligheder i gården, så naboerne lærer hinanden at "
            "kende. Der bliver grill, musik og lege for børnene. Vi vil også leje en hoppeborg."
        ),
        place="Gården bag Søndergade 12-18, Lyngholt Midtby",
        amount=18_000,
        group="Gårdlauget Søndergade",
        resident=11,
        phone="40 12 34 56",
        submitted_days_ago=12,
        activity_in_days=25,
        decision="approve",
        decided_days_ago=4,
        granted=15_000,
        reason=(
            "Vi støtter festen. Puljen betaler ikke leje af hoppeborg, så vi har trukket "
            "3.000 kr. fra."
        ),
    ),
    Plan(
        title="Ny varmepumpe til klubhuset",
        description=(
            "Klubhuset er dyrt at varme op. Med en varmepumpe kan vi spare penge og CO2, så "
            "der bliver flere penge til aktiviteter for børnene."
        ),
        place="Kirkeby Stadion, Idrætsvej 3, Kirkeby",
        amount=25_000,
        group="Kirkeby Idrætsforening",
        resident=15,
        phone="26 11 22 33",
        submitted_days_ago=30,
        activity_in_days=60,
        decision="reject",
        decided_days_ago=21,
        reason=(
            "Puljen støtter aktiviteter og små ting, som alle kan bruge. En varmepumpe er drift "
            "af foreningens egen bygning. I kan søge Kultur- og Fritidsudvalgets pulje til "
            "klubhuse i stedet."
        ),
    ),
    Plan(
        title="Strandrensning og kaffe for frivillige",
        description=(
            "Vi samler affald på stranden fra havnen til campingpladsen. Bagefter er der kaffe "
            "og boller til alle, der har hjulpet.\n\n"
            "Pengene går til affaldssække, grabbere, handsker og forplejning."
        ),
        place="Strandvig Havn, mødested ved havnekontoret",
        amount=4_800,
        group="Strandvig Grønne Hold",
        resident=20,
        phone="29 88 77 66",
        submitted_days_ago=40,
        activity_in_days=-3,
        decision="approve",
        decided_days_ago=33,
        paid_days_ago=30,
    ),
    Plan(
        title="Bænk og blomsterkasser ved busstoppet i Lyng",
        description=(
            "Ved busstoppet midt i Lyng er der ingen steder at sidde. Vi vil bygge en bænk og to "
            "blomsterkasser af genbrugstræ. Naboerne passer blomsterne."
        ),
        place="Busstoppet ved Lyng Kirke, Lyngvej",
        amount=9_500,
        group="",
        resident=24,
        phone="22 55 88 11",
        submitted_days_ago=110,
        activity_in_days=-70,
        decision="approve",
        decided_days_ago=101,
        paid_days_ago=96,
    ),
    Plan(
        title="Bålaften og fællessang ved Lyngskoven",
        description=(
            "Spejderne holder bålaften for hele byen med båltale, snobrød og fællessang. "
            "Vi søger penge til brænde, snobrødsdej, leje af højttaler og førstehjælpskasse."
        ),
        place="Bålpladsen ved Lyngskoven, Skovvej, Kirkeby",
        amount=7_200,
        group="Spejderne i Kirkeby",
        resident=30,
        phone="28 66 44 22",
        submitted_days_ago=95,
        activity_in_days=-60,
        decision="approve",
        decided_days_ago=88,
        paid_days_ago=84,
        reported_days_ago=52,
        report=(
            "Omkring 250 mennesker kom til bålet. Borgmesteren holdt båltalen, og børnene bagte "
            "snobrød i to timer. Vi brugte 6.950 kr. Resten gav vi tilbage til kommunen.\n\n"
            "Tak for støtten. Vi gør det igen næste år."
        ),
    ),
]


def bonfire_photo() -> bytes:
    """A small drawing of a bonfire at dusk, made on the spot (no photos in the repository)."""
    width, height = 640, 420
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # evening sky, dark blue to orange
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(30 + 200 * t), int(40 + 90 * t), int(90 - 40 * t)),
        )
    draw.rectangle([0, 300, width, height], fill=(34, 70, 34))  # grass
    for x in range(0, width, 48):  # the edge of the forest
        draw.polygon([(x, 300), (x + 24, 190), (x + 48, 300)], fill=(20, 50, 25))
    draw.polygon([(270, 330), (320, 200), (370, 330)], fill=(230, 120, 20))  # flames
    draw.polygon([(295, 330), (320, 250), (345, 330)], fill=(255, 210, 60))
    draw.rectangle([250, 328, 390, 340], fill=(90, 55, 30))  # logs
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def _clear(pool: FastTrackPool) -> None:
    old = list(Application.objects.filter(pool=pool).values_list("pk", flat=True))
    for photo in ReportPhoto.objects.filter(application__pool=pool):
        photo.image.delete(save=False)
    AuditEntry.objects.filter(
        target_type=Application._meta.label, target_id__in=[str(pk) for pk in old]
    ).delete()
    Application.objects.filter(pool=pool).delete()
    FastTrackPool.objects.filter(pk=pool.pk).update(granted=0)


def _at(now: datetime, days_ago: int) -> datetime:
    return now - timedelta(days=days_ago)


def _run(plan: Plan, pool: FastTrackPool, context: Any, official: Any) -> Application:
    now = context.now
    resident = context.residents[plan.resident % len(context.residents)]
    submitted = _at(now, plan.submitted_days_ago)
    application = services.application_submit(
        pool=pool,
        applicant=resident,
        data=services.ApplicationData(
            title=plan.title,
            description=plan.description,
            activity_date=timezone.localdate(now + timedelta(days=plan.activity_in_days)),
            place=plan.place,
            amount_requested=plan.amount,
            group_name=plan.group,
            responsible_name=resident.name,
            responsible_phone=plan.phone,
            responsible_email=resident.email or "",
        ),
        now=submitted,
    )
    decided = _at(now, plan.decided_days_ago)
    if plan.decision == "reject":
        return services.application_reject(
            application_id=application.pk, official=official, reason=plan.reason, now=decided
        )
    if plan.decision != "approve":
        return application
    application = services.application_approve(
        application_id=application.pk,
        official=official,
        amount=plan.granted,
        reason=plan.reason,
        now=decided,
    )
    if plan.paid_days_ago is None:
        return application
    paid = _at(now, plan.paid_days_ago)
    application = services.payout_record(
        application_id=application.pk,
        official=official,
        paid_on=timezone.localdate(paid),
        amount=application.granted_amount or 0,
        now=paid,
    )
    if plan.reported_days_ago is None:
        return application
    return services.report_submit(
        application_id=application.pk,
        user=resident,
        text=plan.report,
        photos=[
            services.PhotoData(
                image=ContentFile(bonfire_photo(), name="baalaften.jpg"),
                description="Bålet brænder ved skovkanten, og folk står i en rundkreds.",
            )
        ],
        now=_at(now, plan.reported_days_ago),
    )


def load_fasttrack(context: Any) -> list[str]:
    now = context.now
    pool, _created = FastTrackPool.objects.update_or_create(
        municipality=context.municipality,
        area=None,
        year=timezone.localdate(now).year,
        defaults={
            "title": f"Hurtig-puljen {timezone.localdate(now).year}",
            "amount": 100_000,
            "project_cap": 25_000,
            "decision_days": 14,
            "report_days": 30,
            "description": POOL_DESCRIPTION,
            "accepts_applications": True,
        },
    )
    _clear(pool)
    official = context.staff["case_officer"]
    made = [_run(plan, pool, context, official) for plan in PLANS]
    pool.refresh_from_db()
    return [
        f"Fast-track pool: {len(made)} applications, "
        f"{kroner(pool.granted)} granted, {kroner(pool.remaining)} left."
    ]
