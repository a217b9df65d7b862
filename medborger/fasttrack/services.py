"""Everything that changes a fast-track pool or application. Views call these; the rules (states,
amounts, deadlines) are in medborger.domain.lifecycle.fasttrack.

Money moves only under a row lock on the pool: approving locks the pool row, checks what is left,
and raises the pool's `granted` in the same transaction, so two officials approving at the same
moment cannot spend the pool twice. The database's check constraint is the last guard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from medborger.accounts.models import User
from medborger.core.audit import audit_record, snapshot
from medborger.core.personal_data import erase_contacts
from medborger.domain.lifecycle import fasttrack as lifecycle
from medborger.domain.lifecycle.fasttrack import AmountRefusal, Event, State
from medborger.fasttrack.models import Application, FastTrackPool, ReportPhoto
from medborger.fasttrack.rules import is_official
from medborger.fasttrack.texts import STATUS_LABELS, kroner
from medborger.places.models import Municipality

MAX_PHOTOS = 5


class FastTrackError(Exception):
    """A refusal the user can read; the view shows it next to the form field it names (or above
    the form when `field` is None)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def amount_refusal_text(refusal: AmountRefusal, *, pool: FastTrackPool, requested: int) -> str:
    country = pool.municipality.country
    if refusal == AmountRefusal.NOT_POSITIVE:
        return _("The amount must be at least 1 kr.")
    if refusal == AmountRefusal.OVER_CAP:
        return _(
            "You can apply for at most %(cap)s per project. Lower the amount, or apply to the "
            "participatory budget for larger projects."
        ) % {"cap": kroner(pool.project_cap, country)}
    if refusal == AmountRefusal.OVER_REQUESTED:
        return _("The grant cannot be more than the %(requested)s applied for.") % {
            "requested": kroner(requested, country)
        }
    return _("There is only %(left)s left in the pool this year. Lower the amount.") % {
        "left": kroner(pool.remaining, country)
    }


def state_label(state: str) -> str:
    return str(STATUS_LABELS.get(state, state))


def _transition(application: Application, event: Event) -> None:
    try:
        application.state = lifecycle.next_state(application.state_enum, event).value
    except lifecycle.TransitionError:
        raise FastTrackError(
            _("This cannot be done now. The application's status is: %(state)s.")
            % {"state": state_label(application.state)}
        ) from None


def _require_role(user: Any, municipality: Municipality) -> None:
    """The same predicate as the rule `fasttrack.decide`, checked again inside the transaction."""
    if not is_official(user, municipality):
        raise FastTrackError(
            _(
                "Only a case officer of the municipality can decide on applications and record "
                "payouts."
            )
        )


def _locked_application(application_id: int) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=application_id)
    )


def _locked_pool(pool_id: int) -> FastTrackPool:
    # of=("self",): lock the pool row only, not the municipality joined in for its country.
    return (
        FastTrackPool.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=pool_id)
    )


# --- applying ------------------------------------------------------------------------------------


@dataclass
class ApplicationData:
    title: str
    description: str
    activity_date: date
    place: str
    amount_requested: int
    responsible_name: str
    responsible_phone: str = ""
    responsible_email: str = ""
    group_name: str = ""


@transaction.atomic
def application_submit(
    *, pool: FastTrackPool, applicant: User, data: ApplicationData, now: datetime
) -> Application:
    # No lock: an application promises no money. What is left is checked again, under the
    # pool's row lock, when an official approves it.
    pool = FastTrackPool.objects.select_related("municipality").get(pk=pool.pk)
    if not pool.accepts_applications:
        raise FastTrackError(_("The pool does not take applications right now."))
    if not data.responsible_name.strip():
        raise FastTrackError(
            _("Write the name of the person who is responsible for the money."),
            field="responsible_name",
        )
    if not data.responsible_phone.strip() and not data.responsible_email.strip():
        raise FastTrackError(
            _("Write a phone number or an email address for the responsible person."),
            field="responsible_phone",
        )
    if data.activity_date < timezone.localdate(now):
        raise FastTrackError(
            _("The activity must take place today or later."), field="activity_date"
        )
    refusal = lifecycle.application_refusal(
        requested=data.amount_requested, cap=pool.project_cap, left=pool.remaining
    )
    if refusal is not None:
        raise FastTrackError(
            amount_refusal_text(refusal, pool=pool, requested=data.amount_requested),
            field="amount",
        )
    return Application.objects.create(
        pool=pool,
        municipality_id=pool.municipality_id,
        applicant=applicant,
        title=data.title.strip(),
        description=data.description.strip(),
        activity_date=data.activity_date,
        place=data.place.strip(),
        amount_requested=data.amount_requested,
        group_name=data.group_name.strip(),
        responsible_name=data.responsible_name.strip(),
        responsible_phone=data.responsible_phone.strip(),
        responsible_email=data.responsible_email.strip(),
        state=State.SUBMITTED.value,
        submitted_at=now,
        decision_due=lifecycle.decision_due(now, pool.decision_days),
    )


# --- deciding ------------------------------------------------------------------------------------


@transaction.atomic
def application_approve(
    *,
    application_id: int,
    official: User,
    amount: int | None,
    reason: str,
    now: datetime,
) -> Application:
    """Grant the amount applied for, or less. Locks the pool first (always pool, then
    application, so two decisions never deadlock), then checks what is left."""
    pool_id = Application.objects.values_list("pool_id", flat=True).get(pk=application_id)
    pool = _locked_pool(pool_id)
    application = _locked_application(application_id)
    _require_role(official, application.municipality)
    before = snapshot(application)
    _transition(application, Event.APPROVE)
    granted = application.amount_requested if amount is None else amount
    refusal = lifecycle.grant_refusal(
        granted=granted,
        requested=application.amount_requested,
        cap=pool.project_cap,
        left=pool.remaining,
    )
    if refusal is not None:
        raise FastTrackError(
            amount_refusal_text(refusal, pool=pool, requested=application.amount_requested),
            field="amount",
        )
    if granted < application.amount_requested and not reason.strip():
        raise FastTrackError(
            _("Say why the grant is lower than the amount applied for. The reason is public."),
            field="reason",
        )
    FastTrackPool.objects.filter(pk=pool.pk).update(granted=F("granted") + granted)
    application.granted_amount = granted
    application.decision_reason = reason.strip()
    application.decided_at = now
    application.decided_by = official
    application.report_due = lifecycle.report_due(application.activity_date, pool.report_days)
    application.save()
    audit_record(
        actor=official,
        action="fasttrack_application.approved",
        target=application,
        before=before,
        after=snapshot(application),
        at=now,
    )
    return application


@transaction.atomic
def application_reject(
    *, application_id: int, official: User, reason: str, now: datetime
) -> Application:
    if not reason.strip():
        raise FastTrackError(_("Write the reason for the rejection. It is public."), field="reason")
    application = _locked_application(application_id)
    _require_role(official, application.municipality)
    before = snapshot(application)
    _transition(application, Event.REJECT)
    application.decision_reason = reason.strip()
    application.decided_at = now
    application.decided_by = official
    application.save()
    audit_record(
        actor=official,
        action="fasttrack_application.rejected",
        target=application,
        before=before,
        after=snapshot(application),
        at=now,
    )
    return application


@transaction.atomic
def payout_record(
    *,
    application_id: int,
    official: User,
    paid_on: date,
    amount: int,
    now: datetime,
) -> Application:
    application = _locked_application(application_id)
    _require_role(official, application.municipality)
    before = snapshot(application)
    _transition(application, Event.PAY)
    granted = application.granted_amount or 0
    country = application.municipality.country
    if amount < 1 or amount > granted:
        raise FastTrackError(
            _("The payout must be between 1 kr and the %(granted)s granted.")
            % {"granted": kroner(granted, country)},
            field="amount",
        )
    if application.decided_at is not None and paid_on < timezone.localdate(application.decided_at):
        raise FastTrackError(_("The payout date cannot be before the decision."), field="paid_on")
    if paid_on > timezone.localdate(now):
        raise FastTrackError(_("The payout date cannot be in the future."), field="paid_on")
    application.paid_on = paid_on
    application.paid_amount = amount
    application.paid_by = official
    application.payout_recorded_at = now
    application.save()
    audit_record(
        actor=official,
        action="fasttrack_application.paid",
        target=application,
        before=before,
        after=snapshot(application),
        at=now,
    )
    return application


# --- reporting -----------------------------------------------------------------------------------


@dataclass
class PhotoData:
    image: Any
    description: str


@transaction.atomic
def report_submit(
    *,
    application_id: int,
    user: User,
    text: str,
    photos: list[PhotoData],
    now: datetime,
) -> Application:
    application = _locked_application(application_id)
    if application.applicant_id != user.pk:
        raise FastTrackError(_("Only the applicant can send the report."))
    if application.state_enum == State.APPROVED:
        raise FastTrackError(
            _("You can send the report when the grant has been paid out and the activity is over.")
        )
    _transition(application, Event.REPORT)
    if not text.strip():
        raise FastTrackError(_("Write a few lines about how the activity went."), field="text")
    if len(photos) > MAX_PHOTOS:
        raise FastTrackError(
            _("Add at most %(count)s photos.") % {"count": MAX_PHOTOS}, field="photos"
        )
    application.report_text = text.strip()
    application.reported_at = now
    application.save()
    for photo in photos:
        ReportPhoto.objects.create(
            application=application,
            image=photo.image,
            description=photo.description.strip() or application.title,
            uploaded_at=now,
        )
    return application


def fasttrack_erase(user: Any) -> list[str]:
    """Before an account is deleted: its applications stay (a decided grant is public and in the
    books), without the person's own name, email and phone as the responsible person."""
    return erase_contacts(
        Application.objects.filter(applicant=user).select_related("municipality"), user
    )
