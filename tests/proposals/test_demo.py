import pytest
from django.core.management import call_command
from django.db.models import Count

from medborger.comments.models import Comment
from medborger.domain.lifecycle.proposals import State
from medborger.proposals.models import (
    CoProposer,
    Proposal,
    ProposalEvent,
    ProposalRules,
    Question,
    Support,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        Proposal.objects.count(),
        Support.objects.count(),
        ProposalEvent.objects.count(),
        CoProposer.objects.count(),
        Question.objects.count(),
        Comment.objects.count(),
    )


def test_demo_proposals_cover_every_state_and_load_twice_without_duplicates():
    call_command("load_demo", verbosity=0)
    first = counts()
    ids = set(Proposal.objects.values_list("pk", flat=True))
    call_command("load_demo", verbosity=0)

    assert counts() == first
    assert set(Proposal.objects.values_list("pk", flat=True)) == ids
    assert Proposal.objects.count() == 120
    states = set(Proposal.objects.values_list("state", flat=True))
    # Threshold reached is transient: referral happens in the same transaction.
    assert states == {s.value for s in State} - {State.THRESHOLD_REACHED.value}

    for proposal in Proposal.objects.annotate(
        rows=Count("supports", distinct=True), steps=Count("events", distinct=True)
    ):
        if proposal.supporters_forgotten_at:  # the retention job deleted who; the count stays
            assert proposal.rows == 0 and proposal.support_count > 0, proposal.title
        else:
            assert proposal.support_count == proposal.rows, proposal.title
        assert proposal.steps >= 1, proposal.title
    forgotten = Proposal.objects.exclude(supporters_forgotten_at=None)
    assert forgotten.exists()
    assert {p.state for p in forgotten} <= {State.IMPLEMENTED, State.CLOSED, State.EXPIRED}

    rules = ProposalRules.objects.get(municipality__slug="lyngholt")
    assert rules.threshold_absolute == 300
    assert rules.default_committee is not None and rules.default_committee.is_council
    assert not Proposal.objects.filter(
        state__in=[State.REFERRED, State.ANSWERED, State.IMPLEMENTED, State.CLOSED],
        support_count__lt=300,
    ).exists()
    assert not Proposal.objects.filter(state=State.COLLECTING, support_count__gte=300).exists()
    answered = Proposal.objects.filter(state=State.ANSWERED)
    assert {p.decision for p in answered} == {"adopted", "partly_adopted", "rejected", "other"}
    assert all(p.answer_text for p in answered)
    assert all(
        p.rejection_reason and p.rejection_rule
        for p in Proposal.objects.filter(state=State.REJECTED_IN_REVIEW)
    )
    assert Question.objects.filter(answered_at__isnull=True).count() == 1
    assert Comment.objects.filter(is_hidden=True).exclude(hidden_reason="").exists()
