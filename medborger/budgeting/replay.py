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


def _reasons() -> dict[str, str]:
    """The domain's reasons for refusing a .pb file, in the user's language (same parameters)."""
    return {
        "not_a_number": _("%(what)s “%(value)s” is not a number"),
        "unreadable": _("the line cannot be read (%(detail)s)"),
        "section_twice": _("the section %(section)s comes twice"),
        "no_header": _("the section %(section)s has no header line"),
        "no_column": _("the header of %(section)s has no column “%(column)s”"),
        "before_sections": _("there is data before the first section (META, PROJECTS or VOTES)"),
        "meta_pair": _("a line in META needs a key and a value"),
        "field_count": _("%(fields)d fields, but the header of %(section)s has %(expected)d"),
        "empty_id": _("a project has no project_id"),
        "project_twice": _("the project “%(project)s” comes twice"),
        "negative_cost": _("the project “%(project)s” has a cost below 0"),
        "no_section": _("the file has no %(section)s section"),
        "no_budget": _("META has no budget"),
        "negative_budget": _("the budget is below 0"),
        "vote_type": _("the vote type “%(vote_type)s” is not approval, scoring or cumulative"),
        "unknown_project": _("the vote names the project “%(project)s”, which is not in PROJECTS"),
        "vote_twice": _("the vote names a project twice"),
        "points_count": _("%(projects)d projects but %(points)d points"),
        "negative_points": _("points below 0"),
    }


def pabulib_reason(error: PabulibError) -> str:
    template = _reasons().get(error.code)
    if template is None:  # pragma: no cover - every code has a text (tested)
        return error.reason
    params = dict(error.params)
    if "what" in params:
        what = {"cost": _("The cost"), "budget": _("The budget"), "points": _("The points")}
        params["what"] = what.get(str(params["what"]), params["what"])
    return template % params


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
                % {"line": error.line, "reason": pabulib_reason(error)}
            ) from None
        raise BudgetError(
            _("The file cannot be read: %(reason)s") % {"reason": pabulib_reason(error)}
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
