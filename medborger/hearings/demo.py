"""The demo hearings of Lyngholt Kommune: one open now (a local plan for Strandvig Harbour, with
three sections and the plan as a PDF made on the spot with WeasyPrint) and one closed, with
twelve responses from residents and two associations, each sorted into themes and answered, so
the hearing report (høringsnotat) is full.

Every response goes through the real services at the time it was sent, and every reply after the
close. The hearings keep their ids; their sections, documents, themes and responses are rebuilt
on every run, so the dates stay relative to today and running the loader twice gives the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction

from medborger.core.models import AuditEntry
from medborger.hearings import services
from medborger.hearings.models import Hearing, HearingResponse, HearingSection, HearingTheme
from medborger.notifications.models import Notification

OPEN_TITLE = "Forslag til lokalplan for Strandvig Havn"
OPEN_SUMMARY = (
    "Kommunen foreslår en ny lokalplan for Strandvig Havn med boliger, en havnepromenade og en "
    "ny vej til lystbådehavnen. Vi vil gerne høre, hvad du mener, før byrådet beslutter planen."
)
OPEN_BODY = """Den gamle fiskerihavn i Strandvig bruges ikke længere til fiskeri. Byrådet vil give området nyt liv, så det bliver et sted for både beboere, sejlere og gæster.

# Hvad sker der nu?
Forslaget er i høring i 14 dage. Du kan svare på hele forslaget eller på hvert afsnit for sig. Efter høringen samler vi alle svar i et høringsnotat. Teknik- og Miljøudvalget behandler forslaget og høringsnotatet på sit møde bagefter.

# Borgermøde
Der er borgermøde i Strandvig Forsamlingshus. Her kan du se tegningerne og stille spørgsmål til planlæggerne."""

OPEN_SECTIONS = [
    (
        "Boliger og bebyggelse",
        "Planen giver mulighed for op til 120 boliger i tre og fire etager på den gamle "
        "fiskerikaj. Mindst en fjerdedel skal være almene boliger. Bygningerne må højst være "
        "14 meter høje, så udsigten fra byen til vandet bevares.",
    ),
    (
        "Trafik og parkering",
        "En ny vej fører fra Havnevej til lystbådehavnen, så biler ikke skal gennem "
        "Strandstræde. Der bliver 90 p-pladser, heraf 4 til handicapbiler og 10 med ladestandere. "
        "Havnepromenaden bliver kun for gående og cyklister.",
    ),
    (
        "Natur, strand og klima",
        "Strandengen nord for havnen bevares som natur. Nye bygninger skal ligge mindst 2,5 "
        "meter over havet på grund af stormflod. Regnvand fra tage og veje ledes til et nyt "
        "regnvandsbassin, der også bliver et grønt opholdssted.",
    ),
]

CLOSED_TITLE = "Forslag til stiplan for Kirkeby og Lyngskoven"
CLOSED_SUMMARY = (
    "Kommunen foreslår nye stier mellem Kirkeby og Lyngskoven, en ny parkeringsplads ved skoven, "
    "en hundeskov og lys på skolevejen. Høringen er slut, og her kan du læse alle svar og "
    "kommunens svar på dem."
)
CLOSED_BODY = """Stiplanen skal gøre det lettere og mere trygt at gå og cykle mellem Kirkeby og Lyngskoven, og den skal passe på naturen i skoven.

Planen blev sendt i høring i 14 dage. Alle svar og kommunens svar står i høringsnotatet. Teknik- og Miljøudvalget behandler planen på sit næste møde."""

CLOSED_SECTIONS = [
    (
        "Ny sti langs Lyng Å",
        "En 3,2 km lang grussti fra Kirkeby Skole langs Lyng Å til skovens sydlige indgang. "
        "Stien bliver 2,5 meter bred, så både gående og cyklister kan bruge den.",
    ),
    (
        "Parkering ved Lyngskoven",
        "En ny parkeringsplads med 40 pladser ved Skovvej. Den gamle plads i skovbrynet "
        "lukkes og bliver til eng igen.",
    ),
    (
        "Hundeskov og regler for hunde",
        "En indhegnet hundeskov på 2 hektar i den østlige del af skoven. I resten af skoven "
        "skal hunde føres i snor hele året.",
    ),
    (
        "Lys på skolevejen",
        "Lave lamper med lys der kun peger nedad på stien fra Kirkeby til skolen. Lyset slukker "
        "kl. 23 af hensyn til flagermus.",
    ),
]

CLOSED_THEMES = ["Friluftsliv", "Natur", "Trafik", "Tryghed"]


@dataclass
class DemoResponse:
    resident: int  # index in the demo residents
    comment: str
    stance: str = ""
    sections: dict[int, str] = field(default_factory=dict)  # section number → text
    themes: list[str] = field(default_factory=list)
    reply: str = ""
    organisation: str = ""
    publish_name: bool = False
    days_in: int = 1


CLOSED_RESPONSES = [
    DemoResponse(
        resident=1,
        stance="agree",
        comment="Jeg er glad for planen. Mine børn kan endelig cykle sikkert til skole.",
        sections={4: "Lyset er vigtigt om vinteren. Det er mørkt kl. 16 i december."},
        themes=["Tryghed"],
        reply=(
            "Tak for dit svar. Lyset på skolevejen er med i planen, og vi sætter det op før "
            "vinteren 2027."
        ),
        publish_name=True,
    ),
    DemoResponse(
        resident=4,
        stance="mixed",
        comment="",
        sections={
            1: "Stien er en god idé. Men den må ikke gå for tæt på åen, hvor isfuglen yngler.",
            3: "Hundeskoven er fin, men snor hele året er for strengt.",
        },
        themes=["Natur", "Friluftsliv"],
        reply=(
            "Vi flytter stien 20 meter væk fra åen ved isfuglens redeplads. Reglen om snor hele "
            "året gælder kun uden for hundeskoven. Det er Naturstyrelsens anbefaling for at "
            "beskytte rådyr og fugle, der yngler på jorden."
        ),
        days_in=2,
    ),
    DemoResponse(
        resident=7,
        stance="disagree",
        comment="Der er ikke brug for en ny parkeringsplads. Folk kan cykle til skoven.",
        sections={2: "40 pladser er alt for mange. Det vil give mere trafik på Skovvej."},
        themes=["Trafik", "Natur"],
        reply=(
            "Mange besøgende kommer langvejs fra, blandt andet skoler og foreninger. Den nye "
            "plads erstatter den gamle plads i skovbrynet, så der ikke kommer flere biler i alt. "
            "Vi har talt bilerne på Skovvej: Der kører i dag omkring 300 biler i døgnet."
        ),
        days_in=3,
    ),
    DemoResponse(
        resident=10,
        stance="agree",
        comment="Godt at den gamle parkeringsplads bliver til eng igen.",
        themes=["Natur"],
        reply="Tak for dit svar. Engen bliver sået til med frø fra egnens egne planter.",
        days_in=3,
    ),
    DemoResponse(
        resident=13,
        stance="mixed",
        comment="Jeg bor ved Skovvej. Jeg er bekymret for støj og lys fra parkeringspladsen.",
        sections={
            2: "Kan pladsen flyttes 100 meter mod øst, væk fra husene?",
            4: "Lamperne må ikke lyse ind i vores haver.",
        },
        themes=["Trafik", "Tryghed"],
        reply=(
            "Vi har set på din idé. Pladsen flyttes 60 meter mod øst, længere er der ikke plads "
            "til uden at fælde gamle bøgetræer. Der kommer en hæk mod husene. Lamperne lyser kun "
            "nedad på stien."
        ),
        publish_name=True,
        days_in=4,
    ),
    DemoResponse(
        resident=16,
        stance="agree",
        comment="",
        sections={3: "Endelig en hundeskov! Husk en vandpost og skraldespande til hundeposer."},
        themes=["Friluftsliv"],
        reply="Der kommer både vandpost, bænke og skraldespande i hundeskoven.",
        days_in=5,
    ),
    DemoResponse(
        resident=19,
        stance="disagree",
        comment="Lamper i skoven ødelægger naturen. Flagermus og ugler har brug for mørke.",
        sections={4: "Slå lyset helt fra om sommeren, når det er lyst om morgenen."},
        themes=["Natur", "Tryghed"],
        reply=(
            "Lamperne står kun langs skolevejen, ikke inde i skoven. De lyser kun nedad og "
            "slukker kl. 23. Vi følger dit forslag: Fra maj til august tænder lyset ikke om "
            "morgenen."
        ),
        days_in=6,
    ),
    DemoResponse(
        resident=22,
        stance="mixed",
        comment="Stien er god, men husk kørestolsbrugere. Grus er svært at køre på.",
        sections={
            1: "Brug stenmel i stedet for løst grus, så man kan køre med kørestol og barnevogn."
        },
        themes=["Friluftsliv", "Tryghed"],
        reply=(
            "Tak for et vigtigt svar. Stien får en fast belægning af stenmel, så den kan bruges "
            "med kørestol, rollator og barnevogn. Det koster ca. 150.000 kr. mere, som vi finder i "
            "anlægsbudgettet."
        ),
        publish_name=True,
        days_in=7,
    ),
    DemoResponse(
        resident=25,
        stance="",
        comment="Hvem skal vedligeholde stien? Den gamle sti er fuld af huller.",
        themes=["Friluftsliv"],
        reply=(
            "Vej og Park vedligeholder stien. Den bliver tjekket to gange om året, og du kan "
            "melde huller i appen Giv et praj."
        ),
        days_in=8,
    ),
    DemoResponse(
        resident=28,
        stance="agree",
        comment="",
        sections={
            1: "Stien vil gøre det let at cykle til arbejde i Lyngholt. Lav den gerne bredere.",
            2: "Sæt cykelstativer ved parkeringspladsen.",
        },
        themes=["Trafik", "Friluftsliv"],
        reply=(
            "Stien bliver 2,5 meter bred, som er bredt nok til at cykler kan passere hinanden. "
            "Der kommer 20 cykelstativer ved parkeringspladsen."
        ),
        days_in=10,
    ),
    DemoResponse(
        resident=0,
        organisation="Bakkely Borgerforening",
        stance="agree",
        comment=(
            "Borgerforeningen støtter stiplanen. Vi ønsker, at stien senere forlænges fra "
            "Lyngskoven til Bakkely, så de to byer bindes sammen."
        ),
        sections={
            1: "Vi vil gerne hjælpe med at plante træer langs stien på en fælles arbejdsdag."
        },
        themes=["Friluftsliv", "Trafik"],
        reply=(
            "Tak til borgerforeningen. En sti til Bakkely er ikke med i denne plan, men vi tager "
            "idéen med i næste stiplan. Vi kontakter jer om en plantedag i foråret."
        ),
        days_in=11,
    ),
    DemoResponse(
        resident=9,
        organisation="Kirkeby Idrætsforening",
        stance="mixed",
        comment="Idrætsforeningen bruger skoven til løb og orienteringsløb hver uge.",
        sections={
            2: "Vi har brug for mindst 15 pladser til stævner. Kan vi reservere pladsen?",
            3: "Hundeskoven må ikke ligge hen over vores faste løberute.",
        },
        themes=["Friluftsliv", "Trafik"],
        reply=(
            "Vi har flyttet hundeskovens hegn, så jeres løberute går uden om. Pladsen kan ikke "
            "reserveres, men til stævner kan I låne skolens parkeringsplads i weekenden."
        ),
        days_in=12,
    ),
]

OPEN_RESPONSES = [
    DemoResponse(
        resident=5,
        stance="mixed",
        comment="Fint med liv på havnen, men fire etager er for højt ud mod vandet.",
        sections={1: "Hold husene ud mod kajen i tre etager."},
        themes=["Udsigt og byggehøjde"],
        days_in=1,
    ),
    DemoResponse(
        resident=6,
        organisation="Strandvig Grønne Hold",
        stance="agree",
        comment="Vi støtter, at strandengen bevares. Vi vil gerne hjælpe med at holde den ren.",
        sections={3: "Sæt skraldespande op ved promenaden, så affaldet ikke ender i vandet."},
        themes=["Natur"],
        days_in=2,
    ),
]


def plan_pdf() -> bytes:
    """The local plan as a small PDF, made on the spot with WeasyPrint (no binaries in the
    repository)."""
    from weasyprint import HTML

    sections = "".join(
        f"<h2>{number}. {title}</h2><p>{text}</p>"
        for number, (title, text) in enumerate(OPEN_SECTIONS, start=1)
    )
    html = f"""<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">
<title>Lokalplan 112 – Strandvig Havn</title>
<style>@page {{ size: A4; margin: 25mm; @bottom-right {{ content: "Side " counter(page); }} }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.5; }}
h1 {{ color: #1f5c4a; }} h2 {{ color: #1f5c4a; font-size: 14pt; }}</style></head><body>
<p>Lyngholt Kommune · Teknik og Miljø</p>
<h1>Forslag til lokalplan 112<br>Strandvig Havn</h1>
<p>{OPEN_SUMMARY}</p>{sections}
<h2>Kort</h2><p>Planområdet omfatter matr. nr. 7a, 7b og 12 Strandvig By, i alt ca. 4,6 ha.
Kortbilag 1 viser afgrænsningen. Kortbilag 2 viser vejen til lystbådehavnen.</p>
</body></html>"""
    return bytes(HTML(string=html).write_pdf())


def _clear(hearing: Hearing) -> None:
    for response in HearingResponse.objects.filter(hearing=hearing).prefetch_related("attachments"):
        for attachment in response.attachments.all():
            attachment.file.delete(save=False)
    response_ids = [str(pk) for pk in hearing.responses.values_list("pk", flat=True)]
    AuditEntry.objects.filter(
        target_type=HearingResponse._meta.label, target_id__in=response_ids
    ).delete()
    AuditEntry.objects.filter(target_type=Hearing._meta.label, target_id=str(hearing.pk)).delete()
    Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(Hearing), object_id=hearing.pk
    ).delete()
    hearing.responses.all().delete()
    for document in hearing.documents.all():
        document.file.delete(save=False)
    hearing.documents.all().delete()
    hearing.themes.all().delete()
    hearing.sections.all().delete()


def _hearing(
    context: Any, *, title: str, defaults: dict[str, Any], sections: Any, themes: Any
) -> Hearing:
    hearing, _created = Hearing.objects.update_or_create(
        municipality=context.municipality, title=title, defaults=defaults
    )
    _clear(hearing)
    for number, (section_title, text) in enumerate(sections, start=1):
        HearingSection.objects.create(
            hearing=hearing, number=number, title=section_title, text=text
        )
    for name in themes:
        HearingTheme.objects.create(hearing=hearing, name=name)
    return hearing


def _respond(
    context: Any, hearing: Hearing, plan: DemoResponse, *, reply_at: datetime | None
) -> HearingResponse:
    user = context.residents[plan.resident % len(context.residents)]
    organisation = context.organisations.get(plan.organisation) if plan.organisation else None
    sections = {s.number: s.pk for s in hearing.sections.all()}
    response, _created = services.response_submit(
        hearing=hearing,
        user=user,
        data=services.ResponseData(
            comment=plan.comment,
            stance=plan.stance,
            publish_name=plan.publish_name,
            organisation_id=organisation.pk if organisation else None,
            sections={sections[n]: text for n, text in plan.sections.items()},
        ),
        now=hearing.opens_at + timedelta(days=plan.days_in, hours=plan.resident % 9),
    )
    themes = list(
        HearingTheme.objects.filter(hearing=hearing, name__in=plan.themes).values_list(
            "pk", flat=True
        )
    )
    services.response_reply(
        response_id=response.pk,
        official=context.staff["case_officer"],
        reply=plan.reply if reply_at is not None else "",
        theme_ids=themes,
        now=reply_at or hearing.opens_at + timedelta(days=plan.days_in + 1),
    )
    return response


@transaction.atomic
def load_hearings(context: Any) -> list[str]:
    now = context.now
    committee = context.committees.get("teknik-og-miljoe")
    # The open hearing: opened five days ago, closes in nine.
    opens = now.replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(days=5)
    open_hearing = _hearing(
        context,
        title=OPEN_TITLE,
        defaults={
            "summary": OPEN_SUMMARY,
            "body": OPEN_BODY,
            "area": context.areas["strandvig"],
            "committee": committee,
            "opens_at": opens,
            "closes_at": opens + timedelta(days=14),
            "is_published": True,
        },
        sections=OPEN_SECTIONS,
        themes=["Natur", "Trafik", "Udsigt og byggehøjde"],
    )
    services.document_add(
        hearing=open_hearing,
        actor=None,
        title="Forslag til lokalplan 112 – Strandvig Havn (PDF)",
        upload=ContentFile(plan_pdf(), name="lokalplan-112-strandvig-havn.pdf"),
        now=opens,
    )
    for plan in OPEN_RESPONSES:
        _respond(context, open_hearing, plan, reply_at=None)

    # The closed hearing: ran for 14 days and closed 20 days ago; replied since.
    closed_opens = opens - timedelta(days=29)
    closed = _hearing(
        context,
        title=CLOSED_TITLE,
        defaults={
            "summary": CLOSED_SUMMARY,
            "body": CLOSED_BODY,
            "area": context.areas["kirkeby"],
            "committee": committee,
            "opens_at": closed_opens,
            "closes_at": closed_opens + timedelta(days=14),
            "is_published": True,
        },
        sections=CLOSED_SECTIONS,
        themes=CLOSED_THEMES,
    )
    for index, plan in enumerate(CLOSED_RESPONSES):
        _respond(context, closed, plan, reply_at=closed.closes_at + timedelta(days=2, hours=index))
    return [
        f"Hearings: '{OPEN_TITLE}' open with {len(OPEN_RESPONSES)} responses; "
        f"'{CLOSED_TITLE}' closed with {len(CLOSED_RESPONSES)} responses, all replied."
    ]
