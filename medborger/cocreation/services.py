"""Everything that changes a co-creation group. Views call these; the pure rules (the chair, the
order of the trail, overdue tasks) are in medborger.domain.lifecycle.cocreation.

Chair changes lock the group row, so two members rotating at the same moment cannot make two
chairs (the partial unique constraint `cocreation_one_current_chair` is the last guard). Trail
steps lock the output row, so a step cannot be taken twice or out of order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborger.cocreation.models import (
    ChairTerm,
    CoCreationGroup,
    CoCreationPolicy,
    GroupMeeting,
    Membership,
    Output,
    OutputAttachment,
    Task,
    TrailEntry,
)
from medborger.cocreation.rules import can_edit, forget_memberships, is_staff_of_group
from medborger.core.audit import audit_record, snapshot
from medborger.core.personal_data import erased_label
from medborger.domain.lifecycle import cocreation as lifecycle
from medborger.domain.lifecycle.cocreation import (
    Candidate,
    ChairRefusal,
    OutputState,
    Step,
    TaskStatus,
)
from medborger.fasttrack.texts import kroner
from medborger.notifications.services import notify_followers
from medborger.places.models import CommitteeMembership


class CoCreationError(Exception):
    """A refusal the user can read; the view shows it next to the form field it names (or above
    the form when `field` is None)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _require_editor(user: Any, group: CoCreationGroup) -> None:
    """The same predicates as the rule `cocreation.edit_group`, checked again in the service."""
    if not can_edit(user, group):
        raise CoCreationError(
            _("Only the group's members and the municipality's staff can change the group.")
        )


def _require_staff(user: Any, group: CoCreationGroup) -> None:
    if not is_staff_of_group(user, group):
        raise CoCreationError(
            _("Only the municipality's staff can record the committee's decision.")
        )


def _locked_group(group_id: int) -> CoCreationGroup:
    return (
        CoCreationGroup.objects.select_for_update(of=("self",))
        .select_related("municipality", "committee")
        .get(pk=group_id)
    )


def _locked_output(output_id: int) -> Output:
    return (
        Output.objects.select_for_update(of=("self",))
        .select_related("group", "group__municipality")
        .get(pk=output_id)
    )


def _today(now: datetime) -> date:
    return timezone.localdate(now)


# --- groups and members --------------------------------------------------------------------------


@dataclass
class GroupData:
    name: str
    purpose: str
    mandate: str
    starts_on: date
    ends_on: date | None = None
    status: str = "forming"
    is_public: bool = True
    chair_must_not_be_committee_chair: bool = False
    area: Any = None
    committee: Any = None


@transaction.atomic
def group_create(
    *, municipality: Any, actor: Any, data: GroupData, now: datetime
) -> CoCreationGroup:
    if not is_staff_of_group(actor, municipality):
        raise CoCreationError(_("Only the municipality's staff can set up a co-creation group."))
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise CoCreationError(_("The period cannot end before it starts."), field="ends_on")
    for related, label in ((data.area, "area"), (data.committee, "committee")):
        if related is not None and related.municipality_id != municipality.pk:
            raise CoCreationError(_("Choose one of the municipality's own."), field=label)
    group = CoCreationGroup.objects.create(
        municipality=municipality,
        area=data.area,
        committee=data.committee,
        name=data.name.strip(),
        purpose=data.purpose.strip(),
        mandate=data.mandate.strip(),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        status=data.status,
        is_public=data.is_public,
        chair_must_not_be_committee_chair=data.chair_must_not_be_committee_chair,
    )
    audit_record(
        actor=actor, action="cocreation_group.created", target=group, after=snapshot(group), at=now
    )
    return group


@transaction.atomic
def member_add(
    *,
    group: CoCreationGroup,
    actor: Any,
    role: str,
    joined_on: date,
    user: Any = None,
    display_name: str = "",
    organisation: Any = None,
    now: datetime,
) -> Membership:
    group = _locked_group(group.pk)
    _require_editor(actor, group)
    name = display_name.strip() or (getattr(user, "name", "") if user is not None else "")
    if not name:
        raise CoCreationError(_("Write the member's name."), field="display_name")
    if organisation is not None and organisation.municipality_id != group.municipality_id:
        raise CoCreationError(_("Choose one of the municipality's own."), field="organisation")
    if (
        user is not None
        and Membership.objects.filter(group=group, user=user, left_on__isnull=True).exists()
    ):
        raise CoCreationError(_("This person is already a member of the group."), field="user")
    member = Membership.objects.create(
        group=group,
        user=user,
        display_name=name,
        organisation=organisation,
        role=role,
        joined_on=joined_on,
    )
    if user is not None:
        forget_memberships(user)
    audit_record(
        actor=actor,
        action="cocreation_member.added",
        target=member,
        municipality=group.municipality,
        after=snapshot(member),
        at=now,
    )
    return member


@transaction.atomic
def member_leave(*, member_id: int, actor: Any, left_on: date, now: datetime) -> Membership:
    member = Membership.objects.select_related("group").get(pk=member_id)
    group = _locked_group(member.group_id)
    _require_editor(actor, group)
    if left_on < member.joined_on:
        raise CoCreationError(_("A member cannot leave before joining."), field="left_on")
    if ChairTerm.objects.filter(group=group, member=member, ended_on__isnull=True).exists():
        raise CoCreationError(
            _("%(name)s chairs the group. Pass the chair on before they leave.")
            % {"name": member.display_name}
        )
    before = snapshot(member)
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    audit_record(
        actor=actor,
        action="cocreation_member.left",
        target=member,
        municipality=group.municipality,
        before=before,
        after=snapshot(member),
        at=now,
    )
    return member


# --- the chair -----------------------------------------------------------------------------------


def chair_rule_applies(group: CoCreationGroup) -> bool:
    municipality_says = CoCreationPolicy.objects.filter(
        municipality_id=group.municipality_id, chair_must_not_be_committee_chair=True
    ).exists()
    return lifecycle.chair_rule_applies(
        municipality_says=municipality_says,
        group_says=group.chair_must_not_be_committee_chair,
    )


def committee_chair_ids(group: CoCreationGroup) -> set[int]:
    """The users who chair the group's committee (CommitteeMembership with role "chair")."""
    if group.committee_id is None:
        return set()
    return set(
        CommitteeMembership.objects.filter(
            committee_id=group.committee_id, role=CommitteeMembership.Role.CHAIR
        ).values_list("user_id", flat=True)
    )


def candidates(group: CoCreationGroup) -> list[Candidate]:
    """Every member, in the order they joined, as the pure chair rules see them."""
    chairs = committee_chair_ids(group)
    return [
        Candidate(
            member_id=m.pk,
            joined_on=m.joined_on,
            left_on=m.left_on,
            is_committee_chair=m.user_id is not None and m.user_id in chairs,
        )
        for m in Membership.objects.filter(group=group).order_by("joined_on", "pk")
    ]


def current_chair_term(group: CoCreationGroup) -> ChairTerm | None:
    return (
        ChairTerm.objects.filter(group=group, ended_on__isnull=True)
        .select_related("member")
        .first()
    )


def chair_refusal_text(refusal: ChairRefusal, member: Membership, group: CoCreationGroup) -> str:
    if refusal == ChairRefusal.NOT_A_MEMBER:
        return _("%(name)s is not a member of the group on that day.") % {
            "name": member.display_name
        }
    if refusal == ChairRefusal.COMMITTEE_CHAIR:
        return _(
            "%(name)s chairs %(committee)s, and the chair of the committee may not chair this "
            "group. Choose another member."
        ) % {"name": member.display_name, "committee": group.committee}
    return _("%(name)s already chairs the group.") % {"name": member.display_name}


def _check_chair_date(current: ChairTerm | None, on: date, now: datetime) -> None:
    if on > _today(now):
        raise CoCreationError(_("The new chair cannot start in the future."), field="on")
    if current is not None and on < current.started_on:
        raise CoCreationError(
            _("The new chair cannot start before the current chair started (%(date)s).")
            % {"date": current.started_on.isoformat()},
            field="on",
        )


def _take_chair(
    *, group: CoCreationGroup, member: Membership, on: date, actor: Any, now: datetime
) -> ChairTerm:
    current = current_chair_term(group)
    _check_chair_date(current, on, now)
    if current is not None:
        current.ended_on = on
        current.save(update_fields=["ended_on"])
    term = ChairTerm.objects.create(group=group, member=member, started_on=on)
    audit_record(
        actor=actor,
        action="cocreation_group.chair_changed",
        target=group,
        before={"chair": current.member.display_name if current else None},
        after={"chair": member.display_name, "from": on.isoformat()},
        at=now,
    )
    return term


@transaction.atomic
def chair_appoint(
    *, group_id: int, member_id: int, actor: Any, on: date, now: datetime
) -> ChairTerm:
    """Give the chair to one member, if the rules allow it."""
    group = _locked_group(group_id)
    _require_editor(actor, group)
    member = Membership.objects.filter(group=group, pk=member_id).first()
    if member is None:
        raise CoCreationError(_("Choose one of the group's members."), field="member")
    candidate = next(c for c in candidates(group) if c.member_id == member.pk)
    current = current_chair_term(group)
    _check_chair_date(current, on, now)
    refusal = lifecycle.chair_refusal(
        candidate,
        on=on,
        rule_applies=chair_rule_applies(group),
        current_chair_id=current.member_id if current else None,
    )
    if refusal is not None:
        raise CoCreationError(chair_refusal_text(refusal, member, group), field="member")
    return _take_chair(group=group, member=member, on=on, actor=actor, now=now)


@transaction.atomic
def chair_rotate(*, group_id: int, actor: Any, on: date, now: datetime) -> ChairTerm:
    """Pass the chair to the next eligible member (round-robin in the order they joined)."""
    group = _locked_group(group_id)
    _require_editor(actor, group)
    current = current_chair_term(group)
    _check_chair_date(current, on, now)
    chosen = lifecycle.next_chair(
        candidates(group),
        current_chair_id=current.member_id if current else None,
        on=on,
        rule_applies=chair_rule_applies(group),
    )
    if chosen is None:
        raise CoCreationError(
            _(
                "No other member can take the chair. Members who have left and the chair of "
                "the committee cannot chair the group."
            )
        )
    member = Membership.objects.get(pk=chosen)
    return _take_chair(group=group, member=member, on=on, actor=actor, now=now)


# --- meetings and tasks --------------------------------------------------------------------------


@transaction.atomic
def meeting_add(
    *, group: CoCreationGroup, actor: Any, held_on: date, place: str, notes: str, now: datetime
) -> GroupMeeting:
    _require_editor(actor, group)
    if not place.strip():
        raise CoCreationError(_("Write where the group meets."), field="place")
    meeting = GroupMeeting.objects.create(
        group=group, held_on=held_on, place=place.strip(), notes=notes.strip()
    )
    audit_record(
        actor=actor,
        action="cocreation_meeting.added",
        target=meeting,
        municipality=group.municipality,
        after=snapshot(meeting),
        at=now,
    )
    return meeting


@transaction.atomic
def meeting_notes_save(*, meeting_id: int, actor: Any, notes: str, now: datetime) -> GroupMeeting:
    meeting = GroupMeeting.objects.select_for_update().get(pk=meeting_id)
    group = CoCreationGroup.objects.select_related("municipality").get(pk=meeting.group_id)
    _require_editor(actor, group)
    before = snapshot(meeting)
    meeting.notes = notes.strip()
    meeting.save(update_fields=["notes", "updated_at"])
    audit_record(
        actor=actor,
        action="cocreation_meeting.notes_saved",
        target=meeting,
        municipality=group.municipality,
        before=before,
        after=snapshot(meeting),
        at=now,
    )
    return meeting


@transaction.atomic
def task_add(
    *,
    group: CoCreationGroup,
    actor: Any,
    title: str,
    owner_id: int,
    due_on: date,
    now: datetime,
) -> Task:
    _require_editor(actor, group)
    owner = Membership.objects.filter(group=group, pk=owner_id).first()
    if owner is None:
        raise CoCreationError(_("Choose one of the group's members."), field="owner")
    if not owner.is_member_on(_today(now)):
        raise CoCreationError(
            _("%(name)s is no longer a member of the group.") % {"name": owner.display_name},
            field="owner",
        )
    if not title.strip():
        raise CoCreationError(_("Write what must be done."), field="title")
    task = Task.objects.create(group=group, title=title.strip(), owner=owner, due_on=due_on)
    audit_record(
        actor=actor,
        action="cocreation_task.added",
        target=task,
        municipality=group.municipality,
        after=snapshot(task),
        at=now,
    )
    return task


@transaction.atomic
def task_set_status(*, task_id: int, actor: Any, status: str, now: datetime) -> Task:
    task = Task.objects.select_for_update().get(pk=task_id)
    group = CoCreationGroup.objects.select_related("municipality").get(pk=task.group_id)
    _require_editor(actor, group)
    try:
        new = TaskStatus(status)
    except ValueError:
        raise CoCreationError(_("Choose a status from the list."), field="status") from None
    before = snapshot(task)
    task.status = new.value
    task.done_on = _today(now) if new == TaskStatus.DONE else None
    task.save(update_fields=["status", "done_on", "updated_at"])
    audit_record(
        actor=actor,
        action="cocreation_task.status_changed",
        target=task,
        municipality=group.municipality,
        before=before,
        after=snapshot(task),
        at=now,
    )
    return task


# --- outputs and their trail ---------------------------------------------------------------------


def _step_order_text(output: Output, step: Step) -> str:
    state = OutputState(output.state)
    needed = lifecycle.step_needed_first(state, step)
    if needed == Step.PRESENT:
        return _(
            "The output must be presented at a citizens' meeting before it is sent to a committee."
        )
    if needed == Step.SEND:
        return _("The output must be sent to a committee before the committee can decide.")
    return _("This step is already done. The output is now: %(state)s.") % {
        "state": output.get_state_display()
    }


def _advance(output: Output, step: Step) -> None:
    try:
        output.state = lifecycle.next_state(OutputState(output.state), step).value
    except lifecycle.TransitionError:
        raise CoCreationError(_step_order_text(output, step)) from None


def _check_step_date(*, on: date, previous: date | None, now: datetime) -> None:
    refusal = lifecycle.step_date_refusal(on=on, previous=previous, today=_today(now))
    if refusal == "future":
        raise CoCreationError(_("The date cannot be in the future."), field="on")
    if refusal == "before_previous" and previous is not None:
        raise CoCreationError(
            _("The date cannot be before the step before it (%(date)s).")
            % {"date": previous.isoformat()},
            field="on",
        )


def _trail(
    *,
    output: Output,
    kind: str,
    on: date,
    text: str,
    now: datetime,
    meeting: Any = None,
    committee: Any = None,
    amount: int | None = None,
) -> TrailEntry:
    return TrailEntry.objects.create(
        output=output,
        kind=kind,
        happened_on=on,
        text=text.strip(),
        meeting=meeting,
        committee=committee,
        amount=amount,
        recorded_at=now,
    )


def _tell_followers(output: Output, actor: Any, title: str, now: datetime) -> None:
    """Followers hear of every new output and trail step of a public group. A closed group's
    followers are not told: anyone can follow by id, and the titles are not theirs to read."""
    group = output.group
    if not group.is_public:
        return
    notify_followers(
        target=group,
        event="cocreation.output",
        title=title,
        body=output.title,
        url=output.get_absolute_url(),
        actor=actor,
        now=now,
    )


@dataclass
class AttachmentData:
    file: Any
    title: str


@transaction.atomic
def output_add(
    *,
    group: CoCreationGroup,
    actor: Any,
    title: str,
    text: str,
    attachments: list[AttachmentData] | None = None,
    now: datetime,
) -> Output:
    _require_editor(actor, group)
    if not title.strip():
        raise CoCreationError(_("Write a title."), field="title")
    if not text.strip():
        raise CoCreationError(_("Write the text of the output."), field="text")
    output = Output.objects.create(
        group=group, title=title.strip(), text=text.strip(), published_on=_today(now)
    )
    for attachment in attachments or []:
        OutputAttachment.objects.create(
            output=output,
            file=attachment.file,
            title=attachment.title.strip() or output.title,
            uploaded_at=now,
        )
    _trail(output=output, kind=TrailEntry.Kind.PUBLISHED, on=_today(now), text="", now=now)
    audit_record(
        actor=actor,
        action="cocreation_output.published",
        target=output,
        municipality=group.municipality,
        after=snapshot(output),
        at=now,
    )
    _tell_followers(
        output,
        actor,
        _("%(group)s has published: %(title)s")
        % {
            "group": group.name,
            "title": output.title,
        },
        now,
    )
    return output


@transaction.atomic
def output_present(
    *, output_id: int, actor: Any, meeting: Any, on: date, note: str, now: datetime
) -> Output:
    """Step 1: the output was presented at a citizens' meeting (meetings.Meeting)."""
    output = _locked_output(output_id)
    group = output.group
    _require_editor(actor, group)
    if meeting is not None and meeting.municipality_id != group.municipality_id:
        raise CoCreationError(_("Choose one of the municipality's meetings."), field="meeting")
    if meeting is None and not note.strip():
        raise CoCreationError(
            _("The meeting is not on the list: write which meeting it was, when and where."),
            field="note",
        )
    before = snapshot(output)
    _advance(output, Step.PRESENT)
    _check_step_date(on=on, previous=output.published_on, now=now)
    output.presented_at = meeting
    output.presented_on = on
    output.save()
    _trail(
        output=output, kind=TrailEntry.Kind.PRESENTED, on=on, text=note, meeting=meeting, now=now
    )
    audit_record(
        actor=actor,
        action="cocreation_output.presented",
        target=output,
        municipality=group.municipality,
        before=before,
        after=snapshot(output),
        at=now,
    )
    _tell_followers(
        output,
        actor,
        _("%(title)s was presented at a citizens' meeting") % {"title": output.title},
        now,
    )
    return output


@transaction.atomic
def output_send(
    *,
    output_id: int,
    actor: Any,
    committee: Any,
    requested_amount: int,
    on: date,
    note: str,
    now: datetime,
) -> Output:
    """Step 2: the output went to a committee with a request for a grant."""
    output = _locked_output(output_id)
    group = output.group
    _require_editor(actor, group)
    if committee is None or committee.municipality_id != group.municipality_id:
        raise CoCreationError(_("Choose one of the municipality's committees."), field="committee")
    if requested_amount is None or requested_amount < 1:
        raise CoCreationError(_("The amount must be at least 1 kr."), field="requested_amount")
    before = snapshot(output)
    _advance(output, Step.SEND)
    _check_step_date(on=on, previous=output.presented_on, now=now)
    output.committee = committee
    output.requested_amount = requested_amount
    output.sent_on = on
    output.save()
    _trail(
        output=output,
        kind=TrailEntry.Kind.SENT,
        on=on,
        text=note,
        committee=committee,
        amount=requested_amount,
        now=now,
    )
    audit_record(
        actor=actor,
        action="cocreation_output.sent",
        target=output,
        municipality=group.municipality,
        before=before,
        after=snapshot(output),
        at=now,
    )
    _tell_followers(
        output,
        actor,
        _("%(title)s was sent to %(committee)s") % {"title": output.title, "committee": committee},
        now,
    )
    return output


@transaction.atomic
def output_decide(
    *,
    output_id: int,
    actor: Any,
    granted: bool,
    amount: int | None,
    on: date,
    text: str,
    now: datetime,
) -> Output:
    """Step 3: the committee's decision, recorded by the municipality's staff."""
    output = _locked_output(output_id)
    group = output.group
    _require_staff(actor, group)
    before = snapshot(output)
    _advance(output, Step.GRANT if granted else Step.REFUSE)
    if not text.strip():
        raise CoCreationError(_("Write the committee's decision. It is public."), field="text")
    _check_step_date(on=on, previous=output.sent_on, now=now)
    requested = output.requested_amount or 0
    if granted:
        if amount is None:
            raise CoCreationError(_("Write the amount granted."), field="amount")
        refusal = lifecycle.grant_refusal(granted=amount, requested=requested)
        if refusal == lifecycle.AmountRefusal.NOT_POSITIVE:
            raise CoCreationError(_("The amount must be at least 1 kr."), field="amount")
        if refusal == lifecycle.AmountRefusal.OVER_REQUESTED:
            raise CoCreationError(
                _("The grant cannot be more than the %(requested)s applied for.")
                % {"requested": kroner(requested, group.municipality.country)},
                field="amount",
            )
        output.granted_amount = amount
    else:
        output.granted_amount = None
    output.decided_on = on
    output.decision_text = text.strip()
    output.save()
    _trail(
        output=output,
        kind=TrailEntry.Kind.GRANTED if granted else TrailEntry.Kind.REFUSED,
        on=on,
        text=text,
        committee=output.committee,
        amount=output.granted_amount,
        now=now,
    )
    audit_record(
        actor=actor,
        action="cocreation_output.granted" if granted else "cocreation_output.refused",
        target=output,
        municipality=group.municipality,
        before=before,
        after=snapshot(output),
        at=now,
    )
    _tell_followers(
        output,
        actor,
        _("The committee has decided on %(title)s") % {"title": output.title},
        now,
    )
    return output


def cocreation_erase(user: Any) -> list[str]:
    """Before an account is deleted: its memberships stay in the group's history (who chaired
    when, how many took part), shown as 'deleted participant'. The municipality's own record of
    an appointed group (its minutes) lives in its case system, not here."""
    removed: list[str] = []
    for member in Membership.objects.filter(user=user).select_related("group__municipality"):
        removed.append(member.display_name)
        member.display_name = erased_label(member.group.municipality.default_language)
        member.save(update_fields=["display_name"])
    return removed
