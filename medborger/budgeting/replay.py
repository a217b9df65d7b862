"""Replaying a past election from a pabulib .pb file: count it by any of our rules and show what
each rule would fund. Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from medborger.budgeting.services import BudgetError
from medborger.domain.counting import PabulibError, count, parse_pabulib
from medborger.domain.counting.mes import equal_shares_explained
from medborger.domain.counting.model import ApprovalProfile, utilities


@dataclass
class ReplayRow:
    project_id: str
    cost: Fraction
    votes: Fraction
    selected: bool
    price: Fraction | None


@dataclass
class Replay:
    budget: Fraction
    ballots: int
    vote_type: str
    rows: list[ReplayRow]
    spent: Fraction
    description: str


def replay(data: bytes, rule: str) -> Replay:
    """Count the .pb file by ``rule``; a corrupt file is refused with its line and reason."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BudgetError(
            _("The file is not UTF-8 text. A .pb file is a UTF-8 text file.")
        ) from None
    try:
        instance, profile = parse_pabulib(text)
    except PabulibError as error:
        if error.line:
            raise BudgetError(
                _("The file cannot be read: line %(line)d: %(reason)s")
                % {"line": error.line, "reason": error.reason}
            ) from None
        raise BudgetError(
            _("The file cannot be read: %(reason)s") % {"reason": error.reason}
        ) from None
    if rule == "phragmen" and not isinstance(profile, ApprovalProfile):
        raise BudgetError(
            _("Sequential Phragmén counts ticks only; choose another rule for points.")
        )
    prices: dict[str, Fraction] = {}
    if rule in ("mes", "mes-add1"):
        add1 = rule == "mes-add1"
        explained = equal_shares_explained(
            instance, profile, completion="add1" if add1 else None, fill=add1
        )
        selected = explained.selected
        prices = explained.price_per_supporter
    else:
        selected = count(rule, instance, profile)
    votes: dict[str, Fraction] = {}
    for ballot in utilities(profile):
        for pid, value in ballot.items():
            votes[pid] = votes.get(pid, Fraction(0)) + Fraction(value)
    chosen = set(selected)
    rows = [
        ReplayRow(
            project_id=p.id,
            cost=Fraction(p.cost),
            votes=votes.get(p.id, Fraction(0)),
            selected=p.id in chosen,
            price=prices.get(p.id),
        )
        for p in instance.projects
    ]
    rows.sort(key=lambda r: (not r.selected, -r.votes, r.project_id))
    return Replay(
        budget=Fraction(instance.budget),
        ballots=len(profile.ballots),
        vote_type=profile.vote_type,
        rows=rows,
        spent=sum((Fraction(r.cost) for r in rows if r.selected), Fraction(0)),
        description=instance.meta.get("description", ""),
    )
