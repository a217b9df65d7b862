"""Reading participatory budgets, and what the platform holds about a person."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborger.accounts.models import Identity
from medborger.budgeting import ballot_box
from medborger.budgeting.models import (
    Ballot,
    BudgetProcess,
    BudgetProject,
    PaperBallotSheet,
    VoterRegister,
)
from medborger.budgeting.services import (
    UNREAD,
    SheetRows,
    ballot_entries,
    ballot_problems,
    ballot_sheet,
    kroner,
    money_text,
    normalise_receipt,
    voter_of,
)
from medborger.core.selectors import OpenSection
from medborger.domain.budgeting.ballots import remaining_budget


def budgeting_export(user: Any) -> dict[str, Any]:
    """That a person voted, when and how — never what: the register holds no choice and the box
    holds no person. Staff also see the paper ballots they typed in or confirmed (no choices)."""
    identity = Identity.objects.filter(user=user).first()
    voted: list[dict[str, Any]] = []
    if identity is not None:
        who = Q(person_key=identity.person_key)
        if identity.match_key:
            who |= Q(match_key=identity.match_key)
        voted = [
            {
                "process": row.process.title,
                "channel": row.channel,
                "first_voted_on": row.first_voted_on.isoformat(),
                "last_changed_on": row.last_changed_on.isoformat(),
            }
            for row in VoterRegister.objects.filter(who).select_related("process")
        ]
    sheets = [
        {
            "process": sheet.process.title,
            "entered_by_you": sheet.entered_by_id == user.pk,
            "confirmed_by_you": sheet.confirmed_by_id == user.pk,
            "state": sheet.state,
            "entered_at": sheet.entered_at.isoformat(),
        }
        for sheet in PaperBallotSheet.objects.filter(
            Q(entered_by=user) | Q(confirmed_by=user)
        ).select_related("process")
    ]
    ideas = [
        {
            "process": project.process.title,
            "title": project.title,
            "description": project.description,
            "estimated_cost": project.estimated_cost,
            "status": project.status,
            "review_reason": project.review_reason,
            "your_answer": project.author_reply,
            "sent_in": project.created_at.isoformat(),
        }
        for project in BudgetProject.objects.filter(author=user).select_related("process")
    ]
    reviewed = [
        {"process": project.process.title, "title": project.title, "status": project.status}
        for project in BudgetProject.objects.filter(reviewed_by=user).select_related("process")
    ]
    return {
        "voted": voted,
        "paper_ballots_handled": sheets,
        "ideas": ideas,
        "ideas_reviewed": reviewed,
    }


def ballot_log_lines(process: BudgetProcess) -> Iterator[str]:
    """The ballot log as JSON lines (position, entry, hash), as scripts/verify_ballots.py reads."""
    for position, entry, stored in ballot_entries(process):
        yield json.dumps(
            {"position": position, "entry": entry, "hash": stored},
            sort_keys=True,
            ensure_ascii=False,
        )


# --- resident-facing pages ----------------------------------------------------------------------


def processes_for(*, municipality: Any, now: datetime) -> list[BudgetProcess]:
    """The municipality's participatory budgets, those open for voting first, then the newest."""
    is_open = Q(voting_opens__lte=now, voting_closes__gt=now)
    return list(
        BudgetProcess.objects.filter(municipality=municipality)
        .select_related("area")
        .prefetch_related("pools")
        .annotate(
            open_now=Case(
                When(is_open, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-open_now", "-voting_opens", "pk")
    )


def process_detail(*, municipality: Any, pk: int) -> BudgetProcess | None:
    """The process if it belongs to this municipality, else None (the page answers 404)."""
    return (
        BudgetProcess.objects.filter(municipality=municipality, pk=pk)
        .select_related("municipality", "area")
        .prefetch_related("pools")
        .first()
    )


def ballot_projects(process: BudgetProcess) -> list[BudgetProject]:
    """The projects on the ballot: the feasible ones, with their pool."""
    return list(
        BudgetProject.objects.filter(process=process, status__in=BudgetProject.ON_BALLOT)
        .select_related("pool")
        .order_by("pool_id", "pk")
    )


def process_to_vote(*, municipality: Any, pk: int) -> BudgetProcess | None:
    """The process alone (no pools, no projects): what the vote needs before the service, which
    reads the ballot itself. None for another municipality's process (the page answers 404)."""
    return ballot_box.process_in(municipality, pk)  # SQL, not the ORM: it runs on every vote


def has_voted(user: Any, process: BudgetProcess, voter: Any = UNREAD) -> bool:
    """Whether the user is in the voter register; pass `voter` (services.voter_of(user)) when it
    is already read."""
    if not getattr(user, "is_authenticated", False):
        return False
    if voter is UNREAD:
        voter = voter_of(user)
    if voter is None:
        return False
    return VoterRegister.objects.filter(process=process, person_key=voter.person_key).exists()


@dataclass
class BallotSummary:
    """What the voter has chosen so far, shown beside the ballot while choosing."""

    ballot_type: str
    chosen: int
    budget: int
    left: int
    budget_text: str
    left_text: str
    over_text: str
    points_total: int
    points_left: int
    warnings: list[str] = field(default_factory=list)


def ballot_summary(
    process: BudgetProcess,
    raw: Mapping[str, str],
    rows: SheetRows | None = None,
) -> BallotSummary:
    """Count, money left (knapsack) or points left (cumulative) and the problems of a choice that
    is not yet cast. `raw` maps project id → what the voter ticked or typed; `rows` are the
    process's pools and projects on the ballot when already read."""
    sheet = ballot_sheet(process, rows)
    country = process.municipality.country
    warnings: list[str] = []
    points: dict[str, int] = {}
    for pid, value in raw.items():
        try:
            number = int(str(value).strip() or "0")
        except ValueError:
            warnings.append(_("Points must be whole numbers."))
            continue
        if number:
            points[pid] = number
    chosen = {pid for pid, number in points.items() if number}
    left = remaining_budget(sheet.costs, chosen, sheet.rules.budget)
    if chosen and not warnings:
        warnings = ballot_problems(process, points, total_over_budget=False, sheet=sheet)
    return BallotSummary(
        ballot_type=process.ballot_type,
        chosen=len(chosen),
        budget=sheet.rules.budget,
        left=left,
        budget_text=kroner(sheet.rules.budget, country),
        left_text=kroner(max(left, 0), country),
        over_text=kroner(max(-left, 0), country),
        points_total=process.total_points,
        points_left=process.total_points - sum(points.values()),
        warnings=list(dict.fromkeys(warnings)),
    )


@dataclass
class BudgetCard:
    process: BudgetProcess
    template_name: str = "budgeting/partials/_card.html"


def open_budgets_section(*, municipality: Any) -> OpenSection:
    """The front page block: participatory budgets open for voting now."""
    now = timezone.now()
    closing = (
        BudgetProcess.objects.filter(
            municipality=municipality, voting_opens__lte=now, voting_closes__gt=now
        )
        .select_related("area")
        .order_by("voting_closes", "pk")[:3]
    )
    return OpenSection(
        title=_("Participatory budgets open for voting"),
        items=[BudgetCard(p) for p in closing],
        more_url=reverse("budgeting:list"),
        empty_text=_("No participatory budget is open for voting right now."),
    )


# --- results --------------------------------------------------------------------------------------


@dataclass
class ResultRow:
    project: BudgetProject
    title: str
    cost: int
    cost_text: str
    pool: str
    votes: int
    share: int  # votes as a percentage of the most votes any project got (for the bar)
    funded: bool
    why: str
    price_text: str  # equal shares: what one supporter paid for it; otherwise empty


@dataclass
class PoolResult:
    name: str
    amount_text: str
    used_text: str
    used: int
    amount: int
    share_text: str  # equal shares: each voter's share of this pool in the deciding run


@dataclass
class ProcessResults:
    rows: list[ResultRow]
    pools: list[PoolResult]
    ballots: int
    used_text: str
    total_text: str
    verifies: bool
    rule: str
    rule_label: str
    counted_at: datetime | None
    log_head: str


def _fraction(text: str) -> Fraction:
    numerator, _slash, denominator = text.partition("/")
    return Fraction(int(numerator), int(denominator or 1))


def process_results(process: BudgetProcess) -> ProcessResults:
    """The published outcome of a closed vote (counted once by services.results_publish), with a
    plain reason for each project, sorted by votes (most first)."""
    result = process.result or {}
    country = process.municipality.country
    points: dict[str, int] = result.get("points", {})
    funded = set(result.get("selected", []))
    filled = set(result.get("filled", []))
    prices: dict[str, str] = result.get("prices", {})
    shares: dict[str, str] = result.get("shares", {})
    projects = ballot_projects(process)
    rule_label = str(process.get_counting_rule_display())
    left: dict[int, int] = {pool.pk: pool.amount for pool in process.pools.all()}
    for p in projects:
        if str(p.pk) in funded:
            left[p.pool_id] = left.get(p.pool_id, 0) - p.cost
    most = max((points.get(str(p.pk), 0) for p in projects), default=0)
    rows: list[ResultRow] = []
    for p in projects:
        pid = str(p.pk)
        votes = points.get(pid, 0)
        price = ""
        if pid in prices:
            price = money_text(_fraction(prices[pid]), country)
            why = _("Bought by its supporters' equal shares at %(price)s each") % {"price": price}
        elif pid in filled:
            why = _("Funded from the money left over, by most votes")
        elif pid in funded:
            why = _("Chosen by %(rule)s") % {"rule": rule_label}
        elif p.cost > left.get(p.pool_id, 0):
            why = _("Did not fit in the remaining money")
        elif prices or shares:
            why = _("Its supporters' shares could not pay for it")
        else:
            why = _("Fewer votes than the funded projects")
        rows.append(
            ResultRow(
                project=p,
                title=p.title,
                cost=p.cost,
                cost_text=kroner(p.cost, country),
                pool=p.pool.name,
                votes=votes,
                share=round(100 * votes / most) if most else 0,
                funded=pid in funded,
                why=why,
                price_text=price,
            )
        )
    rows.sort(key=lambda r: (-r.votes, r.project.pk))
    pools = []
    for pool in process.pools.all():
        used = pool.amount - left.get(pool.pk, pool.amount)
        share = shares.get(str(pool.pk))
        pools.append(
            PoolResult(
                name=pool.name,
                amount_text=kroner(pool.amount, country),
                used_text=kroner(used, country),
                used=used,
                amount=pool.amount,
                share_text=money_text(_fraction(share), country) if share else "",
            )
        )
    return ProcessResults(
        rows=rows,
        pools=pools,
        ballots=int(result.get("ballots", 0)),
        used_text=kroner(sum(p.used for p in pools), country),
        total_text=kroner(sum(p.amount for p in pools), country),
        verifies=bool(result.get("verifies")),
        rule=process.counting_rule,
        rule_label=rule_label,
        counted_at=process.counted_at,
        log_head=str(result.get("log_head", "")),
    )


# --- ideas ----------------------------------------------------------------------------------------


def project_detail(*, municipality: Any, pk: int) -> BudgetProject | None:
    if municipality is None:
        return None
    return (
        BudgetProject.objects.filter(process__municipality=municipality, pk=pk)
        .select_related(
            "process__municipality", "pool", "area", "organisation", "merged_into", "author"
        )
        .first()
    )


@dataclass
class IdeaGroup:
    status: str
    label: str
    projects: list[BudgetProject]


def ideas_by_status(process: BudgetProcess) -> list[IdeaGroup]:
    """Every idea of a process, grouped as residents want to read them: on the ballot (or funded)
    first, then waiting for review, then not feasible, then merged."""
    order = [
        BudgetProject.Status.FUNDED,
        BudgetProject.Status.FEASIBLE,
        BudgetProject.Status.NOT_FUNDED,
        BudgetProject.Status.SUBMITTED,
        BudgetProject.Status.INFEASIBLE,
        BudgetProject.Status.MERGED,
    ]
    projects = list(
        BudgetProject.objects.filter(process=process)
        .select_related("pool", "area", "organisation", "merged_into")
        .order_by("pk")
    )
    groups = []
    for status in order:
        members = [p for p in projects if p.status == status]
        if members:
            groups.append(IdeaGroup(status=status, label=str(status.label), projects=members))
    return groups


def review_queue(process: BudgetProcess) -> list[BudgetProject]:
    """Ideas for staff: waiting first, then the ones already reviewed."""
    waiting = Case(
        When(status=BudgetProject.Status.SUBMITTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(
        BudgetProject.objects.filter(process=process)
        .select_related("pool", "area", "organisation", "merged_into", "author")
        .annotate(waiting=waiting)
        .order_by("waiting", "pk")
    )


def staff_processes(*, municipality: Any) -> list[BudgetProcess]:
    """Every process of the municipality with what waits for staff."""
    return list(
        BudgetProcess.objects.filter(municipality=municipality)
        .annotate(
            ideas_waiting=Count(
                "projects",
                filter=Q(projects__status=BudgetProject.Status.SUBMITTED),
                distinct=True,
            ),
            sheets_pending=Count(
                "paper_sheets",
                filter=Q(paper_sheets__state=PaperBallotSheet.State.PENDING),
                distinct=True,
            ),
        )
        .order_by("-voting_opens", "pk")
    )


def pending_sheets(process: BudgetProcess) -> list[PaperBallotSheet]:
    return list(
        PaperBallotSheet.objects.filter(process=process, state=PaperBallotSheet.State.PENDING)
        .select_related("entered_by")
        .order_by("entered_at", "pk")
    )


@dataclass
class FoundBallot:
    position: int
    superseded: bool
    channel: str
    choices: list[tuple[str, int]]
    entry_hash: str


def ballot_by_receipt(process: BudgetProcess, code: str) -> FoundBallot | None:
    """The ballot with this receipt code in this process, with the project titles it names."""
    ballot = Ballot.objects.filter(process=process, receipt_code=normalise_receipt(code)).first()
    if ballot is None:
        return None
    titles = dict(BudgetProject.objects.filter(process=process).values_list("pk", "title"))
    return FoundBallot(
        position=ballot.position,
        superseded=ballot.superseded,
        channel=ballot.channel,
        choices=[
            (titles.get(int(pid), pid), int(points))
            for pid, points in sorted(ballot.choice.items(), key=lambda kv: int(kv[0]))
        ],
        entry_hash=ballot.entry_hash,
    )
