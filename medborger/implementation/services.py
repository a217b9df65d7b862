"""Implementation tracking: the writes. Each staff action is audited; a new status and a new
public update are told to the project's followers after the transaction commits.

Refusals are `ImplementationError` with a sentence in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from medborger.accounts.models import Role, User
from medborger.accounts.predicates import roles_of
from medborger.budgeting.models import BudgetProject
from medborger.core import registry
from medborger.core.audit import audit_record, snapshot
from medborger.domain.lifecycle import implementation as domain
from medborger.implementation.models import (
    ALT_MAX,
    PURPOSE_MAX,
    REASON_MAX,
    TITLE_MAX,
    UPDATE_MAX,
    Delivery,
    Milestone,
    SpendEntry,
    Update,
    UpdatePhoto,
)
from medborger.implementation.selectors import decision_date
from medborger.implementation.texts import kroner, problem_text
from medborger.notifications.models import Follow
from medborger.notifications.services import notify_followers, notify_users

MAX_PHOTOS = 3


class ImplementationError(Exception):
    """A refusal; the message is for the user."""


@dataclass(frozen=True)
class PhotoUpload:
    image: Any  # an uploaded file that forms.ImageField has checked
    alt_text: str


def _today(now: datetime) -> date:
    return timezone.localdate(now)


def _locked(delivery_id: int) -> Delivery:
    return (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("project", "municipality")
        .get(pk=delivery_id)
    )


def _is_responsible_staff(user: Any, municipality_id: int) -> bool:
    return any(
        m == municipality_id and r in (Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN)
        for m, r in roles_of(user)
    )


def _announce(
    delivery: Delivery, kind: str, *, title: str, body: str, actor: Any, now: datetime
) -> None:
    """Tell the delivery's followers, and the people who followed the budget project since it was
    an idea (when budgeting registers projects for follows), each once."""
    url = delivery.get_absolute_url()
    event = f"implementation.{kind}"
    notify_followers(
        target=delivery, event=event, title=title, body=body, url=url, actor=actor, now=now
    )
    project = delivery.project
    registration = registry.registration_for(project)
    if registration is None or not registration.follows:
        return
    delivery_followers = Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(Delivery), object_id=delivery.pk
    ).values("user_id")
    project_followers = (
        Follow.objects.filter(
            content_type=ContentType.objects.get_for_model(project),
            object_id=project.pk,
            user__is_active=True,
        )
        .exclude(user_id__in=delivery_followers)
        .select_related("user")
        .order_by("id")
    )
    if actor is not None and getattr(actor, "pk", None) is not None:
        project_followers = project_followers.exclude(user_id=actor.pk)
    users = [follow.user for follow in project_followers]
    if users:
        notify_users(
            users=users, target=project, event=event, title=title, body=body, url=url, now=now
        )


# --- starting -----------------------------------------------------------------------------------


@transaction.atomic
def delivery_start(
    *, project: BudgetProject, actor: Any, now: datetime, responsible: User | None = None
) -> Delivery:
    """The delivery record of a funded project; made on first use, found again after that."""
    project = (
        BudgetProject.objects.select_for_update(of=("self",))
        .select_related("process__municipality")
        .get(pk=project.pk)
    )
    if project.status != BudgetProject.Status.FUNDED:
        raise ImplementationError(_("Only funded projects can be tracked here."))
    existing = Delivery.objects.filter(project=project).first()
    if existing is not None:
        return existing
    municipality = project.process.municipality
    if responsible is None and _is_responsible_staff(actor, municipality.pk):
        responsible = actor
    delivery = Delivery.objects.create(
        municipality=municipality,
        project=project,
        budget=project.cost,
        started_on=decision_date(project),
        responsible=responsible,
    )
    audit_record(
        actor=actor, action="delivery.created", target=delivery, before={}, after=snapshot(delivery)
    )
    return delivery


def deliveries_start_all(*, municipality: Any, actor: Any, now: datetime) -> list[Delivery]:
    """Start tracking every funded project of the municipality that has no record yet."""
    waiting = BudgetProject.objects.filter(
        process__municipality=municipality,
        status=BudgetProject.Status.FUNDED,
        delivery__isnull=True,
    ).order_by("pk")
    return [delivery_start(project=project, actor=actor, now=now) for project in waiting]


# --- status and settings ------------------------------------------------------------------------


@transaction.atomic
def delivery_status_change(
    *, delivery_id: int, actor: Any, status: str, reason: str, now: datetime
) -> Delivery:
    delivery = _locked(delivery_id)
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ImplementationError(
            _("The reason is too long. Keep it under %(max)d characters.") % {"max": REASON_MAX}
        )
    try:
        new = domain.Status(status)
    except ValueError:
        raise ImplementationError(_("Choose one of the statuses in the list.")) from None
    problem = domain.status_change_problem(domain.Status(delivery.status), new, reason)
    if problem is not None:
        raise ImplementationError(problem_text(problem))
    before = snapshot(delivery)
    dates = domain.dates_after_status(
        new=new,
        visible_result_on=delivery.visible_result_on,
        done_on=delivery.done_on,
        today=_today(now),
    )
    delivery.status = new.value
    delivery.status_reason = reason if new == domain.Status.PAUSED else ""
    delivery.visible_result_on = dates.visible_result_on
    delivery.done_on = dates.done_on
    delivery.save()
    audit_record(
        actor=actor,
        action="delivery.status_changed",
        target=delivery,
        before=before or {},
        after=snapshot(delivery),
        at=now,
    )
    with translation.override(delivery.municipality.default_language):
        label = str(Delivery.Status(new.value).label)
        _announce(
            delivery,
            "status",
            title=_("%(project)s: now %(status)s")
            % {"project": delivery.project.title, "status": label},
            body=delivery.status_reason,
            actor=actor,
            now=now,
        )
    return delivery


@transaction.atomic
def delivery_settings_change(
    *, delivery_id: int, actor: Any, responsible: User | None, started_on: date, now: datetime
) -> Delivery:
    delivery = _locked(delivery_id)
    if responsible is not None and not _is_responsible_staff(responsible, delivery.municipality_id):
        raise ImplementationError(
            _("The responsible person must be a case officer or administrator here.")
        )
    first_due = delivery.milestones.order_by("due_on").values_list("due_on", flat=True).first()
    if first_due is not None and started_on > first_due:
        raise ImplementationError(
            _("A milestone is due on %(date)s, before this start date. Move the milestone first.")
            % {"date": date_format(first_due, "DATE_FORMAT")}
        )
    before = snapshot(delivery)
    delivery.responsible = responsible
    delivery.started_on = started_on
    delivery.save()
    audit_record(
        actor=actor,
        action="delivery.changed",
        target=delivery,
        before=before or {},
        after=snapshot(delivery),
        at=now,
    )
    return delivery


# --- spending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpendResult:
    entry: SpendEntry
    spending: domain.Spending
    warning: str  # set when the project is now over its budget


@transaction.atomic
def spend_add(
    *,
    delivery_id: int,
    actor: Any,
    spent_on: date,
    amount: Decimal,
    purpose: str,
    now: datetime,
) -> SpendResult:
    """Record money spent. Going over the budget is allowed (the bill is real) but warned."""
    delivery = _locked(delivery_id)
    purpose = (purpose or "").strip()
    if not purpose:
        raise ImplementationError(_("Say what the money was spent on."))
    if len(purpose) > PURPOSE_MAX:
        raise ImplementationError(
            _("Keep the description under %(max)d characters.") % {"max": PURPOSE_MAX}
        )
    problem = domain.spend_problem(amount=amount, spent_on=spent_on, today=_today(now))
    if problem is not None:
        raise ImplementationError(problem_text(problem))
    entry = SpendEntry.objects.create(
        delivery=delivery,
        spent_on=spent_on,
        amount=amount,
        purpose=purpose,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        entered_at=now,
    )
    audit_record(
        actor=actor,
        action="delivery_spend.created",
        target=entry,
        municipality=delivery.municipality,
        before={},
        after=snapshot(entry),
        at=now,
    )
    total = sum((e for e in delivery.spend_entries.values_list("amount", flat=True)), Decimal(0))
    money = domain.spending(budget=delivery.budget, spent=total)
    warning = ""
    if money.overspent:
        country = delivery.municipality.country
        warning = _(
            "The project has now spent %(spent)s of its budget of %(budget)s: %(over)s over."
        ) % {
            "spent": kroner(money.spent, country),
            "budget": kroner(money.budget, country),
            "over": kroner(-money.left, country),
        }
    return SpendResult(entry=entry, spending=money, warning=warning)


@transaction.atomic
def spend_remove(*, entry_id: int, delivery_id: int, actor: Any, now: datetime) -> None:
    """Remove a wrong entry (the audit log keeps what it said)."""
    delivery = _locked(delivery_id)
    entry = SpendEntry.objects.filter(pk=entry_id, delivery=delivery).first()
    if entry is None:
        raise ImplementationError(_("This entry no longer exists."))
    audit_record(
        actor=actor,
        action="delivery_spend.deleted",
        target=entry,
        municipality=delivery.municipality,
        before=snapshot(entry),
        after={},
        at=now,
    )
    entry.delete()


# --- milestones --------------------------------------------------------------------------------


@transaction.atomic
def milestone_add(
    *, delivery_id: int, actor: Any, title: str, due_on: date, now: datetime
) -> Milestone:
    delivery = _locked(delivery_id)
    title = (title or "").strip()
    if not title:
        raise ImplementationError(_("Give the milestone a title."))
    if len(title) > TITLE_MAX:
        raise ImplementationError(
            _("Keep the title under %(max)d characters.") % {"max": TITLE_MAX}
        )
    problem = domain.milestone_problem(
        due_on=due_on, started_on=delivery.started_on, today=_today(now)
    )
    if problem is not None:
        raise ImplementationError(
            problem_text(problem, started=date_format(delivery.started_on, "DATE_FORMAT"))
        )
    milestone = Milestone.objects.create(delivery=delivery, title=title, due_on=due_on)
    audit_record(
        actor=actor,
        action="delivery_milestone.created",
        target=milestone,
        municipality=delivery.municipality,
        before={},
        after=snapshot(milestone),
        at=now,
    )
    return milestone


@transaction.atomic
def milestone_mark(
    *, milestone_id: int, delivery_id: int, actor: Any, done: bool, now: datetime
) -> Milestone:
    """Mark a milestone done today, or not done after all."""
    delivery = _locked(delivery_id)
    milestone = Milestone.objects.filter(pk=milestone_id, delivery=delivery).first()
    if milestone is None:
        raise ImplementationError(_("This milestone no longer exists."))
    before = snapshot(milestone)
    milestone.done_on = _today(now) if done else None
    milestone.save(update_fields=["done_on"])
    audit_record(
        actor=actor,
        action="delivery_milestone.changed",
        target=milestone,
        municipality=delivery.municipality,
        before=before or {},
        after=snapshot(milestone),
        at=now,
    )
    return milestone


# --- public updates ----------------------------------------------------------------------------


@transaction.atomic
def update_post(
    *,
    delivery_id: int,
    actor: Any,
    text: str,
    photos: Sequence[PhotoUpload] = (),
    now: datetime,
) -> Update:
    """Publish a progress update with up to three photos, each with a text for people who
    cannot see it, and tell the followers."""
    delivery = _locked(delivery_id)
    text = (text or "").strip()
    if not text:
        raise ImplementationError(_("Write what has happened."))
    if len(text) > UPDATE_MAX:
        raise ImplementationError(
            _("The update is too long. Keep it under %(max)d characters.") % {"max": UPDATE_MAX}
        )
    if len(photos) > MAX_PHOTOS:
        raise ImplementationError(
            _("Add at most %(max)d photos to one update.") % {"max": MAX_PHOTOS}
        )
    for photo in photos:
        alt = (photo.alt_text or "").strip()
        if not alt:
            raise ImplementationError(
                _("Describe what each photo shows, for people who cannot see it.")
            )
        if len(alt) > ALT_MAX:
            raise ImplementationError(
                _("Keep each photo description under %(max)d characters.") % {"max": ALT_MAX}
            )
    update = Update.objects.create(
        delivery=delivery,
        text=text,
        published_at=now,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for photo in photos:
        UpdatePhoto.objects.create(
            update=update, image=photo.image, alt_text=photo.alt_text.strip()
        )
    audit_record(
        actor=actor,
        action="delivery_update.created",
        target=update,
        municipality=delivery.municipality,
        before={},
        after={**(snapshot(update) or {}), "photos": len(photos)},
        at=now,
    )
    with translation.override(delivery.municipality.default_language):
        _announce(
            delivery,
            "update",
            title=_("News about %(project)s") % {"project": delivery.project.title},
            body=text,
            actor=actor,
            now=now,
        )
    return update


def start_tracking_funded(
    *, process: Any, funded: list[BudgetProject], now: datetime, **_signal: Any
) -> None:
    """Receiver of budgeting's results_published: a delivery record for every funded project."""
    for project in funded:
        delivery_start(project=project, actor=None, now=now)
