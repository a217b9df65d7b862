"""The demo municipality: Lyngholt Kommune, fictional, with Danish content.

load_all() is idempotent: every row is found by a natural key and updated, never duplicated.
Later capabilities add their own loader with register_demo_loader().
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from medborger.accounts.identity import EidAssertion, identity_verify
from medborger.accounts.models import Identity, RoleAssignment, User
from medborger.places.models import (
    Area,
    AreaKind,
    AssuranceLevel,
    Committee,
    CommitteeMembership,
    InfoPage,
    Municipality,
    Organisation,
)
from medborger.places.statements import statement_template

DEMO_PASSWORD = "lyngholt-demo-2026"  # noqa: S105 - documented demo password, demo data only


@dataclass
class DemoContext:
    municipality: Municipality
    areas: dict[str, Area] = field(default_factory=dict)
    committees: dict[str, Committee] = field(default_factory=dict)
    staff: dict[str, User] = field(default_factory=dict)
    residents: list[User] = field(default_factory=list)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    now: Any = None


DemoLoader = Callable[[DemoContext], list[str]]
_LOADERS: list[DemoLoader] = []


def register_demo_loader(loader: DemoLoader) -> None:
    if loader not in _LOADERS:
        _LOADERS.append(loader)


def load_all() -> list[str]:
    context = load_foundation()
    summary = [
        f"{context.municipality.name}: {len(context.areas)} areas, "
        f"{len(context.committees)} committees, {len(context.organisations)} organisations, "
        f"{len(context.staff)} staff users, {len(context.residents)} residents "
        f"({sum(1 for r in context.residents if hasattr(r, 'identity'))} verified)."
    ]
    for loader in _LOADERS:
        summary.extend(loader(context))
    return summary


AREAS = [
    # slug, name, kind, parent slug, total, 10+, 15+, 18+
    (
        "lyngholt-kommune",
        "Hele Lyngholt Kommune",
        AreaKind.MUNICIPALITY,
        None,
        48_730,
        43_310,
        40_480,
        38_590,
    ),
    ("lyngholt", "Lyngholt", AreaKind.TOWN, "lyngholt-kommune", 24_120, 21_390, 19_980, 19_050),
    (
        "lyngholt-midtby",
        "Lyngholt Midtby",
        AreaKind.DISTRICT,
        "lyngholt",
        9_870,
        8_920,
        8_410,
        8_130,
    ),
    ("lyngholt-nord", "Lyngholt Nord", AreaKind.DISTRICT, "lyngholt", 8_960, 7_810, 7_220, 6_860),
    ("engparken", "Engparken", AreaKind.HOUSING_AREA, "lyngholt", 2_640, 2_180, 1_960, 1_790),
    ("bakkely", "Bakkely", AreaKind.TOWN, "lyngholt-kommune", 9_450, 8_430, 7_910, 7_480),
    ("kirkeby", "Kirkeby", AreaKind.TOWN, "lyngholt-kommune", 6_980, 6_230, 5_840, 5_560),
    ("strandvig", "Strandvig", AreaKind.TOWN, "lyngholt-kommune", 4_310, 3_820, 3_560, 3_390),
    (
        "lyngby-sogn",
        "Lyng Sogn (landdistrikt)",
        AreaKind.PARISH,
        "lyngholt-kommune",
        3_870,
        3_440,
        3_190,
        3_110,
    ),
]

COMMITTEES = [
    ("byraadet", "Byrådet", True, "Kommunens øverste politiske ledelse. Byrådet har 25 medlemmer."),
    ("boern-og-unge", "Børne- og Ungeudvalget", False, "Dagtilbud, skoler, SFO og klubber."),
    (
        "kultur-og-fritid",
        "Kultur- og Fritidsudvalget",
        False,
        "Biblioteker, idræt, foreninger og kultur.",
    ),
    ("teknik-og-miljoe", "Teknik- og Miljøudvalget", False, "Veje, stier, natur, affald og klima."),
    (
        "social-og-sundhed",
        "Social- og Sundhedsudvalget",
        False,
        "Ældre, sundhed, handicap og socialt arbejde.",
    ),
]

ORGANISATIONS = [
    (
        "Bakkely Borgerforening",
        Organisation.Kind.ASSOCIATION,
        "bakkely",
        "Holder byfest, juletræ og fællesspisning i forsamlingshuset.",
    ),
    (
        "Boligselskabet Engparken",
        Organisation.Kind.HOUSING,
        "engparken",
        "Almen boligorganisation med 1.050 boliger i Engparken.",
    ),
    (
        "Strandvig Grønne Hold",
        Organisation.Kind.GROUP,
        "strandvig",
        "Frivillige, der samler affald langs stranden én lørdag om måneden.",
    ),
    (
        "Kirkeby Idrætsforening",
        Organisation.Kind.ASSOCIATION,
        "kirkeby",
        "Fodbold, gymnastik og løb for børn og voksne.",
    ),
    (
        "Lyngholt Handelsstandsforening",
        Organisation.Kind.COMPANY,
        "lyngholt-midtby",
        "Butikkerne i Lyngholt Midtby.",
    ),
    (
        "Lyngholt Bibliotekerne",
        Organisation.Kind.PUBLIC,
        "lyngholt-midtby",
        "Hovedbibliotek i Midtbyen og filialer i Bakkely og Kirkeby.",
    ),
]

STAFF = [
    # key, email, name, role
    ("admin", "admin@lyngholt.demo", "Helle Dahl", "municipal_admin"),
    ("moderator", "moderator@lyngholt.demo", "Kasper Holm", "moderator"),
    ("case_officer", "sagsbehandler@lyngholt.demo", "Mette Juhl", "case_officer"),
    ("secretary", "sekretaer@lyngholt.demo", "Rasmus Vinther", "committee_secretary"),
    ("mayor", "borgmester@lyngholt.demo", "Lene Skov", "politician"),
    ("politician_a", "politiker1@lyngholt.demo", "Anders Bæk", "politician"),
    ("politician_b", "politiker2@lyngholt.demo", "Yasmin Ali", "politician"),
    ("politician_c", "politiker3@lyngholt.demo", "Peter Munk", "politician"),
]

FIRST_NAMES = [
    "Anne",
    "Mette",
    "Hanne",
    "Susanne",
    "Lene",
    "Maria",
    "Camilla",
    "Louise",
    "Sofie",
    "Emma",
    "Ida",
    "Freja",
    "Amira",
    "Signe",
    "Karen",
    "Peter",
    "Jens",
    "Lars",
    "Michael",
    "Henrik",
    "Søren",
    "Thomas",
    "Niels",
    "Martin",
    "Rasmus",
    "Mikkel",
    "Frederik",
    "Oliver",
    "Ahmed",
    "Emil",
]
LAST_NAMES = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Karimi",
    "Østergaard",
    "Holm",
    "Friis",
    "Bech",
]


def load_foundation() -> DemoContext:
    now = timezone.now()
    municipality, _created = Municipality.objects.update_or_create(
        slug="lyngholt",
        defaults={
            "name": "Lyngholt Kommune",
            "country": "DK",
            "hosts": "127.0.0.1\nlocalhost\nlyngholt.medborger.demo",
            "default_language": "da",
            "languages": ["da", "sv", "en"],
            "intro": (
                "Her kan du komme med forslag, støtte andres idéer og følge med i, hvad der sker "
                "med dem. Sammen gør vi Lyngholt til et bedre sted at bo."
            ),
            "primary_colour": "#1f5c4a",
            "accent_colour": "#1a4f80",
            "contact_email": "borgerservice@lyngholt.demo",
            "contact_phone": "70 12 34 56",
            "address": "Rådhuspladsen 1, 4999 Lyngholt",
        },
    )
    context = DemoContext(municipality=municipality, now=now)
    for slug, name, kind, parent, total, p10, p15, p18 in AREAS:
        context.areas[slug], _ = Area.objects.update_or_create(
            municipality=municipality,
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "parent": context.areas.get(parent) if parent else None,
                "population_total": total,
                "population_10_plus": p10,
                "population_15_plus": p15,
                "population_18_plus": p18,
                "population_date": date(2026, 1, 1),
            },
        )
    _load_staff(context)
    for slug, name, is_council, description in COMMITTEES:
        committee, _ = Committee.objects.update_or_create(
            municipality=municipality,
            slug=slug,
            defaults={
                "name": name,
                "is_council": is_council,
                "description": description,
                "secretary": context.staff["secretary"],
            },
        )
        context.committees[slug] = committee
        for key, role, party in (
            (
                "mayor",
                CommitteeMembership.Role.CHAIR if is_council else CommitteeMembership.Role.MEMBER,
                "Lyngholt Listen",
            ),
            ("politician_a", CommitteeMembership.Role.MEMBER, "Fælleslisten"),
            ("politician_b", CommitteeMembership.Role.VICE_CHAIR, "Grøn Fremtid"),
            (
                "politician_c",
                CommitteeMembership.Role.MEMBER if is_council else CommitteeMembership.Role.CHAIR,
                "Borgerlisten",
            ),
        ):
            CommitteeMembership.objects.update_or_create(
                committee=committee,
                user=context.staff[key],
                defaults={"role": role, "party": party},
            )
    _load_residents(context)
    for name, org_kind, area_slug, description in ORGANISATIONS:
        context.organisations[name], _ = Organisation.objects.update_or_create(
            municipality=municipality,
            name=name,
            defaults={
                "kind": org_kind,
                "area": context.areas[area_slug],
                "description": description,
                "responsible_person": context.residents[len(context.organisations) * 3],
            },
        )
    _load_info_pages(context)
    return context


@cache
def _demo_password_hash() -> str:
    # Hash once: hashing the same password for 59 users would take most of a minute.
    return make_password(DEMO_PASSWORD)


def _account(email: str, name: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    if created or not user.has_usable_password():
        user.password = _demo_password_hash()
    user.name = name
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _load_staff(context: DemoContext) -> None:
    for key, email, name, role in STAFF:
        user = _account(email, name)
        RoleAssignment.objects.get_or_create(
            user=user, municipality=context.municipality, role=role
        )
        if role == "municipal_admin" and not user.is_staff:
            user.is_staff = True  # Django admin access; what they see there is scoped by role
            user.save(update_fields=["is_staff"])
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
        context.staff[key] = user
    platform = _account("platform@medborger.demo", "Platform Admin")
    platform.is_staff = platform.is_superuser = True
    platform.save(update_fields=["is_staff", "is_superuser"])
    RoleAssignment.objects.get_or_create(user=platform, municipality=None, role="platform_admin")
    if not Authenticator.objects.filter(user=platform, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(platform, generate_totp_secret())
    context.staff["platform"] = platform


def _fictional_cpr(rng: random.Random, birth: date) -> str:
    # Serial numbers from 9000 up are never issued to real people in these demo years.
    return f"{birth:%d%m%y}{rng.randint(9000, 9999)}"


def _load_residents(context: DemoContext) -> None:
    rng = random.Random(2026)  # noqa: S311 - demo data, reproducible on purpose
    town_areas = [
        "lyngholt-midtby",
        "lyngholt-nord",
        "engparken",
        "bakkely",
        "kirkeby",
        "strandvig",
        "lyngby-sogn",
    ]
    for index in range(50):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
        email = f"borger{index + 1:02d}@lyngholt.demo"
        user = _account(email, f"{first} {last}")
        RoleAssignment.objects.get_or_create(
            user=user, municipality=context.municipality, role="resident"
        )
        # Every third resident has not verified with eID yet.
        if index % 3 != 2 and not Identity.objects.filter(user=user).exists():
            birth = date(1945, 1, 1) + timedelta(days=rng.randint(0, 365 * 66))
            identity_verify(
                user=user,
                assertion=EidAssertion(
                    provider="fake-eid",
                    scheme="dk-cpr",
                    subject=_fictional_cpr(rng, birth),
                    assurance_level=AssuranceLevel.SUBSTANTIAL,
                    birth_date=birth,
                    residence_area=context.areas[town_areas[index % len(town_areas)]],
                    residence_municipality=context.municipality,
                    full_name=f"{first} {last}",
                ),
                now=context.now,
            )
        context.residents.append(User.objects.select_related("identity").get(pk=user.pk))


INFO_PAGES: dict[tuple[str, str], tuple[str, str]] = {
    ("contact", "da"): (
        "Kontakt",
        """Har du spørgsmål til siden eller til et forslag? Så skriv eller ring til os.

# Borgerservice
- Telefon: 70 12 34 56 (hverdage kl. 9-15)
- E-mail: borgerservice@lyngholt.demo
- Adresse: Rådhuspladsen 1, 4999 Lyngholt

# Svar inden for 14 dage
Hver sag har en fast kontaktperson. Du får svar inden for 14 dage. Kan vi ikke svare så hurtigt, skriver vi, hvornår du får svar.
""",
    ),
    ("contact", "sv"): (
        "Kontakt",
        """Har du frågor om sidan eller om ett förslag? Skriv eller ring till oss.

# Medborgarservice
- Telefon: 70 12 34 56 (vardagar kl. 9-15)
- E-post: borgerservice@lyngholt.demo
- Adress: Rådhuspladsen 1, 4999 Lyngholt

# Svar inom 14 dagar
Varje ärende har en fast kontaktperson. Du får svar inom 14 dagar.
""",
    ),
    ("contact", "en"): (
        "Contact",
        """Do you have a question about the site or a proposal? Write or call us.

# Citizen service
- Phone: +45 70 12 34 56 (weekdays 9-15)
- Email: borgerservice@lyngholt.demo
- Address: Rådhuspladsen 1, 4999 Lyngholt

# An answer within 14 days
Every case has a named contact person. You get an answer within 14 days.
""",
    ),
    ("privacy", "da"): (
        "Sådan behandler vi dine data",
        """Lyngholt Kommune er dataansvarlig for Medborger.

# Hvad vi gemmer
- Dit navn og din e-mail, når du opretter en konto.
- Når du logger ind med MitID: dit fødselsår, dit område og en kode. Koden kan ikke laves om til dit CPR-nummer. Vi gemmer aldrig selve CPR-nummeret.
- Det, du skriver: forslag, kommentarer og svar.
- Hvad du følger, og hvordan du vil have besked.

# Hvorfor
Vi bruger data til at tælle støtte og stemmer rigtigt: én person, én stemme. Hvem der støtter et forslag, kan sige noget om politisk holdning. Derfor viser vi kun dit navn, hvis du selv vælger det.

# Dine rettigheder
Du kan hente alle dine data på din profil. Du kan også slette din konto. Det du har skrevet bliver stående som "slettet deltager".

Har du spørgsmål, så skriv til kommunens databeskyttelsesrådgiver: dpo@lyngholt.demo. Du kan klage til Datatilsynet.
""",
    ),
    ("privacy", "sv"): (
        "Så hanterar vi dina uppgifter",
        """Lyngholt Kommune är personuppgiftsansvarig för Medborger.

# Vad vi sparar
- Ditt namn och din e-post när du skapar ett konto.
- När du loggar in med e-legitimation: ditt födelseår, ditt område och en kod. Koden kan inte göras om till ditt personnummer. Vi sparar aldrig själva numret.
- Det du skriver: förslag, kommentarer och svar.

# Dina rättigheter
Du kan ladda ner alla dina uppgifter på din profil. Du kan också ta bort ditt konto.

Frågor skickas till dataskyddsombudet: dpo@lyngholt.demo.
""",
    ),
    ("privacy", "en"): (
        "How we handle your data",
        """Lyngholt Kommune is the data controller for Medborger.

# What we keep
- Your name and email when you create an account.
- When you log in with eID: your birth year, your area and a code. The code cannot be turned back into your national id number. We never keep the number itself.
- What you write: proposals, comments and answers.

# Your rights
You can download all your data on your profile. You can also delete your account.

Questions go to the data protection officer: dpo@lyngholt.demo.
""",
    ),
    ("accessibility", "sv"): (
        "Tillgänglighetsredogörelse",
        """Lyngholt Kommune vill att Medborger ska gå att använda för alla. Webbplatsen följer WCAG 2.1 nivå AA.

# Så testar vi
Varje sida testas automatiskt med axe-core på danska, svenska och engelska. Vi testar också att man kan logga in med bara tangentbordet.

# Meddela oss
Skriv till borgerservice@lyngholt.demo om något inte fungerar.
""",
    ),
    ("accessibility", "en"): (
        "Accessibility statement",
        """Lyngholt Kommune wants Medborger to work for everyone. The site follows WCAG 2.1 level AA.

# How we test
Every page is tested automatically with axe-core in Danish, Swedish and English. We also test that you can sign in with the keyboard only.

# Tell us
Write to borgerservice@lyngholt.demo if something does not work for you.
""",
    ),
}


# The Danish statement is the country's template (medborger/places/statements.py), filled in.
DEMO_STATEMENT = {
    "site_url": "https://lyngholt.medborger.demo/",
    "was_url": "https://was.digst.dk/lyngholt-medborger-demo",
    "known_issues": (
        "Et ældre bilag til høringen om stiplanen er en scannet PDF-fil uden tekst. "
        "Kontakt os, så sender vi det som tekst."
    ),
    "prepared_date": "1. september 2026",
    "review_date": "1. november 2026",
    "own_evaluation": (
        "Kommunens webredaktion testede også de fem forløb med skærmlæseren NVDA i oktober 2026."
    ),
    "answer_days": "10",
}


def _load_info_pages(context: DemoContext) -> None:
    statement = statement_template(
        municipality=context.municipality, language="da", values=DEMO_STATEMENT
    )
    if statement is None:
        raise RuntimeError("the demo municipality should be Danish, with a Danish statement")
    pages = {**INFO_PAGES, ("accessibility", "da"): statement}
    for (kind, language), (title, body) in pages.items():
        InfoPage.objects.update_or_create(
            municipality=context.municipality,
            kind=kind,
            language=language,
            defaults={"title": title, "body": body, "updated_by": context.staff["admin"]},
        )
