"""Everything that changes a booking request. Views call these; the rules (states, half-open
intervals, weekly repeats, opening hours) are in medborger.domain.lifecycle.premises.

A request promises nothing, so making one takes no lock: it is refused when it overlaps a booking
that is already APPROVED, and may overlap other requests (staff see those flagged). Approving
locks the premises row first and checks the approved bookings again, so two officials approving
overlapping requests at the same moment cannot both succeed; on PostgreSQL an exclusion
constraint on the bookings is the last guard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from medborger.accounts.models import User
from medborger.core.audit import audit_record, snapshot
from medborger.core.personal_data import erase_contacts
from medborger.domain.lifecycle import premises as lifecycle
from medborger.domain.lifecycle.premises import Event, Interval, Refusal, State
from medborger.places.models import Municipality, Organisation
from medborger.premises.models import (
    Booking,
    BookingRequest,
    OpeningHours,
    Premises,
    RequesterKind,
)
from medborger.premises.rules import is_official
from medborger.premises.texts import STATE_LABELS


class PremisesError(Exception):
    """A refusal the user can read; the view shows it next to the form field it names (or above
    the form when `field` is None)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _day(moment: datetime) -> str:
    return f"{date_format(moment, 'l')} {date_format(moment, 'DATE_FORMAT')}"


def when_text(interval: Interval, zone: Any) -> str:
    """'Tuesday 10 June 2025 from 18:00 to 20:00' in the reader's language and local time."""
    start = timezone.localtime(interval.start, zone)
    end = timezone.localtime(interval.end, zone)
    if end.date() == start.date():
        return _("%(day)s from %(start)s to %(end)s") % {
            "day": _day(start),
            "start": date_format(start, "H:i"),
            "end": date_format(end, "H:i"),
        }
    return _("%(start)s to %(end)s") % {
        "start": f"{_day(start)} {date_format(start, 'H:i')}",
        "end": f"{_day(end)} {date_format(end, 'H:i')}",
    }


def hours_of(premises: Premises) -> dict[int, tuple[Any, Any]]:
    return {
        h.weekday: (h.opens, h.closes)
        for h in OpeningHours.objects.filter(premises=premises).order_by("weekday")
    }


def refusal_text(
    refusal: Refusal, *, premises: Premises, interval: Interval | None = None
) -> tuple[str, str | None]:
    """The sentence for a refusal and the form field it belongs to."""
    if refusal == Refusal.END_NOT_AFTER_START:
        return _("The end must be after the start."), "ends_at"
    if refusal == Refusal.IN_THE_PAST:
        return _("The start has already passed. Choose a time in the future."), "starts_at"
    if refusal == Refusal.TOO_FAR_AHEAD:
        return _("You can ask for a time at most a year ahead."), "starts_at"
    if refusal == Refusal.TOO_LONG:
        return (
            _("One booking can last at most %(hours)s hours. Ask for each day on its own.")
            % {"hours": lifecycle.MAX_HOURS},
            "ends_at",
        )
    if refusal == Refusal.REPEAT_BEFORE_START:
        return _("The last week must come after the first day."), "repeat_until"
    if refusal == Refusal.TOO_MANY_OCCURRENCES:
        return (
            _("A weekly booking can repeat at most %(count)s times. Choose an earlier last week.")
            % {"count": lifecycle.MAX_OCCURRENCES},
            "repeat_until",
        )
    if refusal == Refusal.NO_PARTICIPANTS:
        return _("Write how many people you expect, at least 1."), "participants"
    if refusal == Refusal.OVER_CAPACITY:
        return (
            _(
                "%(name)s has room for at most %(capacity)s people. Expect fewer, or choose a "
                "larger place."
            )
            % {"name": premises.name, "capacity": premises.capacity},
            "participants",
        )
    if refusal == Refusal.NO_HOURS:
        return _("%(name)s has no bookable hours yet.") % {"name": premises.name}, None
    when = when_text(interval, premises.zone) if interval is not None else ""
    if refusal == Refusal.CLOSED_THAT_DAY:
        return (
            _("%(name)s cannot be booked on that weekday (%(when)s). See the bookable hours.")
            % {"name": premises.name, "when": when},
            "starts_at",
        )
    return (
        _("%(when)s is outside the bookable hours of %(name)s. See the bookable hours.")
        % {"name": premises.name, "when": when},
        "starts_at",
    )


def clash_text(wanted: Interval, taken: Interval, *, premises: Premises, repeating: bool) -> str:
    zone = premises.zone
    if repeating:
        return _(
            "%(name)s is already booked %(taken)s, which overlaps your time %(wanted)s. "
            "Choose another time or another last week."
        ) % {
            "name": premises.name,
            "taken": when_text(taken, zone),
            "wanted": when_text(wanted, zone),
        }
    return _("%(name)s is already booked %(taken)s. Choose another time.") % {
        "name": premises.name,
        "taken": when_text(taken, zone),
    }


def approved_intervals(
    premises_id: int, *, wanted: list[Interval], exclude_request: int | None = None
) -> list[Interval]:
    """The approved bookings of the premises that lie within the span of `wanted`."""
    if not wanted:
        return []
    start = min(i.start for i in wanted)
    end = max(i.end for i in wanted)
    rows = Booking.objects.filter(
        premises_id=premises_id,
        state=State.APPROVED.value,
        starts_at__lt=end,
        ends_at__gt=start,
    )
    if exclude_request is not None:
        rows = rows.exclude(request_id=exclude_request)
    return [Interval(s, e) for s, e in rows.values_list("starts_at", "ends_at")]


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def _transition(booking_request: BookingRequest, event: Event) -> None:
    try:
        booking_request.state = lifecycle.next_state(State(booking_request.state), event).value
    except lifecycle.TransitionError:
        raise PremisesError(
            _("This cannot be done now. The request's status is: %(state)s.")
            % {"state": state_label(booking_request.state)}
        ) from None


def _require_role(user: Any, municipality: Municipality) -> None:
    """The same predicate as the rule `premises.decide`, checked again inside the transaction."""
    if not is_official(user, municipality):
        raise PremisesError(_("Only a case officer of the municipality can decide on requests."))


def _locked_request(request_id: int) -> BookingRequest:
    return (
        BookingRequest.objects.select_for_update(of=("self",))
        .select_related("municipality", "premises", "premises__municipality", "requester")
        .get(pk=request_id)
    )


def _locked_premises(premises_id: int) -> Premises:
    return (
        Premises.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=premises_id)
    )


# --- requesting ----------------------------------------------------------------------------------


@dataclass
class RequestData:
    title: str
    purpose: str
    participants: int
    starts_at: datetime
    ends_at: datetime
    repeat_until: date | None = None
    requester_kind: str = RequesterKind.ENTREPRENEUR
    organisation_id: int | None = None
    initiative_name: str = ""
    responsible_name: str = ""
    responsible_phone: str = ""
    responsible_email: str = ""


def _organisation_for(
    *, requester: User, premises: Premises, organisation_id: int | None
) -> Organisation:
    if organisation_id is None:
        raise PremisesError(_("Choose the association you ask on behalf of."), field="organisation")
    organisation = Organisation.objects.filter(
        pk=organisation_id, municipality_id=premises.municipality_id
    ).first()
    if organisation is None or organisation.responsible_person_id != requester.pk:
        raise PremisesError(
            _(
                "You can only ask on behalf of an association where you are the responsible "
                "person. Ask as an entrepreneur with a named responsible person instead."
            ),
            field="organisation",
        )
    return organisation


@transaction.atomic
def request_submit(
    *, premises: Premises, requester: User, data: RequestData, now: datetime
) -> BookingRequest:
    premises = Premises.objects.select_related("municipality").get(pk=premises.pk)
    if not premises.published:
        raise PremisesError(_("%(name)s cannot be booked now.") % {"name": premises.name})
    organisation: Organisation | None = None
    if data.requester_kind == RequesterKind.ASSOCIATION:
        organisation = _organisation_for(
            requester=requester, premises=premises, organisation_id=data.organisation_id
        )
    elif data.requester_kind == RequesterKind.ENTREPRENEUR:
        if not data.initiative_name.strip():
            raise PremisesError(
                _("Write the name of your initiative or enterprise. It is shown in the calendar."),
                field="initiative_name",
            )
    else:
        raise PremisesError(_("Choose who you ask on behalf of."), field="requester_kind")
    if not data.responsible_name.strip():
        raise PremisesError(
            _("Write the name of the person who is responsible for the room."),
            field="responsible_name",
        )
    if not data.responsible_phone.strip() and not data.responsible_email.strip():
        raise PremisesError(
            _("Write a phone number or an email address for the responsible person."),
            field="responsible_phone",
        )
    zone = premises.zone
    refusal = lifecycle.request_refusal(
        start=data.starts_at,
        end=data.ends_at,
        repeat_until=data.repeat_until,
        participants=data.participants,
        capacity=premises.capacity,
        now=now,
        zone=zone,
    )
    if refusal is not None:
        message, field = refusal_text(refusal, premises=premises)
        raise PremisesError(message, field=field)
    wanted = lifecycle.occurrences(
        start=data.starts_at, end=data.ends_at, repeat_until=data.repeat_until, zone=zone
    )
    outside = lifecycle.first_hours_refusal(wanted, hours=hours_of(premises), zone=zone)
    if outside is not None:
        interval, hours_refusal = outside
        message, field = refusal_text(hours_refusal, premises=premises, interval=interval)
        raise PremisesError(message, field=field)
    clash = lifecycle.first_clash(wanted, approved_intervals(premises.pk, wanted=wanted))
    if clash is not None:
        raise PremisesError(
            clash_text(*clash, premises=premises, repeating=len(wanted) > 1), field="starts_at"
        )
    booking_request = BookingRequest.objects.create(
        municipality_id=premises.municipality_id,
        premises=premises,
        requester=requester,
        requester_kind=data.requester_kind,
        organisation=organisation,
        initiative_name=data.initiative_name.strip() if organisation is None else "",
        responsible_name=data.responsible_name.strip(),
        responsible_phone=data.responsible_phone.strip(),
        responsible_email=data.responsible_email.strip(),
        title=data.title.strip(),
        purpose=data.purpose.strip(),
        participants=data.participants,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        repeat_until=data.repeat_until,
        state=State.REQUESTED.value,
        requested_at=now,
    )
    Booking.objects.bulk_create(
        [
            Booking(
                request=booking_request,
                premises=premises,
                municipality_id=premises.municipality_id,
                starts_at=interval.start,
                ends_at=interval.end,
                state=State.REQUESTED.value,
            )
            for interval in wanted
        ]
    )
    return booking_request


# --- deciding ------------------------------------------------------------------------------------


def _notify_requester(booking_request: BookingRequest, *, event: str, now: datetime) -> None:
    from medborger.notifications.services import notify_users

    if booking_request.requester is None:
        return
    municipality = booking_request.municipality
    with translation.override(municipality.default_language):
        if event == "approved":
            title = _("Your request for %(name)s is approved") % {
                "name": booking_request.premises.name
            }
            body = _("%(title)s: the time is yours. It is shown in the public calendar.") % {
                "title": booking_request.title
            }
        elif event == "rejected":
            title = _("Your request for %(name)s is rejected") % {
                "name": booking_request.premises.name
            }
            body = _("%(title)s. The reason: %(reason)s") % {
                "title": booking_request.title,
                "reason": booking_request.decision_reason,
            }
        else:
            title = _("The booking of %(name)s is cancelled") % {
                "name": booking_request.premises.name
            }
            body = booking_request.title
    notify_users(
        users=[booking_request.requester],
        target=booking_request,
        event=f"premises_request.{event}",
        title=str(title),
        body=str(body),
        url=booking_request.get_absolute_url(),
        now=now,
    )


def _set_booking_state(booking_request: BookingRequest, state: State) -> None:
    Booking.objects.filter(request=booking_request).update(state=state.value)


@transaction.atomic
def request_approve(*, request_id: int, official: User, now: datetime) -> BookingRequest:
    """Approve every occurrence of the request. Locks the premises first (always premises, then
    request, so two decisions never deadlock), then checks the approved bookings again."""
    premises_id = BookingRequest.objects.values_list("premises_id", flat=True).get(pk=request_id)
    premises = _locked_premises(premises_id)
    booking_request = _locked_request(request_id)
    _require_role(official, booking_request.municipality)
    before = snapshot(booking_request)
    _transition(booking_request, Event.APPROVE)
    wanted = [
        Interval(s, e)
        for s, e in Booking.objects.filter(request=booking_request).values_list(
            "starts_at", "ends_at"
        )
    ]
    clash = lifecycle.first_clash(
        wanted, approved_intervals(premises.pk, wanted=wanted, exclude_request=request_id)
    )
    if clash is not None:
        raise PremisesError(
            _("Cannot approve: %(clash)s Reject this request or ask the requester to move it.")
            % {"clash": clash_text(*clash, premises=premises, repeating=len(wanted) > 1)}
        )
    try:
        with transaction.atomic():  # the exclusion constraint (PostgreSQL) is the last guard
            _set_booking_state(booking_request, State.APPROVED)
    except IntegrityError:
        raise PremisesError(
            _("Cannot approve: %(name)s was just booked for an overlapping time.")
            % {"name": premises.name}
        ) from None
    booking_request.decided_at = now
    booking_request.decided_by = official
    booking_request.save()
    audit_record(
        actor=official,
        action="premises_request.approved",
        target=booking_request,
        before=before,
        after=snapshot(booking_request),
        at=now,
    )
    _notify_requester(booking_request, event="approved", now=now)
    return booking_request


@transaction.atomic
def request_reject(
    *, request_id: int, official: User, reason: str, now: datetime
) -> BookingRequest:
    if not reason.strip():
        raise PremisesError(
            _("Write the reason for the rejection. The requester reads it."), field="reason"
        )
    booking_request = _locked_request(request_id)
    _require_role(official, booking_request.municipality)
    before = snapshot(booking_request)
    _transition(booking_request, Event.REJECT)
    booking_request.decision_reason = reason.strip()
    booking_request.decided_at = now
    booking_request.decided_by = official
    booking_request.save()
    _set_booking_state(booking_request, State.REJECTED)
    audit_record(
        actor=official,
        action="premises_request.rejected",
        target=booking_request,
        before=before,
        after=snapshot(booking_request),
        at=now,
    )
    _notify_requester(booking_request, event="rejected", now=now)
    return booking_request


@transaction.atomic
def request_cancel(*, request_id: int, user: User, now: datetime) -> BookingRequest:
    """The requester withdraws a request, or gives back an approved time."""
    booking_request = _locked_request(request_id)
    if booking_request.requester_id != user.pk:
        raise PremisesError(_("Only the person who asked can cancel the request."))
    _transition(booking_request, Event.CANCEL)
    booking_request.cancelled_at = now
    booking_request.save()
    _set_booking_state(booking_request, State.CANCELLED)
    return booking_request


def premises_erase(user: Any) -> list[str]:
    """Before an account is deleted: its booking requests stay (an approved booking stays in the
    calendar), without the person's own name, email and phone as the responsible person."""
    return erase_contacts(
        BookingRequest.objects.filter(requester=user).select_related("municipality"), user
    )
