"""Read-side queries of efforts. Every query is limited to one municipality; a page costs the same
number of queries however many efforts, lines and partners it shows. The shares and warnings are
computed here from the lines (medborger.domain.efforts), never stored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from medborger.domain import efforts as rules
from medborger.efforts.models import (
    CONTRIBUTION_LABELS,
    Effort,
    FinancingLine,
    GoalContribution,
    Responsibility,
)
from medborger.efforts.texts import kroner, share_text


def efforts_for(*, municipality: Any) -> QuerySet[Effort]:
    return (
        Effort.objects.filter(municipality=municipality)
        .select_related("municipality", "owner", "target_group", "area", "plan")
        .prefetch_related(
            Prefetch(
                "financing_lines",
                queryset=FinancingLine.objects.select_related("party").order_by("pk"),
            ),
            "partners",
        )
        .order_by("start", "title", "pk")
    )


def effort_detail(*, municipality: Any, pk: int) -> Effort | None:
    return (
        efforts_for(municipality=municipality)
        .prefetch_related(
            "goals",
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organisation").order_by("pk"),
            ),
            Prefetch(
                "children",
                queryset=Effort.objects.select_related("target_group", "area", "owner")
                .prefetch_related(
                    Prefetch(
                        "financing_lines",
                        queryset=FinancingLine.objects.select_related("party").order_by("pk"),
                    )
                )
                .order_by("start", "title", "pk"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def goal_links(effort: Effort) -> list[tuple[str, str]]:
    """The effort's goals as (title, address); no address while the goal pages do not exist."""
    links = []
    for goal in effort.goals.all():
        try:
            url = goal.get_absolute_url()
        except NoReverseMatch:
            url = ""
        links.append((goal.title, url))
    return links


# --- financing -----------------------------------------------------------------------------------


def _form_label(form: str) -> str:
    from medborger.efforts.models import FinancingForm

    return str(FinancingForm(form).label)


def _number(value: Any) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value}"
    return text.replace(".", ",")


def line_how(line: FinancingLine, country: str) -> str:
    """How the line's value is reached, for the reader: 10 hours a week × 400 kr × 52 weeks."""
    rule = line.as_rule()
    if rule.form in rules.HOURS_FORMS and not rules.line_problems(rule):
        weeks = rules.line_weeks(rule)
        return _("%(hours)s hours a week × %(rate)s × %(weeks)s weeks") % {
            "hours": _number(line.hours_per_week),
            "rate": kroner(line.hourly_rate or 0, country),
            "weeks": _number(round(float(weeks), 1)),
        }
    return ""


@dataclass
class LineRow:
    line: FinancingLine
    effort: Effort
    party: str
    is_fund: bool
    form: str
    how: str
    value: str


@dataclass
class PartyRow:
    party: str
    is_fund: bool
    value: str
    share: str


@dataclass
class FinancingView:
    lines: list[LineRow]
    parties: list[PartyRow]
    total: str
    fund: str
    local: str
    fund_share: str
    local_share: str
    result: rules.Financing
    min_local_share: str


def financing_of(effort: Effort, *, lines: Sequence[FinancingLine] | None = None) -> FinancingView:
    """The effort's financing; for a holistic plan, its own lines and its efforts' lines together
    (from the prefetched `children`)."""
    country = effort.municipality.country
    pairs: list[tuple[Effort, FinancingLine]] = [
        (effort, line) for line in (lines if lines is not None else effort.financing_lines.all())
    ]
    if effort.is_plan and lines is None:
        pairs += [
            (child, line) for child in effort.children.all() for line in child.financing_lines.all()
        ]
    names: dict[str, tuple[str, bool]] = {}
    for _effort, line in pairs:
        names.setdefault(line.party_key, (line.party_name, bool(line.fund)))
    minimum = Fraction(effort.min_local_share, 100)
    result = rules.financing([line.as_rule() for _e, line in pairs], min_local_share=minimum)
    return FinancingView(
        lines=[
            LineRow(
                line=line,
                effort=owner,
                party=line.party_name,
                is_fund=bool(line.fund),
                form=_form_label(line.form),
                how=line_how(line, country),
                value=kroner(rules.line_value(line.as_rule()), country),
            )
            for owner, line in pairs
        ],
        parties=[
            PartyRow(
                party=names[str(p.party)][0],
                is_fund=p.is_fund,
                value=kroner(p.value, country),
                share=share_text(p.share if result.total else None),
            )
            for p in sorted(result.parties, key=lambda p: (not p.is_fund, -p.value))
        ],
        total=kroner(result.total, country),
        fund=kroner(result.fund, country),
        local=kroner(result.local, country),
        fund_share=share_text(result.fund_share),
        local_share=share_text(result.local_share),
        result=result,
        min_local_share=share_text(minimum),
    )


# --- warnings ------------------------------------------------------------------------------------


@dataclass
class EffortWarning:
    kind: str
    text: str
    other: Effort | None = None


def _span(effort: Effort) -> rules.Span:
    return rules.Span(
        key=effort.pk,
        target_group=effort.target_group_id,
        area=effort.area_id,
        start=effort.start,
        end=effort.end,
    )


def _counts_for_overlap(effort: Effort) -> bool:
    return effort.kind == Effort.Kind.EFFORT and effort.status != Effort.Status.STOPPED


def overlaps_among(efforts: Iterable[Effort]) -> dict[int, list[Effort]]:
    """For each effort, the other efforts that target the same group in the same area at the same
    time (plans and stopped efforts do not count)."""
    candidates = [e for e in efforts if _counts_for_overlap(e)]
    by_pk = {e.pk: e for e in candidates}
    found = rules.overlapping([_span(e) for e in candidates])
    return {int(str(pk)): [by_pk[int(str(o))] for o in others] for pk, others in found.items()}


def overlaps_of(effort: Effort) -> list[Effort]:
    if not _counts_for_overlap(effort) or effort.target_group_id is None or effort.area_id is None:
        return []
    others = (
        Effort.objects.filter(
            municipality=effort.municipality_id,
            kind=Effort.Kind.EFFORT,
            target_group=effort.target_group_id,
            area=effort.area_id,
            start__lt=effort.end,
            end__gt=effort.start,
        )
        .exclude(pk=effort.pk)
        .exclude(status=Effort.Status.STOPPED)
    )
    return list(others.order_by("start", "title", "pk"))


def warnings_of(
    effort: Effort, financing: FinancingView, overlaps: Sequence[Effort]
) -> list[EffortWarning]:
    warnings: list[EffortWarning] = []
    if rules.FinancingWarning.FEW_PARTIES in financing.result.warnings:
        warnings.append(
            EffortWarning(
                "few_parties",
                _(
                    "Fewer than two parties finance this. A holistic plan needs at least two "
                    "financing parties."
                ),
            )
        )
    if rules.FinancingWarning.LOCAL_SHARE_LOW in financing.result.warnings:
        warnings.append(
            EffortWarning(
                "local_share_low",
                _("The local share is %(share)s. It must be at least %(minimum)s.")
                % {"share": financing.local_share, "minimum": financing.min_local_share},
            )
        )
    for other in overlaps:
        warnings.append(
            EffortWarning(
                "overlap",
                _(
                    "“%(other)s” targets the same group in the same area at the same time. "
                    "Agree who does what, so the efforts do not duplicate or conflict."
                )
                % {"other": other.title},
                other=other,
            )
        )
    return warnings


# --- list page -----------------------------------------------------------------------------------


@dataclass
class ListRow:
    effort: Effort
    warnings: list[EffortWarning] = field(default_factory=list)


def effort_rows(*, municipality: Any, area: Any = None, target_group: Any = None) -> list[ListRow]:
    """The list page: every effort and plan, filtered by area and target group, each with its
    warnings. Overlaps are found among all the municipality's efforts, not only those shown."""
    efforts = list(efforts_for(municipality=municipality))
    overlaps = overlaps_among(efforts)
    rows = []
    for effort in efforts:
        if area is not None and effort.area_id != area.pk:
            continue
        if target_group is not None and effort.target_group_id != target_group.pk:
            continue
        view = financing_of(effort, lines=list(effort.financing_lines.all()))
        warnings = warnings_of(effort, view, overlaps.get(effort.pk, []))
        if effort.is_plan:  # a plan's financing needs its efforts' lines: shown on its page
            warnings = [w for w in warnings if w.kind == "overlap"]
        rows.append(ListRow(effort=effort, warnings=warnings))
    return rows


# --- one picture ---------------------------------------------------------------------------------


@dataclass
class Serving:
    kind: str
    title: str
    url: str
    how: str = ""


def _url(obj: Any) -> str:
    if obj._meta.label_lower == "budgeting.budgetproject":
        return reverse("budgeting:idea", args=[obj.pk])
    return str(obj.get_absolute_url())


KIND_LABELS = {
    "budgeting.budgetproject": lambda: _("Budget project"),
    "proposals.proposal": lambda: _("Citizen proposal"),
    "efforts.effort": lambda: _("Effort"),
}


def serving(goal: Any) -> list[Serving]:
    """Everything that serves a goal: efforts linked to it, and the budget projects, proposals
    and efforts that declared it. A fixed number of queries (one per kind)."""
    found: list[Serving] = []
    seen: set[tuple[str, int]] = set()
    for effort in Effort.objects.filter(goals=goal, municipality=goal.municipality_id).order_by(
        "start", "title", "pk"
    ):
        seen.add(("efforts.effort", effort.pk))
        label = _("Holistic plan") if effort.is_plan else _("Effort")
        found.append(Serving(kind=str(label), title=effort.title, url=effort.get_absolute_url()))
    contributions = list(
        GoalContribution.objects.filter(goal=goal, municipality=goal.municipality_id).order_by("pk")
    )
    by_type: dict[int, list[GoalContribution]] = defaultdict(list)
    for contribution in contributions:
        by_type[contribution.content_type_id].append(contribution)
    for type_id, group in by_type.items():
        content_type = ContentType.objects.get_for_id(type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        model = content_type.model_class()
        if model is None or label not in KIND_LABELS:
            continue
        scope = (
            {"process__municipality": goal.municipality_id}
            if label == "budgeting.budgetproject"
            else {"municipality": goal.municipality_id}
        )
        objects = model._default_manager.filter(**scope).in_bulk([c.object_id for c in group])
        for contribution in group:
            obj = objects.get(contribution.object_id)
            if obj is None or (label, obj.pk) in seen:
                continue
            seen.add((label, obj.pk))
            kind = KIND_LABELS[label]()
            if label == "efforts.effort" and isinstance(obj, Effort) and obj.is_plan:
                kind = _("Holistic plan")
            found.append(
                Serving(kind=str(kind), title=str(obj), url=_url(obj), how=contribution.how)
            )
    return found


# --- the goals a budget project or a proposal serves ---------------------------------------------

# The staff page's short names (in its address) for what may declare the goals it serves. Efforts
# are not here: an effort links its goals itself (Effort.goals).
TARGET_KINDS = {"projekt": "budgeting.budgetproject", "forslag": "proposals.proposal"}
_KIND_OF = {label: kind for kind, label in TARGET_KINDS.items()}
# How each kind is limited to one municipality, and what to read with it.
_SCOPE = {
    "budgeting.budgetproject": ("process__municipality", ("process__municipality",)),
    "proposals.proposal": ("municipality", ("municipality",)),
}


def contribution_refusal(target: Model) -> str | None:
    """Why this cannot be said to serve a goal, or None: only funded budget projects, adopted
    (or partly adopted) proposals and efforts can."""
    label = target._meta.label_lower
    if label not in CONTRIBUTION_LABELS:
        return _("Only budget projects, proposals and efforts can serve a goal.")
    if label == "budgeting.budgetproject" and getattr(target, "status", "") != "funded":
        return _("Only a funded budget project can serve a goal.")
    if label == "proposals.proposal" and getattr(target, "decision", "") not in (
        "adopted",
        "partly_adopted",
    ):
        return _("Only an adopted or partly adopted proposal can serve a goal.")
    return None


@dataclass(frozen=True)
class Target:
    """A budget project or a proposal on the staff page; `municipality` lets the permission
    predicates check the staff member's role in the right municipality."""

    kind: str
    obj: Any
    municipality: Any

    @property
    def municipality_id(self) -> int:
        return int(self.municipality.pk)

    @property
    def label(self) -> str:
        return str(self.obj._meta.label_lower)

    @property
    def title(self) -> str:
        return str(self.obj)

    @property
    def url(self) -> str:
        return _url(self.obj)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.label]())


def contribution_target(*, municipality: Any, kind: str, pk: int) -> Target | None:
    """The municipality's budget project or proposal named by the staff page's address; None for
    an unknown kind, an app that is not installed or another municipality's object."""
    label = TARGET_KINDS.get(kind)
    if municipality is None or label is None:
        return None
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    scope, related = _SCOPE[label]
    obj = (
        model._default_manager.select_related(*related)
        .filter(**{scope: municipality}, pk=pk)
        .first()
    )
    return Target(kind=kind, obj=obj, municipality=municipality) if obj is not None else None


def goals_declared(target: Model) -> list[GoalContribution]:
    """The goals a budget project or a proposal declared it serves, with each goal (one query)."""
    content_type = ContentType.objects.get_for_model(target)
    if target._meta.label_lower == "budgeting.budgetproject":
        municipality_id = target.process.municipality_id  # type: ignore[attr-defined]
    else:
        municipality_id = getattr(target, "municipality_id", None)
    return list(
        GoalContribution.objects.filter(
            content_type=content_type, object_id=target.pk, municipality=municipality_id
        )
        .select_related("goal")
        .order_by("goal__title", "pk")
    )


def goals_choosable(*, municipality: Any) -> QuerySet[Any]:
    """The goals staff can choose from: the municipality's own."""
    goal = apps.get_model("goals", "Goal")
    return goal._default_manager.filter(municipality=municipality).order_by("title", "pk")


@dataclass
class GoalsServed:
    contributions: list[GoalContribution]
    manage_url: str = ""


def goals_served(target: Model, user: Any) -> GoalsServed:
    """For a project's or a proposal's public page: the goals it serves and, for the staff who
    keep the goals, the address of the page where they declare them (shown when the target can
    serve a goal, or already declares one)."""
    contributions = goals_declared(target)
    kind = _KIND_OF.get(target._meta.label_lower)
    manage_url = ""
    if (
        kind is not None
        and (contributions or contribution_refusal(target) is None)
        and user is not None
        and user.has_perm("efforts.declare_contribution", target)
    ):
        manage_url = reverse("efforts:contributions", args=[kind, target.pk])
    return GoalsServed(contributions=contributions, manage_url=manage_url)
