"""The demo holistic plan of Lyngholt Kommune: "Helhedsplan for Engparken 2026-2029" with four
efforts (lektiecafé, beskæftigelse, tryghed, sundhed), 75 % from Landsbyggefonden and 25 % locally
(cash, staff hours, a secondment, meeting hours, in kind), who does what and where the partners
meet. Outside the plan the library's homework help targets the same children in the same area at
the same time (an overlap warning) and is financed by the library alone (fewer than two parties).

A funded budget project and adopted proposals declare the demo goals they serve, through the
service as staff would (`services.contribution_add`).

Efforts are made through the services the first time and keep their ids; their financing lines
and responsibilities are rebuilt on every run, and a declared goal is declared once, so a second
run duplicates nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from medborger.efforts import services
from medborger.efforts.models import Effort, FinancingLine, Responsibility, TargetGroup
from medborger.efforts.texts import kroner
from medborger.places.models import Organisation

FUND = "Landsbyggefonden"
PLAN_TITLE = "Helhedsplan for Engparken 2026-2029"
PLAN_START, PLAN_END = date(2026, 1, 1), date(2030, 1, 1)

PLAN_DESCRIPTION = """Helhedsplanen er en aftale mellem Boligselskabet Engparken og Lyngholt Kommune for fire år. Målet er, at flere børn klarer sig godt i skolen, at flere voksne kommer i job, og at alle beboere føler sig trygge og har et godt helbred.

Landsbyggefonden betaler 75 % af planen. De sidste 25 % betaler boligselskabet, kommunen og foreningerne selv – med penge, medarbejdertimer, en udstationeret jobkonsulent og timer til møder.

Her kan du se, hvem der gør hvad, og hvem der betaler."""

# key → (name, kind, description)
EXTRA_ORGANISATIONS = {
    "kommune": (
        "Lyngholt Kommune",
        Organisation.Kind.PUBLIC,
        "Kommunens forvaltninger for børn, beskæftigelse, sundhed og tryghed.",
    ),
}


@dataclass
class Line:
    party: str  # an organisation key, or "" for the fund
    form: str
    amount: int | None = None
    hours: str | None = None
    rate: int | None = None
    weeks: int | None = None
    note: str = ""


@dataclass
class Task:
    organisation: str
    task: str
    interface: str


@dataclass
class Plan:
    title: str
    owner: str
    target_group: str | None
    start: date
    end: date
    status: str
    description: str
    partners: tuple[str, ...] = ()
    lines: list[Line] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    in_plan: bool = True


EFFORTS = [
    Plan(
        title="Lektiecafé i Beboerhuset",
        owner="bolig",
        target_group="Børn 6-16 år",
        start=date(2026, 2, 1),
        end=PLAN_END,
        status="running",
        description=(
            "Lektiecafé to eftermiddage om ugen i Beboerhuset. Frivillige og en ansat hjælper med "
            "lektier, læsning og matematik. Der er frugt og et roligt sted at sidde."
        ),
        partners=("kommune", "Lyngholt Bibliotekerne"),
        lines=[
            Line("", "cash", amount=1_200_000, note="Løn til koordinator og materialer"),
            Line("kommune", "cash", amount=160_000, note="Skolens læsevejledere"),
            Line(
                "bolig",
                "staff_hours",
                hours="6",
                rate=250,
                weeks=160,
                note="Boligsocial medarbejder",
            ),
        ],
        tasks=[
            Task(
                "bolig",
                "Ansætter koordinatoren, stiller Beboerhuset til rådighed og finder frivillige.",
                "Holder møde med Engskolen hver måned om de børn, der har brug for mest hjælp.",
            ),
            Task(
                "kommune",
                "Engskolens læsevejledere kommer én gang om ugen og giver ideer til lektierne.",
                "Kontakt går gennem skolens AKT-lærer og koordinatoren.",
            ),
        ],
    ),
    Plan(
        title="Jobcafé og beskæftigelse",
        owner="kommune",
        target_group="Ledige voksne 18-64 år",
        start=date(2026, 3, 1),
        end=date(2028, 3, 1),
        status="running",
        description=(
            "En jobkonsulent fra Jobcentret sidder i Engparken tre dage om ugen. Beboerne kan "
            "få hjælp til CV, ansøgninger og kontakt til virksomheder i Lyngholt."
        ),
        partners=("bolig", "Lyngholt Handelsstandsforening"),
        lines=[
            Line("", "cash", amount=1_500_000),
            Line(
                "kommune",
                "secondment",
                hours="20",
                rate=400,
                weeks=50,
                note="Udstationeret jobkonsulent",
            ),
            Line(
                "bolig",
                "meeting_hours",
                hours="5",
                rate=400,
                weeks=50,
                note="Styregruppe og netværksmøder",
            ),
        ],
        tasks=[
            Task(
                "kommune",
                "Udstationerer en jobkonsulent og tager sig af sagerne i Jobcentret.",
                "Jobkonsulenten mødes hver uge med boligsociale medarbejdere.",
            ),
            Task(
                "Lyngholt Handelsstandsforening",
                "Finder praktikpladser og fritidsjob i butikkerne i Midtbyen.",
                "Ringer direkte til jobkonsulenten, når en butik har en plads.",
            ),
        ],
    ),
    Plan(
        title="Tryghed i Engparken",
        owner="bolig",
        target_group="Alle beboere",
        start=date(2026, 1, 1),
        end=PLAN_END,
        status="running",
        description=(
            "Tryghedsvandringer to gange om året, bedre lys på stierne og natteravne i "
            "weekenden. Beboerne fortæller, hvor de føler sig utrygge."
        ),
        partners=("kommune", "Kirkeby Idrætsforening"),
        lines=[
            Line("", "cash", amount=600_000),
            Line("kommune", "cash", amount=120_000, note="Lys på stierne"),
            Line(
                "Kirkeby Idrætsforening", "in_kind", amount=30_000, note="Lån af klubhus og udstyr"
            ),
            Line(
                "bolig", "meeting_hours", hours="2", rate=500, weeks=50, note="Tryghedsvandringer"
            ),
        ],
        tasks=[
            Task(
                "bolig",
                "Holder tryghedsvandringer med beboerne og samler deres forslag.",
                "Sender forslagene til kommunens Vej og Park efter hver vandring.",
            ),
            Task(
                "kommune",
                "Vej og Park sætter lys op og klipper buske ved stierne.",
                "Svarer boligselskabet inden for 14 dage.",
            ),
        ],
    ),
    Plan(
        title="Sundhed og motion for voksne",
        owner="Kirkeby Idrætsforening",
        target_group="Voksne beboere",
        start=date(2027, 8, 1),
        end=PLAN_END,
        status="planned",
        description=(
            "Gåture, motion i Beboerhuset og madlavning med sund og billig mad. Tovholdere fra "
            "idrætsforeningen og sundhedsplejen."
        ),
        partners=("kommune", "bolig"),
        lines=[
            Line("", "cash", amount=900_000),
            Line(
                "Kirkeby Idrætsforening",
                "staff_hours",
                hours="4",
                rate=300,
                weeks=150,
                note="Instruktører",
            ),
            Line("kommune", "cash", amount=120_000, note="Sundhedsplejen"),
        ],
        tasks=[
            Task(
                "Kirkeby Idrætsforening",
                "Har instruktører til gåture og motion to gange om ugen.",
                "Mødes med sundhedsplejen hvert kvartal.",
            ),
            Task(
                "kommune",
                "Sundhedsplejen holder madværksteder og sundhedstjek.",
                "Melder datoer til boligselskabet, som sætter dem i beboerbladet.",
            ),
        ],
    ),
    Plan(
        title="Lektiehjælp på biblioteket i Engparken",
        owner="Lyngholt Bibliotekerne",
        target_group="Børn 6-16 år",
        start=date(2027, 1, 1),
        end=date(2028, 1, 1),
        status="planned",
        description=(
            "Biblioteket vil åbne lektiehjælp i Engparken to eftermiddage om ugen. Det er de "
            "samme børn som i lektiecaféen – derfor skal de to tale sammen."
        ),
        lines=[Line("Lyngholt Bibliotekerne", "cash", amount=80_000)],
        tasks=[
            Task(
                "Lyngholt Bibliotekerne",
                "Bibliotekarer hjælper med lektier og lån af bøger.",
                "Endnu ikke aftalt med lektiecaféen.",
            )
        ],
        in_plan=False,
    ),
]


def _organisations(context: Any) -> dict[str, Organisation]:
    municipality = context.municipality
    found: dict[str, Organisation] = {"bolig": context.organisations["Boligselskabet Engparken"]}
    found.update(context.organisations)
    for key, (name, kind, description) in EXTRA_ORGANISATIONS.items():
        found[key], _created = Organisation.objects.update_or_create(
            municipality=municipality,
            name=name,
            defaults={"kind": kind, "description": description},
        )
    return found


def _effort(context: Any, actor: Any, data: services.EffortData) -> Effort:
    existing = Effort.objects.filter(municipality=context.municipality, title=data.title).first()
    if existing is None:
        return services.effort_create(
            actor=actor, municipality=context.municipality, data=data, now=context.now
        )
    for name in (
        "description",
        "kind",
        "plan",
        "owner",
        "target_group",
        "area",
        "start",
        "end",
        "status",
    ):
        setattr(existing, name, getattr(data, name))
    existing.save()
    existing.partners.set(data.partners)
    return existing


def _rebuild(effort: Effort, plan: Plan, orgs: dict[str, Organisation]) -> None:
    FinancingLine.objects.filter(effort=effort).delete()
    Responsibility.objects.filter(effort=effort).delete()
    FinancingLine.objects.bulk_create(
        FinancingLine(
            effort=effort,
            party=orgs[line.party] if line.party else None,
            fund="" if line.party else FUND,
            form=line.form,
            amount=Decimal(line.amount) if line.amount is not None else None,
            hours_per_week=Decimal(line.hours) if line.hours is not None else None,
            hourly_rate=Decimal(line.rate) if line.rate is not None else None,
            weeks=Decimal(line.weeks) if line.weeks is not None else None,
            start=plan.start,
            end=plan.end,
            note=line.note,
        )
        for line in plan.lines
    )
    Responsibility.objects.bulk_create(
        Responsibility(
            effort=effort, organisation=orgs[t.organisation], task=t.task, interface=t.interface
        )
        for t in plan.tasks
    )


def load_efforts(context: Any) -> list[str]:
    from medborger.efforts import selectors

    municipality = context.municipality
    actor = context.staff["admin"]
    orgs = _organisations(context)
    area = context.areas["engparken"]
    groups = {
        name: TargetGroup.objects.get_or_create(municipality=municipality, name=name)[0]
        for name in sorted({p.target_group for p in EFFORTS if p.target_group})
    }
    plan = _effort(
        context,
        actor,
        services.EffortData(
            title=PLAN_TITLE,
            kind=Effort.Kind.PLAN,
            owner=orgs["bolig"],
            start=PLAN_START,
            end=PLAN_END,
            area=area,
            status=Effort.Status.RUNNING,
            description=PLAN_DESCRIPTION,
            partners=(
                orgs["kommune"],
                orgs["Kirkeby Idrætsforening"],
                orgs["Lyngholt Bibliotekerne"],
            ),
        ),
    )
    FinancingLine.objects.filter(effort=plan).delete()
    Responsibility.objects.filter(effort=plan).delete()
    Responsibility.objects.bulk_create(
        [
            Responsibility(
                effort=plan,
                organisation=orgs["bolig"],
                task="Ejer planen, ansætter sekretariatet og skriver status til Landsbyggefonden.",
                interface="Styregruppen med kommunen mødes hver anden måned.",
            ),
            Responsibility(
                effort=plan,
                organisation=orgs["kommune"],
                task="Betaler sin del og udstationerer medarbejdere til indsatserne.",
                interface="Sidder i styregruppen; en kontaktperson i Borgerservice.",
            ),
        ]
    )
    for item in EFFORTS:
        effort = _effort(
            context,
            actor,
            services.EffortData(
                title=item.title,
                kind=Effort.Kind.EFFORT,
                plan=plan if item.in_plan else None,
                owner=orgs[item.owner],
                target_group=groups[item.target_group] if item.target_group else None,
                area=area,
                start=item.start,
                end=item.end,
                status=item.status,
                description=item.description,
                partners=tuple(orgs[p] for p in item.partners),
            ),
        )
        _rebuild(effort, item, orgs)
    linked = _link_goals(municipality)
    declared = _declare_contributions(context, context.staff["case_officer"])
    financing = selectors.financing_of(
        selectors.effort_detail(municipality=municipality, pk=plan.pk) or plan
    )
    return [
        f"Efforts: {PLAN_TITLE} with {len([p for p in EFFORTS if p.in_plan])} efforts, "
        f"{kroner(financing.result.total)} ({financing.fund_share} {FUND}, "
        f"{financing.local_share} local); 1 effort outside the plan; {linked} goal links; "
        f"{declared} goals served by budget projects and proposals."
    ]


# Which demo goals (made by the goals app's loader, which runs first) each effort serves.
GOALS_SERVED = {
    "Lektiecafé i Beboerhuset": ["Flere elever trives i skolen"],
    "Lektiehjælp på biblioteket i Engparken": ["Flere elever trives i skolen"],
}


def _link_goals(municipality: Any) -> int:
    from medborger.goals.models import Goal

    linked = 0
    for title, goal_titles in GOALS_SERVED.items():
        effort = Effort.objects.filter(municipality=municipality, title=title).first()
        goals = list(Goal.objects.filter(municipality=municipality, title__in=goal_titles))
        if effort is not None and goals:
            effort.goals.set(goals)
            linked += len(goals)
    return linked


# What funded budget projects and adopted proposals (made by the budgeting and proposals loaders,
# which run first) declare they serve: (model label, title, goal title, how).
DECLARED = [
    (
        "budgeting.budgetproject",
        "Bogbytteskab i Kirkeby",
        "Flere elever trives i skolen",
        "Gratis bøger tæt på, hvor børnene bor. Det giver lyst til at læse.",
    ),
    (
        "proposals.proposal",
        "Udeskole ved Bakkely Skole",
        "Flere elever trives i skolen",
        "Eleverne lærer ude i naturen. De bevæger sig mere og lærer hinanden bedre at kende.",
    ),
    (
        "proposals.proposal",
        "Solceller på alle kommunens tage",
        "Lyngholt holder sit CO2-budget",
        "Strøm fra solen på kommunens tage erstatter strøm fra kul og gas.",
    ),
]


def _declare_contributions(context: Any, actor: Any) -> int:
    """Declare DECLARED through the service; skip what is missing (an app left out, a project
    not funded, a proposal not adopted) and what is already declared."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from medborger.efforts.models import GoalContribution
    from medborger.goals.models import Goal

    municipality = context.municipality
    declared = 0
    for label, title, goal_title, how in DECLARED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        scope = "process__municipality" if label == "budgeting.budgetproject" else "municipality"
        target = model._default_manager.filter(**{scope: municipality}, title=title).first()
        goal = Goal.objects.filter(municipality=municipality, title=goal_title).first()
        if target is None or goal is None:
            continue
        if GoalContribution.objects.filter(
            goal=goal, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        ).exists():
            declared += 1
            continue
        try:
            services.contribution_add(
                actor=actor, goal=goal, target=target, how=how, now=context.now
            )
        except services.EffortError:
            continue
        declared += 1
    return declared
