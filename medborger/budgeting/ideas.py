"""Ideas for a participatory budget: residents and associations propose projects, the
administration reviews feasibility and cost with a public reason, duplicates are merged, and the
author can answer the review. Only feasible projects reach the ballot.

Every step is a service that checks the phase and the person again and says why in the user's
language; the views only call these."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from medborger.accounts.models import User
from medborger.budgeting.models import BudgetProcess, BudgetProject, Phase, Pool
from medborger.budgeting.services import BudgetError, _staff, eligibility_refusal, kroner
from medborger.core.audit import audit_record, snapshot
from medborger.notifications.services import notify_followers, notify_users
from medborger.places.models import Area, Organisation

TITLE_MAX = 120
TEXT_MAX = 4000
REPLY_MAX = 2000


def cost_cap(process: BudgetProcess, pool: Pool) -> int:
    """The most one project may cost in this pool: the pool, or the published share of it."""
    if process.max_cost_share:
        return pool.amount * process.max_cost_share // 100
    return pool.amount


def idea_refusal(*, user: Any, process: BudgetProcess, now: datetime) -> str | None:
    """None when the user may propose an idea now, otherwise why not."""
    phase = process.phase(now)
    if phase != Phase.IDEAS:
        if process.ideas_open is None:
            return _("This participatory budget does not take ideas from residents.")
        if phase == Phase.UPCOMING:
            return _("Ideas cannot be sent in yet.")
        return _("The time for ideas has ended.")
    if not getattr(user, "is_authenticated", False):
        return _("Log in to send in an idea.")
    return eligibility_refusal(user=user, process=process, today=now.date())


def organisations_for(user: Any, process: BudgetProcess) -> list[Organisation]:
    """The associations a person may propose on behalf of: those they are responsible for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            municipality_id=process.municipality_id, responsible_person=user
        ).order_by("name")
    )


def _check_cost(process: BudgetProcess, pool: Pool, cost: int | None) -> int:
    country = process.municipality.country
    if cost is None or cost <= 0:
        raise BudgetError(_("Write what the project will cost, in whole kroner above 0."))
    cap = cost_cap(process, pool)
    if cost > cap:
        raise BudgetError(
            _("A project in %(pool)s may cost at most %(cap)s. Your estimate is %(cost)s.")
            % {"pool": pool.name, "cap": kroner(cap, country), "cost": kroner(cost, country)}
        )
    return cost


@transaction.atomic
def idea_submit(
    *,
    process_id: int,
    user: User,
    title: str,
    description: str,
    pool_id: int | None,
    estimated_cost: int | None,
    area_id: int | None,
    location: str,
    organisation_id: int | None,
    now: datetime,
) -> BudgetProject:
    process = BudgetProcess.objects.select_related("municipality").get(pk=process_id)
    refusal = idea_refusal(user=user, process=process, now=now)
    if refusal is not None:
        raise BudgetError(refusal)
    title, description = title.strip(), description.strip()
    if not title:
        raise BudgetError(_("Give the idea a title."))
    if len(title) > TITLE_MAX or len(description) > TEXT_MAX:
        raise BudgetError(_("The title or the description is too long."))
    if not description:
        raise BudgetError(_("Describe the idea: what should be made, and for whom?"))
    pool = Pool.objects.filter(process=process, pk=pool_id).first() if pool_id else None
    if pool is None:
        raise BudgetError(_("Choose the pool the idea belongs to."))
    cost = _check_cost(process, pool, estimated_cost)
    area = None
    if area_id is not None:
        area = Area.objects.filter(municipality_id=process.municipality_id, pk=area_id).first()
        if area is None:
            raise BudgetError(_("Choose an area in the municipality."))
    organisation = None
    if organisation_id is not None:
        organisation = next(
            (o for o in organisations_for(user, process) if o.pk == organisation_id), None
        )
        if organisation is None:
            raise BudgetError(
                _("You can only send in ideas for associations you are responsible for.")
            )
    project = BudgetProject.objects.create(
        process=process,
        pool=pool,
        title=title,
        description=description,
        cost=cost,
        estimated_cost=cost,
        area=area,
        location=location.strip()[:200],
        author=user,
        organisation=organisation,
        status=BudgetProject.Status.SUBMITTED,
    )
    audit_record(actor=user, action="budget.idea_submit", target=project, after=snapshot(project))
    return project


def _reviewable(project_id: int, staff: Any, now: datetime) -> BudgetProject:
    project = (
        BudgetProject.objects.select_for_update(of=("self",))
        .select_related("process__municipality", "pool", "author")
        .get(pk=project_id)
    )
    _staff(staff, project.process)
    if now >= project.process.voting_opens:
        raise BudgetError(_("Voting has opened, so the review can no longer change."))
    return project


def _notify_author(project: BudgetProject, title: str, now: datetime) -> None:
    """The author and everyone who follows the idea hear about the review (the author once)."""
    url = reverse("budgeting:idea", args=[project.pk])
    notify_followers(
        target=project,
        event="budget.idea_reviewed",
        title=title,
        body=project.review_reason,
        url=url,
        actor=project.author,
        now=now,
    )
    if project.author_id is not None:
        notify_users(
            users=[project.author],
            target=project,
            event="budget.idea_reviewed",
            title=title,
            body=project.review_reason,
            url=url,
            now=now,
        )


@transaction.atomic
def idea_review(
    *,
    project_id: int,
    staff: User,
    feasible: bool,
    reason: str,
    cost: int | None,
    now: datetime,
) -> BudgetProject:
    """Put an idea on the ballot (with the reviewed cost) or not, with a public reason."""
    project = _reviewable(project_id, staff, now)
    if project.status not in BudgetProject.UNDER_REVIEW:
        raise BudgetError(_("This project can no longer be reviewed."))
    reason = reason.strip()
    if not reason:
        raise BudgetError(_("Write the reason for the decision. It is shown to everyone."))
    if len(reason) > TEXT_MAX:
        raise BudgetError(_("The reason is too long."))
    before = snapshot(project)
    if feasible:
        project.cost = _check_cost(project.process, project.pool, cost)
    project.status = BudgetProject.Status.FEASIBLE if feasible else BudgetProject.Status.INFEASIBLE
    project.review_reason = reason
    project.merged_into = None
    project.reviewed_by = staff
    project.reviewed_at = now
    project.save()
    audit_record(
        actor=staff,
        action="budget.idea_review",
        target=project,
        before=before,
        after=snapshot(project),
        at=now,
    )
    title = (
        _("Your idea “%(title)s” is on the ballot")
        if feasible
        else _("Your idea “%(title)s” cannot be carried out")
    ) % {"title": project.title}
    _notify_author(project, title, now)
    return project


@transaction.atomic
def idea_merge(
    *, project_id: int, into_id: int, staff: User, reason: str, now: datetime
) -> BudgetProject:
    """Merge a duplicate into another idea of the same process; its author is told why."""
    project = _reviewable(project_id, staff, now)
    if project.pk == into_id:
        raise BudgetError(_("An idea cannot be merged with itself."))
    target = BudgetProject.objects.filter(
        process_id=project.process_id,
        pk=into_id,
        status__in=[BudgetProject.Status.SUBMITTED, BudgetProject.Status.FEASIBLE],
    ).first()
    if target is None:
        raise BudgetError(_("Choose an idea in the same budget that is not merged or rejected."))
    if project.status not in BudgetProject.UNDER_REVIEW:
        raise BudgetError(_("This project can no longer be reviewed."))
    if project.merged_ideas.exists():
        raise BudgetError(
            _("Other ideas are merged into this one. Merge the other way, or move them first.")
        )
    reason = reason.strip() or _("It is the same idea as “%(title)s”.") % {"title": target.title}
    before = snapshot(project)
    project.status = BudgetProject.Status.MERGED
    project.merged_into = target
    project.review_reason = reason[:TEXT_MAX]
    project.reviewed_by = staff
    project.reviewed_at = now
    project.save()
    audit_record(
        actor=staff,
        action="budget.idea_merge",
        target=project,
        before=before,
        after=snapshot(project),
        at=now,
    )
    _notify_author(
        project,
        _("Your idea “%(title)s” is merged with “%(other)s”")
        % {"title": project.title, "other": target.title},
        now,
    )
    return project


@transaction.atomic
def idea_reply(*, project_id: int, user: User, text: str, now: datetime) -> BudgetProject:
    """The author answers the review, publicly, until voting opens."""
    project = (
        BudgetProject.objects.select_for_update(of=("self",))
        .select_related("process")
        .get(pk=project_id)
    )
    if project.author_id != user.pk:
        raise BudgetError(_("Only the person who sent in the idea can answer the review."))
    if project.reviewed_at is None:
        raise BudgetError(_("The idea has not been reviewed yet, so there is nothing to answer."))
    if now >= project.process.voting_opens:
        raise BudgetError(_("Voting has opened, so the answer can no longer change."))
    text = text.strip()
    if not text:
        raise BudgetError(_("Write your answer."))
    if len(text) > REPLY_MAX:
        raise BudgetError(_("The answer can be at most %(max)d characters.") % {"max": REPLY_MAX})
    project.author_reply = text
    project.author_replied_at = now
    project.save(update_fields=["author_reply", "author_replied_at", "updated_at"])
    audit_record(actor=user, action="budget.idea_reply", target=project, at=now)
    return project
