"""Everything that changes an effort, a holistic plan, its financing, its responsibilities or what
serves a goal. Each writes the audit log. The shares and warnings are not stored: selectors
compute them from the lines (medborger.domain.efforts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from medborger.accounts.predicates import is_staff_here
from medborger.core.audit import audit_record, snapshot
from medborger.domain import efforts as rules
from medborger.efforts import selectors
from medborger.efforts.models import (
    CONTRIBUTION_LABELS,
    HOW_MAX,
    Effort,
    FinancingLine,
    GoalContribution,
    Responsibility,
    TargetGroup,
)
from medborger.efforts.rules import is_goal_keeper
from medborger.efforts.texts import LINE_PROBLEMS
from medborger.places.models import Area, Municipality, Organisation


class EffortError(Exception):
    """A refusal the user can read, naming the field it concerns (or None) and, where a page
    answers differently, what kind of refusal it is (`code`: "duplicate", "not_eligible" …)."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.code = code


def _require_staff(actor: Any, municipality: Municipality) -> None:
    if not is_staff_here(actor, municipality):
        raise EffortError(_("Only the municipality's staff can change efforts."))


def _same_municipality(obj: Any, municipality: Municipality, field: str) -> None:
    if obj is not None and obj.municipality_id != municipality.pk:
        raise EffortError(_("Choose one of the municipality's own."), field=field)


@transaction.atomic
def target_group_get_or_create(
    *, actor: Any, municipality: Municipality, name: str, now: datetime
) -> TargetGroup:
    _require_staff(actor, municipality)
    name = " ".join(name.split())
    if not name:
        raise EffortError(_("Write the target group's name."), field="name")
    group = TargetGroup.objects.filter(municipality=municipality, name__iexact=name).first()
    if group is not None:
        return group
    group = TargetGroup.objects.create(municipality=municipality, name=name)
    audit_record(
        actor=actor, action="targetgroup.created", target=group, after=snapshot(group), at=now
    )
    return group


@dataclass
class EffortData:
    title: str
    owner: Organisation
    start: date
    end: date
    kind: str = Effort.Kind.EFFORT
    description: str = ""
    plan: Effort | None = None
    target_group: TargetGroup | None = None
    area: Area | None = None
    status: str = Effort.Status.PLANNED
    min_local_share: int = 25
    partners: tuple[Organisation, ...] = ()
    goals: tuple[Any, ...] = ()


def _check(data: EffortData, municipality: Municipality) -> None:
    if not data.title.strip():
        raise EffortError(_("Write a title."), field="title")
    if data.end <= data.start:
        raise EffortError(_("The end must be after the start."), field="end")
    if data.kind not in Effort.Kind.values:
        raise EffortError(_("Choose a kind."), field="kind")
    if data.status not in Effort.Status.values:
        raise EffortError(_("Choose a status."), field="status")
    if not 0 <= data.min_local_share <= 100:
        raise EffortError(
            _("The local share is a percentage from 0 to 100."), field="min_local_share"
        )
    for field in ("owner", "target_group", "area", "plan"):
        _same_municipality(getattr(data, field), municipality, field)
    for partner in data.partners:
        _same_municipality(partner, municipality, "partners")
    for goal in data.goals:
        _same_municipality(goal, municipality, "goals")
    if data.plan is not None:
        if data.kind == Effort.Kind.PLAN:
            raise EffortError(_("A holistic plan cannot be part of another plan."), field="plan")
        if not data.plan.is_plan:
            raise EffortError(_("Choose a holistic plan."), field="plan")


def _apply(effort: Effort, data: EffortData) -> None:
    effort.title = data.title.strip()
    effort.description = data.description
    effort.kind = data.kind
    effort.plan = data.plan
    effort.owner = data.owner
    effort.target_group = data.target_group
    effort.area = data.area
    effort.start = data.start
    effort.end = data.end
    effort.status = data.status
    effort.min_local_share = data.min_local_share


def _full_snapshot(effort: Effort) -> dict[str, Any]:
    data = snapshot(effort) or {}
    data["partners"] = sorted(effort.partners.values_list("pk", flat=True))
    data["goals"] = sorted(effort.goals.values_list("pk", flat=True))
    return data


@transaction.atomic
def effort_create(
    *, actor: Any, municipality: Municipality, data: EffortData, now: datetime
) -> Effort:
    _require_staff(actor, municipality)
    _check(data, municipality)
    effort = Effort(municipality=municipality)
    _apply(effort, data)
    effort.save()
    effort.partners.set(data.partners)
    effort.goals.set(data.goals)
    audit_record(
        actor=actor, action="effort.created", target=effort, after=_full_snapshot(effort), at=now
    )
    return effort


@transaction.atomic
def effort_update(*, actor: Any, effort_id: int, data: EffortData, now: datetime) -> Effort:
    effort = (
        Effort.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=effort_id)
    )
    _require_staff(actor, effort.municipality)
    _check(data, effort.municipality)
    if data.kind != Effort.Kind.PLAN and effort.children.exists():
        raise EffortError(
            _("The plan has efforts. Move them out of the plan before you change its kind."),
            field="kind",
        )
    before = _full_snapshot(effort)
    _apply(effort, data)
    effort.save()
    effort.partners.set(data.partners)
    effort.goals.set(data.goals)
    audit_record(
        actor=actor,
        action="effort.changed",
        target=effort,
        before=before,
        after=_full_snapshot(effort),
        at=now,
    )
    return effort


@transaction.atomic
def effort_set_status(*, actor: Any, effort_id: int, status: str, now: datetime) -> Effort:
    effort = (
        Effort.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=effort_id)
    )
    _require_staff(actor, effort.municipality)
    if status not in Effort.Status.values:
        raise EffortError(_("Choose a status."), field="status")
    before = snapshot(effort)
    effort.status = status
    effort.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="effort.status",
        target=effort,
        before=before,
        after=snapshot(effort),
        at=now,
    )
    return effort


@dataclass
class LineData:
    form: str
    start: date
    end: date
    party: Organisation | None = None
    fund: str = ""
    amount: Decimal | None = None
    hours_per_week: Decimal | None = None
    hourly_rate: Decimal | None = None
    weeks: Decimal | None = None
    note: str = ""


@transaction.atomic
def financing_line_add(
    *, actor: Any, effort: Effort, data: LineData, now: datetime
) -> FinancingLine:
    _require_staff(actor, effort.municipality)
    fund = " ".join(data.fund.split())
    if (data.party is None) == (not fund):
        raise EffortError(_("Name either a party or a fund, not both."), field="party")
    _same_municipality(data.party, effort.municipality, "party")
    if data.form not in {f.value for f in rules.FinancingForm}:
        raise EffortError(_("Choose a form."), field="form")
    line = FinancingLine(
        effort=effort,
        party=data.party,
        fund=fund,
        form=data.form,
        amount=data.amount,
        hours_per_week=data.hours_per_week,
        hourly_rate=data.hourly_rate,
        weeks=data.weeks,
        start=data.start,
        end=data.end,
        note=data.note.strip(),
    )
    problems = rules.line_problems(line.as_rule())
    if problems:
        field, message = LINE_PROBLEMS[problems[0]]
        raise EffortError(str(message), field=field)
    line.save()
    audit_record(
        actor=actor,
        action="financingline.created",
        target=line,
        municipality=effort.municipality,
        after=snapshot(line),
        at=now,
    )
    return line


@transaction.atomic
def financing_line_remove(*, actor: Any, line_id: int, now: datetime) -> None:
    line = FinancingLine.objects.select_related("effort__municipality").get(pk=line_id)
    _require_staff(actor, line.effort.municipality)
    audit_record(
        actor=actor,
        action="financingline.deleted",
        target=line,
        municipality=line.effort.municipality,
        before=snapshot(line),
        after={},
        at=now,
    )
    line.delete()


@transaction.atomic
def responsibility_add(
    *,
    actor: Any,
    effort: Effort,
    organisation: Organisation,
    task: str,
    interface: str = "",
    now: datetime,
) -> Responsibility:
    _require_staff(actor, effort.municipality)
    _same_municipality(organisation, effort.municipality, "organisation")
    if not task.strip():
        raise EffortError(_("Write what the organisation does."), field="task")
    responsibility = Responsibility.objects.create(
        effort=effort, organisation=organisation, task=task.strip(), interface=interface.strip()
    )
    audit_record(
        actor=actor,
        action="responsibility.created",
        target=responsibility,
        municipality=effort.municipality,
        after=snapshot(responsibility),
        at=now,
    )
    return responsibility


# --- what serves a goal --------------------------------------------------------------------------


def _contribution_municipality(target: Model) -> Any:
    if target._meta.label_lower == "budgeting.budgetproject":
        return target.process.municipality  # type: ignore[attr-defined]
    return getattr(target, "municipality", None)


@transaction.atomic
def contribution_add(
    *, actor: Any, goal: Any, target: Model, how: str = "", now: datetime
) -> GoalContribution:
    """Declare that `target` (a funded budget project, an adopted proposal or an effort) serves
    `goal`. Refused for staff who do not keep the goals, a target that cannot serve a goal yet,
    a goal of another municipality and a goal the target already serves."""
    if target._meta.label_lower not in CONTRIBUTION_LABELS:
        raise EffortError(selectors.contribution_refusal(target) or "", field="target")
    # Read the target again under a row lock: its status is checked as it is now.
    target = type(target)._default_manager.select_for_update().get(pk=target.pk)
    municipality = _contribution_municipality(target)
    if municipality is None or not is_goal_keeper(actor, municipality):
        raise EffortError(
            _(
                "Only the municipality's case officers and administrators can say what serves a goal."
            ),
            code="not_allowed",
        )
    if goal.municipality_id != municipality.pk:
        raise EffortError(
            _("Choose one of the municipality's own goals."),
            field="goal",
            code="other_municipality",
        )
    refusal = selectors.contribution_refusal(target)
    if refusal:
        raise EffortError(refusal, code="not_eligible")
    how = " ".join(how.split())
    if len(how) > HOW_MAX:
        raise EffortError(
            _("Write at most %(count)d characters.") % {"count": HOW_MAX}, field="how"
        )
    try:
        with transaction.atomic():
            contribution = GoalContribution.objects.create(
                municipality=municipality,
                goal=goal,
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                how=how,
            )
    except IntegrityError:
        raise EffortError(
            _("This already serves the goal."), field="goal", code="duplicate"
        ) from None
    audit_record(
        actor=actor,
        action="goalcontribution.created",
        target=contribution,
        municipality=municipality,
        after=snapshot(contribution),
        at=now,
    )
    return contribution


@transaction.atomic
def contribution_remove(*, actor: Any, contribution_id: int, now: datetime) -> None:
    """Take back that something serves a goal."""
    contribution = (
        GoalContribution.objects.select_for_update(of=("self",))
        .select_related("municipality", "goal")
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None:
        raise EffortError(_("The goal is no longer on the list."), code="gone")
    if not is_goal_keeper(actor, contribution.municipality):
        raise EffortError(
            _(
                "Only the municipality's case officers and administrators can say what serves a goal."
            ),
            code="not_allowed",
        )
    audit_record(
        actor=actor,
        action="goalcontribution.deleted",
        target=contribution,
        municipality=contribution.municipality,
        before=snapshot(contribution),
        after={},
        at=now,
    )
    contribution.delete()
