"""Demo participatory budgets for Lyngholt Kommune: one open for voting (with ballots cast through
the real service, so the ballot log is genuine) and one that opens later."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
from medborger.budgeting.services import BudgetError, ballot_cast, ballots_verify

OPEN_SLUG = "lyngholt-groenne-lommer-2027"
LATER_SLUG = "engparken-borgerbudget-2027"

OPEN_PROJECTS = [
    (
        "Blomstereng ved Lyngholt Station",
        "Vi sår en eng med vilde blomster på græsset ved stationen. Bierne får mad, og pendlerne får noget smukt at se på.",
        45_000,
    ),
    (
        "Bænke og skygge i Søndermarken",
        "Fire bænke og to træer, der giver skygge. Så kan ældre og børnefamilier holde pause på turen.",
        60_000,
    ),
    (
        "Frugtlund i Bakkely",
        "Tolv æbletræer og bærbuske, som alle må plukke fra. Bakkely Borgerforening passer dem.",
        38_000,
    ),
    (
        "Shelter og bålplads i Lyngskoven",
        "Et shelter til fem personer og en bålplads med brænde. Spejderne i Kirkeby hjælper med at bygge.",
        85_000,
    ),
    (
        "Legeplads med vand i Engparken",
        "Små vandpumper og render, hvor børn kan lege med vand om sommeren.",
        120_000,
    ),
    (
        "Grønne Hold: nyt udstyr",
        "Grabbere, veste og trillebøre til de frivillige, der samler affald langs stranden i Strandvig.",
        18_000,
    ),
    (
        "Insekthotel ved Kirkeby Skole",
        "Eleverne bygger insekthoteller i sløjd og sætter dem op i skolegården.",
        12_000,
    ),
    (
        "Lys på stien til Strandvig",
        "Solcellelamper på den mørke del af stien, så den er tryg at gå og cykle på om vinteren.",
        95_000,
    ),
]


def load_budgets(context: Any) -> list[str]:
    now = context.now
    municipality = context.municipality
    # Rebuilt on every run (projects first: a pool protects its projects).
    BudgetProject.objects.filter(process__slug__in=[OPEN_SLUG, LATER_SLUG]).delete()
    BudgetProcess.objects.filter(slug__in=[OPEN_SLUG, LATER_SLUG]).delete()
    open_process = BudgetProcess.objects.create(
        municipality=municipality,
        slug=OPEN_SLUG,
        title="Grønne lommer i Lyngholt 2027",
        description=(
            "Kommunen har sat 300.000 kr. af til små grønne projekter, som borgerne selv har "
            "foreslået. Du vælger de projekter, du synes bedst om, inden for beløbet. Alle over 10 "
            "år, der bor i kommunen, kan stemme. Stemmerne tælles, så snart afstemningen lukker, og "
            "resultatet vises her med det samme."
        ),
        ballot_type=BudgetProcess.BallotKind.KNAPSACK,
        min_projects=1,
        counting_rule=BudgetProcess.CountingRule.MES_ADD1,
        voting_opens=now - timedelta(days=9),
        voting_closes=now + timedelta(days=19),
    )
    pool = Pool.objects.create(process=open_process, name="Grønne lommer", amount=300_000)
    projects = [
        BudgetProject.objects.create(
            process=open_process,
            pool=pool,
            title=title,
            description=text,
            cost=cost,
            status=BudgetProject.Status.FEASIBLE,
        )
        for title, text, cost in OPEN_PROJECTS
    ]
    BudgetProject.objects.create(
        process=open_process,
        pool=pool,
        title="Kunstgræsbane i Lyngholt Nord",
        description="En ny kunstgræsbane til fodbold.",
        cost=1_400_000,
        status=BudgetProject.Status.INFEASIBLE,
        review_reason="Prisen er langt over puljen på 300.000 kr. Forslaget er sendt videre til "
        "Kultur- og Fritidsudvalget.",
    )
    rng = random.Random(2027)  # noqa: S311 - demo data, reproducible on purpose
    cast = 0
    for resident in context.residents:
        if not hasattr(resident, "identity") or rng.random() < 0.35:
            continue
        choice: dict[str, int] = {}
        spent = 0
        for project in rng.sample(projects, k=len(projects)):
            if spent + project.cost <= pool.amount and rng.random() < 0.55:
                choice[str(project.pk)] = 1
                spent += project.cost
        if not choice:
            continue
        try:
            ballot_cast(
                process_id=open_process.pk,
                user=resident,
                choice=choice,
                now=now - timedelta(days=rng.randint(0, 8), hours=rng.randint(0, 20)),
            )
        except BudgetError:
            continue  # e.g. a demo resident under the minimum age
        cast += 1
    later = BudgetProcess.objects.create(
        municipality=municipality,
        slug=LATER_SLUG,
        title="Borgerbudget for Engparken 2027",
        description=(
            "Beboerne i Engparken fordeler 200.000 kr. til projekter i området. Du kan stemme, når "
            "afstemningen åbner. Børn fra 10 år kan også stemme."
        ),
        area=context.areas.get("engparken"),
        ballot_type=BudgetProcess.BallotKind.APPROVAL,
        min_projects=1,
        max_projects=3,
        counting_rule=BudgetProcess.CountingRule.GREEDY,
        voting_opens=now + timedelta(days=30),
        voting_closes=now + timedelta(days=51),
    )
    later_pool = Pool.objects.create(process=later, name="Engparken", amount=200_000)
    for title, text, cost in OPEN_PROJECTS[4:7]:
        BudgetProject.objects.create(
            process=later,
            pool=later_pool,
            title=title,
            description=text,
            cost=cost,
            status=BudgetProject.Status.FEASIBLE,
        )
    verified = "verifies" if ballots_verify(process=open_process).verdict.ok else "DOES NOT VERIFY"
    return [
        f"Participatory budgets: 1 open for voting ({cast} ballots; the ballot log {verified}), "
        "1 opening later."
    ]
