"""Casting, changing, entering on paper, counting and verifying participatory-budget ballots.

Who voted goes to the VoterRegister; what the ballot says is appended to the Ballot log. The two
share no key. Appends are serialised per process by a row lock on the process, so positions run
1, 2, 3 … without gaps and each entry's hash chains to the one before."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborger.accounts.models import User
from medborger.budgeting import ballot_box
from medborger.budgeting.models import (
    Ballot,
    BudgetProcess,
    BudgetProject,
    Channel,
    PaperBallotSheet,
    Pool,
    VoterRegister,
)
from medborger.budgeting.signals import results_published
from medborger.core.audit import audit_record
from medborger.domain.budgeting.ballotlog import GENESIS, Verdict, chain_hash, verify
from medborger.domain.budgeting.ballots import (
    BallotRules,
    BallotType,
    Finding,
    Problem,
    check_ballot,
)
from medborger.domain.budgeting.tally import current_choices, points_per_project
from medborger.domain.counting import ApprovalProfile, CumulativeProfile, Instance, Project, count
from medborger.domain.counting.mes import equal_shares_explained
from medborger.domain.counting.model import Profile
from medborger.domain.counting.pabulib import write_pabulib
from medborger.domain.country import kroner as country_kroner
from medborger.domain.identity import match_key, person_key
from medborger.domain.lifecycle import proposals as lifecycle
from medborger.domain.lifecycle.proposals import Refusal
from medborger.notifications.services import notify_followers, notify_users


class BudgetError(Exception):
    """A refusal the user can read; the view shows it next to the ballot."""


# --- small helpers ------------------------------------------------------------------------------


kroner = country_kroner  # re-exported: budgeting pages and tests call services.kroner


def money_text(value: Fraction | int, country: str = "DK") -> str:
    """Whole kroner, rounded half up; 'about' when the exact amount has øre."""
    value = Fraction(value)
    text = kroner(int(value + Fraction(1, 2)), country)
    return text if value.denominator == 1 else _("about %(amount)s") % {"amount": text}


def new_receipt() -> str:
    """16 random base32 characters (80 bits) in groups of four, easy to read aloud and type."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


# Receipts use base32 (A–Z, 2–7): a typed 0, 1 or 8 can only mean O, I or B.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def normalise_receipt(receipt: str) -> str:
    cleaned = "".join(ch for ch in receipt.upper() if ch.isalnum()).translate(_LOOKALIKES)
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def receipt_mac(receipt: str) -> str:
    """The one-way check value the register keeps for the voter's current receipt."""
    return hmac.new(
        settings.PERSON_KEY_PEPPER.encode(), f"receipt:{receipt}".encode(), hashlib.sha256
    ).hexdigest()


def _locked_process(process_id: int) -> BudgetProcess:
    return (
        BudgetProcess.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=process_id)
    )


def _require_open(process: BudgetProcess, now: datetime) -> None:
    if now < process.voting_opens:
        raise BudgetError(_("Voting has not opened yet."))
    if now >= process.voting_closes:
        raise BudgetError(_("Voting has closed."))


def _staff(user: Any, process: BudgetProcess) -> None:
    """The same rule the staff pages use (budgeting/rules.py), checked again in the service."""
    if not user.has_perm("budgeting.review", process):
        raise BudgetError(_("Your role does not allow this."))


# --- eligibility ---------------------------------------------------------------------------------

# "Not read yet" for an optional voter argument (None means: read, and there is none).
UNREAD: Any = object()

# A person without a verified identity: eligibility refuses them as not verified.
_NOBODY = lifecycle.Person(False, 0, None, None, frozenset())


def voter_of(user: Any) -> ballot_box.Voter | None:
    """The user's verified identity as the vote needs it (None for a visitor or without one):
    the same statement the vote runs, so the page and the vote judge a person alike."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ballot_box.voter(user.pk)


def _person_of(voter: ballot_box.Voter | None) -> lifecycle.Person:
    return _NOBODY if voter is None else voter.person


def refusal_text(refusal: Refusal, process: BudgetProcess) -> str:
    texts = {
        Refusal.NOT_VERIFIED: _("Log in with MitID or BankID to vote."),
        Refusal.LEVEL_TOO_LOW: _(
            "Your log-in is not secure enough to vote. Log in again with MitID or BankID."
        ),
        Refusal.TOO_YOUNG: _("You must turn %(age)d this year or be older to vote.")
        % {"age": process.effective_min_age},
        Refusal.OTHER_MUNICIPALITY: _("Only residents of %(municipality)s can vote.")
        % {"municipality": process.municipality.name},
        Refusal.OUTSIDE_AREA: _("Only residents of %(area)s can vote.")
        % {"area": process.area.name if process.area else process.municipality.name},
    }
    return str(texts[refusal])


def eligibility_refusal(
    *, user: Any, process: BudgetProcess, today: date, voter: Any = UNREAD
) -> str | None:
    """None when the user may vote, otherwise why not, as a sentence. Pass `voter` (voter_of(user),
    possibly None) when it is already read."""
    person = _person_of(voter_of(user) if voter is UNREAD else voter)
    return _refusal_of_person(person, process, today)


def _refusal_of_person(person: lifecycle.Person, process: BudgetProcess, today: date) -> str | None:
    refusal = lifecycle.eligibility(
        person,
        municipality_id=process.municipality_id,
        area_id=process.area_id,
        min_age=process.effective_min_age,
        required_level=process.effective_assurance,
        today=today,
    )
    return None if refusal is None else refusal_text(refusal, process)


# --- pools per area ------------------------------------------------------------------------------


def pools_open_to(
    process: BudgetProcess,
    voter: ballot_box.Voter | None,
    pools: Iterable[Pool] | None = None,
) -> set[int]:
    """The pools a person votes on: those for everyone, and those of an area they live in. Without
    a voter (a visitor, staff typing a paper ballot) every pool. `pools` are the process's pools
    when already read."""
    rows = [
        (pool.pk, pool.area_id)
        for pool in (Pool.objects.filter(process=process) if pools is None else pools)
    ]
    if voter is None:
        return {pk for pk, _area in rows}
    home = voter.home_areas
    return {pk for pk, area_id in rows if area_id is None or area_id in home}


def _check_pools_open_to(
    home: frozenset[int], choice: Mapping[str, int], sheet: BallotSheet
) -> None:
    """Refuse a choice in a pool of an area the voter does not live in (`home`: their home area
    and the areas above it). A chosen id that is not on the ballot is left to ballot_problems,
    which refuses it."""
    for pid in choice:
        pool_id = sheet.pool_of.get(pid)
        if pool_id is None:
            continue
        area_id = sheet.pools[pool_id].area_id
        if area_id is not None and area_id not in home:
            pool = Pool.objects.select_related("area").get(pk=pool_id)
            raise BudgetError(
                _("Only residents of %(area)s vote on the projects in %(pool)s.")
                % {"area": pool.area.name if pool.area else "", "pool": pool.name}
            )


# --- the ballot -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotSheet:
    """What a ballot is checked against: the projects on it and the pools."""

    rules: BallotRules
    costs: dict[str, int]
    titles: dict[str, str]
    pool_of: dict[str, int]
    pools: dict[int, Pool]


ProjectRow = ballot_box.ProjectRow  # id, pool id, title, cost
SheetRows = tuple[list[Pool], Sequence[ProjectRow | BudgetProject]]


def ballot_sheet(process: BudgetProcess, rows: SheetRows | None = None) -> BallotSheet:
    """The sheet of `process`; `rows` are its pools and the projects on the ballot (rows or model
    objects) if already read."""
    pool_rows, projects = rows if rows is not None else ballot_box.sheet_rows(process.pk)
    pools = {pool.pk: pool for pool in pool_rows}
    items = [p if isinstance(p, tuple) else (p.pk, p.pool_id, p.title, p.cost) for p in projects]
    rules = BallotRules(
        ballot_type=BallotType(process.ballot_type),
        budget=sum(pool.amount for pool in pools.values()),
        min_projects=process.min_projects,
        max_projects=process.max_projects,
        total_points=process.total_points,
        max_points_per_project=process.max_points_per_project,
    )
    return BallotSheet(
        rules=rules,
        costs={str(pk): cost for pk, _pool, _title, cost in items},
        titles={str(pk): title for pk, _pool, title, _cost in items},
        pool_of={str(pk): pool_id for pk, pool_id, _title, _cost in items},
        pools=pools,
    )


def _clean_choice(process: BudgetProcess, choice: Mapping[Any, Any]) -> dict[str, int]:
    """Project id → points as strings and whole numbers; a tick is 1. Zeroes are left out."""
    if not isinstance(choice, Mapping):
        raise BudgetError(_("The ballot could not be read. Please choose again."))
    cleaned: dict[str, int] = {}
    for key, value in choice.items():
        if isinstance(value, bool):
            value = int(value)
        if not isinstance(value, int):
            try:
                value = int(str(value))
            except ValueError:
                raise BudgetError(_("Points must be whole numbers.")) from None
        if value == 0:
            continue
        if process.ballot_type != BudgetProcess.BallotKind.CUMULATIVE and value != 1:
            raise BudgetError(_("Tick each project you choose; points are not used here."))
        cleaned[str(key)] = value
    return dict(sorted(cleaned.items()))


def finding_text(finding: Finding, sheet: BallotSheet, country: str, pool: str = "") -> str:
    title = sheet.titles.get(finding.project, finding.project)
    match finding.problem:
        case Problem.UNKNOWN_PROJECT:
            return _("One of the chosen projects is not on the ballot. Please choose again.")
        case Problem.EMPTY:
            return _("Choose at least one project.")
        case Problem.TOO_FEW:
            return ngettext(
                "Choose at least %(limit)d project. You chose %(actual)d.",
                "Choose at least %(limit)d projects. You chose %(actual)d.",
                finding.limit,
            ) % {
                "limit": finding.limit,
                "actual": finding.actual,
            }
        case Problem.TOO_MANY:
            return ngettext(
                "Choose at most %(limit)d project. You chose %(actual)d.",
                "Choose at most %(limit)d projects. You chose %(actual)d.",
                finding.limit,
            ) % {
                "limit": finding.limit,
                "actual": finding.actual,
            }
        case Problem.OVER_BUDGET if pool:
            return _("Your choice in %(pool)s costs %(spent)s, but the pool is %(budget)s.") % {
                "pool": pool,
                "spent": kroner(finding.actual, country),
                "budget": kroner(finding.limit, country),
            }
        case Problem.OVER_BUDGET:
            return _("Your choice costs %(spent)s, but the pool is %(budget)s.") % {
                "spent": kroner(finding.actual, country),
                "budget": kroner(finding.limit, country),
            }
        case Problem.NEGATIVE_POINTS:
            return _("Points cannot be below 0 (%(project)s).") % {"project": title}
        case Problem.TOO_MANY_POINTS:
            return _("You have %(limit)d points to spread, but you gave %(actual)d.") % {
                "limit": finding.limit,
                "actual": finding.actual,
            }
        case Problem.TOO_MANY_POINTS_ON_ONE:
            return _(
                "Give at most %(limit)d points to one project (%(project)s has %(actual)d)."
            ) % {
                "limit": finding.limit,
                "project": title,
                "actual": finding.actual,
            }
    return _("The ballot is not valid.")  # pragma: no cover - every problem is handled above


def ballot_problems(
    process: BudgetProcess,
    choice: Mapping[str, int],
    *,
    total_over_budget: bool = True,
    sheet: BallotSheet | None = None,
) -> list[str]:
    """Every problem with a (cleaned) choice as sentences; empty when the ballot is valid.

    With several pools a knapsack ballot must fit each pool on its own. The live summary says
    how far over the whole budget a choice is itself, so it asks without that sentence."""
    sheet = sheet or ballot_sheet(process)
    findings = check_ballot(sheet.rules, sheet.costs, choice)
    per_pool = sheet.rules.ballot_type == BallotType.KNAPSACK and len(sheet.pools) > 1
    if not findings and not per_pool:
        return []  # a valid ballot: the vote need not read the municipality for sentences
    country = process.municipality.country
    texts = [
        finding_text(f, sheet, country)
        for f in findings
        if not ((per_pool or not total_over_budget) and f.problem == Problem.OVER_BUDGET)
    ]
    if per_pool and not any(f.problem == Problem.UNKNOWN_PROJECT for f in findings):
        for pool_id, pool in sheet.pools.items():
            spent = sum(
                sheet.costs[pid]
                for pid in choice
                if sheet.pool_of.get(pid) == pool_id and choice[pid]
            )
            if spent > pool.amount:
                finding = Finding(Problem.OVER_BUDGET, pool.amount, spent)
                texts.append(finding_text(finding, sheet, country, pool=pool.name))
    return texts


def _entry(ballot: Ballot) -> dict[str, Any]:
    """What is hashed for a stored ballot; rebuilt from the stored fields when verifying."""
    return {
        "position": ballot.position,
        "receipt": ballot.receipt_code,
        "choice": {str(k): int(v) for k, v in sorted(ballot.choice.items())},
        "channel": ballot.channel,
        "replaces": ballot.replaces_receipt,
        "cast_at": ballot.cast_at.astimezone(UTC).isoformat(),
    }


def _append(
    process: BudgetProcess,
    *,
    receipt: str,
    choice: dict[str, int],
    channel: str,
    replaces: str,
    now: datetime,
) -> Ballot:
    """Append one ballot to the log. The caller holds the lock on the process row."""
    last = ballot_box.head(process.pk)
    position, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    ballot = Ballot(
        process=process,
        position=position,
        receipt_code=receipt,
        choice=choice,
        channel=channel,
        replaces_receipt=replaces,
        cast_at=now.astimezone(UTC),
    )
    ballot.entry_hash = chain_hash(previous, _entry(ballot))
    ballot_box.append(ballot)
    return ballot


def _cast(
    process: BudgetProcess,
    *,
    key: str,
    match: str | None,
    channel: str,
    choice: dict[str, int],
    now: datetime,
    replaces_receipt: str,
    sheet: BallotSheet | None = None,
) -> str:
    """Register the voter (or check their receipt) and append the ballot; returns the receipt."""
    problems = ballot_problems(process, choice, sheet=sheet)
    if problems:
        raise BudgetError(" ".join(problems))
    receipt = new_receipt()
    if not replaces_receipt:
        registered = ballot_box.register(
            process_id=process.pk,
            person_key=key,
            match_key=match,
            channel=channel,
            day=timezone.localdate(now),
            receipt_mac=receipt_mac(receipt),
            row_id=uuid.uuid4(),
        )
        if not registered:
            if channel == Channel.PAPER:
                raise BudgetError(_("This person has already voted, online or on paper.")) from None
            raise BudgetError(
                _("You have already voted. Use your receipt to change your vote.")
            ) from None
        _append(process, receipt=receipt, choice=choice, channel=channel, replaces="", now=now)
        return receipt
    old = normalise_receipt(replaces_receipt)
    row = VoterRegister.objects.select_for_update().filter(process=process, person_key=key).first()
    if row is None:
        raise BudgetError(_("You have not voted yet, so there is no vote to change."))
    if row.channel == Channel.PAPER:
        raise BudgetError(_("You voted on paper. A paper vote cannot be changed online."))
    if not hmac.compare_digest(row.current_receipt_mac, receipt_mac(old)):
        raise BudgetError(
            _("This receipt does not belong to your current vote. Check the code and try again.")
        )
    replaced = Ballot.objects.filter(process=process, receipt_code=old, superseded=False).update(
        superseded=True
    )
    if replaced != 1:  # pragma: no cover - the register and the box disagree: refuse loudly
        # The update above has written; ballot_cast may run in its caller's transaction without
        # a savepoint, so that whole transaction must be rolled back, whatever the caller does.
        transaction.set_rollback(True)
        raise BudgetError(_("Your vote could not be changed. Please contact the municipality."))
    _append(process, receipt=receipt, choice=choice, channel=channel, replaces=old, now=now)
    row.current_receipt_mac = receipt_mac(receipt)
    row.last_changed_on = timezone.localdate(now)
    row.save(update_fields=["current_receipt_mac", "last_changed_on"])
    return receipt


def ballot_cast(
    *,
    process_id: int,
    user: User,
    choice: Mapping[Any, Any],
    now: datetime,
    replaces_receipt: str = "",
    municipality: Any = None,
) -> str:
    """Cast (or, with the receipt of the current ballot, change) a vote; returns the new receipt.
    `municipality` is the process's, when the caller has it (the vote view: the request's).

    The process row lock serialises every append to the log, so what needs no lock is read
    before taking it: the voter's identity, and the pools and projects on the ballot (no service
    changes them once voting has opened, and the process row lock never covered their rows).

    The statements are ballot_box's (SQL, not the ORM: this is the write that must keep up a
    rate). It runs in the caller's transaction when there is one (the vote view's, which also
    saves the receipt in the session), otherwise in its own."""
    with (
        transaction.atomic() if not transaction.get_connection().in_atomic_block else nullcontext()
    ):
        return _ballot_cast(
            process_id=process_id,
            user=user,
            choice=choice,
            now=now,
            replaces_receipt=replaces_receipt,
            municipality=municipality,
        )


def _ballot_cast(
    *,
    process_id: int,
    user: User,
    choice: Mapping[Any, Any],
    now: datetime,
    replaces_receipt: str,
    municipality: Any,
) -> str:
    voter = voter_of(user)
    rows = ballot_box.sheet_rows(process_id)
    process = ballot_box.locked_process(process_id, municipality)
    _require_open(process, now)
    refusal = _refusal_of_person(_person_of(voter), process, now.date())
    if refusal is not None:
        raise BudgetError(refusal)
    assert voter is not None  # eligibility needs a verified identity
    sheet = ballot_sheet(process, rows)
    cleaned = _clean_choice(process, choice)
    _check_pools_open_to(voter.home_areas, cleaned, sheet)
    return _cast(
        process,
        key=voter.person_key,
        match=voter.match_key,
        channel=Channel.ONLINE,
        choice=cleaned,
        now=now,
        replaces_receipt=replaces_receipt.strip(),
        sheet=sheet,
    )


# --- paper ballots ------------------------------------------------------------------------------


@transaction.atomic
def paper_sheet_enter(
    *,
    process_id: int,
    staff: User,
    name: str,
    birth_date: date,
    choice: Mapping[Any, Any],
    now: datetime,
) -> PaperBallotSheet:
    """The first staff member types in a paper ballot; a second one must confirm it."""
    process = BudgetProcess.objects.select_related("municipality").get(pk=process_id)
    _staff(staff, process)
    _require_open(process, now)
    if not name.strip():
        raise BudgetError(_("Write the voter's name from the ballot."))
    if now.year - birth_date.year < process.effective_min_age:
        raise BudgetError(
            _("The voter must turn %(age)d this year or be older to vote.")
            % {"age": process.effective_min_age}
        )
    cleaned = _clean_choice(process, choice)
    problems = ballot_problems(process, cleaned)
    if problems:
        raise BudgetError(" ".join(problems))
    return PaperBallotSheet.objects.create(
        process=process,
        entered_by=staff,
        entered_at=now,
        person_key=match_key(settings.PERSON_KEY_PEPPER, name, birth_date),
        choice=cleaned,
    )


@transaction.atomic
def paper_sheet_confirm(*, sheet_id: int, staff: User, now: datetime) -> str:
    """A second staff member confirms the sheet; it is cast like an online ballot (channel paper).
    The sheet's choice is then cleared, so only the box knows what the ballot says."""
    sheet = PaperBallotSheet.objects.select_related("process").get(pk=sheet_id)
    process = _locked_process(sheet.process_id)
    sheet = PaperBallotSheet.objects.select_for_update().get(pk=sheet_id)
    _staff(staff, process)
    if sheet.state != PaperBallotSheet.State.PENDING:
        raise BudgetError(_("This paper ballot has already been confirmed."))
    if sheet.entered_by_id == staff.pk:
        raise BudgetError(
            _("Another staff member must confirm this paper ballot, not the one who typed it in.")
        )
    _require_open(process, now)
    receipt = _cast(
        process,
        key=person_key(settings.PERSON_KEY_PEPPER, "paper", sheet.person_key),
        match=sheet.person_key,
        channel=Channel.PAPER,
        choice=dict(sheet.choice),
        now=now,
        replaces_receipt="",
    )
    sheet.state = PaperBallotSheet.State.CONFIRMED
    sheet.confirmed_by = staff
    sheet.confirmed_at = now
    sheet.choice = {}
    sheet.save(update_fields=["state", "confirmed_by", "confirmed_at", "choice"])
    return receipt


# --- counting and verifying ---------------------------------------------------------------------


@dataclass
class Tally:
    voters: int
    points: dict[str, int]  # project id → ticks or points from current ballots
    selected: list[str] = field(default_factory=list)  # project ids the counting rule funds


def _profile(process: BudgetProcess, choices: list[dict[str, int]]) -> Profile:
    if process.ballot_type == BudgetProcess.BallotKind.CUMULATIVE:
        return CumulativeProfile.build(choices)
    return ApprovalProfile.build([pid for pid, pts in c.items() if pts] for c in choices)


def _pool_instances(
    process: BudgetProcess, choices: list[dict[str, int]]
) -> Iterator[tuple[Pool, Instance, Profile]]:
    """Each pool is counted on its own with its own amount and its projects."""
    sheet = ballot_sheet(process)
    for pool_id, pool in sheet.pools.items():
        ids = {pid for pid, pool_of in sheet.pool_of.items() if pool_of == pool_id}
        if not ids:
            continue
        instance = Instance.build(pool.amount, [Project(pid, sheet.costs[pid]) for pid in ids])
        # A pool counts the voters who chose in it: like pabulib's district files, a voter
        # who could not (another area's pool) or did not vote on a pool holds no share of it.
        in_pool = [{pid: pts for pid, pts in c.items() if pid in ids} for c in choices]
        yield pool, instance, _profile(process, [c for c in in_pool if c])


def _count(process: BudgetProcess, choices: list[dict[str, int]]) -> list[str]:
    selected: list[str] = []
    for _pool, instance, profile in _pool_instances(process, choices):
        selected += count(process.counting_rule, instance, profile)
    return selected


def _tally(process: BudgetProcess, choices: list[dict[str, int]]) -> Tally:
    return Tally(
        voters=len(choices), points=points_per_project(choices), selected=_count(process, choices)
    )


def tally(*, process: BudgetProcess) -> Tally:
    """The count from the current (not superseded) ballots."""
    choices = [
        {str(k): int(v) for k, v in c.items()}
        for c in Ballot.objects.filter(process=process, superseded=False)
        .order_by("position")
        .values_list("choice", flat=True)
    ]
    return _tally(process, choices)


def ballot_entries(process: BudgetProcess) -> list[tuple[int, dict[str, Any], str]]:
    """(position, entry, stored hash) for every stored ballot in position order."""
    return [
        (ballot.position, _entry(ballot), ballot.entry_hash)
        for ballot in Ballot.objects.filter(process=process).order_by("position")
    ]


@dataclass
class Verification:
    verdict: Verdict
    tally: Tally


def ballots_verify(*, process: BudgetProcess) -> Verification:
    """Check the hash chain over the stored ballots and recount from the log alone."""
    rows = ballot_entries(process)
    verdict = verify(rows)
    return Verification(verdict, _tally(process, current_choices(entry for _p, entry, _h in rows)))


# --- publishing the result ----------------------------------------------------------------------


def _fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _explained_count(process: BudgetProcess, choices: list[dict[str, int]]) -> dict[str, Any]:
    """The selection, and for equal shares the price per supporter and the share per voter."""
    selected: list[str] = []
    prices: dict[str, str] = {}
    shares: dict[str, str] = {}
    filled: list[str] = []
    mes = process.counting_rule in (
        BudgetProcess.CountingRule.MES,
        BudgetProcess.CountingRule.MES_ADD1,
    )
    for pool, instance, profile in _pool_instances(process, choices):
        if not mes:
            selected += count(process.counting_rule, instance, profile)
            continue
        add1 = process.counting_rule == BudgetProcess.CountingRule.MES_ADD1
        explained = equal_shares_explained(
            instance, profile, completion="add1" if add1 else None, fill=add1
        )
        selected += explained.selected
        filled += explained.filled
        prices.update({k: _fraction_text(v) for k, v in explained.price_per_supporter.items()})
        if explained.share_per_voter is not None:
            shares[str(pool.pk)] = _fraction_text(explained.share_per_voter)
    return {"selected": selected, "prices": prices, "shares": shares, "filled": filled}


def _notify_result(project: BudgetProject, now: datetime) -> None:
    """Followers and the author of each project on the ballot hear whether it was funded."""
    funded = project.status == BudgetProject.Status.FUNDED
    title = (_("“%(title)s” is funded") if funded else _("“%(title)s” was not funded")) % {
        "title": project.title
    }
    url = reverse("budgeting:results", args=[project.process_id])
    event = "budget.result"
    notify_followers(
        target=project, event=event, title=title, body="", url=url, actor=project.author, now=now
    )
    if project.author is not None:
        notify_users(
            users=[project.author],
            target=project,
            event=event,
            title=title,
            body="",
            url=url,
            now=now,
        )


@transaction.atomic
def results_publish(*, process_id: int, now: datetime) -> dict[str, Any]:
    """Count the moment voting has closed, once: store the result, verify the log, and mark the
    projects on the ballot funded or not. Later calls return the stored result unchanged."""
    process = _locked_process(process_id)
    if process.result is not None:
        return dict(process.result)
    if now < process.voting_closes:
        raise BudgetError(_("The results come when voting closes."))
    rows = ballot_entries(process)
    verdict = verify(rows)
    choices = current_choices(entry for _p, entry, _h in rows)
    counted = _explained_count(process, choices)
    result = {
        "ballots": len(choices),
        "points": points_per_project(choices),
        **counted,
        "verifies": bool(verdict.ok),
        "log_entries": len(rows),
        "log_head": rows[-1][2] if rows else GENESIS,
    }
    funded = set(counted["selected"])
    for project in BudgetProject.objects.filter(
        process=process, status__in=BudgetProject.ON_BALLOT
    ).select_related("author"):
        project.status = (
            BudgetProject.Status.FUNDED
            if str(project.pk) in funded
            else BudgetProject.Status.NOT_FUNDED
        )
        project.save(update_fields=["status", "updated_at"])
        _notify_result(project, now)
    process.result = result
    process.counted_at = now
    process.save(update_fields=["result", "counted_at", "updated_at"])
    results_published.send(
        sender=BudgetProcess,
        process=process,
        funded=list(
            BudgetProject.objects.filter(process=process, status=BudgetProject.Status.FUNDED)
        ),
        now=now,
    )
    audit_record(
        actor=None,
        action="budget.results_publish",
        target=process,
        after={"selected": counted["selected"], "ballots": len(choices)},
        at=now,
    )
    return result


def results_publish_due(*, now: datetime) -> list[BudgetProcess]:
    """Publish every process whose voting has closed and that has not been counted yet (cron)."""
    due = list(
        BudgetProcess.objects.filter(voting_closes__lte=now, result__isnull=True).order_by("pk")
    )
    for process in due:
        results_publish(process_id=process.pk, now=now)
    return due


# --- pabulib ---------------------------------------------------------------------------------------


def pabulib_export(process: BudgetProcess, pool: Pool) -> str:
    """One pool's counted ballots in pabulib's .pb format (pabulib has one budget per file), with
    each project's title, votes and whether it was funded."""
    rows = ballot_entries(process)
    choices = current_choices(entry for _p, entry, _h in rows)
    ids = {
        str(pk)
        for pk in process.projects.filter(
            pool=pool, status__in=BudgetProject.ON_BALLOT
        ).values_list("pk", flat=True)
    }
    projects = list(BudgetProject.objects.filter(pk__in=[int(i) for i in ids]).order_by("pk"))
    in_pool = [{pid: pts for pid, pts in c.items() if pid in ids} for c in choices]
    in_pool = [c for c in in_pool if c]
    result = process.result or {}
    selected = set(result.get("selected", []))
    points = points_per_project(in_pool)
    country = process.municipality.country
    meta = {
        "description": process.title,
        "country": "Denmark" if country == "DK" else "Sweden",
        "unit": process.municipality.name,
        "instance": process.slug,
        "subunit": pool.name,
        "num_projects": str(len(projects)),
        "num_votes": str(len(in_pool)),
        "budget": str(pool.amount),
        "vote_type": "cumulative"
        if process.ballot_type == BudgetProcess.BallotKind.CUMULATIVE
        else "approval",
        "rule": {
            "greedy": "greedy",
            "mes": "equalshares",
            "mes-add1": "equalshares/add1",
            "phragmen": "phragmen",
        }[process.counting_rule],
        "date_begin": timezone.localtime(process.voting_opens).strftime("%d.%m.%Y"),
        "date_end": timezone.localtime(process.voting_closes).strftime("%d.%m.%Y"),
        "currency": "DKK" if country == "DK" else "SEK",
        "language": process.municipality.default_language,
    }
    if process.ballot_type == BudgetProcess.BallotKind.CUMULATIVE:
        meta["max_sum_points"] = str(process.total_points)
    instance = Instance.build(pool.amount, [Project(str(p.pk), p.cost) for p in projects], meta)
    columns = {
        "name": {str(p.pk): p.title.replace(";", ",") for p in projects},
        "votes": {str(p.pk): str(points.get(str(p.pk), 0)) for p in projects},
        "selected": {str(p.pk): "1" if str(p.pk) in selected else "0" for p in projects},
    }
    return write_pabulib(instance, _profile(process, in_pool), columns)
