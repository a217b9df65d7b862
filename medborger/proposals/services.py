"""Everything that changes a citizen proposal. Views call these; the rules are in
medborger.domain.lifecycle.proposals. Every step is a public timeline event, and followers (the
proposer and co-proposers follow automatically) are notified after the transaction commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import translation
from django.utils.translation import gettext as _

from medborger.accounts.models import Identity, Role, RoleAssignment, User
from medborger.core.audit import audit_record, snapshot
from medborger.core.models import AuditEntry
from medborger.domain.identity import match_key, person_key
from medborger.domain.lifecycle import proposals as lifecycle
from medborger.domain.lifecycle.calendar import days_left
from medborger.domain.lifecycle.proposals import Event, Refusal, State
from medborger.notifications.services import follow_add, notify_followers, notify_users
from medborger.places.models import Area, Committee, Municipality
from medborger.proposals.models import (
    CoProposer,
    Decision,
    Proposal,
    ProposalAttachment,
    ProposalEvent,
    ProposalRules,
    Question,
    Support,
)
from medborger.proposals.texts import event_title, refusal_text


class ProposalError(Exception):
    """A refusal the user can read; the view shows it next to the form."""


def rules_for(municipality: Municipality) -> ProposalRules:
    rules, _created = ProposalRules.objects.get_or_create(municipality=municipality)
    return rules


# --- eligibility -----------------------------------------------------------------------------


def _area_and_ancestors(area: Area | None) -> frozenset[int]:
    ids: set[int] = set()
    while area is not None:
        ids.add(area.pk)
        area = area.parent
    return frozenset(ids)


def person_of(user: Any) -> lifecycle.Person:
    identity = (
        Identity.objects.select_related("residence_area__parent__parent__parent")
        .filter(user=user)
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if identity is None:
        return lifecycle.Person(False, 0, None, None, frozenset())
    return lifecycle.Person(
        verified=True,
        assurance_level=identity.assurance_level,
        birth_year=identity.birth_year,
        municipality_id=identity.residence_municipality_id,
        area_and_ancestors=_area_and_ancestors(identity.residence_area),
    )


def refusal_for(
    *,
    user: Any,
    proposal: Proposal,
    required_level: int,
    today: date,
    rules: ProposalRules | None = None,
) -> Refusal | None:
    rules = rules or rules_for(proposal.municipality)
    return lifecycle.eligibility(
        person_of(user),
        municipality_id=proposal.municipality_id,
        area_id=proposal.area_id,
        min_age=rules.min_age,
        required_level=required_level,
        today=today,
    )


def _require_eligible(user: Any, proposal: Proposal, required_level: int, now: datetime) -> None:
    refusal = refusal_for(
        user=user, proposal=proposal, required_level=required_level, today=now.date()
    )
    if refusal is not None:
        raise ProposalError(refusal_text(refusal, rules_for(proposal.municipality)))


# --- timeline and notifications -----------------------------------------------------------------


def _record(
    proposal: Proposal,
    *,
    kind: str,
    actor_role: str,
    now: datetime,
    note: str = "",
    public: bool = True,
) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal,
        kind=kind,
        state_after=proposal.state,
        actor_role=actor_role,
        note=note,
        public=public,
        at=now,
    )


def _announce(proposal: Proposal, kind: str, *, actor: Any, now: datetime, note: str = "") -> None:
    """Tell the proposal's followers, in the municipality's language (titles are stored once)."""
    with translation.override(proposal.municipality.default_language):
        notify_followers(
            target=proposal,
            event=f"proposal.{kind}",
            title=f"{proposal.title}: {event_title(kind)}",
            body=note,
            url=proposal.get_absolute_url(),
            actor=actor,
            now=now,
        )


def _transition(
    proposal: Proposal,
    event: Event,
    *,
    now: datetime,
    actor: Any,
    actor_role: str,
    note: str = "",
    fields: dict[str, Any] | None = None,
) -> Proposal:
    """Move the (row-locked) proposal on by one event, record it and tell its followers."""
    try:
        new_state = lifecycle.next_state(proposal.state_enum, event)
    except lifecycle.TransitionError:
        raise ProposalError(
            _("This cannot be done now. The proposal's status is: %(state)s.")
            % {"state": state_label(proposal.state)}
        ) from None
    proposal.state = new_state.value
    for name, value in (fields or {}).items():
        setattr(proposal, name, value)
    proposal.save()
    _record(proposal, kind=event.value, actor_role=actor_role, now=now, note=note)
    _announce(proposal, event.value, actor=actor, now=now, note=note)
    return proposal


def state_label(state: str) -> str:
    from medborger.proposals.texts import STATE_LABELS

    return str(STATE_LABELS.get(state, state))


def _locked(proposal_id: int) -> Proposal:
    return Proposal.objects.select_for_update().select_related("municipality").get(pk=proposal_id)


def _staff_role(user: Any, municipality: Municipality, *roles: str) -> str:
    held = set(
        RoleAssignment.objects.filter(
            user=user, municipality=municipality, role__in=roles
        ).values_list("role", flat=True)
    )
    if getattr(user, "is_superuser", False):
        return Role.PLATFORM_ADMIN
    for role in roles:
        if role in held:
            return role
    raise ProposalError(_("Your role does not allow this."))


# --- writing and submitting ---------------------------------------------------------------------


@dataclass
class DraftData:
    title: str
    summary: str
    body: str
    area: Area | None
    topics: list[Any]
    sdgs: list[Any]
    latitude: Any = None
    longitude: Any = None
    image: Any = None
    image_alt: str = ""


@transaction.atomic
def proposal_save_draft(
    *,
    author: User,
    municipality: Municipality,
    data: DraftData,
    now: datetime,
    proposal: Proposal | None = None,
) -> Proposal:
    if proposal is None:
        proposal = Proposal(municipality=municipality, author=author)
    else:
        proposal = _locked(proposal.pk)
        if proposal.author_id != author.pk:
            raise ProposalError(_("Only the author can change the proposal."))
        if proposal.state_enum not in lifecycle.EDITABLE:
            raise ProposalError(
                _("The proposal can no longer be changed, because it has been submitted.")
            )
    if data.area is not None and data.area.municipality_id != municipality.pk:
        raise ProposalError(_("Choose an area in this municipality."))
    for field in ("title", "summary", "body", "area", "latitude", "longitude", "image_alt"):
        setattr(proposal, field, getattr(data, field))
    if data.image:
        proposal.image = data.image
    is_new = proposal.pk is None
    proposal.save()
    proposal.topics.set(data.topics)
    proposal.sdgs.set(data.sdgs)
    if is_new:
        _record(proposal, kind="created", actor_role="author", now=now, public=False)
    return proposal


@transaction.atomic
def proposal_submit(*, proposal_id: int, user: User, now: datetime) -> Proposal:
    proposal = _locked(proposal_id)
    if proposal.author_id != user.pk:
        raise ProposalError(_("Only the author can submit the proposal."))
    rules = rules_for(proposal.municipality)
    _require_eligible(user, proposal, rules.propose_assurance, now)
    domain_rules = rules.as_domain()
    follow_add(user=user, target=proposal, now=now)
    _transition(
        proposal,
        Event.SUBMIT,
        now=now,
        actor=user,
        actor_role="author",
        fields={
            "submitted_at": now,
            "coproposers_due": lifecycle.co_proposers_due(now, domain_rules),
        },
    )
    if rules.co_proposers == 0:
        _enter_review(proposal, now=now, actor=user)
    return proposal


def _enter_review(proposal: Proposal, *, now: datetime, actor: Any) -> None:
    domain_rules = rules_for(proposal.municipality).as_domain()
    _transition(
        proposal,
        Event.COPROPOSERS_COMPLETE,
        now=now,
        actor=actor,
        actor_role="system",
        fields={"review_started_at": now, "review_due": lifecycle.review_due(now, domain_rules)},
    )


@transaction.atomic
def coproposer_join(*, proposal_id: int, user: User, token: str, now: datetime) -> CoProposer:
    proposal = _locked(proposal_id)
    if str(proposal.coproposer_token) != str(token):
        raise ProposalError(_("The invitation link is not valid. Ask the author for a new link."))
    if proposal.state_enum != State.AWAITING_COPROPOSERS:
        raise ProposalError(_("The proposal is not looking for co-proposers any more."))
    if proposal.coproposers_due is not None and now >= proposal.coproposers_due:
        raise ProposalError(_("The time to find co-proposers has ended."))
    if proposal.author_id == user.pk:
        raise ProposalError(_("You wrote the proposal, so you cannot also co-propose it."))
    rules = rules_for(proposal.municipality)
    _require_eligible(user, proposal, rules.support_assurance, now)
    try:
        with transaction.atomic():
            coproposer = CoProposer.objects.create(proposal=proposal, user=user, joined_at=now)
    except IntegrityError:
        raise ProposalError(_("You are already a co-proposer of this proposal.")) from None
    follow_add(user=user, target=proposal, now=now)
    _record(proposal, kind="coproposer_joined", actor_role="resident", now=now)
    if proposal.coproposers.count() >= rules.co_proposers:
        _enter_review(proposal, now=now, actor=user)
    return coproposer


@transaction.atomic
def proposal_withdraw(*, proposal_id: int, user: User, reason: str, now: datetime) -> Proposal:
    proposal = _locked(proposal_id)
    if proposal.author_id != user.pk:
        raise ProposalError(_("Only the author can withdraw the proposal."))
    return _transition(
        proposal,
        Event.WITHDRAW,
        now=now,
        actor=user,
        actor_role="author",
        note=reason.strip(),
        fields={"closed_at": now},
    )


# --- review --------------------------------------------------------------------------------------


def eligible_population(proposal: Proposal, min_age: int) -> int:
    """Residents of the proposal's area at or above the minimum age; the whole municipality when
    no area is chosen (its top area, or the sum of the top-level areas)."""
    if proposal.area is not None:
        return proposal.area.population_aged(min_age)
    tops = list(Area.objects.filter(municipality=proposal.municipality, parent__isnull=True))
    return sum(area.population_aged(min_age) for area in tops)


@transaction.atomic
def proposal_review_approve(
    *, proposal_id: int, reviewer: User, contact_person: User | None, now: datetime
) -> Proposal:
    proposal = _locked(proposal_id)
    role = _staff_role(
        reviewer, proposal.municipality, Role.MODERATOR, Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN
    )
    rules = rules_for(proposal.municipality)
    domain_rules = rules.as_domain()
    # The threshold is computed once, now, and frozen: later population updates do not move it.
    population = eligible_population(proposal, rules.min_age)
    if domain_rules.threshold_share is not None and population == 0:
        raise ProposalError(
            _(
                "The area has no population figures, so the threshold cannot be computed. "
                "Ask the municipal administrator to add them."
            )
        )
    needed = lifecycle.threshold(domain_rules, population)
    return _transition(
        proposal,
        Event.APPROVE,
        now=now,
        actor=reviewer,
        actor_role=role,
        fields={
            "threshold": needed,
            "published_at": now,
            "collection_ends": lifecycle.collection_ends(now, domain_rules),
            "contact_person": contact_person or reviewer,
        },
    )


@transaction.atomic
def proposal_review_reject(
    *, proposal_id: int, reviewer: User, reason: str, rule: str, now: datetime
) -> Proposal:
    if not reason.strip() or not rule.strip():
        raise ProposalError(_("Write the reason and the rule the proposal breaks."))
    proposal = _locked(proposal_id)
    role = _staff_role(
        reviewer, proposal.municipality, Role.MODERATOR, Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN
    )
    before = snapshot(proposal)
    _transition(
        proposal,
        Event.REJECT,
        now=now,
        actor=reviewer,
        actor_role=role,
        note=reason.strip(),
        fields={
            "rejection_reason": reason.strip(),
            "rejection_rule": rule.strip(),
            "closed_at": now,
        },
    )
    audit_record(
        actor=reviewer,
        action="proposal.rejected_in_review",
        target=proposal,
        before=before,
        after=snapshot(proposal),
        at=now,
    )
    return proposal


# --- supports ------------------------------------------------------------------------------------


def _count_support(proposal_id: int, now: datetime) -> None:
    """Add one to the counter — only while the proposal still accepts support. If the clock
    closed it meanwhile, nothing matches, and raising rolls the new support row back too."""
    counted = (
        Proposal.objects.filter(
            pk=proposal_id,
            state__in=[s.value for s in lifecycle.SUPPORTABLE],
        )
        .filter(Q(collection_ends__isnull=True) | Q(collection_ends__gt=now))
        .update(support_count=F("support_count") + 1)
    )
    if not counted:
        raise ProposalError(_("The proposal is not collecting support now."))


def _reach_threshold_once(proposal_id: int, *, now: datetime, actor: Any) -> bool:
    """Move to 'threshold reached' and refer — exactly once, however many supports arrive at the
    same moment: the conditional UPDATE matches one row for the first caller and none after."""
    moved = Proposal.objects.filter(
        pk=proposal_id, state=State.COLLECTING.value, support_count__gte=F("threshold")
    ).update(state=State.THRESHOLD_REACHED.value, threshold_reached_at=now)
    if not moved:
        return False
    proposal = Proposal.objects.select_related("municipality").get(pk=proposal_id)
    _record(proposal, kind=Event.THRESHOLD_REACHED.value, actor_role="system", now=now)
    _announce(proposal, Event.THRESHOLD_REACHED.value, actor=actor, now=now)
    _refer(proposal, now=now)
    return True


def _refer(proposal: Proposal, *, now: datetime) -> None:
    rules = rules_for(proposal.municipality)
    committee = (
        rules.default_committee
        or Committee.objects.filter(municipality=proposal.municipality, is_council=True).first()
    )
    domain_rules = rules.as_domain()
    due = (
        lifecycle.answer_due(now, domain_rules, None)
        if domain_rules.answer_months is not None
        else None  # due at the next meeting: set when the secretary sets the meeting
    )
    _transition(
        proposal,
        Event.REFER,
        now=now,
        actor=None,
        actor_role="system",
        fields={"referred_at": now, "committee": committee, "answer_due": due},
    )
    if committee is not None and committee.secretary is not None:
        with translation.override(proposal.municipality.default_language):
            notify_users(
                users=[committee.secretary],
                target=proposal,
                event="proposal.referred_to_you",
                title=_("New citizen proposal for %(committee)s") % {"committee": committee.name},
                body=proposal.title,
                url=proposal.get_absolute_url(),
                now=now,
            )


@transaction.atomic
def support_add(*, proposal_id: int, user: User, show_name: bool, now: datetime) -> Support:
    proposal = Proposal.objects.select_related("municipality", "area").get(pk=proposal_id)
    if proposal.state_enum not in lifecycle.SUPPORTABLE:
        raise ProposalError(_("The proposal is not collecting support now."))
    if proposal.collection_ends is not None and now >= proposal.collection_ends:
        raise ProposalError(_("The time to support this proposal has ended."))
    rules = rules_for(proposal.municipality)
    _require_eligible(user, proposal, rules.support_assurance, now)
    identity = Identity.objects.get(user=user)
    try:
        with transaction.atomic():
            support = Support.objects.create(
                proposal=proposal,
                person_key=identity.person_key,
                match_key=identity.match_key,
                user=user,
                source=Support.Source.ONLINE,
                show_name=show_name,
                public_name=user.display_name if show_name else "",
                created_at=now,
            )
    except IntegrityError:
        raise ProposalError(_("You have already supported this proposal.")) from None
    # Counted in the database, never read-modify-write in Python.
    _count_support(proposal.pk, now)
    _reach_threshold_once(proposal.pk, now=now, actor=user)
    return support


@transaction.atomic
def support_withdraw(*, proposal_id: int, user: User, now: datetime) -> None:
    # Locked, so the state checked here is still the state when the row and the counter change:
    # a support reaching the threshold meanwhile waits (no_key: new supports may still insert).
    proposal = Proposal.objects.select_for_update(no_key=True).get(pk=proposal_id)
    if proposal.state_enum not in lifecycle.WITHDRAWABLE_SUPPORT or (
        proposal.collection_ends is not None and now >= proposal.collection_ends
    ):
        raise ProposalError(_("Support can no longer be withdrawn: the collection has closed."))
    deleted, _rows = Support.objects.filter(
        proposal=proposal, user=user, source=Support.Source.ONLINE
    ).delete()
    if not deleted:
        raise ProposalError(_("You have not supported this proposal."))
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)


@transaction.atomic
def paper_support_add(
    *,
    proposal_id: int,
    staff: User,
    name: str,
    birth_date: date,
    address: str,
    address_in_area: bool,
    sheet_reference: str,
    now: datetime,
) -> Support:
    """A signature from a paper sheet. Name and birth date give the match key, so the same person
    cannot count on paper and online; who entered it is kept."""
    proposal = Proposal.objects.select_related("municipality").get(pk=proposal_id)
    _staff_role(
        staff, proposal.municipality, Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN, Role.MODERATOR
    )
    if proposal.state_enum not in lifecycle.SUPPORTABLE or (
        proposal.collection_ends is not None and now >= proposal.collection_ends
    ):
        raise ProposalError(_("The proposal is not collecting support now."))
    rules = rules_for(proposal.municipality)
    if now.date().year - birth_date.year < rules.min_age:
        raise ProposalError(
            _("The signer is younger than %(age)d years and cannot support.")
            % {"age": rules.min_age}
        )
    if not address_in_area:
        raise ProposalError(
            _("Check that the address is in the proposal's area, then tick the box.")
        )
    if not name.strip() or not address.strip():
        raise ProposalError(_("Write the name and the address from the sheet."))
    key = match_key(settings.PERSON_KEY_PEPPER, name, birth_date)
    try:
        with transaction.atomic():
            support = Support.objects.create(
                proposal=proposal,
                person_key=person_key(settings.PERSON_KEY_PEPPER, "paper", key),
                match_key=key,
                source=Support.Source.PAPER,
                created_at=now,
                entered_by=staff,
                sheet_reference=sheet_reference.strip(),
            )
    except IntegrityError:
        raise ProposalError(
            _("This person has already supported the proposal, online or on paper.")
        ) from None
    _count_support(proposal.pk, now)
    audit_record(
        actor=staff,
        action="proposal.paper_support_added",
        target=proposal,
        after={"sheet": sheet_reference.strip(), "support": support.pk},
        at=now,
    )
    _reach_threshold_once(proposal.pk, now=now, actor=staff)
    return support


# --- after referral ------------------------------------------------------------------------------


@transaction.atomic
def proposal_referral_update(
    *,
    proposal_id: int,
    secretary: User,
    committee: Committee,
    case_number: str,
    meeting_at: datetime | None,
    now: datetime,
) -> Proposal:
    proposal = _locked(proposal_id)
    role = _staff_role(
        secretary, proposal.municipality, Role.COMMITTEE_SECRETARY, Role.MUNICIPAL_ADMIN
    )
    if proposal.state_enum != State.REFERRED:
        raise ProposalError(_("Only a referred proposal can be placed on an agenda."))
    if committee.municipality_id != proposal.municipality_id:
        raise ProposalError(_("Choose a committee of this municipality."))
    before = snapshot(proposal)
    rules = rules_for(proposal.municipality).as_domain()
    proposal.committee = committee
    proposal.case_number = case_number.strip()
    proposal.meeting_at = meeting_at
    if rules.answer_months is None:
        if meeting_at is None:
            raise ProposalError(_("Set the date of the meeting: the answer is due then."))
        proposal.answer_due = lifecycle.answer_due(proposal.referred_at or now, rules, meeting_at)
    proposal.save()
    note = (
        _("On the agenda of %(committee)s on %(date)s.")
        % {"committee": committee.name, "date": meeting_at.date().isoformat()}
        if meeting_at
        else _("Placed with %(committee)s.") % {"committee": committee.name}
    )
    _record(proposal, kind="scheduled", actor_role=role, now=now, note=note)
    _announce(proposal, "scheduled", actor=secretary, now=now, note=note)
    audit_record(
        actor=secretary,
        action="proposal.scheduled",
        target=proposal,
        before=before,
        after=snapshot(proposal),
        at=now,
    )
    return proposal


@transaction.atomic
def proposal_answer(
    *,
    proposal_id: int,
    secretary: User,
    decision: str,
    answer_text: str,
    now: datetime,
    attachment: Any = None,
    attachment_title: str = "",
) -> Proposal:
    if decision not in Decision.values:
        raise ProposalError(_("Choose the committee's decision."))
    if not answer_text.strip():
        raise ProposalError(_("Write the answer in plain language."))
    proposal = _locked(proposal_id)
    role = _staff_role(
        secretary, proposal.municipality, Role.COMMITTEE_SECRETARY, Role.MUNICIPAL_ADMIN
    )
    before = snapshot(proposal)
    _transition(
        proposal,
        Event.ANSWER,
        now=now,
        actor=secretary,
        actor_role=role,
        # The decision is shown from the proposal, in each reader's language.
        note="",
        fields={"decision": decision, "answer_text": answer_text.strip(), "answered_at": now},
    )
    if attachment is not None:
        ProposalAttachment.objects.create(
            proposal=proposal,
            title=attachment_title.strip() or getattr(attachment, "name", "")[:200],
            file=attachment,
        )
    audit_record(
        actor=secretary,
        action="proposal.answered",
        target=proposal,
        before=before,
        after=snapshot(proposal),
        at=now,
    )
    return proposal


@transaction.atomic
def proposal_finish(
    *, proposal_id: int, staff: User, implemented: bool, note: str, now: datetime
) -> Proposal:
    proposal = _locked(proposal_id)
    role = _staff_role(
        staff,
        proposal.municipality,
        Role.CASE_OFFICER,
        Role.COMMITTEE_SECRETARY,
        Role.MUNICIPAL_ADMIN,
    )
    return _transition(
        proposal,
        Event.IMPLEMENT if implemented else Event.CLOSE,
        now=now,
        actor=staff,
        actor_role=role,
        note=note.strip(),
        fields={"closed_at": now},
    )


@transaction.atomic
def question_ask(*, proposal_id: int, user: User, text: str, now: datetime) -> Question:
    proposal = Proposal.objects.select_related("municipality", "contact_person").get(pk=proposal_id)
    is_proposer = proposal.author_id == user.pk or proposal.coproposers.filter(user=user).exists()
    if not is_proposer:
        raise ProposalError(_("Only the proposer and the co-proposers can ask the contact person."))
    if proposal.contact_person is None:
        raise ProposalError(_("The proposal has no contact person yet. It gets one in the review."))
    if not text.strip():
        raise ProposalError(_("Write your question."))
    rules = rules_for(proposal.municipality).as_domain()
    question = Question.objects.create(
        proposal=proposal,
        asked_by=user,
        text=text.strip(),
        asked_at=now,
        due_at=lifecycle.response_due(now, rules),
    )
    with translation.override(proposal.municipality.default_language):
        notify_users(
            users=[proposal.contact_person],
            target=proposal,
            event="proposal.question",
            title=_("A question about %(title)s") % {"title": proposal.title},
            body=question.text,
            url=proposal.get_absolute_url(),
            now=now,
        )
    return question


@transaction.atomic
def question_answer(*, question_id: int, staff: User, answer: str, now: datetime) -> Question:
    question = (
        Question.objects.select_for_update()
        .select_related("proposal__municipality")
        .get(pk=question_id)
    )
    _staff_role(
        staff,
        question.proposal.municipality,
        Role.CASE_OFFICER,
        Role.MUNICIPAL_ADMIN,
        Role.COMMITTEE_SECRETARY,
    )
    if question.answered_at is not None:
        raise ProposalError(_("This question has already been answered."))
    if not answer.strip():
        raise ProposalError(_("Write the answer."))
    question.answer, question.answered_at, question.answered_by = answer.strip(), now, staff
    question.save()
    with translation.override(question.proposal.municipality.default_language):
        notify_users(
            users=[question.asked_by],
            target=question.proposal,
            event="proposal.question_answered",
            title=_("Your question is answered"),
            body=question.answer,
            url=question.proposal.get_absolute_url(),
            now=now,
        )
    return question


# --- the clock ---------------------------------------------------------------------------------


@dataclass
class TickReport:
    expired: int = 0
    reminders: int = 0
    escalations: int = 0
    supporters_forgotten: int = 0


def _municipal_admins(municipality: Municipality) -> list[User]:
    return list(
        User.objects.filter(
            role_assignments__municipality=municipality,
            role_assignments__role=Role.MUNICIPAL_ADMIN,
            is_active=True,
        )
    )


def proposals_tick(*, now: datetime) -> TickReport:
    """What the clock does: expire, remind before answer deadlines, escalate what is overdue.
    Safe to run as often as you like; each step happens once (cron: every 15 minutes)."""
    report = TickReport()
    candidates = Proposal.objects.filter(
        state__in=[State.AWAITING_COPROPOSERS.value, State.COLLECTING.value]
    ).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            proposal = _locked(pk)
            event = lifecycle.automatic_event(
                lifecycle.Clock(
                    proposal.state_enum, proposal.coproposers_due, proposal.collection_ends
                ),
                now,
            )
            if event is not None:
                _transition(
                    proposal,
                    event,
                    now=now,
                    actor=None,
                    actor_role="system",
                    fields={"closed_at": now},
                )
                report.expired += 1
    for pk in Proposal.objects.filter(
        state=State.REFERRED.value, answer_due__isnull=False
    ).values_list("pk", flat=True):
        with transaction.atomic():
            proposal = _locked(pk)
            report.reminders += _remind(proposal, now)
            report.escalations += _escalate_answer(proposal, now)
    # "Answer at the next meeting" needs a meeting: escalate if none is set in time.
    unscheduled_since = now - timedelta(days=lifecycle.MEETING_GRACE_DAYS)
    for pk in Proposal.objects.filter(
        state=State.REFERRED.value,
        answer_due__isnull=True,
        referred_at__lt=unscheduled_since,
        escalated_at__isnull=True,
    ).values_list("pk", flat=True):
        with transaction.atomic():
            proposal = _locked(pk)
            if proposal.escalated_at is None and proposal.answer_due is None:
                proposal.escalated_at = now
                proposal.save(update_fields=["escalated_at"])
                _notify_staff(
                    proposal,
                    _municipal_admins(proposal.municipality),
                    "meeting_missing",
                    _("No committee meeting is set for this proposal"),
                    now,
                )
                report.escalations += 1
    for pk in Proposal.objects.filter(
        state=State.IN_REVIEW.value, review_due__lt=now, review_escalated_at__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            proposal = _locked(pk)
            if proposal.review_escalated_at is None:
                proposal.review_escalated_at = now
                proposal.save(update_fields=["review_escalated_at"])
                _notify_staff(
                    proposal,
                    _municipal_admins(proposal.municipality),
                    "review_overdue",
                    _("The review is overdue"),
                    now,
                )
                report.escalations += 1
    for question in Question.objects.filter(
        answered_at__isnull=True, escalated_at__isnull=True, due_at__lt=now
    ).select_related("proposal__municipality"):
        with transaction.atomic():
            updated = Question.objects.filter(pk=question.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if updated:
                _notify_staff(
                    question.proposal,
                    _municipal_admins(question.proposal.municipality),
                    "question_overdue",
                    _("A question to the contact person is overdue"),
                    now,
                )
                report.escalations += 1
    report.supporters_forgotten = supporters_forget(now=now).supports
    return report


def _notify_staff(
    proposal: Proposal, users: list[User], kind: str, title: str, now: datetime
) -> None:
    with translation.override(proposal.municipality.default_language):
        notify_users(
            users=users,
            target=proposal,
            event=f"proposal.{kind}",
            title=f"{proposal.title}: {title}",
            body="",
            url=proposal.get_absolute_url(),
            now=now,
        )


def _remind(proposal: Proposal, now: datetime) -> int:
    assert proposal.answer_due is not None
    if lifecycle.is_overdue(proposal.answer_due, now):
        return 0  # too late to remind: _escalate_answer takes over
    rules = rules_for(proposal.municipality).as_domain()
    due = lifecycle.reminders_due(
        proposal.answer_due, now, frozenset(proposal.reminders_sent), rules
    )
    if not due:
        return 0
    # Mark every reminder at or above this one as sent, so a late start sends only one.
    proposal.reminders_sent = sorted(
        {*proposal.reminders_sent, *(d for d in rules.reminder_days if d >= due[0])}, reverse=True
    )
    proposal.save(update_fields=["reminders_sent"])
    secretary = proposal.committee.secretary if proposal.committee else None
    with translation.override(proposal.municipality.default_language):
        title = _("The answer is due in %(days)d days") % {
            "days": days_left(proposal.answer_due, now)
        }
    _notify_staff(
        proposal, [u for u in (secretary, proposal.contact_person) if u], "reminder", title, now
    )
    _record(proposal, kind="reminder", actor_role="system", now=now, public=False, note=title)
    return 1


def _escalate_answer(proposal: Proposal, now: datetime) -> int:
    if proposal.escalated_at is not None or not lifecycle.is_overdue(proposal.answer_due, now):
        return 0
    proposal.escalated_at = now
    proposal.save(update_fields=["escalated_at"])
    _notify_staff(
        proposal,
        _municipal_admins(proposal.municipality),
        "answer_overdue",
        _("The committee's answer is overdue"),
        now,
    )
    _record(proposal, kind="answer_overdue", actor_role="system", now=now)
    return 1


# --- retention of the supporters' identities ------------------------------------------------------

SETTLED_VALUES = [s.value for s in lifecycle.SUPPORTS_SETTLED]
# Support rows deleted per statement, and proposals finished per transaction: a run never holds
# long locks, and a run that stops half-way is completed by the next one.
FORGET_SUPPORTS_BATCH = 2000
FORGET_PROPOSALS_BATCH = 100


@dataclass
class ForgetReport:
    proposals: int = 0
    supports: int = 0


def supporters_due_to_forget(*, now: datetime, municipality_id: int | None = None) -> list[int]:
    """Finished proposals whose retention period has passed and whose supporters are still
    stored, oldest first (of one municipality, or of all). Each municipality's period is in its
    ProposalRules."""
    default = ProposalRules._meta.get_field("supporter_retention_months").get_default()
    months = dict(
        ProposalRules.objects.values_list("municipality_id", "supporter_retention_months")
    )
    due = []
    finished = Proposal.objects.filter(
        state__in=SETTLED_VALUES, supporters_forgotten_at__isnull=True
    )
    if municipality_id is not None:
        finished = finished.filter(municipality_id=municipality_id)
    for pk, owner_id, state, answered_at, closed_at in finished.order_by("pk").values_list(
        "pk", "municipality_id", "state", "answered_at", "closed_at"
    ):
        at = lifecycle.supporters_forget_at(
            State(state),
            answered_at=answered_at,
            closed_at=closed_at,
            retention_months=months.get(owner_id, default),
        )
        if at is not None and now >= at:
            due.append(pk)
    return due


def supporters_forget(
    *,
    now: datetime,
    municipality_id: int | None = None,
    supports_batch: int = FORGET_SUPPORTS_BATCH,
) -> ForgetReport:
    """Delete who supported each finished proposal once its municipality's retention period has
    passed (GDPR art. 9: a support reveals a political opinion). The whole Support row goes:
    person key, match key, account link, the name shown, the paper sheet reference. The number
    of supports is the stored counter `support_count`, which every page, the API, the open-data
    export and the threshold read, so it stays exactly as it was. Each finished proposal gets
    `supporters_forgotten_at` and one audit entry with the number deleted (no identities).

    Safe to run as often as you like and twice at once (cron: with proposals_tick)."""
    report = ForgetReport()
    due = supporters_due_to_forget(now=now, municipality_id=municipality_id)
    for start in range(0, len(due), FORGET_PROPOSALS_BATCH):
        chunk = due[start : start + FORGET_PROPOSALS_BATCH]
        counts = dict(
            Support.objects.filter(proposal_id__in=chunk)
            .values("proposal_id")
            .annotate(n=Count("pk"))
            .values_list("proposal_id", "n")
        )
        deleted = 0
        while ids := list(
            Support.objects.filter(proposal_id__in=chunk).values_list("pk", flat=True)[
                :supports_batch
            ]
        ):
            deleted += Support.objects.filter(pk__in=ids).delete()[0]
        with transaction.atomic():
            finished = list(
                Proposal.objects.select_for_update()
                .filter(pk__in=chunk, supporters_forgotten_at__isnull=True)
                .values_list("pk", "municipality_id", "title")
            )
            Proposal.objects.filter(pk__in=[pk for pk, _m, _t in finished]).update(
                supporters_forgotten_at=now
            )
            AuditEntry.objects.bulk_create(
                AuditEntry(
                    municipality_id=municipality_id,
                    actor=None,
                    actor_label="system",
                    action="proposal.supporters_forgotten",
                    target_type=Proposal._meta.label,
                    target_id=str(pk),
                    target_label=title[:300],
                    after={"supports_deleted": counts[pk]},
                    at=now,
                )
                for pk, municipality_id, title in finished
                if counts.get(pk)
            )
        report.proposals += len(finished)
        report.supports += deleted
    return report


# --- account deletion ------------------------------------------------------------------------------


def proposals_erase(user: Any) -> list[str]:
    """Before an account is deleted: its supports stay counted (the person key still stops the
    same person supporting twice until the retention job deletes the row), but the name shown
    beside them goes. Registered with core.personal_data.register_eraser."""
    supports = Support.objects.filter(user=user)
    names = list(supports.exclude(public_name="").values_list("public_name", flat=True).distinct())
    supports.update(show_name=False, public_name="")
    return names
