"""Demo participatory budgets for Lyngholt Kommune, one in every phase: a finished one with its
published result (online and paper ballots, counted by equal shares), one open for voting, and one
taking ideas (waiting, on the ballot, not feasible with the author's answer, merged). Ballots and
reviews go through the real services, so the ballot logs and the audit trail are genuine."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from medborger.budgeting.ideas import idea_merge, idea_reply, idea_review
from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
from medborger.budgeting.services import (
    BudgetError,
    ballot_cast,
    ballots_verify,
    paper_sheet_confirm,
    paper_sheet_enter,
    results_publish,
)

FINISHED_SLUG = "kirkeby-strandvig-borgerbudget-2026"
OPEN_SLUG = "lyngholt-groenne-lommer-2027"
LATER_SLUG = "engparken-borgerbudget-2027"
ALL_SLUGS = [FINISHED_SLUG, OPEN_SLUG, LATER_SLUG]

FINISHED_PROJECTS = [
    (
        "Multibane ved Kirkeby Skole",
        "En lille bane med kunststof til fodbold og basket, som alle må bruge efter skoletid.",
        180_000,
        "kirkeby",
    ),
    (
        "Badebro i Strandvig",
        "En ny badebro med trappe og gelænder, så også ældre kan komme sikkert i vandet.",
        150_000,
        "strandvig",
    ),
    (
        "Hjertestarter ved Strandvig Havn",
        "En hjertestarter i et varmt skab, som alle kan bruge hele døgnet.",
        25_000,
        "strandvig",
    ),
    (
        "Bogbytteskab i Kirkeby",
        "Et skab ved købmanden, hvor man kan sætte bøger og tage nye med hjem.",
        8_000,
        "kirkeby",
    ),
    (
        "Petanquebane ved ældreboligerne",
        "En petanquebane med bænke, hvor beboerne og naboerne kan mødes.",
        40_000,
        "kirkeby",
    ),
    (
        "Udekøkken i Strandvig Naturpark",
        "Et overdækket udekøkken med bord og bænke til skoler, spejdere og familier.",
        120_000,
        "strandvig",
    ),
    (
        "Skaterampe i Kirkeby",
        "To små ramper og en rail til de unge ved hallen.",
        60_000,
        "kirkeby",
    ),
]

IDEAS = [
    # title, text, estimate, what the review did
    (
        "Udendørs fitness i Engparken",
        "Redskaber til træning i det fri ved stien rundt om søen. Gratis for alle.",
        90_000,
        "feasible",
    ),
    (
        "Fællesdrivhus for beboerne",
        "Et drivhus, hvor beboerne kan så og dyrke grøntsager sammen. Beboerforeningen passer det.",
        55_000,
        "waiting",
    ),
    (
        "Overdækket cykelparkering ved Engparken Station",
        "Tag over cykelstativerne, så cyklerne ikke står i regnen.",
        250_000,
        "infeasible",
    ),
    (
        "Udendørs træningsredskaber ved søen",
        "Et par træningsredskaber ved søen, så man kan træne på sin gåtur.",
        70_000,
        "merged",
    ),
    (
        "Sansehave ved plejecentret",
        "En have med duftende planter, lyde og stier med gelænder for beboerne på Engbo.",
        80_000,
        "waiting",
    ),
]

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
    BudgetProject.objects.filter(process__slug__in=ALL_SLUGS).update(merged_into=None)
    BudgetProject.objects.filter(process__slug__in=ALL_SLUGS).delete()
    BudgetProcess.objects.filter(slug__in=ALL_SLUGS).delete()
    finished_line = _finished(context)
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
        ideas_open=now - timedelta(days=80),
        ideas_close=now - timedelta(days=40),
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
            estimated_cost=cost,
            status=BudgetProject.Status.FEASIBLE,
            author=context.residents[k % len(context.residents)],
            review_reason="Projektet kan gennemføres, og prisen er tjekket af Park og Vej.",
            reviewed_at=now - timedelta(days=20),
        )
        for k, (title, text, cost) in enumerate(OPEN_PROJECTS)
    ]
    BudgetProject.objects.create(
        process=open_process,
        pool=pool,
        title="Kunstgræsbane i Lyngholt Nord",
        description="En ny kunstgræsbane til fodbold.",
        cost=1_400_000,
        estimated_cost=1_400_000,
        author=context.residents[-1],
        reviewed_at=now - timedelta(days=25),
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
            "Beboerne i Engparken fordeler 200.000 kr. til projekter i området. Send dine idéer "
            "ind nu. Kommunen tjekker dem, og så stemmer beboerne. Børn fra 10 år kan også være med."
        ),
        area=context.areas.get("engparken"),
        ballot_type=BudgetProcess.BallotKind.APPROVAL,
        min_projects=1,
        max_projects=3,
        counting_rule=BudgetProcess.CountingRule.GREEDY,
        max_cost_share=60,
        ideas_open=now - timedelta(days=12),
        ideas_close=now + timedelta(days=16),
        voting_opens=now + timedelta(days=30),
        voting_closes=now + timedelta(days=51),
    )
    later_pool = Pool.objects.create(process=later, name="Engparken", amount=200_000)
    ideas_line = _ideas(context, later, later_pool)
    _sent_in_during_the_idea_phase([open_process, later])
    verified = "verifies" if ballots_verify(process=open_process).verdict.ok else "DOES NOT VERIFY"
    return [
        finished_line,
        f"Participatory budgets: 1 open for voting ({cast} ballots; the ballot log {verified}).",
        ideas_line,
    ]


def _sent_in_during_the_idea_phase(processes: list[BudgetProcess]) -> None:
    """Ideas carry the day they were sent in, spread over the idea phase, not the demo's day."""
    for process in processes:
        if process.ideas_open is None:
            continue
        for k, pk in enumerate(process.projects.order_by("pk").values_list("pk", flat=True)):
            BudgetProject.objects.filter(pk=pk).update(
                created_at=process.ideas_open + timedelta(days=1 + 2 * k, hours=3 * k % 11)
            )


def _finished(context: Any) -> str:
    """Voted on last summer, counted at once by equal shares; some ballots came on paper."""
    now = context.now
    staff = context.staff
    closes = now - timedelta(days=130)
    process = BudgetProcess.objects.create(
        municipality=context.municipality,
        slug=FINISHED_SLUG,
        title="Borgerbudget for Kirkeby og Strandvig 2026",
        description=(
            "Borgerne i Kirkeby og Strandvig fordelte 400.000 kr. Man kunne sætte kryds ved op til "
            "fire projekter. Stemmerne blev talt efter metoden med lige store andele, så hver "
            "gruppe af borgere fik projekter i forhold til, hvor mange de er."
        ),
        ballot_type=BudgetProcess.BallotKind.APPROVAL,
        min_projects=1,
        max_projects=4,
        counting_rule=BudgetProcess.CountingRule.MES_ADD1,
        max_cost_share=50,
        ideas_open=closes - timedelta(days=120),
        ideas_close=closes - timedelta(days=75),
        voting_opens=closes - timedelta(days=21),
        voting_closes=closes,
    )
    pool = Pool.objects.create(process=process, name="Kirkeby og Strandvig", amount=400_000)
    projects = []
    for k, (title, text, cost, area_slug) in enumerate(FINISHED_PROJECTS):
        projects.append(
            BudgetProject.objects.create(
                process=process,
                pool=pool,
                title=title,
                description=text,
                cost=cost,
                estimated_cost=cost - cost % 10_000 if cost > 20_000 else cost,
                area=context.areas.get(area_slug),
                author=context.residents[(3 * k + 5) % len(context.residents)],
                status=BudgetProject.Status.FEASIBLE,
                review_reason="Projektet kan gennemføres. Prisen er vurderet af Teknik og Miljø.",
                reviewed_at=closes - timedelta(days=40),
            )
        )
    # Kirkeby's voters like sport and books, Strandvig's the sea: equal shares gives each its part.
    rng = random.Random(2026)  # noqa: S311 - demo data, reproducible on purpose
    kirkeby = [p for p, row in zip(projects, FINISHED_PROJECTS, strict=True) if row[3] == "kirkeby"]
    strandvig = [p for p in projects if p not in kirkeby]
    cast = 0
    for n, resident in enumerate(context.residents):
        if not hasattr(resident, "identity") or rng.random() < 0.2:
            continue
        favourites = kirkeby if n % 3 else strandvig
        others = strandvig if n % 3 else kirkeby
        picked = rng.sample(favourites, k=min(len(favourites), rng.randint(1, 3)))
        if rng.random() < 0.3:
            picked.append(rng.choice(others))
        try:
            ballot_cast(
                process_id=process.pk,
                user=resident,
                choice={str(p.pk): 1 for p in picked[:4]},
                now=closes - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 12)),
            )
        except BudgetError:
            continue
        cast += 1
    # The public decision meeting in Strandvig Forsamlingshus: paper ballots, each typed in by
    # one staff member and confirmed by another.
    meeting = closes - timedelta(days=3)
    paper_voters = [
        ("Inger Marie Holm", date(1941, 3, 12), [1, 2]),
        ("Poul Erik Sand", date(1948, 11, 2), [1, 5]),
        ("Ella Mikkelsen", date(2014, 6, 30), [0, 6]),
        ("Bent Rask", date(1952, 1, 19), [1, 2, 5]),
    ]
    for name, born, picks in paper_voters:
        sheet = paper_sheet_enter(
            process_id=process.pk,
            staff=staff["case_officer"],
            name=name,
            birth_date=born,
            choice={str(projects[i].pk): 1 for i in picks},
            now=meeting,
        )
        paper_sheet_confirm(sheet_id=sheet.pk, staff=staff["admin"], now=meeting)
        cast += 1
    # An idea that was merged and one that was not feasible, both with their public reasons.
    duplicate = BudgetProject.objects.create(
        process=process,
        pool=pool,
        title="Basketkurv ved skolen",
        description="En basketkurv på skolens plads.",
        cost=15_000,
        estimated_cost=15_000,
        area=context.areas.get("kirkeby"),
        author=context.residents[7],
        status=BudgetProject.Status.MERGED,
        merged_into=projects[0],
        review_reason="Idéen er lagt sammen med multibanen, som også har basketkurve.",
        reviewed_at=closes - timedelta(days=40),
    )
    BudgetProject.objects.create(
        process=process,
        pool=pool,
        title="Ny svømmehal i Strandvig",
        description="Strandvig mangler en svømmehal.",
        cost=45_000_000,
        estimated_cost=45_000_000,
        area=context.areas.get("strandvig"),
        author=context.residents[11],
        status=BudgetProject.Status.INFEASIBLE,
        review_reason=(
            "En svømmehal koster langt mere end puljen. Idéen er sendt videre til Kultur- og "
            "Fritidsudvalget, der arbejder på en plan for haller."
        ),
        reviewed_at=closes - timedelta(days=40),
        author_reply=(
            "Tak for svaret. Vi følger sagen i udvalget og samler underskrifter til et borgerforslag."
        ),
        author_replied_at=closes - timedelta(days=35),
    )
    del duplicate
    _sent_in_during_the_idea_phase([process])
    result = results_publish(process_id=process.pk, now=closes)
    verified = "verifies" if result["verifies"] else "DOES NOT VERIFY"
    return (
        f"Participatory budgets: 1 finished ({cast} ballots, 4 on paper; "
        f"{len(result['selected'])} projects funded; the ballot log {verified})."
    )


def _ideas(context: Any, process: BudgetProcess, pool: Pool) -> str:
    """Ideas for Engparken: some waiting, one on the ballot, one not feasible with the author's
    answer, one merged as a duplicate. Reviews go through the service (the authors are told)."""
    now = context.now
    reviewer = context.staff["case_officer"]
    created: dict[str, BudgetProject] = {}
    for k, (title, text, estimate, fate) in enumerate(IDEAS):
        created[fate if fate != "waiting" else f"waiting{k}"] = BudgetProject.objects.create(
            process=process,
            pool=pool,
            title=title,
            description=text,
            cost=estimate,
            estimated_cost=estimate,
            area=context.areas.get("engparken"),
            location="Engparken",
            author=context.residents[(5 * k + 2) % len(context.residents)],
            status=BudgetProject.Status.SUBMITTED,
        )
    idea_review(
        project_id=created["feasible"].pk,
        staff=reviewer,
        feasible=True,
        reason=(
            "Idéen kan gennemføres. Park og Vej har regnet prisen op, fordi redskaberne skal stå "
            "på fast underlag."
        ),
        cost=110_000,
        now=now - timedelta(days=3),
    )
    infeasible = idea_review(
        project_id=created["infeasible"].pk,
        staff=reviewer,
        feasible=False,
        reason=(
            "Stationen ejes af Banedanmark, så kommunen må ikke bygge der. Prisen er også over "
            "grænsen på 120.000 kr. for ét projekt."
        ),
        cost=None,
        now=now - timedelta(days=2),
    )
    idea_reply(
        project_id=infeasible.pk,
        user=infeasible.author,  # type: ignore[arg-type]
        text="Det forstår jeg. Kan kommunen spørge Banedanmark, om de vil sætte tag på?",
        now=now - timedelta(days=1),
    )
    idea_merge(
        project_id=created["merged"].pk,
        into_id=created["feasible"].pk,
        staff=reviewer,
        reason="Det er samme idé som udendørs fitness i Engparken. Vi samler dem i ét projekt.",
        now=now - timedelta(days=3),
    )
    return (
        f"Participatory budgets: 1 taking ideas ({len(IDEAS)} ideas: 2 waiting, 1 on the ballot, "
        "1 not feasible with the author's answer, 1 merged)."
    )
