"""Every deadline of a citizen proposal with a moved clock: services and proposals_tick take
`now`, so each test steps to just before and exactly at (or just after) each deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from medborger.proposals import services
from medborger.proposals.models import Proposal, ProposalEvent, Question
from medborger.proposals.services import ProposalError
from tests.proposals.conftest import ids, notified

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)


def tick(now: datetime) -> services.TickReport:
    return services.proposals_tick(now=now)


def state(proposal: Proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).state


# --- co-proposers ------------------------------------------------------------------------------


def test_coproposer_window_expires_exactly_at_the_due_time(flow):
    proposal = flow.submitted()
    due = proposal.coproposers_due
    assert due == flow.t0 + timedelta(days=14)
    assert tick(due - SECOND).expired == 0
    assert state(proposal) == "awaiting_coproposers"
    assert tick(due).expired == 1
    proposal.refresh_from_db()
    assert (proposal.state, proposal.closed_at) == ("expired", due)
    assert ProposalEvent.objects.filter(proposal=proposal, kind="coproposers_expired").count() == 1
    # The author follows the proposal and hears that it expired.
    assert notified("proposal.coproposers_expired", proposal) == ids(flow.author)
    assert tick(due + timedelta(days=1)).expired == 0
    assert ProposalEvent.objects.filter(proposal=proposal, kind="coproposers_expired").count() == 1


def test_coproposer_can_join_until_just_before_the_due_time(flow):
    proposal = flow.submitted()
    services.coproposer_join(
        proposal_id=proposal.pk,
        user=flow.coproposers[0],
        token=proposal.coproposer_token,
        now=proposal.coproposers_due - SECOND,
    )


def test_coproposer_cannot_join_after_the_window_even_before_the_tick(flow):
    """The window closes at coproposers_due whether or not the clock job has run yet, as the
    support window does at collection_ends."""
    proposal = flow.submitted()
    services.coproposer_join(
        proposal_id=proposal.pk,
        user=flow.coproposers[0],
        token=proposal.coproposer_token,
        now=flow.t0,
    )
    with pytest.raises(ProposalError, match="time to find co-proposers has ended"):
        services.coproposer_join(
            proposal_id=proposal.pk,
            user=flow.coproposers[1],
            token=proposal.coproposer_token,
            now=proposal.coproposers_due,
        )
    assert state(proposal) == "awaiting_coproposers"
    tick(proposal.coproposers_due)
    assert state(proposal) == "expired"


# --- review ------------------------------------------------------------------------------------


def test_review_overdue_escalates_to_municipal_admins_once(
    flow, admins, moderator, case_officer, django_capture_on_commit_callbacks
):
    proposal = flow.in_review()
    due = proposal.review_due
    assert due == flow.t0 + timedelta(days=10)
    assert tick(due).escalations == 0  # due means "by then": not overdue at the moment itself
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = tick(due + SECOND)
    assert report.escalations == 1
    proposal.refresh_from_db()
    assert proposal.review_escalated_at == due + SECOND
    assert notified("proposal.review_overdue", proposal) == ids(*admins)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in admins)
    assert tick(due + timedelta(days=3)).escalations == 0
    assert notified("proposal.review_overdue", proposal) == ids(*admins)
    assert len(mail.outbox) == 2


def test_review_done_in_time_is_not_escalated(flow, admins, moderator):
    proposal = flow.in_review()
    services.proposal_review_approve(
        proposal_id=proposal.pk,
        reviewer=moderator,
        contact_person=None,
        now=proposal.review_due - SECOND,
    )
    assert tick(proposal.review_due + timedelta(days=1)).escalations == 0
    assert not notified("proposal.review_overdue")


# --- collection --------------------------------------------------------------------------------


def test_collection_window_expires_at_collection_ends(flow, supporters):
    proposal = flow.collecting()
    ends = proposal.collection_ends
    assert ends == flow.t0 + timedelta(days=180)
    services.support_add(
        proposal_id=proposal.pk, user=supporters[0], show_name=False, now=ends - SECOND
    )
    assert tick(ends - SECOND).expired == 0
    # Before the clock job has run, support is refused already, with a reason.
    with pytest.raises(ProposalError, match="The time to support this proposal has ended"):
        services.support_add(proposal_id=proposal.pk, user=supporters[1], show_name=False, now=ends)
    assert tick(ends).expired == 1
    proposal.refresh_from_db()
    assert (proposal.state, proposal.closed_at, proposal.support_count) == ("expired", ends, 1)
    assert notified("proposal.collection_expired", proposal) == ids(flow.author, *flow.coproposers)
    with pytest.raises(ProposalError, match="not collecting support now"):
        services.support_add(
            proposal_id=proposal.pk, user=supporters[2], show_name=False, now=ends + SECOND
        )
    assert tick(ends + timedelta(days=30)).expired == 0


def test_the_wall_clock_does_not_matter(flow):
    proposal = flow.collecting()
    with time_machine.travel(flow.t0 + timedelta(days=400), tick=False):
        assert tick(flow.t0 + timedelta(days=1)).expired == 0
    assert state(proposal) == "collecting"


# --- answer due --------------------------------------------------------------------------------


def test_answer_due_six_calendar_months_after_referral(flow, supporters):
    referred_at = datetime(2025, 8, 29, 12, 0, tzinfo=UTC)  # collecting ends 30 Aug
    proposal = flow.referred(supporters, now=referred_at)
    assert proposal.referred_at == referred_at
    assert proposal.answer_due == datetime(2026, 2, 28, 12, 0, tzinfo=UTC)


def test_answer_due_at_the_next_meeting(flow, supporters, secretary, council):
    flow.rules.answer_kind = "next_meeting"
    flow.rules.save()
    proposal = flow.referred(supporters)
    assert proposal.answer_due is None
    with pytest.raises(ProposalError, match="Set the date of the meeting"):
        services.proposal_referral_update(
            proposal_id=proposal.pk,
            secretary=secretary,
            committee=council,
            case_number="1",
            meeting_at=None,
            now=flow.t0,
        )
    meeting = flow.t0 + timedelta(days=45, hours=8)
    services.proposal_referral_update(
        proposal_id=proposal.pk,
        secretary=secretary,
        committee=council,
        case_number="1",
        meeting_at=meeting,
        now=flow.t0,
    )
    proposal.refresh_from_db()
    assert proposal.answer_due == meeting
    # A later meeting moves the due date with it.
    services.proposal_referral_update(
        proposal_id=proposal.pk,
        secretary=secretary,
        committee=council,
        case_number="1",
        meeting_at=meeting + timedelta(days=30),
        now=flow.t0 + timedelta(days=1),
    )
    proposal.refresh_from_db()
    assert proposal.answer_due == meeting + timedelta(days=30)
    # …and the reminders follow the meeting date.
    assert tick(proposal.answer_due - timedelta(days=30)).reminders == 1


# --- reminders and escalation ------------------------------------------------------------------


def test_reminders_30_and_7_days_before_each_sent_once(
    flow, supporters, secretary, case_officer, admins, django_capture_on_commit_callbacks
):
    proposal = flow.referred(supporters, contact_person=case_officer)
    due = proposal.answer_due
    assert tick(due - timedelta(days=30) - SECOND).reminders == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(due - timedelta(days=30)).reminders == 1
    reminded = notified("proposal.reminder", proposal)
    assert secretary.pk in reminded
    assert reminded == ids(secretary, case_officer)  # the secretary and the contact person
    assert secretary.email in {m.to[0] for m in mail.outbox}
    assert tick(due - timedelta(days=20)).reminders == 0
    assert tick(due - timedelta(days=7) - SECOND).reminders == 0
    assert tick(due - timedelta(days=7)).reminders == 1
    assert tick(due - timedelta(days=1)).reminders == 0
    proposal.refresh_from_db()
    assert proposal.reminders_sent == [30, 7]
    titles = sorted(
        ProposalEvent.objects.filter(proposal=proposal, kind="reminder").values_list(
            "note", flat=True
        )
    )
    # Staff notifications are written in the municipality's language (Danish here).
    assert titles == [due_in(30), due_in(7)]
    assert not ProposalEvent.objects.get(proposal=proposal, note=titles[0]).public
    assert not notified("proposal.reminder") & ids(flow.author, *admins)


def test_a_late_start_sends_only_one_reminder(flow, supporters, secretary):
    proposal = flow.referred(supporters)
    due = proposal.answer_due
    assert tick(due - timedelta(days=5)).reminders == 1
    assert tick(due - timedelta(days=5) + SECOND).reminders == 0
    proposal.refresh_from_db()
    assert proposal.reminders_sent == [30, 7]
    assert ProposalEvent.objects.filter(proposal=proposal, kind="reminder").count() == 1


def test_a_late_reminder_says_how_many_days_are_really_left(flow, supporters, secretary):
    proposal = flow.referred(supporters)
    tick(proposal.answer_due - timedelta(days=5))
    note = ProposalEvent.objects.get(proposal=proposal, kind="reminder").note
    assert note == due_in(5)


def test_no_reminder_once_the_answer_is_overdue(flow, supporters, secretary, admins):
    """A clock that first runs after the deadline escalates; it does not also tell the
    secretary that the answer 'is due in 7 days'."""
    proposal = flow.referred(supporters)
    report = tick(proposal.answer_due + SECOND)
    assert (report.reminders, report.escalations) == (0, 1)
    assert not notified("proposal.reminder")
    assert not ProposalEvent.objects.filter(proposal=proposal, kind="reminder").exists()


def test_overdue_answer_escalates_to_admins_once(
    flow, supporters, secretary, admins, django_capture_on_commit_callbacks
):
    proposal = flow.referred(supporters)
    due = proposal.answer_due
    tick(due - timedelta(days=1))  # the 7-day reminder, late
    assert tick(due).escalations == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(due + SECOND).escalations == 1
    proposal.refresh_from_db()
    assert proposal.escalated_at == due + SECOND
    assert notified("proposal.answer_overdue", proposal) == ids(*admins)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in admins)
    assert ProposalEvent.objects.get(proposal=proposal, kind="answer_overdue").public
    assert tick(due + timedelta(days=10)).escalations == 0
    assert ProposalEvent.objects.filter(proposal=proposal, kind="answer_overdue").count() == 1


def test_answered_in_time_is_neither_reminded_nor_escalated(flow, supporters, secretary, admins):
    proposal = flow.referred(supporters)
    services.proposal_answer(
        proposal_id=proposal.pk,
        secretary=secretary,
        decision="adopted",
        answer_text="Ja",
        now=flow.t0 + timedelta(days=10),
    )
    report = tick(proposal.answer_due + timedelta(days=1))
    assert (report.reminders, report.escalations) == (0, 0)


def test_emails_leave_only_after_commit(
    flow, supporters, secretary, admins, django_capture_on_commit_callbacks
):
    proposal = flow.referred(supporters)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tick(proposal.answer_due + SECOND)
    assert callbacks
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert {m.to[0] for m in mail.outbox} >= {a.email for a in admins}


# --- the response guarantee for questions -------------------------------------------------------


def test_unanswered_question_escalates_once_when_due_passes(
    flow, case_officer, admins, django_capture_on_commit_callbacks
):
    proposal = flow.collecting(contact_person=case_officer)
    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_ask(
            proposal_id=proposal.pk, user=flow.author, text="Hvornår?", now=flow.t0
        )
    assert [m.to[0] for m in mail.outbox] == [case_officer.email]
    assert question.due_at == flow.t0 + timedelta(days=14)
    assert tick(question.due_at).escalations == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(question.due_at + SECOND).escalations == 1
    assert Question.objects.get(pk=question.pk).escalated_at == question.due_at + SECOND
    assert notified("proposal.question_overdue", proposal) == ids(*admins)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in admins)
    assert tick(question.due_at + timedelta(days=5)).escalations == 0
    assert len(mail.outbox) == 2


def test_answered_question_is_not_escalated(flow, case_officer, admins):
    proposal = flow.collecting(contact_person=case_officer)
    question = services.question_ask(
        proposal_id=proposal.pk, user=flow.author, text="Hvornår?", now=flow.t0
    )
    services.question_answer(
        question_id=question.pk, staff=case_officer, answer="Snart", now=question.due_at
    )
    assert tick(question.due_at + timedelta(days=1)).escalations == 0
    assert not notified("proposal.question_overdue")


def due_in(days: int) -> str:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("da"):
        return gettext("The answer is due in %(days)d days") % {"days": days}


def test_a_referral_without_a_meeting_is_escalated_once(flow, supporters, rules, admins):
    from datetime import timedelta

    from medborger.domain.lifecycle.proposals import MEETING_GRACE_DAYS

    rules.answer_kind = "next_meeting"
    rules.save()
    proposal = flow.referred(supporters)
    assert proposal.answer_due is None
    early = proposal.referred_at + timedelta(days=MEETING_GRACE_DAYS - 1)
    assert services.proposals_tick(now=early).escalations == 0
    late = proposal.referred_at + timedelta(days=MEETING_GRACE_DAYS + 1)
    assert services.proposals_tick(now=late).escalations == 1
    assert services.proposals_tick(now=late).escalations == 0
