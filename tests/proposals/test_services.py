"""Every transition of the citizen-proposal state machine, through the services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from medborger.core.models import AuditEntry
from medborger.notifications.models import Follow
from medborger.proposals import services
from medborger.proposals.models import CoProposer, Proposal, ProposalEvent, Question, Support
from medborger.proposals.services import ProposalError
from tests.factories import UserFactory, grant
from tests.proposals.conftest import ids, notified

pytestmark = pytest.mark.django_db


def kinds(proposal: Proposal) -> list[str]:
    return list(ProposalEvent.objects.filter(proposal=proposal).values_list("kind", flat=True))


# --- draft and submit --------------------------------------------------------------------------


def test_draft_is_private_and_recorded(flow):
    proposal = flow.draft()
    assert proposal.state == "draft"
    event = ProposalEvent.objects.get(proposal=proposal)
    assert (event.kind, event.public) == ("created", False)


def test_draft_only_changed_by_its_author(flow, make_resident):
    proposal = flow.draft()
    with pytest.raises(ProposalError, match="Only the author"):
        services.proposal_save_draft(
            author=make_resident(),
            municipality=flow.municipality,
            data=services.DraftData("x", "y", "z", None, [], []),
            now=flow.t0,
            proposal=proposal,
        )


def test_draft_area_must_be_in_the_municipality(flow, other_area):
    with pytest.raises(ProposalError, match="area in this municipality"):
        flow.draft(area=other_area)


def test_submit_moves_to_awaiting_coproposers_and_follows(flow):
    proposal = flow.submitted()
    assert proposal.state == "awaiting_coproposers"
    assert proposal.submitted_at == flow.t0
    assert proposal.coproposers_due == flow.t0 + timedelta(days=14)
    assert Follow.objects.filter(user=flow.author, object_id=proposal.pk).exists()
    assert "submit" in kinds(proposal)


def test_only_the_author_submits(flow, make_resident):
    proposal = flow.draft()
    with pytest.raises(ProposalError, match="Only the author"):
        services.proposal_submit(proposal_id=proposal.pk, user=make_resident(), now=flow.t0)


def test_submit_twice_is_refused_readably(flow):
    proposal = flow.submitted()
    with pytest.raises(ProposalError, match="cannot be done now"):
        services.proposal_submit(proposal_id=proposal.pk, user=flow.author, now=flow.t0)


def test_submit_without_coproposers_goes_straight_to_review(flow):
    flow.rules.co_proposers = 0
    flow.rules.save()
    proposal = flow.submitted()
    assert proposal.state == "in_review"
    assert proposal.review_due == flow.t0 + timedelta(days=10)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"verified": False}, "Confirm who you are with eID"),
        ({"level": 1}, "not strong enough"),
        ({"birth": date(2011, 12, 31)}, "at least 15 years old"),
    ],
)
def test_submit_needs_eligibility(flow, make_resident, kwargs, message):
    person = make_resident(**kwargs)
    proposal = flow.draft(author=person)
    with pytest.raises(ProposalError, match=message):
        services.proposal_submit(proposal_id=proposal.pk, user=person, now=flow.t0)
    assert Proposal.objects.get(pk=proposal.pk).state == "draft"


def test_age_counts_by_birth_year(flow, make_resident):
    # Born 31 December 2010: 15 "this year" from 1 January 2025 (t0 is March 2025).
    person = make_resident(birth=date(2010, 12, 31))
    proposal = flow.draft(author=person)
    assert services.proposal_submit(proposal_id=proposal.pk, user=person, now=flow.t0).state == (
        "awaiting_coproposers"
    )


def test_submit_refused_outside_the_area(flow, make_resident, sibling_district, other_area):
    neighbour = make_resident(area=sibling_district)
    proposal = flow.draft(author=neighbour)  # for the default area (the district)
    with pytest.raises(ProposalError, match="residents of the proposal's area"):
        services.proposal_submit(proposal_id=proposal.pk, user=neighbour, now=flow.t0)
    stranger = make_resident(area=other_area)
    proposal = flow.draft(author=stranger)
    with pytest.raises(ProposalError, match="residents of the municipality"):
        services.proposal_submit(proposal_id=proposal.pk, user=stranger, now=flow.t0)


def test_resident_of_a_sub_area_may_propose_for_the_town(flow, town):
    # The author lives in the district, which lies inside the town.
    proposal = flow.submitted(area=town)
    assert proposal.state == "awaiting_coproposers"


def test_resident_of_the_town_may_not_propose_for_a_district(flow, make_resident, town):
    person = make_resident(area=town)
    proposal = flow.draft(author=person)
    with pytest.raises(ProposalError, match="proposal's area"):
        services.proposal_submit(proposal_id=proposal.pk, user=person, now=flow.t0)


# --- co-proposers ------------------------------------------------------------------------------


def test_coproposers_complete_moves_to_review(flow, admins):
    proposal = flow.in_review()
    assert proposal.review_started_at == flow.t0
    assert proposal.review_due == flow.t0 + timedelta(days=10)
    assert CoProposer.objects.filter(proposal=proposal).count() == 2
    assert kinds(proposal) == [
        "created",
        "submit",
        "coproposer_joined",
        "coproposer_joined",
        "coproposers_complete",
    ]
    # Co-proposers follow automatically.
    for person in flow.coproposers:
        assert Follow.objects.filter(user=person, object_id=proposal.pk).exists()


def test_coproposer_token_is_checked(flow, make_resident):
    proposal = flow.submitted()
    with pytest.raises(ProposalError, match="invitation link is not valid"):
        services.coproposer_join(
            proposal_id=proposal.pk,
            user=make_resident(),
            token="00000000-0000-0000-0000-000000000000",
            now=flow.t0,
        )


def test_author_cannot_coproposer(flow):
    proposal = flow.submitted()
    with pytest.raises(ProposalError, match="cannot also co-propose"):
        services.coproposer_join(
            proposal_id=proposal.pk, user=flow.author, token=proposal.coproposer_token, now=flow.t0
        )


def test_coproposer_twice_is_refused(flow):
    proposal = flow.submitted()
    person = flow.coproposers[0]
    join = {
        "proposal_id": proposal.pk,
        "user": person,
        "token": proposal.coproposer_token,
        "now": flow.t0,
    }
    services.coproposer_join(**join)
    with pytest.raises(ProposalError, match="already a co-proposer"):
        services.coproposer_join(**join)
    assert CoProposer.objects.filter(proposal=proposal).count() == 1
    assert Proposal.objects.get(pk=proposal.pk).state == "awaiting_coproposers"


def test_ineligible_coproposer_is_refused(flow, make_resident):
    proposal = flow.submitted()
    with pytest.raises(ProposalError, match="Confirm who you are"):
        services.coproposer_join(
            proposal_id=proposal.pk,
            user=make_resident(verified=False),
            token=proposal.coproposer_token,
            now=flow.t0,
        )


def test_no_coproposers_after_review_started(flow, make_resident):
    proposal = flow.in_review()
    with pytest.raises(ProposalError, match="not looking for co-proposers"):
        services.coproposer_join(
            proposal_id=proposal.pk,
            user=make_resident(),
            token=proposal.coproposer_token,
            now=flow.t0,
        )


# --- review ------------------------------------------------------------------------------------


def test_approve_freezes_an_absolute_threshold(flow, moderator, case_officer):
    proposal = flow.collecting(contact_person=case_officer)
    assert proposal.threshold == 3
    assert proposal.published_at == flow.t0
    assert proposal.collection_ends == flow.t0 + timedelta(days=180)
    assert proposal.contact_person == case_officer


def test_approve_without_contact_person_makes_the_reviewer_contact(flow, moderator):
    assert flow.collecting().contact_person == moderator


def test_share_threshold_is_rounded_up_and_frozen(flow, district):
    flow.rules.threshold_kind = "share"
    flow.rules.threshold_share_percent = Decimal("2.00")
    flow.rules.save()
    proposal = flow.collecting()
    # 2 % of 850 residents aged 15+ is 17.
    assert proposal.threshold == 17
    district.population_total = district.population_10_plus = 5_000
    district.population_15_plus = district.population_18_plus = 5_000
    district.save()
    proposal.refresh_from_db()
    assert proposal.threshold == 17


def test_share_threshold_rounds_up_fractions(flow, district):
    flow.rules.threshold_kind = "share"
    flow.rules.threshold_share_percent = Decimal("1.50")  # 1.5 % of 850 = 12.75
    flow.rules.save()
    assert flow.collecting().threshold == 13


def test_share_threshold_uses_the_population_at_the_minimum_age(flow):
    flow.rules.threshold_kind = "share"
    flow.rules.threshold_share_percent = Decimal("10")
    flow.rules.min_age = 18
    flow.rules.save()
    assert flow.collecting().threshold == 80  # 10 % of the 800 residents aged 18+


def test_share_threshold_without_area_counts_the_whole_municipality(flow, town, district):
    flow.rules.threshold_kind = "share"
    flow.rules.threshold_share_percent = Decimal("1")
    flow.rules.save()
    # Only top-level areas count (the district is inside the town): 1 % of 8 500.
    assert flow.collecting(area=None).threshold == 85


def test_only_reviewers_approve(flow, make_resident, secretary, other_municipality):
    proposal = flow.in_review()
    foreign_admin = grant(UserFactory(), "municipal_admin", other_municipality)
    for user in (make_resident(), flow.author, secretary, foreign_admin):
        with pytest.raises(ProposalError, match="role does not allow"):
            services.proposal_review_approve(
                proposal_id=proposal.pk, reviewer=user, contact_person=None, now=flow.t0
            )
    assert Proposal.objects.get(pk=proposal.pk).state == "in_review"


def test_approve_before_review_is_refused(flow, moderator):
    proposal = flow.submitted()
    with pytest.raises(ProposalError, match="cannot be done now"):
        services.proposal_review_approve(
            proposal_id=proposal.pk, reviewer=moderator, contact_person=None, now=flow.t0
        )


def test_reject_needs_reason_and_rule(flow, moderator):
    proposal = flow.in_review()
    for reason, rule in (("", "§ 3"), ("Ikke kommunens opgave", ""), ("  ", "  ")):
        with pytest.raises(ProposalError, match="reason and the rule"):
            services.proposal_review_reject(
                proposal_id=proposal.pk, reviewer=moderator, reason=reason, rule=rule, now=flow.t0
            )
    assert Proposal.objects.get(pk=proposal.pk).state == "in_review"


def test_reject_is_public_and_audited(flow, moderator):
    proposal = flow.in_review()
    services.proposal_review_reject(
        proposal_id=proposal.pk,
        reviewer=moderator,
        reason=" Ikke kommunens opgave ",
        rule="Regel 4",
        now=flow.t0,
    )
    proposal.refresh_from_db()
    assert proposal.state == "rejected_in_review"
    assert (proposal.rejection_reason, proposal.rejection_rule) == (
        "Ikke kommunens opgave",
        "Regel 4",
    )
    assert proposal.is_public
    event = ProposalEvent.objects.get(proposal=proposal, kind="reject")
    assert event.public and event.note == "Ikke kommunens opgave"
    assert event.actor_role == "moderator"
    entry = AuditEntry.objects.get(action="proposal.rejected_in_review")
    assert entry.actor == moderator
    assert entry.after["rejection_rule"] == "Regel 4"
    # Followers (the author and co-proposers) hear of it; the reviewer is not a follower.
    assert notified("proposal.reject", proposal) == ids(flow.author, *flow.coproposers)


# --- withdraw ----------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["draft", "submitted", "in_review", "collecting"])
def test_author_withdraws_before_the_threshold(flow, stage):
    proposal = getattr(flow, stage)()
    services.proposal_withdraw(proposal_id=proposal.pk, user=flow.author, reason="", now=flow.t0)
    proposal.refresh_from_db()
    assert proposal.state == "withdrawn"
    assert proposal.closed_at == flow.t0


def test_others_cannot_withdraw(flow, moderator):
    proposal = flow.collecting()
    for user in (flow.coproposers[0], moderator):
        with pytest.raises(ProposalError, match="Only the author"):
            services.proposal_withdraw(proposal_id=proposal.pk, user=user, reason="", now=flow.t0)


def test_no_withdrawal_after_the_threshold(flow, supporters):
    proposal = flow.referred(supporters)
    with pytest.raises(ProposalError, match="cannot be done now"):
        services.proposal_withdraw(
            proposal_id=proposal.pk, user=flow.author, reason="", now=flow.t0
        )


# --- supports ----------------------------------------------------------------------------------


def test_support_counts_and_hides_the_name_by_default(flow, supporters):
    proposal = flow.collecting()
    support = services.support_add(
        proposal_id=proposal.pk, user=supporters[0], show_name=False, now=flow.t0
    )
    assert (support.show_name, support.public_name, support.source) == (False, "", "online")
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_support_shows_the_name_only_when_chosen(flow, make_resident):
    proposal = flow.collecting()
    person = make_resident(name="Dorte Synlig")
    support = services.support_add(
        proposal_id=proposal.pk, user=person, show_name=True, now=flow.t0
    )
    assert (support.show_name, support.public_name) == (True, "Dorte Synlig")


def test_support_twice_is_refused(flow, supporters):
    proposal = flow.collecting()
    services.support_add(proposal_id=proposal.pk, user=supporters[0], show_name=False, now=flow.t0)
    with pytest.raises(ProposalError, match="already supported"):
        services.support_add(
            proposal_id=proposal.pk, user=supporters[0], show_name=True, now=flow.t0
        )
    proposal.refresh_from_db()
    assert proposal.support_count == Support.objects.filter(proposal=proposal).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"verified": False}, "Confirm who you are with eID"),
        ({"level": 1}, "not strong enough"),
        ({"birth": date(2011, 1, 1)}, "at least 15 years old"),
        ({"area": "sibling"}, "residents of the proposal's area"),
        ({"area": "other"}, "residents of the municipality"),
    ],
)
def test_ineligible_supporters_get_the_right_refusal(
    flow, make_resident, sibling_district, other_area, kwargs, message
):
    if kwargs.get("area") == "sibling":
        kwargs["area"] = sibling_district
    elif kwargs.get("area") == "other":
        kwargs["area"] = other_area
    proposal = flow.collecting()
    with pytest.raises(ProposalError, match=message):
        services.support_add(
            proposal_id=proposal.pk, user=make_resident(**kwargs), show_name=False, now=flow.t0
        )
    assert Proposal.objects.get(pk=proposal.pk).support_count == 0


def test_support_before_publication_is_refused(flow, supporters):
    proposal = flow.in_review()
    with pytest.raises(ProposalError, match="not collecting support"):
        services.support_add(
            proposal_id=proposal.pk, user=supporters[0], show_name=False, now=flow.t0
        )


def test_support_withdrawn_while_collecting(flow, supporters):
    proposal = flow.collecting()
    services.support_add(proposal_id=proposal.pk, user=supporters[0], show_name=True, now=flow.t0)
    services.support_withdraw(
        proposal_id=proposal.pk, user=supporters[0], now=flow.t0 + timedelta(days=179)
    )
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert not Support.objects.filter(proposal=proposal).exists()
    with pytest.raises(ProposalError, match="have not supported"):
        services.support_withdraw(proposal_id=proposal.pk, user=supporters[0], now=flow.t0)


def test_support_cannot_be_withdrawn_after_the_window(flow, supporters):
    proposal = flow.collecting()
    services.support_add(proposal_id=proposal.pk, user=supporters[0], show_name=False, now=flow.t0)
    with pytest.raises(ProposalError, match="collection has closed"):
        services.support_withdraw(
            proposal_id=proposal.pk, user=supporters[0], now=proposal.collection_ends
        )
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_support_goes_on_after_referral_until_the_window_closes(flow, supporters, make_resident):
    """As on borgerforslag.dk: the committee sees the full backing; the referral stays."""
    proposal = flow.referred(supporters)
    late = make_resident()
    services.support_add(proposal_id=proposal.pk, user=late, show_name=False, now=flow.t0)
    services.support_withdraw(proposal_id=proposal.pk, user=supporters[0], now=flow.t0)
    proposal.refresh_from_db()
    assert proposal.state == "referred"
    assert proposal.support_count == Support.objects.filter(proposal=proposal).count() == 3
    after = proposal.collection_ends
    with pytest.raises(ProposalError, match="collection has closed"):
        services.support_withdraw(proposal_id=proposal.pk, user=supporters[1], now=after)
    with pytest.raises(ProposalError, match="has ended"):
        services.support_add(
            proposal_id=proposal.pk, user=make_resident(), show_name=False, now=after
        )


def test_threshold_reached_refers_exactly_once(
    flow, supporters, secretary, council, django_capture_on_commit_callbacks
):
    proposal = flow.collecting()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for person in supporters:
            services.support_add(proposal_id=proposal.pk, user=person, show_name=False, now=flow.t0)
    proposal.refresh_from_db()
    assert proposal.state == "referred"
    assert proposal.support_count == 3
    assert proposal.threshold_reached_at == proposal.referred_at == flow.t0
    assert proposal.committee == council
    assert proposal.answer_due == flow.t0.replace(month=9)  # six months after 3 March
    assert kinds(proposal).count("threshold_reached") == 1
    assert kinds(proposal).count("refer") == 1
    assert notified("proposal.referred_to_you", proposal) == ids(secretary)
    followers = ids(flow.author, *flow.coproposers)
    assert notified("proposal.threshold_reached", proposal) == followers
    assert notified("proposal.refer", proposal) == followers
    recipients = {message.to[0] for message in mail.outbox}
    assert secretary.email in recipients
    assert {u.email for u in (flow.author, *flow.coproposers)} <= recipients


def test_referral_falls_back_to_the_council(flow, supporters, council):
    flow.rules.default_committee = None
    flow.rules.save()
    assert flow.referred(supporters).committee == council


# --- paper signatures --------------------------------------------------------------------------


def paper(proposal, staff, *, name="Erik Papir", birth=date(1970, 1, 2), **kw):  # type: ignore[no-untyped-def]
    return services.paper_support_add(
        proposal_id=proposal.pk,
        staff=staff,
        name=name,
        birth_date=birth,
        address=kw.pop("address", "Søvej 1, 2800 Lyngby"),
        address_in_area=kw.pop("address_in_area", True),
        sheet_reference=kw.pop("sheet_reference", "Ark 7"),
        now=kw.pop("now", proposal.published_at),
    )


def test_paper_signature_is_counted_and_audited(flow, case_officer):
    proposal = flow.collecting()
    support = paper(proposal, case_officer, sheet_reference=" Ark 7 ")
    assert (support.source, support.entered_by, support.sheet_reference) == (
        "paper",
        case_officer,
        "Ark 7",
    )
    assert support.user is None and support.match_key
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1
    entry = AuditEntry.objects.get(action="proposal.paper_support_added")
    assert entry.actor == case_officer
    assert entry.after == {"sheet": "Ark 7", "support": support.pk}


def test_same_paper_signature_twice_is_refused(flow, case_officer):
    proposal = flow.collecting()
    paper(proposal, case_officer)
    with pytest.raises(ProposalError, match="already supported"):
        paper(proposal, case_officer, name="  erik   PAPIR ", sheet_reference="Ark 8")
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_paper_after_online_is_refused(flow, make_resident, case_officer):
    proposal = flow.collecting()
    person = make_resident(name="Frida Online", birth=date(1990, 6, 1))
    services.support_add(proposal_id=proposal.pk, user=person, show_name=False, now=flow.t0)
    with pytest.raises(ProposalError, match="already supported the proposal, online or on paper"):
        paper(proposal, case_officer, name="Frida Online", birth=date(1990, 6, 1))
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_online_after_paper_is_refused(flow, make_resident, case_officer):
    proposal = flow.collecting()
    paper(proposal, case_officer, name="Frida Online", birth=date(1990, 6, 1))
    person = make_resident(name="Frida Online", birth=date(1990, 6, 1))
    with pytest.raises(ProposalError, match="already supported"):
        services.support_add(proposal_id=proposal.pk, user=person, show_name=False, now=flow.t0)
    proposal.refresh_from_db()
    assert proposal.support_count == Support.objects.filter(proposal=proposal).count() == 1


def test_paper_with_a_different_birth_date_is_another_person(flow, make_resident, case_officer):
    proposal = flow.collecting()
    person = make_resident(name="Frida Online", birth=date(1990, 6, 1))
    services.support_add(proposal_id=proposal.pk, user=person, show_name=False, now=flow.t0)
    paper(proposal, case_officer, name="Frida Online", birth=date(1990, 6, 2))
    assert Proposal.objects.get(pk=proposal.pk).support_count == 2


def test_paper_under_min_age_is_refused(flow, case_officer):
    proposal = flow.collecting()
    with pytest.raises(ProposalError, match="younger than 15"):
        paper(proposal, case_officer, birth=date(2011, 1, 1))
    paper(proposal, case_officer, birth=date(2010, 12, 31))  # 15 this year


def test_paper_needs_the_address_box_ticked(flow, case_officer):
    proposal = flow.collecting()
    with pytest.raises(ProposalError, match="tick the box"):
        paper(proposal, case_officer, address_in_area=False)
    with pytest.raises(ProposalError, match="name and the address"):
        paper(proposal, case_officer, name="  ")
    assert not Support.objects.filter(proposal=proposal).exists()


def test_paper_only_by_reviewing_staff(flow, secretary, make_resident):
    proposal = flow.collecting()
    for user in (secretary, make_resident()):
        with pytest.raises(ProposalError, match="role does not allow"):
            paper(proposal, user)


def test_paper_signatures_reach_the_threshold(flow, case_officer, secretary):
    proposal = flow.collecting()
    for i in range(3):
        paper(proposal, case_officer, name=f"Papir {i}")
    proposal.refresh_from_db()
    assert proposal.state == "referred"
    assert kinds(proposal).count("refer") == 1


def test_paper_after_the_window_is_refused(flow, case_officer):
    proposal = flow.collecting()
    with pytest.raises(ProposalError, match="not collecting support"):
        paper(proposal, case_officer, now=proposal.collection_ends)


# --- committee: referral, answer, finish -------------------------------------------------------


def test_referral_update_places_on_an_agenda(flow, supporters, secretary, council):
    proposal = flow.referred(supporters)
    meeting = flow.t0 + timedelta(days=40)
    services.proposal_referral_update(
        proposal_id=proposal.pk,
        secretary=secretary,
        committee=council,
        case_number=" 2025-0042 ",
        meeting_at=meeting,
        now=flow.t0,
    )
    proposal.refresh_from_db()
    assert (proposal.case_number, proposal.meeting_at) == ("2025-0042", meeting)
    # With answer_kind "months" the due date stays six months after referral.
    assert proposal.answer_due == flow.t0.replace(month=9)
    assert notified("proposal.scheduled", proposal) == ids(flow.author, *flow.coproposers)
    assert AuditEntry.objects.filter(action="proposal.scheduled", actor=secretary).exists()


def test_referral_update_refuses_a_foreign_committee_and_wrong_state(
    flow, supporters, secretary, council, other_municipality
):
    from tests.factories import CommitteeFactory

    collecting = flow.collecting(title="Endnu ikke henvist")
    with pytest.raises(ProposalError, match="Only a referred proposal"):
        services.proposal_referral_update(
            proposal_id=collecting.pk,
            secretary=secretary,
            committee=council,
            case_number="",
            meeting_at=None,
            now=flow.t0,
        )
    proposal = flow.referred(supporters)
    with pytest.raises(ProposalError, match="committee of this municipality"):
        services.proposal_referral_update(
            proposal_id=proposal.pk,
            secretary=secretary,
            committee=CommitteeFactory(municipality=other_municipality),
            case_number="",
            meeting_at=None,
            now=flow.t0,
        )


def test_answer_needs_decision_and_text(flow, supporters, secretary):
    proposal = flow.referred(supporters)
    for decision, text in (("", "Svar"), ("maybe", "Svar"), ("adopted", "   ")):
        with pytest.raises(ProposalError):
            services.proposal_answer(
                proposal_id=proposal.pk,
                secretary=secretary,
                decision=decision,
                answer_text=text,
                now=flow.t0,
            )
    assert Proposal.objects.get(pk=proposal.pk).state == "referred"


def test_answer_then_implement(flow, supporters, secretary, case_officer):
    proposal = flow.referred(supporters)
    later = flow.t0 + timedelta(days=60)
    services.proposal_answer(
        proposal_id=proposal.pk,
        secretary=secretary,
        decision="adopted",
        answer_text=" Vi sætter bænke op. ",
        now=later,
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision, proposal.answer_text, proposal.answered_at) == (
        "answered",
        "adopted",
        "Vi sætter bænke op.",
        later,
    )
    assert notified("proposal.answer", proposal) == ids(flow.author, *flow.coproposers)
    assert AuditEntry.objects.filter(action="proposal.answered").exists()
    services.proposal_finish(
        proposal_id=proposal.pk, staff=case_officer, implemented=True, note="Opsat", now=later
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.closed_at) == ("implemented", later)
    assert notified("proposal.implement", proposal) == ids(flow.author, *flow.coproposers)


def test_answer_then_close(flow, supporters, secretary):
    proposal = flow.referred(supporters)
    services.proposal_answer(
        proposal_id=proposal.pk,
        secretary=secretary,
        decision="rejected",
        answer_text="Nej.",
        now=flow.t0,
    )
    services.proposal_finish(
        proposal_id=proposal.pk, staff=secretary, implemented=False, note="", now=flow.t0
    )
    assert Proposal.objects.get(pk=proposal.pk).state == "closed"


def test_answer_and_finish_refused_in_the_wrong_state_or_role(
    flow, supporters, secretary, moderator
):
    collecting = flow.collecting(title="Samler stadig")
    with pytest.raises(ProposalError, match="cannot be done now"):
        services.proposal_answer(
            proposal_id=collecting.pk,
            secretary=secretary,
            decision="adopted",
            answer_text="Ja",
            now=flow.t0,
        )
    with pytest.raises(ProposalError, match="cannot be done now"):
        services.proposal_finish(
            proposal_id=collecting.pk, staff=secretary, implemented=True, note="", now=flow.t0
        )
    referred = flow.referred(supporters)
    with pytest.raises(ProposalError, match="role does not allow"):
        services.proposal_answer(
            proposal_id=referred.pk,
            secretary=moderator,
            decision="adopted",
            answer_text="Ja",
            now=flow.t0,
        )


# --- questions to the contact person -----------------------------------------------------------


def test_questions_only_from_proposers(flow, case_officer, make_resident, moderator):
    proposal = flow.collecting(contact_person=case_officer)
    for asker in (flow.author, flow.coproposers[1]):
        question = services.question_ask(
            proposal_id=proposal.pk, user=asker, text=" Hvornår? ", now=flow.t0
        )
        assert question.text == "Hvornår?"
        assert question.due_at == flow.t0 + timedelta(days=14)
    assert notified("proposal.question", proposal) == ids(case_officer)
    for outsider in (make_resident(), moderator):
        with pytest.raises(ProposalError, match="Only the proposer and the co-proposers"):
            services.question_ask(proposal_id=proposal.pk, user=outsider, text="Hej", now=flow.t0)
    with pytest.raises(ProposalError, match="Write your question"):
        services.question_ask(proposal_id=proposal.pk, user=flow.author, text=" ", now=flow.t0)


def test_no_question_before_there_is_a_contact_person(flow):
    proposal = flow.in_review()
    with pytest.raises(ProposalError, match="no contact person yet"):
        services.question_ask(proposal_id=proposal.pk, user=flow.author, text="Hej", now=flow.t0)


def test_question_answered_by_staff_notifies_the_asker(flow, case_officer, make_resident):
    proposal = flow.collecting(contact_person=case_officer)
    question = services.question_ask(
        proposal_id=proposal.pk, user=flow.coproposers[0], text="Hvornår?", now=flow.t0
    )
    with pytest.raises(ProposalError, match="role does not allow"):
        services.question_answer(
            question_id=question.pk, staff=make_resident(), answer="Snart", now=flow.t0
        )
    services.question_answer(
        question_id=question.pk, staff=case_officer, answer=" Snart ", now=flow.t0
    )
    question = Question.objects.get(pk=question.pk)
    assert (question.answer, question.answered_by) == ("Snart", case_officer)
    assert notified("proposal.question_answered", proposal) == ids(flow.coproposers[0])


def test_answer_with_an_attachment(flow, supporters, secretary):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = flow.referred(supporters)
    services.proposal_answer(
        proposal_id=proposal.pk,
        secretary=secretary,
        decision="adopted",
        answer_text="Udvalget siger ja.",
        now=flow.t0,
        attachment=SimpleUploadedFile("referat.pdf", b"%PDF-1.4 test"),
        attachment_title="Referat",
    )
    attachment = proposal.attachments.get()
    assert attachment.title == "Referat" and attachment.file.name.endswith(".pdf")


def test_staff_do_not_see_unsubmitted_drafts(flow, municipality, moderator):
    from medborger.proposals import selectors

    draft = flow.draft()
    assert not selectors.proposals_visible_to(user=moderator, municipality=municipality).filter(
        pk=draft.pk
    )
    assert selectors.proposal_for_staff(municipality=municipality, pk=draft.pk) is None


def test_a_share_threshold_needs_population_figures(flow, rules, district, moderator):
    rules.threshold_kind = "share"
    rules.threshold_share_percent = 2
    rules.threshold_absolute = None
    rules.save()
    district.population_total = district.population_10_plus = 0
    district.population_15_plus = district.population_18_plus = 0
    district.save()
    proposal = flow.in_review()
    with pytest.raises(ProposalError, match="no population figures"):
        services.proposal_review_approve(
            proposal_id=proposal.pk, reviewer=moderator, contact_person=None, now=flow.t0
        )


def test_a_question_is_answered_once(flow, supporters, case_officer, author):
    proposal = flow.collecting(contact_person=case_officer)
    question = services.question_ask(
        proposal_id=proposal.pk, user=author, text="Hvornår?", now=flow.t0
    )
    services.question_answer(
        question_id=question.pk, staff=case_officer, answer="I maj.", now=flow.t0
    )
    with pytest.raises(ProposalError, match="already been answered"):
        services.question_answer(
            question_id=question.pk, staff=case_officer, answer="Nej", now=flow.t0
        )
