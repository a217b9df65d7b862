"""Everything that changes a meeting, a registration or a speaking slot. Views call these.

Seats are counted in `Meeting.registered_count`, changed only under a row lock on the meeting:
registering, cancelling and promoting from the waiting list all lock the meeting row first, so
two people cannot take the last seat and a cancellation promotes exactly one person. A check
constraint makes the database refuse more registered people than seats."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from medborger.accounts.models import User
from medborger.core.audit import audit_record, snapshot
from medborger.domain import meetings as rules_
from medborger.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Registration,
    RegistrationState,
    SlotState,
    SpeakingSlot,
)
from medborger.meetings.rules import can_allocate_slots, is_meeting_staff
from medborger.notifications.services import notify_users

ACTIVE = [RegistrationState.REGISTERED, RegistrationState.WAITING]


class MeetingError(Exception):
    """A refusal the user can read. `code` lets a view react (for example offer the waiting
    list when the meeting is full); `field` names the form field it concerns."""

    def __init__(self, message: str, *, code: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


def _locked_meeting(meeting_id: int) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=meeting_id)
    )


def _when(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")


def refusal_text(refusal: rules_.Refusal, meeting: Meeting) -> str:
    if refusal == rules_.Refusal.CANCELLED:
        return _("The meeting is cancelled.")
    if refusal in (rules_.Refusal.HELD, rules_.Refusal.STARTED):
        return _("The meeting has already taken place. You can no longer register.")
    if refusal == rules_.Refusal.NOT_OPEN_YET and meeting.registration_opens:
        return _("Registration opens %(date)s.") % {
            "date": date_format(timezone.localtime(meeting.registration_opens), "DATETIME_FORMAT")
        }
    return _("Registration for this meeting has closed.")


def _require_staff(user: Any, meeting: Meeting) -> None:
    if not is_meeting_staff(user, meeting):
        raise MeetingError(_("Only the municipality's staff can do this."))


# --- registration --------------------------------------------------------------------------------


def _active_registration(meeting: Meeting, user: User) -> Registration | None:
    return (
        Registration.objects.filter(meeting=meeting, user=user, state__in=ACTIVE)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def register(
    *, meeting_id: int, user: User, now: datetime, join_waiting_list: bool = False
) -> Registration:
    """A seat if one is free. When the meeting is full, raise MeetingError(code="full") unless
    the person has chosen to join the waiting list."""
    meeting = _locked_meeting(meeting_id)
    refusal = rules_.registration_refusal(
        status=meeting.status,
        now=now,
        starts_at=meeting.starts_at,
        opens=meeting.registration_opens,
        closes=meeting.registration_closes,
    )
    if refusal is not None:
        raise MeetingError(refusal_text(refusal, meeting), code="closed")
    existing = _active_registration(meeting, user)
    if existing is not None:
        if existing.state == RegistrationState.WAITING:
            raise MeetingError(
                _("You are already on the waiting list for this meeting."), code="twice"
            )
        raise MeetingError(_("You are already registered for this meeting."), code="twice")
    if rules_.has_free_seat(capacity=meeting.capacity, registered=meeting.registered_count):
        registration = Registration.objects.create(
            meeting=meeting, user=user, state=RegistrationState.REGISTERED, registered_at=now
        )
        meeting.registered_count += 1
        meeting.save(update_fields=["registered_count", "updated_at"])
        return registration
    if not join_waiting_list:
        raise MeetingError(
            _(
                "The meeting is full. You can join the waiting list: if someone cancels, the "
                "first person on the list gets the seat and a message."
            ),
            code="full",
        )
    return Registration.objects.create(
        meeting=meeting, user=user, state=RegistrationState.WAITING, waiting_since=now
    )


def _promote(meeting: Meeting, now: datetime, limit: int | None = None) -> list[Registration]:
    """Give free seats to the first people on the waiting list. The caller holds the lock."""
    promoted: list[Registration] = []
    waiting = Registration.objects.filter(
        meeting=meeting, state=RegistrationState.WAITING
    ).order_by("waiting_since", "pk")
    for registration in waiting.select_related("user"):
        if limit is not None and len(promoted) >= limit:
            break
        if not rules_.has_free_seat(capacity=meeting.capacity, registered=meeting.registered_count):
            break
        registration.state = RegistrationState.REGISTERED
        registration.registered_at = now
        registration.promoted_at = now
        registration.save(update_fields=["state", "registered_at", "promoted_at", "updated_at"])
        meeting.registered_count += 1
        promoted.append(registration)
    if promoted:
        meeting.save(update_fields=["registered_count", "updated_at"])
        notify_users(
            users=[r.user for r in promoted],
            target=meeting,
            event="meetings.promoted",
            title=_("You have a seat at %(title)s") % {"title": meeting.title},
            body=_(
                "Someone cancelled, and you were first on the waiting list. You now have a "
                "seat at the meeting on %(date)s. If you cannot come, please cancel so the next "
                "person gets the seat."
            )
            % {"date": _when(meeting)},
            url=meeting.get_absolute_url(),
            now=now,
        )
    return promoted


@transaction.atomic
def cancel(*, meeting_id: int, user: User, now: datetime) -> Registration | None:
    """Give up a seat (or a place on the waiting list). A freed seat goes to the first person
    on the waiting list, who is notified. Returns that person's registration, if any."""
    meeting = _locked_meeting(meeting_id)
    registration = _active_registration(meeting, user)
    if registration is None:
        raise MeetingError(_("You are not registered for this meeting."))
    if meeting.status != MeetingStatus.PLANNED or now >= meeting.starts_at:
        raise MeetingError(_("The meeting has already taken place or is cancelled."))
    held_seat = registration.state == RegistrationState.REGISTERED
    registration.state = RegistrationState.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["state", "cancelled_at", "updated_at"])
    if not held_seat:
        return None
    meeting.registered_count -= 1
    meeting.save(update_fields=["registered_count", "updated_at"])
    promoted = _promote(meeting, now, limit=1)
    return promoted[0] if promoted else None


@transaction.atomic
def fill_free_seats(*, meeting_id: int, now: datetime) -> list[Registration]:
    """After staff add seats: promote as many people from the waiting list as there are seats."""
    meeting = _locked_meeting(meeting_id)
    if meeting.status != MeetingStatus.PLANNED or now >= meeting.starts_at:
        return []
    return _promote(meeting, now)


# --- staff: attendance, minutes, cancellation ---------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    meeting_id: int,
    staff: User,
    attended_ids: Iterable[int],
    count: int | None,
    now: datetime,
) -> Meeting:
    """Mark which registered people came, and the number who attended in all (people come
    without registering, so the count may be higher than the marks)."""
    meeting = _locked_meeting(meeting_id)
    _require_staff(staff, meeting)
    if now < meeting.starts_at:
        raise MeetingError(_("Attendance can be recorded once the meeting has started."))
    before = snapshot(meeting)
    ids = set(attended_ids)
    registered = Registration.objects.filter(meeting=meeting, state=RegistrationState.REGISTERED)
    marked = registered.filter(pk__in=ids).count()
    if marked != len(ids):
        raise MeetingError(_("Only people with a seat can be marked as attended."))
    registered.filter(pk__in=ids).update(attended=True, updated_at=now)
    registered.exclude(pk__in=ids).update(attended=False, updated_at=now)
    if count is not None and count < len(ids):
        raise MeetingError(
            _("The number who attended cannot be lower than the %(marked)s people marked.")
            % {"marked": len(ids)},
            field="attendance_count",
        )
    meeting.attendance_count = count if count is not None else len(ids)
    meeting.save(update_fields=["attendance_count", "updated_at"])
    audit_record(
        actor=staff,
        action="meetings.attendance",
        target=meeting,
        before=before,
        after=snapshot(meeting),
        at=now,
    )
    return meeting


@transaction.atomic
def minutes_publish(
    *, meeting_id: int, staff: User, minutes: str, decisions: str, now: datetime
) -> Meeting:
    meeting = _locked_meeting(meeting_id)
    _require_staff(staff, meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError(_("The meeting is cancelled."))
    if now < meeting.starts_at:
        raise MeetingError(_("Minutes can be published once the meeting has taken place."))
    if not minutes.strip():
        raise MeetingError(_("Write the minutes."), field="minutes")
    before = snapshot(meeting)
    first_time = meeting.minutes_published_at is None
    meeting.minutes = minutes.strip()
    meeting.decisions = decisions.strip()
    meeting.status = MeetingStatus.HELD
    meeting.minutes_published_at = meeting.minutes_published_at or now
    meeting.save(
        update_fields=["minutes", "decisions", "status", "minutes_published_at", "updated_at"]
    )
    audit_record(
        actor=staff,
        action="meetings.minutes_publish",
        target=meeting,
        before=before,
        after=snapshot(meeting),
        at=now,
    )
    if first_time:
        people = [
            r.user
            for r in Registration.objects.filter(
                meeting=meeting, state=RegistrationState.REGISTERED
            ).select_related("user")
        ]
        notify_users(
            users=people,
            target=meeting,
            event="meetings.minutes",
            title=_("Minutes from %(title)s") % {"title": meeting.title},
            body=_("The minutes and decisions of the meeting are published."),
            url=meeting.get_absolute_url(),
            now=now,
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting_id: int, staff: User, reason: str, now: datetime) -> Meeting:
    meeting = _locked_meeting(meeting_id)
    _require_staff(staff, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise MeetingError(_("Only a planned meeting can be cancelled."))
    before = snapshot(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=staff,
        action="meetings.cancel",
        target=meeting,
        before=before,
        after=snapshot(meeting),
        at=now,
    )
    people = [
        r.user
        for r in Registration.objects.filter(meeting=meeting, state__in=ACTIVE).select_related(
            "user"
        )
    ]
    notify_users(
        users=people,
        target=meeting,
        event="meetings.cancelled",
        title=_("Cancelled: %(title)s") % {"title": meeting.title},
        body=reason.strip()
        or _("The meeting on %(date)s is cancelled.") % {"date": _when(meeting)},
        url=meeting.get_absolute_url(),
        now=now,
    )
    return meeting


# --- reminders -----------------------------------------------------------------------------------


def send_reminders(*, now: datetime) -> int:
    """One reminder to each person with a seat, the day before the meeting. `reminded_at` is set
    in the same transaction as the notification, so a reminder is sent once."""
    sent = 0
    candidates = Meeting.objects.filter(
        status=MeetingStatus.PLANNED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=2),
    ).select_related("municipality")
    for meeting in candidates:
        tz = rules_.timezone_name(meeting.municipality.country)
        if not rules_.reminder_due(starts_at=meeting.starts_at, now=now, tz=tz):
            continue
        with transaction.atomic():
            due = list(
                Registration.objects.select_for_update(skip_locked=True)
                .filter(
                    meeting=meeting,
                    state=RegistrationState.REGISTERED,
                    reminded_at__isnull=True,
                )
                .select_related("user")
            )
            if not due:
                continue
            Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
            place = meeting.place_name or meeting.online_url
            notify_users(
                users=[r.user for r in due],
                target=meeting,
                event="meetings.reminder",
                title=_("Tomorrow: %(title)s") % {"title": meeting.title},
                body=_("A reminder: the meeting starts %(date)s. Place: %(place)s.")
                % {"date": _when(meeting), "place": place},
                url=meeting.get_absolute_url(),
                now=now,
            )
            sent += len(due)
    return sent


# --- open plenum ---------------------------------------------------------------------------------


@transaction.atomic
def slot_request(
    *,
    meeting_id: int,
    user: User,
    title: str,
    summary: str,
    proposal: Any = None,
    now: datetime,
) -> SpeakingSlot:
    meeting = _locked_meeting(meeting_id)
    if meeting.kind != MeetingKind.OPEN_PLENUM:
        raise MeetingError(_("You can only ask for a speaking slot at an open plenum."))
    if (
        not meeting.accepts_slot_requests
        or meeting.status != MeetingStatus.PLANNED
        or meeting.running_order_published_at is not None
        or now >= meeting.starts_at
    ):
        raise MeetingError(_("This plenum no longer takes requests for speaking slots."))
    if proposal is not None and (
        proposal.municipality_id != meeting.municipality_id
        or getattr(proposal, "author_id", None) != user.pk
    ):
        raise MeetingError(_("You can only link to one of your own proposals."), field="proposal")
    if SpeakingSlot.objects.filter(
        meeting=meeting, requester=user, state__in=[SlotState.REQUESTED, SlotState.ALLOCATED]
    ).exists():
        raise MeetingError(_("You have already asked for a slot at this plenum."), code="twice")
    try:
        with transaction.atomic():
            return SpeakingSlot.objects.create(
                meeting=meeting,
                requester=user,
                title=title.strip(),
                summary=summary.strip(),
                proposal=proposal,
            )
    except IntegrityError:
        raise MeetingError(
            _("You have already asked for a slot at this plenum."), code="twice"
        ) from None


@transaction.atomic
def slot_withdraw(*, slot_id: int, user: User, now: datetime) -> SpeakingSlot:
    slot = SpeakingSlot.objects.select_for_update().select_related("meeting").get(pk=slot_id)
    if slot.requester_id != user.pk:
        raise MeetingError(_("You can only withdraw your own request."))
    if slot.state not in (SlotState.REQUESTED, SlotState.ALLOCATED):
        raise MeetingError(_("The request is already declined or withdrawn."))
    slot.state = SlotState.WITHDRAWN
    slot.save(update_fields=["state", "updated_at"])
    return slot


def _locked_slot(slot_id: int, staff: User) -> tuple[Meeting, SpeakingSlot]:
    meeting_id = SpeakingSlot.objects.values_list("meeting_id", flat=True).get(pk=slot_id)
    meeting = _locked_meeting(meeting_id)
    if not can_allocate_slots(staff, meeting):
        raise MeetingError(
            _("Only the committee secretary or a municipal administrator can allocate slots.")
        )
    slot = SpeakingSlot.objects.select_related("requester").get(pk=slot_id)
    return meeting, slot


@transaction.atomic
def slot_allocate(
    *, slot_id: int, staff: User, position: int, minutes: int, now: datetime
) -> SpeakingSlot:
    meeting, slot = _locked_slot(slot_id, staff)
    if slot.state not in (SlotState.REQUESTED, SlotState.ALLOCATED):
        raise MeetingError(_("The request is withdrawn or declined."))
    if not 1 <= minutes <= 60:
        raise MeetingError(_("A slot is from 1 to 60 minutes."), field="minutes")
    if position < 1:
        raise MeetingError(_("The order starts at 1."), field="position")
    taken = (
        SpeakingSlot.objects.filter(meeting=meeting, state=SlotState.ALLOCATED, position=position)
        .exclude(pk=slot.pk)
        .exists()
    )
    if taken:
        raise MeetingError(
            _("Another slot already has number %(n)s in the running order.") % {"n": position},
            field="position",
        )
    before = snapshot(slot)
    slot.state = SlotState.ALLOCATED
    slot.position = position
    slot.minutes_allotted = minutes
    slot.decline_reason = ""
    slot.decided_at = now
    slot.decided_by = staff
    slot.save()
    audit_record(
        actor=staff,
        action="meetings.slot_allocate",
        target=slot,
        municipality=meeting.municipality,
        before=before,
        after=snapshot(slot),
        at=now,
    )
    return slot


@transaction.atomic
def slot_decline(*, slot_id: int, staff: User, reason: str, now: datetime) -> SpeakingSlot:
    meeting, slot = _locked_slot(slot_id, staff)
    if slot.state not in (SlotState.REQUESTED, SlotState.ALLOCATED):
        raise MeetingError(_("The request is withdrawn or declined."))
    if not reason.strip():
        raise MeetingError(_("Write the reason. The person who asked will see it."), field="reason")
    before = snapshot(slot)
    slot.state = SlotState.DECLINED
    slot.position = None
    slot.minutes_allotted = None
    slot.decline_reason = reason.strip()
    slot.decided_at = now
    slot.decided_by = staff
    slot.save()
    audit_record(
        actor=staff,
        action="meetings.slot_decline",
        target=slot,
        municipality=meeting.municipality,
        before=before,
        after=snapshot(slot),
        at=now,
    )
    notify_users(
        users=[slot.requester],
        target=meeting,
        event="meetings.slot_declined",
        title=_("Your request for a speaking slot: %(title)s") % {"title": slot.title},
        body=_("You did not get a slot at the open plenum. Reason: %(reason)s")
        % {"reason": slot.decline_reason},
        url=meeting.get_absolute_url(),
        now=now,
    )
    return slot


@transaction.atomic
def running_order_publish(*, meeting_id: int, staff: User, now: datetime) -> Meeting:
    meeting = _locked_meeting(meeting_id)
    if not can_allocate_slots(staff, meeting):
        raise MeetingError(
            _("Only the committee secretary or a municipal administrator can publish it.")
        )
    if meeting.kind != MeetingKind.OPEN_PLENUM:
        raise MeetingError(_("Only an open plenum has a running order."))
    if SpeakingSlot.objects.filter(meeting=meeting, state=SlotState.REQUESTED).exists():
        raise MeetingError(_("Give a slot to or decline every request first."))
    allocated = list(
        SpeakingSlot.objects.filter(meeting=meeting, state=SlotState.ALLOCATED)
        .select_related("requester")
        .order_by("position", "pk")
    )
    if not allocated:
        raise MeetingError(_("No slots have been given yet."))
    before = snapshot(meeting)
    first_time = meeting.running_order_published_at is None
    meeting.running_order_published_at = now
    meeting.accepts_slot_requests = False
    meeting.save(
        update_fields=["running_order_published_at", "accepts_slot_requests", "updated_at"]
    )
    audit_record(
        actor=staff,
        action="meetings.running_order_publish",
        target=meeting,
        before=before,
        after=snapshot(meeting),
        at=now,
    )
    if first_time:
        notify_users(
            users=[s.requester for s in allocated],
            target=meeting,
            event="meetings.slot_allocated",
            title=_("You have a speaking slot at %(title)s") % {"title": meeting.title},
            body=_(
                "The running order is published. See your number and time on the meeting's page."
            ),
            url=meeting.get_absolute_url(),
            now=now,
        )
    return meeting


def timed_running_order(meeting: Meeting, slots: list[SpeakingSlot]) -> list[dict[str, Any]]:
    timed = rules_.running_order(
        start=meeting.starts_at,
        slots=[rules_.Slot(key=s.pk, minutes=s.minutes_allotted or 0) for s in slots],
    )
    by_key = {t.key: t for t in timed}
    return [
        {"slot": s, "starts_at": by_key[s.pk].starts_at, "ends_at": by_key[s.pk].ends_at}
        for s in slots
    ]
