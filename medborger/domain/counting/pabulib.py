"""Reading and writing the pabulib ``.pb`` format (pabulib.org/format).

A file has three sections, each opened by a line ``META``, ``PROJECTS`` or ``VOTES`` followed
by a header line; fields are separated by ``;``. META needs ``budget`` and ``vote_type``
(``approval``, ``choose-1``, ``scoring`` or ``cumulative``); PROJECTS needs ``project_id`` and
``cost``; VOTES needs ``vote`` (comma-separated project ids) and, for scoring and cumulative
votes, ``points``. Anything wrong raises ``PabulibError`` with the line number and the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from medborger.domain.counting.model import (
    ApprovalProfile,
    CardinalProfile,
    CumulativeProfile,
    Instance,
    Number,
    Profile,
    Project,
    exact,
)

SECTIONS = ("meta", "projects", "votes")


REASONS = {
    "not_a_number": "%(what)s %(value)r is not a number",
    "unreadable": "unreadable line (%(detail)s)",
    "section_twice": "section %(section)s occurs twice",
    "no_header": "section %(section)s has no header line",
    "no_column": "the %(section)s header has no %(column)r column",
    "before_sections": "data before the first section (META, PROJECTS or VOTES)",
    "meta_pair": "a META line needs a key and a value",
    "field_count": "%(fields)d fields where the %(section)s header has %(expected)d",
    "empty_id": "empty project_id",
    "project_twice": "project %(project)r occurs twice",
    "negative_cost": "project %(project)r has a negative cost",
    "no_section": "the file has no %(section)s section",
    "no_budget": "META has no 'budget'",
    "negative_budget": "the budget is negative",
    "vote_type": "vote_type %(vote_type)r is not approval, scoring or cumulative",
    "unknown_project": "the vote names project %(project)r, which is not in PROJECTS",
    "vote_twice": "the vote names a project twice",
    "points_count": "%(projects)d projects but %(points)d points",
    "negative_points": "negative points",
}
"""Why a file is refused, by code. An app shows its own translation of the code with the same
parameters (``PabulibError.params``); ``reason`` is this English text."""


class PabulibError(ValueError):
    """A .pb file that cannot be read; ``line`` is 1-based (0 when the file as a whole is wrong)."""

    def __init__(self, line: int, code: str, **params: object) -> None:
        self.line = line
        self.code = code
        self.params = params
        self.reason = REASONS[code] % params
        super().__init__(f"line {line}: {self.reason}" if line else self.reason)


def _number(text: str, line: int, what: str) -> Number:
    cleaned = text.strip().replace(",", ".")
    try:
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise PabulibError(line, "not_a_number", what=what, value=text.strip()) from None
    return exact(value)


def parse_pabulib(text: str) -> tuple[Instance, Profile]:
    """Parse the content of a .pb file."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    reader = csv.reader(lines, delimiter=";")
    section = ""
    header: list[str] = []
    meta: dict[str, str] = {}
    projects: list[Project] = []
    project_ids: set[str] = set()
    raw_votes: list[tuple[int, dict[str, str]]] = []
    seen_sections: set[str] = set()
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise PabulibError(reader.line_num, "unreadable", detail=str(exc)) from None
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        first = row[0].strip().lower()
        if first in SECTIONS and len([f for f in row if f.strip()]) == 1:
            if first in seen_sections:
                raise PabulibError(line, "section_twice", section=first.upper())
            seen_sections.add(first)
            section = first
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise PabulibError(line, "no_header", section=first.upper()) from None
            hline = reader.line_num
            if section == "projects":
                for needed in ("project_id", "cost"):
                    if needed not in header:
                        raise PabulibError(hline, "no_column", section="PROJECTS", column=needed)
            if section == "votes" and "vote" not in header:
                raise PabulibError(hline, "no_column", section="VOTES", column="vote")
            continue
        if not section:
            raise PabulibError(line, "before_sections")
        if section == "meta":
            if len(row) < 2:
                raise PabulibError(line, "meta_pair")
            meta[row[0].strip()] = row[1].strip()
            continue
        if len(row) != len(header):
            raise PabulibError(
                line,
                "field_count",
                fields=len(row),
                section=section.upper(),
                expected=len(header),
            )
        fields = {h: v.strip() for h, v in zip(header, row, strict=True)}
        if section == "projects":
            pid = fields["project_id"]
            if not pid:
                raise PabulibError(line, "empty_id")
            if pid in project_ids:
                raise PabulibError(line, "project_twice", project=pid)
            cost = _number(fields["cost"], line, "cost")
            if cost < 0:
                raise PabulibError(line, "negative_cost", project=pid)
            project_ids.add(pid)
            projects.append(Project(pid, cost))
        else:
            raw_votes.append((line, fields))
    for name in SECTIONS:
        if name not in seen_sections:
            raise PabulibError(0, "no_section", section=name.upper())
    if "budget" not in meta:
        raise PabulibError(0, "no_budget")
    budget = _number(meta["budget"], 0, "budget")
    if budget < 0:
        raise PabulibError(0, "negative_budget")
    vote_type = meta.get("vote_type", "")
    if vote_type not in ("approval", "choose-1", "scoring", "cumulative"):
        raise PabulibError(0, "vote_type", vote_type=vote_type)
    instance = Instance(budget=budget, projects=tuple(projects), meta=meta)

    def ids_of(line: int, fields: Mapping[str, str]) -> list[str]:
        ids = [x.strip() for x in fields["vote"].split(",") if x.strip()]
        for pid in ids:
            if pid not in project_ids:
                raise PabulibError(line, "unknown_project", project=pid)
        if len(set(ids)) != len(ids):
            raise PabulibError(line, "vote_twice")
        return ids

    if vote_type in ("approval", "choose-1"):
        return instance, ApprovalProfile(tuple(frozenset(ids_of(line, f)) for line, f in raw_votes))
    ballots: list[dict[str, Number]] = []
    for line, f in raw_votes:
        ids = ids_of(line, f)
        pts = [x for x in f.get("points", "").split(",") if x.strip()]
        if len(pts) != len(ids):
            raise PabulibError(line, "points_count", projects=len(ids), points=len(pts))
        ballot = {pid: _number(p, line, "points") for pid, p in zip(ids, pts, strict=True)}
        if any(v < 0 for v in ballot.values()):
            raise PabulibError(line, "negative_points")
        ballots.append(ballot)
    if vote_type == "scoring":
        return instance, CardinalProfile(tuple(ballots))
    return instance, CumulativeProfile(tuple(ballots))


def read_pabulib(path: str | Path) -> tuple[Instance, Profile]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return parse_pabulib(handle.read())


def _fmt(value: Number) -> str:
    value = exact(value)
    if isinstance(value, int):
        return str(value)
    as_float = float(value)
    if Fraction(repr(as_float)) == value:
        return repr(as_float)
    raise ValueError(f"{value} has no finite decimal form")


def write_pabulib(
    instance: Instance,
    profile: Profile,
    project_columns: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """The .pb text of an instance and profile (META keeps the instance's other keys).

    ``project_columns`` adds columns to PROJECTS, e.g. ``{"name": {id: title}, "selected": …}``."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    meta = dict(instance.meta)
    meta["num_projects"] = str(len(instance.projects))
    meta["num_votes"] = str(len(profile.ballots))
    meta["budget"] = _fmt(instance.budget)
    meta["vote_type"] = "approval" if profile.vote_type == "approval" else profile.vote_type
    w.writerow(["META"])
    w.writerow(["key", "value"])
    for key, value in meta.items():
        w.writerow([key, value])
    extra = dict(project_columns or {})
    w.writerow(["PROJECTS"])
    w.writerow(["project_id", "cost", *extra])
    for p in instance.projects:
        w.writerow([p.id, _fmt(p.cost), *(column.get(p.id, "") for column in extra.values())])
    w.writerow(["VOTES"])
    if isinstance(profile, ApprovalProfile):
        w.writerow(["voter_id", "vote"])
        order = {p.id: k for k, p in enumerate(instance.projects)}
        for v, ballot in enumerate(profile.ballots, start=1):
            w.writerow([v, ",".join(sorted(ballot, key=lambda i: order.get(i, len(order))))])
    else:
        w.writerow(["voter_id", "vote", "points"])
        for v, scored in enumerate(profile.ballots, start=1):
            items: Sequence[tuple[str, Number]] = list(scored.items())
            w.writerow([v, ",".join(i for i, _ in items), ",".join(_fmt(x) for _, x in items)])
    return out.getvalue()
