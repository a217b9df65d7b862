"""Everything that changes volunteer teams. Views call these; the pure rules (recurrence,
sign-up refusals, certificate validity, hours) are in medborger.domain.lifecycle.volunteering.

A sign-up locks the session row, checks the seats left and raises `taken` with
`F("taken") + 1` in the same transaction, so two people taking the last place at once cannot
both get it; the check constraint `volunteering_session_not_overbooked` is the last guard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborger.core.audit import audit_record, snapshot
from medborger.domain.country import timezone_of
from medborger.domain.lifecycle import volunteering as domain
from medborger.places.models import Municipality
from medborger.volunteering.models import (
    MONEY_KINDS,
    ActivitySeries,
    CertificateCheck,
    Contribution,
    ContributionKind,
    HoursEntry,
    HoursStatus,
    Membership,
    MembershipRole,
    Session,
    SignUp,
    Team,
)
from medborger.volunteering.rules import is_official, is_team_contact


class VolunteeringError(Exception):
    """A refusal the user can read; the view shows it next to the field it names (or above the
    form when `field` is None)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def zone_of(municipality: Municipality) -> ZoneInfo:
    return timezone_of(municipality.country)


def local_day(moment: datetime, municipality: Municipality) -> date:
    return moment.astimezone(zone_of(municipality)).date()


def may_manage(user: Any, team: Any) -> bool:
    return bool(is_official(user, team) or is_team_contact(user, team))


def _require_manager(user: Any, team: Team) -> None:
    if not may_manage(user, team):
        raise VolunteeringError(
            _("Only the team's contact person or the municipality's staff can do this.")
        )


def _require_official(user: Any, municipality: Municipality) -> None:
    if not is_official(user, municipality):
        raise VolunteeringError(_("Only the municipality's staff can do this."))


def certificate_months(team: Team) -> int:
    return int(team.programme.certificate_months)


def certificate_of(user: Any, municipality: Any) -> date | None:
    return (
        CertificateCheck.objects.filter(municipality=municipality, volunteer=user)
        .values_list("checked_on", flat=True)
        .first()
    )


# --- activities and sessions --------------------------------------------------------------------


@dataclass
class SeriesData:
    title: str
    place: str
    frequency: str
    start_date: date
    start_time: time
    duration_minutes: int
    count: int | None = None
    end_date: date | None = None
    capacity: int | None = None
    requires_certificate: bool = False
    description: str = ""


RULE_TEXTS = {
    domain.RuleProblem.NO_END: (
        gettext_lazy("Give either the number of times or the last day."),
        "count",
    ),
    domain.RuleProblem.BOTH_ENDS: (
        gettext_lazy("Give the number of times or the last day, not both."),
        "count",
    ),
    domain.RuleProblem.COUNT_RANGE: (
        gettext_lazy("The number of times must be between 1 and %(max)s."),
        "count",
    ),
    domain.RuleProblem.END_BEFORE_START: (
        gettext_lazy("The last day cannot be before the first day."),
        "end_date",
    ),
    domain.RuleProblem.TOO_MANY: (
        gettext_lazy("That gives more than %(max)s times. Choose an earlier last day."),
        "end_date",
    ),
}


@transaction.atomic
def series_create(*, team: Team, actor: Any, data: SeriesData, now: datetime) -> ActivitySeries:
    """Create a recurring activity and store its dated sessions, each at the same local time."""
    team = Team.objects.select_related("municipality", "programme").get(pk=team.pk)
    _require_manager(actor, team)
    frequency = domain.Frequency(data.frequency)
    problem = domain.rule_problem(
        start=data.start_date, frequency=frequency, count=data.count, until=data.end_date
    )
    if problem is not None:
        text, field = RULE_TEXTS[problem]
        raise VolunteeringError(str(text) % {"max": domain.MAX_SESSIONS}, field=field)
    if data.start_date < local_day(now, team.municipality):
        raise VolunteeringError(_("The first day cannot be in the past."), field="start_date")
    series = ActivitySeries.objects.create(
        team=team,
        municipality=team.municipality,
        title=data.title.strip(),
        description=data.description.strip(),
        place=data.place.strip(),
        frequency=frequency.value,
        start_date=data.start_date,
        count=data.count,
        end_date=data.end_date,
        start_time=data.start_time,
        duration_minutes=data.duration_minutes,
        capacity=data.capacity,
        requires_certificate=data.requires_certificate,
    )
    days = domain.occurrence_dates(
        start=data.start_date, frequency=frequency, count=data.count, until=data.end_date
    )
    times = domain.session_times(
        days, at=data.start_time, minutes=data.duration_minutes, zone=zone_of(team.municipality)
    )
    Session.objects.bulk_create(
        Session(
            series=series,
            municipality=team.municipality,
            number=index + 1,
            starts_at=starts,
            ends_at=ends,
            place=series.place,
            capacity=series.capacity,
        )
        for index, (starts, ends) in enumerate(times)
    )
    audit_record(
        actor=actor,
        action="volunteer_series.created",
        target=series,
        after=snapshot(series),
        at=now,
    )
    return series


def _locked_session(session_id: int) -> Session:
    # of=("self",): lock the session row only, not the joined series and team.
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("series__team__programme", "municipality")
        .get(pk=session_id)
    )


@transaction.atomic
def session_cancel(*, session_id: int, actor: Any, reason: str, now: datetime) -> Session:
    session = _locked_session(session_id)
    _require_manager(actor, session.series.team)
    if session.cancelled:
        raise VolunteeringError(_("The session is already cancelled."))
    if session.starts_at <= now:
        raise VolunteeringError(_("A session that has started cannot be cancelled."))
    if not reason.strip():
        raise VolunteeringError(_("Say why the session is cancelled. It is shown."), field="reason")
    before = snapshot(session)
    session.cancelled = True
    session.cancel_reason = reason.strip()
    session.save(update_fields=["cancelled", "cancel_reason"])
    audit_record(
        actor=actor,
        action="volunteer_session.cancelled",
        target=session,
        before=before,
        after=snapshot(session),
        at=now,
    )
    return session


@transaction.atomic
def session_change(
    *, session_id: int, actor: Any, place: str, capacity: int | None, now: datetime
) -> Session:
    """Change one session only (the place, the number of places); the series stays as it is."""
    session = _locked_session(session_id)
    _require_manager(actor, session.series.team)
    if session.starts_at <= now:
        raise VolunteeringError(_("A session that has started cannot be changed."))
    if capacity is not None and capacity < session.taken:
        raise VolunteeringError(
            _("%(taken)s people are already signed up. The places cannot be fewer.")
            % {"taken": session.taken},
            field="capacity",
        )
    if not place.strip():
        raise VolunteeringError(_("Write where the session meets."), field="place")
    before = snapshot(session)
    session.place = place.strip()
    session.capacity = capacity
    session.save(update_fields=["place", "capacity"])
    audit_record(
        actor=actor,
        action="volunteer_session.changed",
        target=session,
        before=before,
        after=snapshot(session),
        at=now,
    )
    return session


# --- sign-up -------------------------------------------------------------------------------------


def signup_refusal_text(refusal: domain.SignupRefusal, *, months: int) -> str:
    if refusal is domain.SignupRefusal.CANCELLED:
        return _("The session is cancelled. Choose another date.")
    if refusal is domain.SignupRefusal.STARTED:
        return _("The session has started. You can no longer sign up.")
    if refusal is domain.SignupRefusal.ALREADY:
        return _("You are already signed up for this session.")
    if refusal is domain.SignupRefusal.FULL:
        return _("The session is full. Choose another date.")
    return _(
        "Children take part in this activity, so the municipality must have seen your "
        "child-protection certificate (børneattest) within the last %(months)s months. Contact "
        "the team's contact person to get one checked."
    ) % {"months": months}


@transaction.atomic
def signup_add(*, session_id: int, user: Any, now: datetime) -> SignUp:
    session = _locked_session(session_id)
    team = session.series.team
    months = certificate_months(team)
    refusal = domain.signup_refusal(
        cancelled=session.cancelled,
        starts_at=session.starts_at,
        now=now,
        capacity=session.capacity,
        taken=session.taken,
        already=SignUp.objects.filter(session=session, user=user).exists(),
        needs_certificate=session.series.needs_certificate,
        certificate_checked_on=certificate_of(user, session.municipality),
        certificate_months=months,
        session_day=local_day(session.starts_at, session.municipality),
    )
    if refusal is not None:
        raise VolunteeringError(signup_refusal_text(refusal, months=months))
    try:
        with transaction.atomic():
            signup = SignUp.objects.create(session=session, user=user, signed_up_at=now)
    except IntegrityError:  # the unique constraint: the same person twice at the same moment
        raise VolunteeringError(
            signup_refusal_text(domain.SignupRefusal.ALREADY, months=months)
        ) from None
    Session.objects.filter(pk=session.pk).update(taken=F("taken") + 1)
    Membership.objects.get_or_create(
        team=team, user=user, defaults={"role": MembershipRole.VOLUNTEER, "joined_at": now}
    )
    return signup


@transaction.atomic
def signup_cancel(*, session_id: int, user: Any, now: datetime) -> None:
    session = _locked_session(session_id)
    signup = SignUp.objects.filter(session=session, user=user).first()
    refusal = domain.cancel_refusal(
        signed_up=signup is not None, starts_at=session.starts_at, now=now
    )
    if refusal is domain.CancelRefusal.NOT_SIGNED_UP:
        raise VolunteeringError(_("You are not signed up for this session."))
    if refusal is domain.CancelRefusal.STARTED:
        raise VolunteeringError(_("The session has started. You can no longer cancel."))
    assert signup is not None
    signup.delete()
    Session.objects.filter(pk=session.pk).update(taken=F("taken") - 1)


# --- hours ---------------------------------------------------------------------------------------


def hours_problem_text(problem: domain.HoursProblem) -> str:
    if problem is domain.HoursProblem.CANCELLED:
        return _("The session was cancelled. No hours can be logged for it.")
    if problem is domain.HoursProblem.NOT_POSITIVE:
        return _("Write a time of at least 1 minute.")
    if problem is domain.HoursProblem.TOO_MANY:
        return _("One session cannot be more than 24 hours.")
    return _("Hours can be logged when the session has started.")


@transaction.atomic
def hours_log(
    *,
    session_id: int,
    volunteer: Any,
    minutes: int,
    actor: Any,
    now: datetime,
    note: str = "",
) -> HoursEntry:
    """Log one volunteer's time at a session. The contact person or staff log approved hours;
    a volunteer logs their own, which wait for the contact's approval. Logging again replaces
    the earlier entry (and, for a volunteer, sends it for approval again)."""
    session = _locked_session(session_id)
    team = session.series.team
    manager = may_manage(actor, team)
    if not manager and actor.pk != volunteer.pk:
        raise VolunteeringError(_("You can only log your own hours."))
    problem = domain.hours_problem(
        minutes=minutes, session_starts=session.starts_at, now=now, cancelled=session.cancelled
    )
    if problem is not None:
        raise VolunteeringError(hours_problem_text(problem), field="minutes")
    if not manager and not SignUp.objects.filter(session=session, user=volunteer).exists():
        raise VolunteeringError(_("You can log hours only for a session you signed up for."))
    if manager and not Membership.objects.filter(team=team, user=volunteer).exists():
        raise VolunteeringError(_("The person is not a volunteer on this team."), field="volunteer")
    status = HoursStatus.APPROVED if manager else HoursStatus.PENDING
    existing = HoursEntry.objects.select_for_update().filter(session=session, volunteer=volunteer)
    entry = existing.first()
    before = snapshot(entry)
    if entry is None:
        entry = HoursEntry(
            session=session, municipality=session.municipality, team=team, volunteer=volunteer
        )
    entry.worked_on = local_day(session.starts_at, session.municipality)
    entry.minutes = minutes
    entry.note = note.strip()
    entry.status = status
    entry.entered_by = actor
    entry.entered_at = now
    entry.decided_by = actor if manager else None
    entry.decided_at = now if manager else None
    entry.save()
    if manager:
        audit_record(
            actor=actor,
            action="volunteer_hours.created" if before is None else "volunteer_hours.changed",
            target=entry,
            before=before or {},
            after=snapshot(entry),
            at=now,
        )
    return entry


@transaction.atomic
def hours_decide(*, entry_id: int, actor: Any, approve: bool, now: datetime) -> HoursEntry:
    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("team", "municipality")
        .get(pk=entry_id)
    )
    _require_manager(actor, entry.team)
    if entry.status != HoursStatus.PENDING:
        raise VolunteeringError(
            _("These hours are already decided: %(status)s.")
            % {"status": entry.get_status_display()}
        )
    if entry.volunteer_id == actor.pk and not is_official(actor, entry.municipality):
        raise VolunteeringError(
            _("Another contact person or the staff must approve your own hours.")
        )
    before = snapshot(entry)
    entry.status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
    entry.decided_by = actor
    entry.decided_at = now
    entry.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action="volunteer_hours.approved" if approve else "volunteer_hours.rejected",
        target=entry,
        before=before,
        after=snapshot(entry),
        at=now,
    )
    return entry


# --- contributions -------------------------------------------------------------------------------


@dataclass
class ContributionData:
    kind: str
    description: str
    given_on: date
    amount: int | None = None
    quantity: int | None = None
    unit: str = ""


@transaction.atomic
def contribution_add(
    *, team: Team, actor: Any, data: ContributionData, now: datetime
) -> Contribution:
    team = Team.objects.select_related("municipality").get(pk=team.pk)
    _require_official(actor, team.municipality)
    kind = ContributionKind(data.kind)
    if not data.description.strip():
        raise VolunteeringError(_("Write what the municipality gave."), field="description")
    if kind.value in MONEY_KINDS and not data.amount:
        raise VolunteeringError(_("Write the amount in kr."), field="amount")
    if kind is ContributionKind.EQUIPMENT and (not data.quantity or not data.unit.strip()):
        raise VolunteeringError(
            _("Write how many and the unit, for example 20 and pieces."), field="quantity"
        )
    if not data.amount and not data.quantity:
        raise VolunteeringError(_("Write an amount in kr or a quantity."), field="amount")
    if data.given_on > local_day(now, team.municipality):
        raise VolunteeringError(_("The date cannot be in the future."), field="given_on")
    contribution = Contribution.objects.create(
        team=team,
        municipality=team.municipality,
        kind=kind.value,
        description=data.description.strip(),
        amount=data.amount if kind is not ContributionKind.EQUIPMENT else data.amount or None,
        quantity=data.quantity if kind.value not in MONEY_KINDS else None,
        unit=data.unit.strip() if kind.value not in MONEY_KINDS else "",
        given_on=data.given_on,
        entered_by=actor,
        entered_at=now,
    )
    audit_record(
        actor=actor,
        action="volunteer_contribution.created",
        target=contribution,
        after=snapshot(contribution),
        at=now,
    )
    return contribution


# --- child-protection certificates ---------------------------------------------------------------


@transaction.atomic
def certificate_record(
    *, municipality: Municipality, volunteer: Any, checked_on: date, actor: Any, now: datetime
) -> CertificateCheck:
    """Record that staff saw a volunteer's børneattest on `checked_on`. Nothing from the
    certificate itself is stored."""
    _require_official(actor, municipality)
    if checked_on > local_day(now, municipality):
        raise VolunteeringError(_("The date cannot be in the future."), field="checked_on")
    existing = (
        CertificateCheck.objects.select_for_update()
        .filter(municipality=municipality, volunteer=volunteer)
        .first()
    )
    before = snapshot(existing)
    check, _created = CertificateCheck.objects.update_or_create(
        municipality=municipality,
        volunteer=volunteer,
        defaults={"checked_on": checked_on, "checked_by": actor, "recorded_at": now},
    )
    audit_record(
        actor=actor,
        action="certificate_check.recorded",
        target=check,
        municipality=municipality,
        before=before or {},
        after=snapshot(check),
        at=now,
    )
    return check


def today_in(municipality: Municipality, now: datetime | None = None) -> date:
    return local_day(now or timezone.now(), municipality)
