"""Citizen proposals for the demo municipality Lyngholt Kommune: 120 proposals in every state.

Each proposal is found by its title in the municipality, so running the loader again updates the
same rows; its supports, timeline, co-proposers, questions and comments are rebuilt from the same
seed. Times are relative to the load time, so the demo always looks current.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType

from medborger.accounts.models import User
from medborger.comments.models import Comment, CommentReport, ReportReason, ReportStatus
from medborger.core.demo import DemoContext
from medborger.core.models import AuditEntry
from medborger.domain.lifecycle import proposals as lifecycle
from medborger.domain.lifecycle.calendar import add_days
from medborger.domain.lifecycle.proposals import State
from medborger.notifications.models import Follow
from medborger.places.models import Area, Committee
from medborger.proposals.models import (
    CoProposer,
    Decision,
    Proposal,
    ProposalEvent,
    ProposalRules,
    Question,
    Sdg,
    Support,
    Topic,
)
from medborger.proposals.services import supporters_forget

THRESHOLD = 300

TOPICS = [
    ("trafik-og-veje", "Trafik og veje"),
    ("natur-og-miljoe", "Natur og miljø"),
    ("boern-og-unge", "Børn og unge"),
    ("kultur-og-fritid", "Kultur og fritid"),
    ("aeldre", "Ældre"),
    ("sundhed", "Sundhed"),
    ("byudvikling", "Byudvikling"),
    ("klima", "Klima"),
]

# Rough centre of each area (a fictional place drawn on a real map of Zealand).
AREA_COORDS = {
    "lyngholt-midtby": (55.6412, 11.8103),
    "lyngholt-nord": (55.6561, 11.8127),
    "engparken": (55.6349, 11.7932),
    "lyngholt": (55.6450, 11.8060),
    "bakkely": (55.6021, 11.7415),
    "kirkeby": (55.5872, 11.8706),
    "strandvig": (55.6803, 11.7288),
    "lyngby-sogn": (55.6190, 11.9102),
}

MONTHS = [
    "",
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


@dataclass(frozen=True)
class Theme:
    topics: tuple[str, ...]
    sdgs: tuple[int, ...]
    summary: str  # {sted}: where, e.g. "i Bakkely"
    body: str
    action: str  # what the municipality will do if adopted: "vil <action>"
    partial: str  # what it will do if partly adopted
    no: str  # why the council says no
    variants: tuple[tuple[str | None, str, str], ...]  # area slug, {sted}, title


THEMES: list[Theme] = [
    Theme(
        ("byudvikling", "aeldre"),
        (3, 11),
        "Flere bænke {sted}, så ældre og gangbesværede kan holde en pause på turen.",
        "Mange af os går tur {sted} hver dag. Men der er næsten ingen steder at sætte sig. "
        "Det er svært for ældre, for gravide og for alle, der går med stok eller rollator.\n\n"
        "Vi foreslår, at kommunen sætter mindst seks bænke op med cirka 300 meters afstand. "
        "Bænkene skal have ryglæn og armlæn, så det er let at rejse sig igen.\n\n"
        "En bænk koster ikke meget. Men den betyder, at flere kan komme ud og gå.",
        "sætte seks bænke med ryg- og armlæn op {sted}",
        "sætte tre bænke op {sted} i år og se, hvor meget de bliver brugt",
        "Der står allerede bænke få hundrede meter derfra, og vejen er for smal til flere.",
        (
            ("lyngholt-midtby", "langs Lyngholt Å", "Flere bænke langs stien ved Lyngholt Å"),
            (
                "strandvig",
                "på strandpromenaden i Strandvig",
                "Bænke på strandpromenaden i Strandvig",
            ),
            (
                "kirkeby",
                "på vejen op til kirkegården i Kirkeby",
                "Bænke på Kirkegårdsbakken i Kirkeby",
            ),
        ),
    ),
    Theme(
        ("boern-og-unge", "kultur-og-fritid"),
        (3, 4, 11),
        "Legepladsen {sted} er slidt og har for lidt til de mindste. Vi vil have den fornyet.",
        "Legepladsen {sted} blev bygget for mere end 20 år siden. Flere redskaber er lukket, "
        "fordi de ikke er sikre længere. Der er intet til børn under tre år.\n\n"
        "Vi foreslår, at legepladsen bliver fornyet med en sandkasse med skygge, gynger til små "
        "børn og et klatrestativ til de store. Vi vil også gerne have et bord med bænke, så "
        "forældrene kan sidde.\n\n"
        "Vi er en gruppe forældre, der gerne hjælper med at male og plante.",
        "forny legepladsen {sted} med nye redskaber til både små og store børn",
        "udskifte de lukkede redskaber på legepladsen {sted} og sætte et bord med bænke op",
        "Legepladsen {sted} står allerede på listen til fornyelse i 2028, og den plan holder vi fast i.",
        (
            ("engparken", "i Engparken", "Ny legeplads midt i Engparken"),
            ("bakkely", "ved Bakkely Skole", "Forny legepladsen ved Bakkely Skole"),
            ("lyngholt-nord", "i Vibeparken", "Legeplads for de mindste i Vibeparken"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "klima", "sundhed"),
        (3, 11, 13),
        "En sikker cykelsti {sted}, så børn og voksne kan cykle uden at dele vej med lastbiler.",
        "I dag cykler man {sted} på en smal vej, hvor bilerne kører 80 km/t. Der er ingen "
        "cykelsti. Mange forældre tør ikke lade deres børn cykle i skole.\n\n"
        "Vi foreslår en cykelsti i begge sider af vejen, adskilt fra bilerne med en kantsten. "
        "Cykelstien skal have lys, så den også er tryg om vinteren.\n\n"
        "Flere vil tage cyklen, hvis vejen er sikker. Det er godt for sundheden og for klimaet.",
        "anlægge en cykelsti {sted} og søge statens cykelpulje om halvdelen af udgiften",
        "male cykelbaner {sted} i år og sætte farten ned til 60 km/t, mens vi søger penge til en rigtig cykelsti",
        "Cykelstien {sted} koster over 9 millioner kr., og der er ikke plads i anlægsbudgettet de næste fire år.",
        (
            ("lyngby-sogn", "mellem Lyng og Kirkeby", "Cykelsti mellem Lyng og Kirkeby"),
            (
                "strandvig",
                "på Strandvejen fra Lyngholt til Strandvig",
                "Cykelsti hele vejen til Strandvig",
            ),
            ("bakkely", "på Bakkelyvej", "Sikker cykelsti på Bakkelyvej"),
        ),
    ),
    Theme(
        ("kultur-og-fritid",),
        (4, 10),
        "Længere åbningstider {sted}, også om aftenen og i weekenden.",
        "Biblioteket {sted} har kun åbent med personale få timer om ugen. Mange af os arbejder, "
        "når der er åbent. Børnefamilier kan kun komme i weekenden.\n\n"
        "Vi foreslår, at biblioteket får selvbetjening fra kl. 7 til 22 alle ugens dage, og at "
        "der er personale mindst én aften om ugen.\n\n"
        "Biblioteket er et af de få steder, hvor alle kan komme gratis. Det skal være åbent, når "
        "folk har tid.",
        "give biblioteket {sted} selvbetjent åbent fra kl. 7 til 22 alle ugens dage",
        "give biblioteket {sted} selvbetjent åbent i weekenden fra næste år",
        "Det kræver nye døre, kameraer og mere personale, og det er der ikke penge til i år.",
        (
            ("bakkely", "på Bakkely Bibliotek", "Længere åbent på Bakkely Bibliotek"),
            ("kirkeby", "på Kirkeby Bibliotek", "Åbent bibliotek om aftenen i Kirkeby"),
            (
                "lyngholt-midtby",
                "på Hovedbiblioteket",
                "Hovedbiblioteket skal være åbent om søndagen",
            ),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "kultur-og-fritid"),
        (3, 15),
        "En shelterplads {sted}, hvor familier, spejdere og skoleklasser kan overnatte i naturen.",
        "{sted} er et af de smukkeste steder i kommunen. Men der er ingen steder at overnatte. "
        "Den nærmeste shelter ligger 30 kilometer væk.\n\n"
        "Vi foreslår to shelters, en bålplads med brænde og et lille toilet. Pladsen kan bookes "
        "gratis på kommunens hjemmeside.\n\n"
        "Spejderne har lovet at hjælpe med at bygge og holde pladsen ren.",
        "bygge to shelters, en bålplads og et toilet {sted} sammen med spejderne",
        "bygge én shelter og en bålplads {sted} og vente med toilettet",
        "Området {sted} er fredet, og Naturstyrelsen har sagt nej til at bygge der.",
        (
            (None, "i Lyngskoven", "Shelters i Lyngskoven"),
            ("strandvig", "ved Strandvig Klint", "Shelterplads ved Strandvig Klint"),
            ("lyngby-sogn", "ved Mosesøen i Lyng", "Shelter og bålplads ved Mosesøen"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "boern-og-unge"),
        (3, 11),
        "Tryg skolevej {sted}: fartbump, et fodgængerfelt og en skolepatrulje.",
        "Hver morgen krydser mere end 200 børn vejen {sted}. Bilerne kører stærkt, og der er "
        "ikke noget fodgængerfelt. Sidste år var der to farlige episoder.\n\n"
        "Vi foreslår fartbump, et fodgængerfelt med blinkende lys og en lavere fart på 30 km/t i "
        "skoletiden. Vi vil også gerne have hjælp til at starte en skolepatrulje.\n\n"
        "Børn skal kunne gå og cykle alene i skole. Det giver frihed og sunde vaner.",
        "lave et fodgængerfelt med blinklys og fartbump {sted} og sætte farten ned til 30 km/t",
        "sætte farten ned til 30 km/t {sted} i skoletiden og male vejen, mens vi undersøger fodgængerfeltet",
        "Politiet har vurderet, at et fodgængerfelt {sted} ikke gør vejen mere sikker, fordi der er for lidt plads.",
        (
            ("kirkeby", "ved Kirkeby Skole", "Tryg skolevej ved Kirkeby Skole"),
            ("lyngholt-nord", "på Nordre Ringvej", "Fodgængerfelt over Nordre Ringvej"),
            ("engparken", "ved Engparkens indgang", "Sikker skolevej fra Engparken"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "byudvikling"),
        (7, 11),
        "Gadelys {sted}, så det bliver trygt at gå og cykle hjem i mørket.",
        "Stien {sted} er helt mørk fra oktober til marts. Mange går den vej fra toget eller "
        "bussen. Flere fortæller, at de ikke tør gå der alene om aftenen.\n\n"
        "Vi foreslår LED-lamper, der tænder, når nogen kommer. Så bruger de kun lidt strøm, og "
        "de generer ikke dyrene.\n\n"
        "Alle skal kunne komme trygt hjem.",
        "sætte LED-lamper med sensor op {sted}",
        "sætte lys op på den mørkeste del {sted}",
        "Stien {sted} går gennem et naturområde med flagermus, og lys vil skade dem.",
        (
            ("lyngholt-midtby", "fra stationen til Midtbyen", "Lys på stien fra stationen"),
            ("bakkely", "gennem Bakkely Plantage", "Gadelys på stien gennem Bakkely Plantage"),
            ("lyngholt-nord", "langs Mølleåen", "Lys langs Mølleåen om vinteren"),
        ),
    ),
    Theme(
        ("kultur-og-fritid", "byudvikling"),
        (11, 15),
        "En indhegnet hundeskov {sted}, hvor hunde kan løbe frit uden at genere andre.",
        "Der bor mange hundeejere {sted}. Hundene skal være i snor overalt, og der er ingen steder, "
        "hvor de må løbe frit. Det giver konflikter i parkerne.\n\n"
        "Vi foreslår en indhegnet hundeskov på cirka 5.000 m² med en låge, en skraldespand og en "
        "bænk. Et hold frivillige vil gerne tilse den.\n\n"
        "En hundeskov er også et sted, hvor folk mødes og snakker.",
        "lave en indhegnet hundeskov {sted} på cirka 5.000 m²",
        "lave en mindre hundeskov {sted} på et areal, kommunen allerede ejer",
        "Der er ikke et ledigt areal {sted}, som er stort nok.",
        (
            ("lyngholt-nord", "i Lyngholt Nord", "Hundeskov i Lyngholt Nord"),
            ("strandvig", "i Strandvig", "Indhegnet hundeskov i Strandvig"),
            ("kirkeby", "ved Kirkeby Mose", "Hundeskov ved Kirkeby Mose"),
        ),
    ),
    Theme(
        ("kultur-og-fritid", "sundhed", "natur-og-miljoe"),
        (3, 14),
        "Et havnebad {sted}, hvor alle kan bade gratis hele sommeren.",
        "Vandet {sted} er rent, og mange bader allerede fra kajen. Men det er ikke sikkert, og "
        "der er ingen stige eller redningskrans.\n\n"
        "Vi foreslår et lille havnebad med badebro, stiger, en livredderpost i juli og et "
        "omklædningsrum. Vinterbaderne vil gerne have en sauna.\n\n"
        "Et havnebad giver liv til havnen og er gratis motion for alle.",
        "bygge en badebro med stiger og redningsudstyr {sted}",
        "sætte stiger og redningskranse op {sted} nu og lave en plan for et havnebad",
        "Vandkvaliteten {sted} er for dårlig efter kraftig regn, og det kan ikke løses de næste år.",
        (
            ("strandvig", "i Strandvig Havn", "Havnebad i Strandvig Havn"),
            ("lyngholt-midtby", "ved Lyngholt Havn", "Havnebad og sauna ved Lyngholt Havn"),
            ("strandvig", "ved Nordstranden", "Badebro ved Nordstranden i Strandvig"),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "byudvikling", "klima"),
        (2, 11, 12),
        "En fælleshave {sted}, hvor naboer kan dyrke grøntsager og mødes.",
        "Mange {sted} bor i lejlighed uden have. Vi vil gerne dyrke grøntsager og blomster "
        "sammen og lære hinanden at kende.\n\n"
        "Vi foreslår, at kommunen stiller et stykke af plænen til rådighed og betaler højbede, "
        "et redskabsskur og en vandhane. Beboerne passer selv haven.\n\n"
        "En fælleshave gør området grønnere og giver børnene mulighed for at se, hvor maden kommer fra.",
        "stille et areal til rådighed {sted} og betale højbede, skur og vand",
        "betale ti højbede og en vandhane {sted}, mens beboerne selv skaffer skuret",
        "Arealet {sted} skal bruges til regnvandsbassin, så der kan ikke være have.",
        (
            ("engparken", "i Engparken", "Fælleshave i Engparken"),
            ("lyngholt-midtby", "i Midtbyen", "Fælleshave på taget af P-huset"),
            ("bakkely", "i Bakkely", "Fælleshave bag forsamlingshuset i Bakkely"),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "klima"),
        (11, 12, 14, 15),
        "Støtte til et Grønt Hold {sted}, der samler affald og passer grønne områder.",
        "Vi er en gruppe frivillige, der vil holde {sted} rent og grønt. Vi mødes en lørdag om "
        "måneden og samler affald.\n\n"
        "Vi foreslår, at kommunen giver os veste, affaldsgribere, sække og 5.000 kr. om året til "
        "kørsel og kaffe. Kommunen henter de fyldte sække.\n\n"
        "Sådan gør man allerede i seks byer i en anden kommune, og det virker.",
        "give Det Grønne Hold {sted} udstyr og 5.000 kr. om året",
        "give Det Grønne Hold {sted} udstyr og hente sækkene, men ikke et fast beløb",
        "Kommunen har allerede en pulje, som Det Grønne Hold {sted} kan søge.",
        (
            ("strandvig", "på stranden i Strandvig", "Grønt Hold på stranden i Strandvig"),
            ("kirkeby", "i Kirkeby", "Grønt Hold i Kirkeby"),
            ("lyngholt-nord", "langs Mølleåen", "Grønt Hold langs Mølleåen"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "klima", "aeldre"),
        (10, 11, 13),
        "Bus {sted} hver time, også om aftenen og i weekenden.",
        "Bussen {sted} kører kun hver anden time og slet ikke efter kl. 19. Unge kan ikke komme "
        "hjem fra fritidsjob og sport. Ældre uden bil sidder fast.\n\n"
        "Vi foreslår, at bussen kører hver time fra kl. 6 til 23 alle ugens dage. Om aftenen kan "
        "det være en flextur, man bestiller.\n\n"
        "God kollektiv trafik betyder, at færre behøver to biler.",
        "lade bussen {sted} køre hver time fra kl. 6 til 23",
        "lade bussen {sted} køre hver time i dagtimerne og indføre flextur om aftenen",
        "Trafikselskabet har beregnet, at det koster 2,4 millioner kr. om året, og så få bruger ruten om aftenen.",
        (
            ("strandvig", "til Strandvig", "Bus til Strandvig hver time"),
            ("lyngby-sogn", "mellem Lyng og Lyngholt", "Bus fra Lyng til Lyngholt om aftenen"),
            ("bakkely", "mellem Bakkely og stationen", "Weekendbus mellem Bakkely og stationen"),
        ),
    ),
    Theme(
        ("boern-og-unge", "kultur-og-fritid"),
        (3, 4, 10),
        "Et sted for unge {sted}, hvor de kan mødes om aftenen uden at skulle købe noget.",
        "De unge {sted} har ingen steder at være efter kl. 18. Klubben lukker tidligt, og de "
        "samles ved tankstationen.\n\n"
        "Vi foreslår et ungemiljø med åbent tre aftener om ugen, en voksen til stede, musik, "
        "spil og et køkken. De unge skal selv være med til at indrette det.\n\n"
        "Unge, der har et sted at være, klarer sig bedre.",
        "åbne et ungemiljø {sted} tre aftener om ugen med en voksen til stede",
        "holde ungdomsklubben {sted} åben til kl. 22 to aftener om ugen",
        "Ungdomsskolen åbner et nyt tilbud tæt på til næste år.",
        (
            ("bakkely", "i Bakkely", "Ungested i Bakkely"),
            ("engparken", "i Engparken", "Åben ungeklub om aftenen i Engparken"),
            ("strandvig", "i Strandvig", "Et værested for unge i Strandvig"),
        ),
    ),
    Theme(
        ("aeldre", "sundhed"),
        (3, 10),
        "Motion for ældre {sted}: træningsredskaber udendørs og et fast hold med instruktør.",
        "Mange ældre {sted} vil gerne holde sig i gang, men det nærmeste center ligger langt væk.\n\n"
        "Vi foreslår udendørs træningsredskaber, der er lette at bruge, og en instruktør to "
        "formiddage om ugen. Redskaberne kan stå ved siden af legepladsen, så børn og ældre mødes.\n\n"
        "Træning holder ældre friske længere og giver nye venskaber.",
        "sætte træningsredskaber til ældre op {sted} og betale en instruktør to gange om ugen",
        "sætte træningsredskaber op {sted} og lade Ældresagen stå for holdene",
        "Kommunens nye sundhedshus tilbyder allerede træning for ældre, med gratis kørsel.",
        (
            ("kirkeby", "i Kirkeby", "Udendørs træning for ældre i Kirkeby"),
            ("lyngholt-midtby", "i Byparken", "Motionsredskaber til seniorer i Byparken"),
            ("lyngby-sogn", "i Lyng", "Seniortræning i Lyng forsamlingshus"),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "klima"),
        (13, 15),
        "Lad græsset gro {sted}: vilde blomster i stedet for kort græs.",
        "Kommunen slår græsset {sted} hver anden uge. Det koster penge, og der er ingen "
        "blomster til bier og sommerfugle.\n\n"
        "Vi foreslår, at halvdelen af arealet kun slås to gange om året, og at der sås "
        "hjemmehørende blomster. Stier slås stadig, så man kan gå.\n\n"
        "Det er billigere, smukkere og godt for naturen.",
        "lade halvdelen af græsset {sted} gro vildt og så blomster",
        "prøve vilde blomster på et mindre stykke {sted} i to år",
        "Arealet {sted} bruges til boldspil og byfest og skal være slået.",
        (
            ("lyngholt-nord", "i Vibeparken", "Vilde blomster i Vibeparken"),
            ("bakkely", "langs Bakkelyvej", "Blomstrende vejkanter på Bakkelyvej"),
            (None, "på kommunens grønne arealer", "Mere vild natur på kommunens græsplæner"),
        ),
    ),
    Theme(
        ("sundhed", "kultur-og-fritid"),
        (3, 6),
        "Offentligt toilet {sted}, der er åbent hele året.",
        "Der er intet offentligt toilet {sted}. Børnefamilier, ældre og turister må gå langt "
        "eller bede om lov i butikkerne.\n\n"
        "Vi foreslår et toilet med handicapadgang og puslebord, der gøres rent hver dag.\n\n"
        "Et toilet gør det muligt for flere at blive længere.",
        "bygge et toilet med handicapadgang og puslebord {sted}",
        "holde toilettet {sted} åbent i sommerhalvåret og se på behovet om vinteren",
        "Drift og rengøring koster 150.000 kr. om året, og der er et toilet 400 meter væk.",
        (
            ("strandvig", "ved Strandvig Strand", "Toilet ved Strandvig Strand hele året"),
            ("lyngholt-midtby", "på Torvet", "Offentligt toilet på Torvet"),
            ("kirkeby", "ved Kirkeby Sø", "Toilet ved legepladsen ved Kirkeby Sø"),
        ),
    ),
    Theme(
        ("klima", "byudvikling"),
        (7, 11, 13),
        "Ladestandere til elbiler {sted}, så flere kan skifte til elbil.",
        "Mange {sted} bor uden egen indkørsel og kan ikke lade en elbil hjemme. Det holder folk "
        "tilbage fra at skifte.\n\n"
        "Vi foreslår, at kommunen lader et firma sætte ladestandere op på de offentlige "
        "parkeringspladser. Det koster ikke kommunen noget, men kommunen skal give lov.\n\n"
        "Det er et let skridt mod kommunens klimamål.",
        "udbyde pladser til ladestandere {sted}",
        "udbyde ti pladser til ladestandere {sted} som forsøg",
        "Parkeringspladsen {sted} skal bygges om, og der kommer ladestandere som en del af det.",
        (
            ("engparken", "i Engparken", "Ladestandere til elbiler i Engparken"),
            ("lyngholt-midtby", "ved Rådhuset", "Ladestandere på Rådhusets parkeringsplads"),
            ("kirkeby", "i Kirkeby", "Ladestandere ved Kirkeby Hallen"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "boern-og-unge"),
        (3, 11),
        "Lavere fart {sted}: 40 km/t i hele byen.",
        "Bilerne kører for stærkt {sted}. Mange veje har ingen fortov, og børn leger tæt på "
        "vejen.\n\n"
        "Vi foreslår 40 km/t i hele byen og skilte ved indkørslerne. Det koster kun skilte.\n\n"
        "Lavere fart giver færre ulykker og mindre larm.",
        "indføre 40 km/t {sted} i samarbejde med politiet",
        "indføre 40 km/t på de veje {sted}, hvor der ikke er fortov",
        "Politiet har ikke givet samtykke til 40 km/t {sted}.",
        (
            ("lyngby-sogn", "i Lyng", "40 km/t i hele Lyng"),
            ("bakkely", "i Bakkely", "Lavere fart i Bakkely by"),
            ("strandvig", "i Strandvig", "40 km/t gennem Strandvig"),
        ),
    ),
    Theme(
        ("kultur-og-fritid", "boern-og-unge"),
        (3, 5, 10),
        "En multibane {sted}, hvor børn og unge kan spille fodbold og basket året rundt.",
        "Boldbanen {sted} er en mudret græsplæne om vinteren. Der er ingen kurve til basket.\n\n"
        "Vi foreslår en multibane med kunststof, lys og hegn, så den kan bruges hele året. "
        "Piger og drenge, små og store, kan bruge den på samme tid.\n\n"
        "Foreningen vil gerne lave træning på banen.",
        "anlægge en multibane med lys {sted}",
        "sætte basketkurve og lys op på den eksisterende bane {sted}",
        "Der er en multibane ved skolen 600 meter væk, som ikke er fuldt udnyttet.",
        (
            ("engparken", "i Engparken", "Multibane i Engparken"),
            ("kirkeby", "ved Kirkeby Hallen", "Multibane med lys ved Kirkeby Hallen"),
            ("lyngby-sogn", "ved Lyng Friskole", "Multibane til børnene i Lyng"),
        ),
    ),
    Theme(
        ("aeldre", "kultur-og-fritid"),
        (3, 10, 17),
        "Fællesspisning {sted} en gang om ugen, så ingen behøver at spise alene.",
        "Mange ældre {sted} bor alene og spiser alene. Det er ensomt.\n\n"
        "Vi foreslår fællesspisning hver torsdag i det lokale køkken. Frivillige laver maden, og "
        "en middag koster 40 kr. Kommunen betaler køkkenet og annoncer.\n\n"
        "Maden smager bedre i godt selskab.",
        "låne køkkenet {sted} ud gratis og betale opstarten af fællesspisningen",
        "låne køkkenet {sted} ud gratis én gang om måneden",
        "Køkkenet {sted} bruges af dagcentret hver dag og kan ikke lånes ud.",
        (
            ("lyngholt-nord", "på Nordbo Plejecenter", "Fællesspisning på Nordbo"),
            ("strandvig", "i Strandvig Medborgerhus", "Torsdagsspisning i Strandvig Medborgerhus"),
            ("engparken", "i Engparkens beboerhus", "Fællesspisning for ældre i Engparken"),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "klima"),
        (6, 13, 15),
        "Plant træer {sted}: skygge, renere luft og plads til fugle.",
        "Der er næsten ingen træer {sted}. Om sommeren bliver der meget varmt, og når det "
        "regner kraftigt, løber vandet ind i kældrene.\n\n"
        "Vi foreslår 100 nye træer. Beboerne vil gerne være med til en plantedag.\n\n"
        "Træer suger regnvand op og binder CO₂.",
        "plante 100 træer {sted} på en plantedag med beboerne",
        "plante 40 træer {sted} i år",
        "Der ligger fjernvarmerør og kabler under arealet {sted}.",
        (
            ("lyngholt-midtby", "på Torvet og Jernbanegade", "Træer på Torvet og Jernbanegade"),
            ("engparken", "i Engparken", "100 nye træer i Engparken"),
            ("bakkely", "i det nye boligområde i Bakkely", "Træer i Bakkely Øst"),
        ),
    ),
    Theme(
        ("sundhed", "kultur-og-fritid"),
        (3, 11),
        "En hjertestarter {sted}, der er tilgængelig hele døgnet.",
        "Den nærmeste hjertestarter {sted} hænger inde i en butik, som lukker kl. 18.\n\n"
        "Vi foreslår en hjertestarter i et varmeskab udendørs og et gratis kursus i førstehjælp "
        "for borgerne.\n\n"
        "Hvert minut tæller, når hjertet stopper.",
        "sætte en hjertestarter i varmeskab op {sted} og holde et gratis kursus",
        "sætte en hjertestarter op {sted} og henvise til Røde Kors' kurser",
        "TrygFonden har allerede givet en hjertestarter {sted}, som kommer op i foråret.",
        (
            ("lyngby-sogn", "i Lyng", "Hjertestarter ved Lyng Kirke"),
            ("strandvig", "ved havnen i Strandvig", "Døgnåben hjertestarter ved Strandvig Havn"),
            ("kirkeby", "ved Kirkeby Station", "Hjertestarter ved Kirkeby Station"),
        ),
    ),
    Theme(
        ("byudvikling", "kultur-og-fritid"),
        (11, 17),
        "Liv {sted}: byrum med borde, plantekasser og plads til marked.",
        "Pladsen {sted} er en stor parkeringsplads. Der sker ingenting, og butikkerne lukker.\n\n"
        "Vi foreslår, at en del af pladsen bliver byrum med borde, plantekasser og en scene. "
        "Om lørdagen kan der være marked.\n\n"
        "Handelsstandsforeningen bakker op og vil stå for markedet.",
        "omdanne en del af pladsen {sted} til byrum med borde, planter og scene",
        "lave et midlertidigt byrum {sted} om sommeren og se, hvordan det bliver brugt",
        "Parkeringspladserne {sted} er nødvendige for butikkerne, og handelsstanden er imod.",
        (
            ("lyngholt-midtby", "på Torvet i Lyngholt", "Torvet skal være et sted at mødes"),
            ("kirkeby", "på Kirkeby Plads", "Byrum og marked på Kirkeby Plads"),
            ("strandvig", "ved havnen i Strandvig", "Havnepladsen i Strandvig som byrum"),
        ),
    ),
    Theme(
        ("boern-og-unge", "natur-og-miljoe"),
        (4, 15),
        "En udeskole {sted}, hvor klasserne kan have undervisning i naturen.",
        "Lærerne {sted} vil gerne undervise ude, men der er ikke et sted med læ og borde.\n\n"
        "Vi foreslår en udeskole med et bålhus, borde, en lille sø og plads til at dyrke ting. "
        "Børnehaverne kan også bruge den.\n\n"
        "Børn lærer godt, når de bruger kroppen og sanserne.",
        "bygge en udeskole med bålhus {sted}",
        "sætte borde og et halvtag op {sted}",
        "Skolen {sted} har fået penge fra en fond til en udeskole, så der er ikke brug for kommunens.",
        (
            ("bakkely", "ved Bakkely Skole", "Udeskole ved Bakkely Skole"),
            ("lyngholt-nord", "ved Nordskolen", "Bålhus og udeskole ved Nordskolen"),
            ("kirkeby", "i Kirkeby Skov", "Udeskole i Kirkeby Skov"),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "klima"),
        (12, 13),
        "Genbrugsstation {sted}, hvor man kan give ting videre i stedet for at smide dem ud.",
        "På genbrugspladsen {sted} bliver mange gode ting smidt i containeren.\n\n"
        "Vi foreslår et Giv & Tag-hus, hvor man kan stille møbler, legetøj og værktøj, som "
        "andre kan tage gratis. Frivillige holder orden.\n\n"
        "Det sparer penge og ressourcer.",
        "bygge et Giv & Tag-hus {sted}",
        "stille en container til Giv & Tag op {sted} som forsøg i et år",
        "Affaldsselskabet åbner et stort genbrugscenter, og der er ikke plads til et hus {sted}.",
        (
            ("lyngholt-nord", "på genbrugspladsen i Lyngholt", "Giv & Tag-hus på genbrugspladsen"),
            ("strandvig", "i Strandvig", "Byttehus i Strandvig"),
            ("bakkely", "i Bakkely", "Giv & Tag i Bakkely"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "aeldre"),
        (10, 11),
        "Bedre fortov {sted}, så man kan komme frem med rollator, barnevogn og kørestol.",
        "Fortovet {sted} er fuld af huller, og fliserne stikker op. Flere er faldet.\n\n"
        "Vi foreslår, at fortovet bliver lagt om med jævne fliser og lave kantsten ved "
        "overgangene.\n\n"
        "Alle skal kunne komme sikkert frem.",
        "lægge fortovet om {sted} med jævne fliser og lave kantsten",
        "reparere de værste huller {sted} i år og lægge fortovet om i 2028",
        "Fortovet {sted} bliver lagt om, når fjernvarmen er gravet ned om to år.",
        (
            ("lyngholt-midtby", "på Nørregade", "Jævnt fortov på Nørregade"),
            ("kirkeby", "på Kirkeby Hovedgade", "Nyt fortov på Kirkeby Hovedgade"),
            (
                "lyngholt-nord",
                "ved Nordbo Plejecenter",
                "Fortov ved Nordbo, der kan bruges med rollator",
            ),
        ),
    ),
    Theme(
        ("kultur-og-fritid",),
        (4, 11),
        "Et kulturhus {sted}, hvor foreninger, musik og teater kan være.",
        "Foreningerne {sted} mangler lokaler. Den gamle skole står tom.\n\n"
        "Vi foreslår, at den gamle skole bliver kulturhus med øvelokaler, en sal og et "
        "café-køkken. Foreningerne vil selv stå for driften.\n\n"
        "Et kulturhus giver liv til hele byen.",
        "lade foreningerne {sted} bruge den gamle skole som kulturhus",
        "udleje stueetagen i den gamle skole {sted} til foreningerne i tre år",
        "Bygningen {sted} er sat til salg, og salget skal finansiere den nye skole.",
        (
            ("lyngby-sogn", "i Lyng", "Kulturhus i den gamle skole i Lyng"),
            ("strandvig", "i Strandvig", "Kulturhus i Strandvig Pakhus"),
            ("bakkely", "i Bakkely", "Foreningshus i Bakkely"),
        ),
    ),
    Theme(
        ("sundhed", "kultur-og-fritid"),
        (3, 11),
        "Et løbe- og gåspor {sted} med afmærkede ruter på 2, 5 og 10 km.",
        "Mange løber og går {sted}, men ruterne er ikke markeret, og stierne er mudrede.\n\n"
        "Vi foreslår tre afmærkede ruter med skilte og grus på de våde steder. Ruterne kan "
        "også bruges af skoler og foreninger.\n\n"
        "Det er billig motion for alle.",
        "afmærke tre ruter {sted} og lægge grus på de våde stykker",
        "afmærke én rute på 5 km {sted}",
        "Lodsejerne {sted} har ikke givet lov til at bruge deres stier.",
        (
            ("kirkeby", "omkring Kirkeby Sø", "Løbespor omkring Kirkeby Sø"),
            (None, "i Lyngskoven", "Afmærkede ruter i Lyngskoven"),
            ("strandvig", "langs kysten ved Strandvig", "Kyststi ved Strandvig"),
        ),
    ),
    Theme(
        ("boern-og-unge",),
        (4, 10),
        "Gratis lektiecafé {sted} for elever i 4.-10. klasse.",
        "Ikke alle børn {sted} kan få hjælp til lektierne derhjemme.\n\n"
        "Vi foreslår en lektiecafé to eftermiddage om ugen på biblioteket med frivillige og en "
        "lærer. Der skal være frugt og saftevand.\n\n"
        "Alle børn skal have de samme muligheder.",
        "åbne en lektiecafé {sted} to eftermiddage om ugen med en lærer",
        "åbne en lektiecafé {sted} én eftermiddag om ugen med frivillige",
        "Skolen {sted} har allerede lektiehjælp i SFO-tiden.",
        (
            ("engparken", "i Engparken", "Lektiecafé i Engparken"),
            ("bakkely", "på Bakkely Bibliotek", "Lektiehjælp på Bakkely Bibliotek"),
            ("lyngholt-nord", "i Lyngholt Nord", "Lektiecafé for unge i Lyngholt Nord"),
        ),
    ),
    Theme(
        ("klima", "byudvikling"),
        (7, 11, 13),
        "Solceller på de kommunale tage {sted}.",
        "Kommunen har store flade tage {sted} uden solceller. Strømmen købes dyrt.\n\n"
        "Vi foreslår solceller på alle skoler, haller og institutioner, hvor taget kan bære det. "
        "Borgerne kan investere i anlæggene.\n\n"
        "Det sparer penge og CO₂.",
        "sætte solceller på de kommunale tage {sted}, hvor taget kan bære det",
        "sætte solceller på de to største tage {sted} først",
        "Tagene {sted} skal renoveres først, og det sker ikke før 2029.",
        (
            (None, "i hele kommunen", "Solceller på alle kommunens tage"),
            ("kirkeby", "i Kirkeby", "Solceller på Kirkeby Hallen"),
            ("lyngholt-nord", "på Nordskolen", "Solceller på Nordskolen"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "klima"),
        (9, 11, 13),
        "Overdækket cykelparkering {sted}, så cyklerne ikke står i regnen.",
        "Ved stationen {sted} står cyklerne i regnen og bliver stjålet.\n\n"
        "Vi foreslår overdækket cykelparkering med lys, stativer man kan låse cyklen til, og "
        "plads til ladcykler.\n\n"
        "Flere vil cykle til toget, hvis cyklen står godt.",
        "bygge overdækket cykelparkering med lys {sted}",
        "sætte nye stativer og lys op {sted}",
        "Banedanmark ejer arealet {sted} og bygger selv ny parkering i 2028.",
        (
            ("lyngholt-midtby", "i Lyngholt", "Overdækket cykelparkering ved Lyngholt Station"),
            ("kirkeby", "i Kirkeby", "Cykelparkering ved Kirkeby Station"),
            ("bakkely", "i Bakkely", "Tag over cyklerne ved Bakkely Station"),
        ),
    ),
    Theme(
        ("aeldre", "sundhed"),
        (3, 10),
        "Mere tid til besøg og gåture for beboerne {sted}.",
        "Beboerne {sted} kommer sjældent udenfor. Personalet har ikke tid.\n\n"
        "Vi foreslår en ordning med besøgsvenner og cykling uden alder, så frivillige kan tage "
        "beboerne med ud. Kommunen skal betale en koordinator på deltid.\n\n"
        "Frisk luft og selskab gør en stor forskel.",
        "ansætte en koordinator for frivillige {sted} på deltid",
        "købe en rickshaw til Cykling Uden Alder {sted}",
        "Plejecentret {sted} har allerede en frivilligkoordinator.",
        (
            ("lyngholt-nord", "på Nordbo Plejecenter", "Frivillige gåture på Nordbo"),
            ("strandvig", "på Strandbo", "Cykling Uden Alder på Strandbo"),
            ("kirkeby", "på Kirkebo", "Besøgsvenner på Kirkebo"),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "sundhed"),
        (6, 14, 15),
        "Rens søen {sted}, så der igen kan være fisk og fugle.",
        "Søen {sted} er ved at gro til. Om sommeren lugter den, og fiskene dør.\n\n"
        "Vi foreslår, at søen bliver oprenset og at regnvand fra vejen bliver renset, før det "
        "løber ud i søen.\n\n"
        "En levende sø er godt for naturen og for os, der går tur.",
        "oprense søen {sted} og rense regnvandet fra vejen",
        "oprense den værste del af søen {sted}",
        "Oprensning kræver en miljøvurdering, og søen {sted} er beskyttet.",
        (
            ("kirkeby", "i Kirkeby", "Rens Kirkeby Sø"),
            ("lyngholt-nord", "i Vibeparken", "Ny luft til søen i Vibeparken"),
            ("lyngby-sogn", "ved Mosesøen", "Red Mosesøen"),
        ),
    ),
    Theme(
        ("byudvikling", "trafik-og-veje"),
        (11,),
        "Flere parkeringspladser for handicappede {sted}.",
        "Der er kun to handicappladser {sted}, og de er ofte optaget.\n\n"
        "Vi foreslår seks handicappladser tæt på indgangen og en bedre kontrol med, at de kun "
        "bruges af dem med handicapkort.\n\n"
        "Det er en lille ting, der betyder meget.",
        "lave seks handicappladser {sted}",
        "lave to ekstra handicappladser {sted}",
        "Der er allerede flere handicappladser {sted}, end loven kræver.",
        (
            ("lyngholt-midtby", "ved Sundhedshuset", "Handicappladser ved Sundhedshuset"),
            ("kirkeby", "ved Kirkeby Hallen", "Flere handicappladser ved Kirkeby Hallen"),
            ("strandvig", "ved Strandvig Strand", "Handicapparkering ved stranden"),
        ),
    ),
    Theme(
        ("kultur-og-fritid", "boern-og-unge"),
        (3, 11),
        "En skaterbane {sted}, hvor børn og unge kan køre på skateboard, løbehjul og BMX.",
        "Mange børn {sted} kører på løbehjul og skateboard på parkeringspladsen. Det er farligt.\n\n"
        "Vi foreslår en skaterbane i beton, som de unge selv er med til at tegne.\n\n"
        "Banen bliver et samlingssted for de unge.",
        "bygge en skaterbane i beton {sted}, tegnet sammen med de unge",
        "sætte flytbare ramper op {sted} om sommeren",
        "Naboerne {sted} frygter støj, og der er ikke et andet egnet areal.",
        (
            ("lyngholt-midtby", "i Byparken", "Skaterbane i Byparken"),
            ("bakkely", "i Bakkely", "Skatepark i Bakkely"),
            ("strandvig", "ved Strandvig Hallen", "Skaterbane ved Strandvig Hallen"),
        ),
    ),
    Theme(
        ("natur-og-miljoe", "klima"),
        (6, 12, 14),
        "Flere skraldespande og affaldssortering {sted}.",
        "Der flyder med affald {sted} efter sommerens gode dage. Skraldespandene er fyldt.\n\n"
        "Vi foreslår store skraldespande med låg og sortering til pant, plast og restaffald.\n\n"
        "Rent og pænt er godt for alle.",
        "sætte store skraldespande med sortering op {sted} og tømme dem oftere om sommeren",
        "tømme skraldespandene {sted} oftere om sommeren",
        "Affaldet {sted} er faldet, efter at der er kommet pant på flere flasker og dåser.",
        (
            ("strandvig", "på stranden", "Skraldespande med sortering på stranden"),
            ("lyngholt-midtby", "i Byparken", "Flere skraldespande i Byparken"),
            ("kirkeby", "ved Kirkeby Sø", "Affaldssortering ved Kirkeby Sø"),
        ),
    ),
    Theme(
        ("boern-og-unge", "sundhed"),
        (2, 3, 4),
        "Sund frokost {sted} til alle elever.",
        "Mange børn {sted} har ikke madpakke med eller spiser den ikke.\n\n"
        "Vi foreslår en skolemadsordning med varm mad to gange om ugen, lavet i skolens køkken "
        "af elever og en kok.\n\n"
        "Mætte børn lærer bedre.",
        "indføre varm skolemad to gange om ugen {sted}",
        "starte skolemad én dag om ugen {sted}",
        "Skolen {sted} har ikke et køkken, der må lave mad til så mange.",
        (
            ("engparken", "på Engskolen", "Skolemad på Engskolen"),
            ("kirkeby", "på Kirkeby Skole", "Varm mad på Kirkeby Skole"),
            (None, "på alle kommunens skoler", "Skolemad på alle skoler"),
        ),
    ),
    Theme(
        ("trafik-og-veje", "natur-og-miljoe"),
        (11, 15),
        "Sti {sted}, så man kan gå og cykle uden om den store vej.",
        "For at komme {sted} skal man i dag gå langs landevejen uden fortov.\n\n"
        "Vi foreslår en grussti langs markskellet. Lodsejeren har sagt ja.\n\n"
        "Stien gør det muligt at gå og cykle trygt.",
        "lave en grussti {sted}",
        "lave den første del af stien {sted}",
        "Stien {sted} kræver ekspropriation, og det vil byrådet ikke.",
        (
            ("lyngby-sogn", "fra Lyng til skolen", "Sti fra Lyng til skolen"),
            ("bakkely", "fra Bakkely til skoven", "Natursti fra Bakkely til Lyngskoven"),
            ("strandvig", "fra campingpladsen til byen", "Sti fra campingpladsen til Strandvig"),
        ),
    ),
    Theme(
        ("kultur-og-fritid",),
        (11, 17),
        "Byfest {sted}: støtte til en årlig fest for hele byen.",
        "Byfesten {sted} stoppede, fordi der ikke var penge til telt og toiletter.\n\n"
        "Vi foreslår, at kommunen betaler 25.000 kr. om året til telt, toiletter og "
        "affald. Borgerforeningen står for resten.\n\n"
        "En byfest samler byen.",
        "give 25.000 kr. om året til byfesten {sted}",
        "betale toiletter og affald til byfesten {sted}",
        "Byfesten {sted} kan søge kommunens kulturpulje som andre fester.",
        (
            ("bakkely", "i Bakkely", "Byfesten i Bakkely skal tilbage"),
            ("lyngby-sogn", "i Lyng", "Sommerfest i Lyng"),
            ("kirkeby", "i Kirkeby", "Kirkeby Byfest"),
        ),
    ),
    Theme(
        ("klima", "natur-og-miljoe"),
        (6, 11, 13),
        "Regnbede {sted}, så kældrene ikke bliver oversvømmet.",
        "Når det regner kraftigt, løber vandet {sted} ind i kældrene.\n\n"
        "Vi foreslår regnbede og grøfter med planter, som tager vandet. Det er billigere end "
        "større kloakrør og gør vejen grønnere.\n\n"
        "Vi vil gerne hjælpe med at plante.",
        "lave regnbede langs vejen {sted}",
        "lave et regnbed som forsøg {sted}",
        "Forsyningen lægger nye rør {sted}, og det løser problemet.",
        (
            ("lyngholt-nord", "på Engvej", "Regnbede på Engvej"),
            ("engparken", "i Engparken", "Regnbede i Engparken"),
            ("strandvig", "i Strandvig", "Regnbede mod oversvømmelse i Strandvig"),
        ),
    ),
]

REJECTED_SPECIALS = [
    (
        "Fjern min nabos hæk på Bakkelyvej",
        "Min nabos hæk er for høj og tager lyset fra min have.",
        "Min nabo har en hæk, der er over tre meter høj. Den tager al sol fra min terrasse. "
        "Jeg har bedt ham klippe den, men han vil ikke. Kommunen skal bestemme, at hækken skal ned.",
        "bakkely",
        "Forslaget handler om en strid mellem to naboer. Det kan et borgerforslag ikke afgøre. "
        "Du kan få hjælp af Teknik og Miljø, som behandler sager om hegn og hække.",
        "Regel 3: Et forslag må ikke handle om en enkelt persons sag.",
    ),
    (
        "Gratis færge fra Strandvig til Sverige",
        "En gratis færge fra Strandvig Havn til Sverige hver dag.",
        "Det er alt for dyrt at komme til Sverige. Der skal sejle en gratis færge fra Strandvig "
        "Havn hver time. Staten og Sverige skal betale.",
        "strandvig",
        "Kommunen kan ikke bestemme over færger til udlandet. Det er staten, der gør det. "
        "Du kan skrive til Folketinget eller lave et forslag på borgerforslag.dk.",
        "Regel 2: Forslaget skal handle om noget, kommunen selv kan bestemme.",
    ),
    (
        "Køb vores nye legepladsudstyr",
        "Vores firma har det bedste legepladsudstyr til den bedste pris.",
        "Vi sælger legepladsudstyr af høj kvalitet. Kommunen bør købe alle nye legepladser hos "
        "os. Ring for et godt tilbud.",
        None,
        "Forslaget er en reklame for et firma. Borgerforslag må ikke bruges til reklame. "
        "Firmaer kan byde på kommunens opgaver, når de bliver sendt i udbud.",
        "Regel 5: Et forslag må ikke være reklame.",
    ),
    (
        "Forbyd ulve i hele Danmark",
        "Ulvene skal væk fra Danmark, før de tager flere får.",
        "Ulvene er kommet tilbage og tager får og kalve. Det skal forbydes at have ulve i "
        "Danmark, og de skal skydes.",
        "lyngby-sogn",
        "Ulve er beskyttet af EU-regler og dansk lov. Det kan kommunen ikke ændre. "
        "Du kan kontakte Miljøministeriet eller lave et forslag på borgerforslag.dk.",
        "Regel 2: Forslaget skal handle om noget, kommunen selv kan bestemme.",
    ),
    (
        "Kommunen skal betale min tandlægeregning",
        "Jeg vil have hjælp til en stor tandlægeregning.",
        "Jeg har fået en regning på 18.000 kr. fra tandlægen. Det har jeg ikke råd til. "
        "Kommunen skal betale.",
        "lyngholt-nord",
        "Forslaget handler om din egen økonomi. Det kan et borgerforslag ikke hjælpe med. "
        "Ring til Borgerservice på 70 12 34 56. Du kan måske få hjælp efter reglerne om "
        "enkeltydelser.",
        "Regel 3: Et forslag må ikke handle om en enkelt persons sag.",
    ),
]

# 115 theme proposals; the 5 specials above are the rejected ones. Collecting is the big group.
STATE_PLAN: list[str] = (
    ["draft"] * 6
    + ["awaiting_coproposers"] * 5
    + ["expired_coproposers"] * 2
    + ["in_review"] * 5
    + ["in_review_overdue"]
    + ["collecting"] * 41
    + ["expired_collection"] * 5
    + ["referred"] * 8
    + ["referred_meeting"] * 4
    + ["referred_overdue"] * 3
    + ["answered_adopted"] * 4
    + ["answered_partly"] * 4
    + ["answered_rejected"] * 3
    + ["answered_other"] * 2
    + ["implemented"] * 8
    + ["closed"] * 8
    + ["withdrawn_draft"]
    + ["withdrawn_awaiting"]
    + ["withdrawn_review"]
    + ["withdrawn_collecting"] * 3
)

WITHDRAW_REASONS = [
    "Vi har talt med kommunen, og det, vi foreslog, er allerede på vej.",
    "Jeg er flyttet fra området og kan ikke følge forslaget til dørs.",
    "Vi vil hellere skrive forslaget sammen med foreningen og sende det igen senere.",
    "Grundejerforeningen har fundet en løsning sammen med lodsejeren.",
    "Forslaget overlapper med et andet forslag, som vi i stedet støtter.",
    "Vi har fået penge fra en fond, så der er ikke brug for kommunen.",
]

COMMENTS = [
    "Rigtig god idé. Jeg kommer forbi hver dag, og der mangler virkelig noget her.",
    "Jeg har boet her i 30 år, og det har vi snakket om lige så længe. Godt at nogen gør noget.",
    "Hvad koster det? Jeg synes, vi skal vide det, før vi beslutter os.",
    "Støttet! Mine børn ville elske det.",
    "Jeg er enig i tanken, men kan det ikke gøres billigere? Måske med frivillige?",
    "Husk også dem, der ikke kan gå så langt. Det skal være for alle.",
    "Vi har prøvet noget lignende i Bakkely, og det blev en stor succes.",
    "Jeg er lidt bekymret for støj om aftenen. Kan man tage hensyn til naboerne?",
    "Flot skrevet forslag. Jeg har delt det i grundejerforeningen.",
    "Kan man ikke søge en fond til en del af det? Så bliver det lettere at sige ja.",
    "Det vil gøre en stor forskel for de ældre i området.",
    "Jeg synes, pengene skal bruges på skolerne i stedet.",
    "Hvornår kan vi forvente at høre noget fra kommunen?",
    "Vi er flere fra foreningen, der gerne giver en hånd, hvis det bliver til noget.",
]
REPLIES = [
    "Enig! Jeg hjælper også gerne.",
    "Godt spørgsmål. Jeg har skrevet det ind i forslaget nu.",
    "Det tror jeg ikke bliver et problem. Der er langt til de nærmeste huse.",
    "Fonde kræver tit, at kommunen også betaler en del. Men det er en god tanke.",
    "Jeg er ikke enig. Begge dele kan lade sig gøre.",
    "Tak for det. Vi har talt med naboerne, og de er positive.",
]
STAFF_REPLIES = [
    "Tak for jeres kommentarer. Jeg er kontaktperson på forslaget. Skriv endelig, hvis I har "
    "spørgsmål til, hvordan det foregår.",
    "Når forslaget har 300 støtter, går det til byrådet. Svaret kommer senest seks måneder efter.",
    "Vi har bedt vejafdelingen om et overslag over prisen. Det lægger vi her, når vi har det.",
]
HIDDEN = [
    (
        "Det er Jens i nr. 14, der altid smider sit affald her. Han burde skamme sig.",
        "Kommentaren nævner en navngiven person. Vi skjuler oplysninger om andre mennesker.",
        ReportReason.PERSONAL_DATA,
    ),
    (
        "Køb billige havemøbler på www.billige-moebler.example. Gratis fragt i dag!",
        "Kommentaren var reklame for et firma.",
        ReportReason.SPAM,
    ),
    (
        "Dem, der har skrevet det her forslag, er nogle idioter.",
        "Kommentaren var nedladende over for andre deltagere.",
        ReportReason.ABUSE,
    ),
]
QUESTIONS = [
    (
        "Kan vi samle underskrifter på papir til byfesten og aflevere dem hos jer?",
        "Ja, det kan I gerne. Brug vores underskriftsark fra siden med reglerne. Aflevér arkene "
        "i Borgerservice, så tæller vi dem med. Husk fødselsdato på hver linje.",
    ),
    (
        "Hvem i kommunen skal vi tale med om, hvad det koster?",
        "Det er vejafdelingen. Jeg har bedt dem om et overslag og sender det til jer, når jeg "
        "har det. Det tager normalt en uge.",
    ),
    (
        "Må vi sætte plakater op om forslaget på biblioteket?",
        "Ja, biblioteket har en opslagstavle til foreninger og borgere. Spørg personalet ved "
        "skranken.",
    ),
    (
        "Hvornår bliver forslaget behandlet i udvalget?",
        "Forslaget er sat på dagsordenen til næste møde. Dagsordenen kommer ud en uge før, og "
        "du får besked her.",
    ),
    (
        "Kan vi komme og fortælle om forslaget, når byrådet behandler det?",
        "Ja. I kan få fem minutter i starten af mødet. Skriv til mig senest en uge før, så "
        "sætter jeg jer på.",
    ),
]
OPEN_QUESTION = (
    "Vi har fået et tilbud fra en lokal tømrer. Må vi sende det med til udvalget, så de kan se "
    "prisen?"
)


@dataclass
class Plan:
    title: str
    summary: str
    body: str
    area: str | None
    topics: tuple[str, ...]
    sdgs: tuple[int, ...]
    kind: str
    theme: Theme | None = None
    sted: str = ""
    rejection: tuple[str, str] = ("", "")
    fields: dict[str, Any] = field(default_factory=dict)
    events: list[tuple[datetime, str, str, str, str, bool]] = field(default_factory=list)
    coproposer_times: list[datetime] = field(default_factory=list)
    support_window: tuple[datetime, datetime] | None = None
    support_count: int = 0
    created_at: datetime | None = None


def _plans() -> list[Plan]:
    rng = random.Random(4242)  # noqa: S311 - demo data, reproducible on purpose
    theme_items = [(theme, variant) for theme in THEMES for variant in theme.variants]
    kinds = list(STATE_PLAN)
    rng.shuffle(kinds)
    assert len(theme_items) >= len(kinds)
    plans = []
    for (theme, (area, sted, title)), kind in zip(theme_items, kinds, strict=False):
        plans.append(
            Plan(
                title=title,
                summary=theme.summary.format(sted=sted),
                body=theme.body.format(sted=sted),
                area=area,
                topics=theme.topics,
                sdgs=theme.sdgs,
                kind=kind,
                theme=theme,
                sted=sted,
            )
        )
    for title, summary, body, area, reason, rule in REJECTED_SPECIALS:
        plans.append(
            Plan(
                title=title,
                summary=summary,
                body=body,
                area=area,
                topics=(),
                sdgs=(),
                kind="rejected_in_review",
                rejection=(reason, rule),
            )
        )
    return plans


def _danish_date(moment: datetime) -> str:
    return f"{moment.day}. {MONTHS[moment.month]} {moment.year}"


def _answer_text(plan: Plan, decision: str, meeting: datetime, committee: Committee) -> str:
    theme = plan.theme
    assert theme is not None
    when = _danish_date(meeting)
    action = theme.action.format(sted=plan.sted)
    if decision == Decision.ADOPTED:
        return (
            f"{committee.name} sagde ja til forslaget på mødet den {when}. Kommunen vil {action}. "
            "Pengene kommer fra næste års budget. Arbejdet går i gang inden for et år, og vi "
            "skriver her på siden, når der sker noget. Tak til alle, der støttede forslaget."
        )
    if decision == Decision.PARTLY_ADOPTED:
        return (
            f"{committee.name} sagde ja til en del af forslaget på mødet den {when}. Kommunen vil "
            f"{theme.partial.format(sted=plan.sted)}. Resten koster mere, end der er plads til i "
            "år. Det bliver taget op igen ved budgettet til efteråret."
        )
    if decision == Decision.REJECTED:
        return (
            f"{committee.name} sagde nej til forslaget på mødet den {when}. "
            f"{theme.no.format(sted=plan.sted)} {committee.name} takker for forslaget og for de "
            "mange, "
            "der har støttet det. Kontaktpersonen fortæller gerne mere."
        )
    return (
        f"{committee.name} besluttede den {when} at tage forslaget med i en samlet plan for "
        "området. Planen kommer i høring i foråret, og så kan alle sige deres mening. Forslaget "
        "er ikke vedtaget endnu, men det er ikke afvist."
    )


def _schedule(plan: Plan, rng: random.Random, now: datetime, ctx: dict[str, Any]) -> None:
    """Fill in the dates, fields and timeline of one proposal, walking its lifecycle."""
    rules: lifecycle.Rules = ctx["rules"]
    kind = plan.kind
    f = plan.fields
    ev = plan.events

    def at(days: float) -> datetime:
        return now - timedelta(days=days, minutes=rng.randint(0, 600))

    def event(
        when: datetime, kind_: str, state: str, role: str, note: str = "", public: bool = True
    ) -> None:
        ev.append((when, kind_, state, role, note, public))

    def start(submitted: datetime) -> None:
        created = submitted - timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 10))
        plan.created_at = created
        event(created, "created", State.DRAFT, "author", public=False)
        event(submitted, "submit", State.AWAITING_COPROPOSERS, "author")
        f["submitted_at"] = submitted
        f["coproposers_due"] = lifecycle.co_proposers_due(submitted, rules)

    def coproposers(submitted: datetime, count: int, until: datetime) -> datetime:
        last = submitted
        span = max((until - submitted).total_seconds(), 3600)
        for i in range(count):
            last = submitted + timedelta(seconds=span * (i + 1) / (count + 1))
            plan.coproposer_times.append(last)
            event(last, "coproposer_joined", State.AWAITING_COPROPOSERS, "resident")
        return last

    def review(submitted: datetime, until: datetime) -> datetime:
        done = coproposers(submitted, 3, until)
        f["review_started_at"] = done
        f["review_due"] = lifecycle.review_due(done, rules)
        event(done, "coproposers_complete", State.IN_REVIEW, "system")
        return done

    def publish(published: datetime) -> None:
        review_started = published - timedelta(days=rng.randint(2, 9), hours=rng.randint(1, 6))
        submitted = review_started - timedelta(days=rng.randint(1, 12), hours=rng.randint(1, 9))
        start(submitted)
        review(submitted, review_started)
        f["threshold"] = THRESHOLD
        f["published_at"] = published
        f["collection_ends"] = lifecycle.collection_ends(published, rules)
        f["contact_person"] = ctx["case_officer"]
        event(published, "approve", State.COLLECTING, rng.choice(["moderator", "case_officer"]))

    def refer(reached: datetime) -> None:
        committee = ctx["council"]
        f["threshold_reached_at"] = reached
        f["referred_at"] = reached
        f["committee"] = committee
        f["answer_due"] = lifecycle.answer_due(reached, rules, None)
        plan.support_count = THRESHOLD
        plan.support_window = (f["published_at"], reached)
        event(reached, "threshold_reached", State.THRESHOLD_REACHED, "system")
        event(reached + timedelta(seconds=1), "refer", State.REFERRED, "system")

    def schedule_meeting(placed: datetime, meeting: datetime, state: str) -> None:
        committee = ctx["committee_for"](plan)
        f["committee"] = committee
        f["case_number"] = f"{placed.year}-{rng.randint(1000, 9999)}"
        f["meeting_at"] = meeting
        event(
            placed,
            "scheduled",
            state,
            "committee_secretary",
            f"På dagsordenen for {committee.name} den {_danish_date(meeting)}.",
        )

    def reminders(state: str) -> None:
        due = f["answer_due"]
        sent = []
        for days in rules.reminder_days:
            when = add_days(due, -days)
            if when < now:
                sent.append(days)
                event(
                    when,
                    "reminder",
                    state,
                    "system",
                    f"Svaret skal komme om {days} dage",
                    public=False,
                )
        f["reminders_sent"] = sorted(sent, reverse=True)

    def answer(decision: str, answered: datetime) -> None:
        meeting = answered - timedelta(hours=rng.randint(2, 20))
        placed = meeting - timedelta(days=rng.randint(14, 40))
        schedule_meeting(placed, meeting, State.REFERRED)
        reminders(State.REFERRED)
        f["reminders_sent"] = [
            d for d in f["reminders_sent"] if add_days(f["answer_due"], -d) < answered
        ]
        plan.events[:] = [e for e in plan.events if not (e[1] == "reminder" and e[0] >= answered)]
        f["decision"] = decision
        f["answered_at"] = answered
        f["answer_text"] = _answer_text(plan, decision, meeting, f["committee"])
        # The decision itself is shown from the proposal, in each reader's language.
        event(answered, "answer", State.ANSWERED, "committee_secretary", "")

    if kind == "draft":
        plan.created_at = at(rng.randint(0, 40))
        event(plan.created_at, "created", State.DRAFT, "author", public=False)
    elif kind in ("awaiting_coproposers", "withdrawn_awaiting"):
        submitted = at(rng.randint(1, 12))
        start(submitted)
        coproposers(submitted, rng.randint(0, 2), now)
        if kind == "withdrawn_awaiting":
            gone = now - (now - submitted) / 3
            f["closed_at"] = gone
            event(gone, "withdraw", State.WITHDRAWN, "author", rng.choice(WITHDRAW_REASONS))
    elif kind == "expired_coproposers":
        submitted = at(rng.randint(30, 200))
        start(submitted)
        coproposers(submitted, rng.randint(0, 2), f["coproposers_due"])
        f["closed_at"] = f["coproposers_due"] + timedelta(minutes=7)
        event(f["closed_at"], "coproposers_expired", State.EXPIRED, "system")
    elif kind in ("in_review", "in_review_overdue", "withdrawn_review"):
        started = at(rng.randint(13, 16) if kind == "in_review_overdue" else rng.randint(0, 8))
        submitted = started - timedelta(days=rng.randint(1, 10))
        start(submitted)
        review(submitted, started)
        if kind == "in_review_overdue":
            f["review_escalated_at"] = f["review_due"] + timedelta(minutes=11)
        if kind == "withdrawn_review":
            f["closed_at"] = now - timedelta(hours=rng.randint(2, 30))
            event(f["closed_at"], "withdraw", State.WITHDRAWN, "author", WITHDRAW_REASONS[0])
    elif kind == "withdrawn_draft":
        plan.created_at = at(rng.randint(20, 60))
        event(plan.created_at, "created", State.DRAFT, "author", public=False)
        f["closed_at"] = plan.created_at + timedelta(days=rng.randint(3, 15))
        event(f["closed_at"], "withdraw", State.WITHDRAWN, "author", WITHDRAW_REASONS[1])
    elif kind == "rejected_in_review":
        started = at(rng.randint(20, 300))
        submitted = started - timedelta(days=rng.randint(1, 8))
        start(submitted)
        review(submitted, started)
        rejected = started + timedelta(days=rng.randint(2, 9))
        reason, rule = plan.rejection
        f.update(rejection_reason=reason, rejection_rule=rule, closed_at=rejected)
        event(rejected, "reject", State.REJECTED_IN_REVIEW, "moderator", reason)
    elif kind in ("collecting", "withdrawn_collecting"):
        index = ctx["collecting_index"]
        ctx["collecting_index"] += 1
        age = rng.randint(1, 178)
        publish(at(age))
        # Support grows with age; one in five is within reach of the threshold.
        if index % 5 == 0:
            plan.support_count = rng.randint(262, THRESHOLD - 1)
        else:
            plan.support_count = min(
                THRESHOLD - 1, int(rng.uniform(0.05, 1.3) * THRESHOLD * age / 180) + 2
            )
        end = now
        if kind == "withdrawn_collecting":
            end = now - (now - f["published_at"]) / 4
            f["closed_at"] = end
            event(end, "withdraw", State.WITHDRAWN, "author", rng.choice(WITHDRAW_REASONS[2:]))
        plan.support_window = (f["published_at"], end)
    elif kind == "expired_collection":
        publish(at(rng.randint(185, 420)))
        plan.support_count = rng.randint(12, 240)
        ended = f["collection_ends"] + timedelta(minutes=9)
        plan.support_window = (f["published_at"], f["collection_ends"])
        f["closed_at"] = ended
        event(ended, "collection_expired", State.EXPIRED, "system")
    elif kind.startswith("referred"):
        if kind == "referred_overdue":
            reached = at(rng.randint(190, 240))
        else:
            reached = at(rng.randint(3, 170))
        publish(reached - timedelta(days=rng.randint(25, 170)))
        refer(reached)
        if kind == "referred_meeting":
            placed = reached + timedelta(days=rng.randint(2, 3))
            meeting = now + timedelta(days=rng.randint(5, 40))
            meeting = meeting.replace(hour=17, minute=0, second=0, microsecond=0)
            schedule_meeting(placed, min(meeting, f["answer_due"]), State.REFERRED)
        reminders(State.REFERRED)
        if kind == "referred_overdue":
            f["escalated_at"] = f["answer_due"] + timedelta(minutes=13)
            event(f["escalated_at"], "answer_overdue", State.REFERRED, "system")
    else:  # answered_*, implemented, closed
        if kind.startswith("answered"):
            answered = at(rng.randint(2, 90))
            decision = {
                "answered_adopted": Decision.ADOPTED,
                "answered_partly": Decision.PARTLY_ADOPTED,
                "answered_rejected": Decision.REJECTED,
                "answered_other": Decision.OTHER,
            }[kind]
        else:
            answered = at(rng.randint(120, 500))
            decision = (
                rng.choice([Decision.ADOPTED, Decision.ADOPTED, Decision.PARTLY_ADOPTED])
                if kind == "implemented"
                else rng.choice([Decision.REJECTED, Decision.OTHER, Decision.PARTLY_ADOPTED])
            )
        reached = answered - timedelta(days=rng.randint(45, 170))
        publish(reached - timedelta(days=rng.randint(25, 170)))
        refer(reached)
        answer(decision, answered)
        if kind == "implemented":
            done = answered + timedelta(days=rng.randint(40, 110))
            f["closed_at"] = done
            event(
                done,
                "implement",
                State.IMPLEMENTED,
                "case_officer",
                "Det er nu gjort. Tak til alle, der var med – også de frivillige, der gav en hånd.",
            )
        elif kind == "closed":
            done = answered + timedelta(days=rng.randint(10, 60))
            f["closed_at"] = done
            event(
                done,
                "close",
                State.CLOSED,
                "case_officer",
                "Sagen er afsluttet. Svaret står ovenfor.",
            )


def _state_of(kind: str) -> str:
    for prefix, state in (
        ("draft", State.DRAFT),
        ("awaiting", State.AWAITING_COPROPOSERS),
        ("in_review", State.IN_REVIEW),
        ("collecting", State.COLLECTING),
        ("expired", State.EXPIRED),
        ("referred", State.REFERRED),
        ("answered", State.ANSWERED),
        ("implemented", State.IMPLEMENTED),
        ("closed", State.CLOSED),
        ("withdrawn", State.WITHDRAWN),
        ("rejected_in_review", State.REJECTED_IN_REVIEW),
    ):
        if kind.startswith(prefix):
            return state.value
    raise ValueError(kind)


def _paper_key(title: str, index: int) -> str:
    return hashlib.sha256(f"lyngholt-demo-paper:{title}:{index}".encode()).hexdigest()


def _spread(rng: random.Random, window: tuple[datetime, datetime], count: int) -> list[datetime]:
    """Support times over the window, front- and back-loaded like a real campaign."""
    start, end = window
    span = max((end - start).total_seconds(), 60)
    times = []
    for i in range(count):
        share = rng.betavariate(0.7, 0.9) if i < count - 1 else 1.0
        times.append(start + timedelta(seconds=span * share))
    return sorted(times)


def load_proposals(context: DemoContext) -> list[str]:
    municipality = context.municipality
    now = context.now
    rng = random.Random(7)  # noqa: S311 - demo data, reproducible on purpose
    staff = context.staff

    council = context.committees["byraadet"]
    rules_row, _ = ProposalRules.objects.update_or_create(
        municipality=municipality,
        defaults={
            "threshold_kind": ProposalRules.ThresholdKind.ABSOLUTE,
            "threshold_absolute": THRESHOLD,
            "threshold_share_percent": None,
            "min_age": 15,
            "co_proposers": 3,
            "co_proposer_days": 14,
            "review_days": 10,
            "collection_days": 180,
            "answer_kind": ProposalRules.AnswerKind.MONTHS,
            "answer_months": 6,
            "response_days": 14,
            "reminder_days": "30,7",
            "default_committee": council,
        },
    )
    topics = {}
    for slug, name in TOPICS:
        topics[slug], _ = Topic.objects.update_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )
    sdgs = {sdg.number: sdg for sdg in Sdg.objects.all()}

    topic_committee = {
        "trafik-og-veje": "teknik-og-miljoe",
        "natur-og-miljoe": "teknik-og-miljoe",
        "klima": "teknik-og-miljoe",
        "byudvikling": "teknik-og-miljoe",
        "boern-og-unge": "boern-og-unge",
        "kultur-og-fritid": "kultur-og-fritid",
        "aeldre": "social-og-sundhed",
        "sundhed": "social-og-sundhed",
    }

    def committee_for(plan: Plan) -> Committee:
        # Half are treated by the council itself, half sent on to the committee for the subject.
        if not plan.topics or rng.random() < 0.5:
            return council
        return context.committees[topic_committee[plan.topics[0]]]

    ctx: dict[str, Any] = {
        "rules": rules_row.as_domain(),
        "council": council,
        "case_officer": staff["case_officer"],
        "committee_for": committee_for,
        "collecting_index": 0,
    }

    # Who may propose and support where: verified residents aged 15+ living in the area.
    verified = [r for r in context.residents if hasattr(r, "identity")]
    area_ids: dict[str | None, Area | None] = {None: None}
    area_ids.update(context.areas)

    areas_by_pk = {a.pk: a for a in context.areas.values()}

    def ancestors(area_id: int | None) -> set[int]:
        ids = set()
        while area_id is not None and area_id in areas_by_pk:
            ids.add(area_id)
            area_id = areas_by_pk[area_id].parent_id
        return ids

    resident_areas = {r.pk: ancestors(r.identity.residence_area_id) for r in verified}

    def eligible(area_slug: str | None) -> list[User]:
        area = area_ids[area_slug]
        people = [
            r
            for r in verified
            if (r.identity.birth_year or 0) <= now.year - 15
            and (area is None or area.pk in resident_areas[r.pk])
        ]
        return people if len(people) >= 4 else verified

    plans = _plans()
    for plan in plans:
        _schedule(plan, rng, now, ctx)

    # Proposals, keyed by title within the municipality.
    existing = {p.title: p for p in Proposal.objects.filter(municipality=municipality)}
    proposals: list[Proposal] = []
    for plan in plans:
        people = eligible(plan.area)
        author = people[rng.randrange(len(people))]
        coords = AREA_COORDS.get(plan.area or "") if rng.random() < 0.6 else None
        values: dict[str, Any] = {
            "area": area_ids[plan.area],
            "author": author,
            "summary": plan.summary,
            "body": plan.body,
            "state": _state_of(plan.kind),
            "latitude": Decimal(str(round(coords[0] + rng.uniform(-0.006, 0.006), 5)))
            if coords
            else None,
            "longitude": Decimal(str(round(coords[1] + rng.uniform(-0.01, 0.01), 5)))
            if coords
            else None,
            "support_count": plan.support_count,
        }
        for name in (
            "threshold",
            "submitted_at",
            "coproposers_due",
            "review_started_at",
            "review_due",
            "published_at",
            "collection_ends",
            "threshold_reached_at",
            "referred_at",
            "committee",
            "case_number",
            "meeting_at",
            "answer_due",
            "escalated_at",
            "review_escalated_at",
            "contact_person",
            "decision",
            "answer_text",
            "answered_at",
            "closed_at",
            "rejection_reason",
            "rejection_rule",
            "supporters_forgotten_at",
        ):
            blank = (
                ""
                if name
                in (
                    "case_number",
                    "decision",
                    "answer_text",
                    "rejection_reason",
                    "rejection_rule",
                )
                else None
            )
            values[name] = plan.fields.get(name, blank)
        values["reminders_sent"] = plan.fields.get("reminders_sent", [])
        proposal = existing.get(plan.title) or Proposal(municipality=municipality, title=plan.title)
        for name, value in values.items():
            setattr(proposal, name, value)
        proposal.save()
        proposal.created_at = plan.created_at or now
        proposals.append(proposal)
    Proposal.objects.bulk_update(proposals, ["created_at"])
    ids = [p.pk for p in proposals]

    # Rebuild everything hanging off the proposals from the same seed.
    proposal_type = ContentType.objects.get_for_model(Proposal)
    Comment.objects.filter(content_type=proposal_type, object_id__in=ids).delete()
    Support.objects.filter(proposal_id__in=ids).delete()
    ProposalEvent.objects.filter(proposal_id__in=ids).delete()
    CoProposer.objects.filter(proposal_id__in=ids).delete()
    Question.objects.filter(proposal_id__in=ids).delete()
    Proposal.topics.through.objects.filter(proposal_id__in=ids).delete()
    Proposal.sdgs.through.objects.filter(proposal_id__in=ids).delete()
    AuditEntry.objects.filter(
        action="proposal.supporters_forgotten",
        target_type=Proposal._meta.label,
        target_id__in=[str(pk) for pk in ids],
    ).delete()

    topic_rows, sdg_rows, events, coproposer_rows, supports, follows = [], [], [], [], [], []
    questions: list[Question] = []
    for plan, proposal in zip(plans, proposals, strict=True):
        topic_rows += [
            Proposal.topics.through(proposal_id=proposal.pk, topic_id=topics[slug].pk)
            for slug in plan.topics
        ]
        sdg_rows += [
            Proposal.sdgs.through(proposal_id=proposal.pk, sdg_id=sdgs[number].pk)
            for number in plan.sdgs
            if number in sdgs
        ]
        events += [
            ProposalEvent(
                proposal=proposal,
                kind=kind,
                state_after=str(state),
                actor_role=role,
                note=note,
                public=public,
                at=when,
            )
            for when, kind, state, role, note, public in sorted(plan.events, key=lambda e: e[0])
        ]
        people = [p for p in eligible(plan.area) if p.pk != proposal.author_id]
        rng.shuffle(people)
        joiners = people[: len(plan.coproposer_times)]
        coproposer_rows += [
            CoProposer(proposal=proposal, user=user, joined_at=when)
            for user, when in zip(joiners, plan.coproposer_times, strict=True)
        ]
        if proposal.state != State.DRAFT:
            follows += [
                Follow(
                    user_id=user_id,
                    municipality=municipality,
                    content_type=proposal_type,
                    object_id=proposal.pk,
                    created_at=proposal.submitted_at or now,
                )
                for user_id in [proposal.author_id, *(u.pk for u in joiners)]
                if user_id is not None
            ]
        if plan.support_window and plan.support_count:
            times = _spread(rng, plan.support_window, plan.support_count)
            online = [p for p in eligible(plan.area) if p.pk != proposal.author_id]
            rng.shuffle(online)
            online = online[: min(len(online), plan.support_count, rng.randint(3, 30))]
            for i, when in enumerate(times):
                if i < len(online):
                    person = online[i]
                    show = rng.random() < 0.4
                    supports.append(
                        Support(
                            proposal=proposal,
                            person_key=person.identity.person_key,
                            match_key=person.identity.match_key,
                            user=person,
                            source=Support.Source.ONLINE,
                            show_name=show,
                            public_name=person.display_name if show else "",
                            created_at=when,
                        )
                    )
                else:
                    supports.append(
                        Support(
                            proposal=proposal,
                            person_key=_paper_key(proposal.title, i),
                            source=Support.Source.PAPER,
                            created_at=when,
                            entered_by=staff["case_officer"],
                            sheet_reference=f"Ark {1 + (i - len(online)) // 20}",
                        )
                    )
        # Questions from the proposer to the contact person.
        if proposal.contact_person_id and rng.random() < 0.25:
            asked = cast(datetime, proposal.published_at) + timedelta(days=rng.randint(1, 20))
            if asked < now - timedelta(days=10):
                text, reply = QUESTIONS[len(questions) % len(QUESTIONS)]
                questions.append(
                    Question(
                        proposal=proposal,
                        asked_by_id=proposal.author_id,
                        text=text,
                        asked_at=asked,
                        due_at=add_days(asked, 14),
                        answer=reply,
                        answered_at=asked + timedelta(days=rng.randint(1, 9), hours=3),
                        answered_by=staff["case_officer"],
                    )
                )

    # One open question, asked three days ago, on the collecting proposal closest to the goal.
    close = max(
        (p for p in proposals if p.state == State.COLLECTING), key=lambda p: p.support_count
    )
    asked = now - timedelta(days=3, hours=2)
    questions.append(
        Question(
            proposal=close,
            asked_by_id=close.author_id,
            text=OPEN_QUESTION,
            asked_at=asked,
            due_at=add_days(asked, 14),
        )
    )

    Proposal.topics.through.objects.bulk_create(topic_rows)
    Proposal.sdgs.through.objects.bulk_create(sdg_rows)
    ProposalEvent.objects.bulk_create(events, batch_size=500)
    CoProposer.objects.bulk_create(coproposer_rows)
    Support.objects.bulk_create(supports, batch_size=1000)
    Question.objects.bulk_create(questions)
    Follow.objects.bulk_create(follows, ignore_conflicts=True)
    # As the nightly job would have done: who supported the proposals answered more than the
    # retention period ago is deleted; their counts stay.
    forgotten = supporters_forget(now=now, municipality_id=municipality.pk)
    comment_count, hidden_count = _load_comments(context, plans, proposals, rng, proposal_type)

    by_state: dict[str, int] = {}
    for proposal in proposals:
        by_state[proposal.state] = by_state.get(proposal.state, 0) + 1
    states = ", ".join(f"{count} {state}" for state, count in sorted(by_state.items()))
    return [
        f"Citizen proposals: {len(proposals)} ({states}).",
        f"Citizen proposal supports: {len(supports)} "
        f"({sum(1 for s in supports if s.source == Support.Source.ONLINE)} online, "
        f"the rest on paper); {len(events)} timeline events, {len(questions)} questions, "
        f"{comment_count} comments ({hidden_count} hidden by a moderator).",
        f"Supporters forgotten after the retention period: {forgotten.supports} supports of "
        f"{forgotten.proposals} finished proposals (the counts stay).",
    ]


def _load_comments(
    context: DemoContext,
    plans: list[Plan],
    proposals: list[Proposal],
    rng: random.Random,
    proposal_type: ContentType,
) -> tuple[int, int]:
    now = context.now
    moderator = context.staff["moderator"]
    officer = context.staff["case_officer"]
    residents = context.residents
    hidden_left = list(HIDDEN)
    top: list[Comment] = []
    dates: dict[int, datetime] = {}
    public = [
        p
        for p in proposals
        if p.published_at is not None and p.state not in (State.WITHDRAWN, State.REJECTED_IN_REVIEW)
    ]
    for proposal in public:
        n = rng.choice([0, 0, 1, 2, 2, 3, 4, 5])
        assert proposal.published_at is not None
        end = proposal.closed_at or now
        for _ in range(n):
            when = proposal.published_at + (end - proposal.published_at) * rng.random() * 0.8
            top.append(
                Comment(
                    municipality=context.municipality,
                    content_type=proposal_type,
                    object_id=proposal.pk,
                    author=rng.choice(residents),
                    body=rng.choice(COMMENTS),
                )
            )
            dates[id(top[-1])] = when
        if n >= 3 and hidden_left:
            body, reason, _report = hidden_left[0]
            when = proposal.published_at + (end - proposal.published_at) * 0.5
            top.append(
                Comment(
                    municipality=context.municipality,
                    content_type=proposal_type,
                    object_id=proposal.pk,
                    author=rng.choice(residents),
                    body=body,
                    is_hidden=True,
                    hidden_reason=reason,
                    hidden_at=when + timedelta(hours=5),
                    hidden_by=moderator,
                    report_count=0,
                )
            )
            dates[id(top[-1])] = when
            hidden_left.pop(0)
    Comment.objects.bulk_create(top, batch_size=500)
    replies: list[Comment] = []
    for comment in top:
        if comment.is_hidden or rng.random() > 0.35:
            continue
        when = dates[id(comment)] + timedelta(hours=rng.randint(1, 48))
        staff_reply = rng.random() < 0.3
        reply = Comment(
            municipality=context.municipality,
            content_type=proposal_type,
            object_id=comment.object_id,
            parent=comment,
            depth=1,
            author=officer if staff_reply else rng.choice(residents),
            body=rng.choice(STAFF_REPLIES if staff_reply else REPLIES),
        )
        replies.append(reply)
        dates[id(reply)] = min(when, now)
    Comment.objects.bulk_create(replies, batch_size=500)
    deeper: list[Comment] = []
    for reply in replies[::3]:
        answer = Comment(
            municipality=context.municipality,
            content_type=proposal_type,
            object_id=reply.object_id,
            parent=reply,
            depth=2,
            author=rng.choice(residents),
            body=rng.choice(REPLIES),
        )
        deeper.append(answer)
        dates[id(answer)] = min(dates[id(reply)] + timedelta(hours=rng.randint(1, 30)), now)
    Comment.objects.bulk_create(deeper)
    every = top + replies + deeper
    for comment in every:
        comment.created_at = comment.updated_at = dates[id(comment)]
    Comment.objects.bulk_update(every, ["created_at", "updated_at"], batch_size=500)
    reports = []
    for comment in top:
        if comment.is_hidden:
            reason = next(r for body, _t, r in HIDDEN if body == comment.body)
            reporter = next(r for r in residents if r.pk != comment.author_id)
            reports.append(
                CommentReport(
                    municipality=context.municipality,
                    comment=comment,
                    reporter=reporter,
                    reason=reason,
                    status=ReportStatus.UPHELD,
                    created_at=dates[id(comment)] + timedelta(hours=2),
                    resolved_at=comment.hidden_at,
                    resolved_by=moderator,
                )
            )
    CommentReport.objects.bulk_create(reports)
    _load_reports_waiting(top, residents, moderator, dates, now)
    return len(every), sum(1 for c in top if c.is_hidden)


# Reports a moderator has not decided yet (the queue is not empty in the demo), and one report
# a moderator dismissed: the comment breaks no rule and stays.
WAITING_REPORTS = (
    (ReportReason.OFF_TOPIC, ""),
    (ReportReason.OTHER, "Jeg tror, kommentaren er skrevet på det forkerte forslag."),
)


def _load_reports_waiting(
    top: list[Comment],
    residents: list[User],
    moderator: User,
    dates: dict[int, datetime],
    now: datetime,
) -> None:
    from medborger.comments.services import comment_report, reports_dismiss

    visible = sorted((c for c in top if not c.is_hidden), key=lambda c: dates[id(c)])[-3:]
    if len(visible) < 3:
        return
    for comment, (reason, text) in zip(visible[:2], WAITING_REPORTS, strict=True):
        reporter = next(r for r in residents if r.pk != comment.author_id)
        at = min(dates[id(comment)] + timedelta(hours=5), now)
        comment_report(reporter=reporter, comment=comment, reason=reason, text=text, now=at)
    dismissed = visible[2]
    reporter = next(r for r in reversed(residents) if r.pk != dismissed.author_id)
    at = min(dates[id(dismissed)] + timedelta(hours=3), now)
    comment_report(reporter=reporter, comment=dismissed, reason=ReportReason.ABUSE, now=at)
    reports_dismiss(moderator=moderator, comment=dismissed, now=min(at + timedelta(hours=4), now))
