"""Casting, changing and entering ballots: who may vote, when, what a valid ballot is, one ballot
per person (online or on paper), and the wall between the register and the box."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.db import models
from django.utils import timezone

from medborger.budgeting.models import Ballot, PaperBallotSheet, VoterRegister
from medborger.budgeting.selectors import budgeting_export
from medborger.budgeting.services import (
    BudgetError,
    ballot_cast,
    paper_sheet_confirm,
    paper_sheet_enter,
    tally,
)
from medborger.core.personal_data import export_all
from tests.budgeting.conftest import CLOSES, OPENS, make_process, pick
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def cast(process, user, choice, now, **kw):  # type: ignore[no-untyped-def]
    return ballot_cast(process_id=process.pk, user=user, choice=choice, now=now, **kw)


# --- eligibility ---------------------------------------------------------------------------------


def test_a_verified_resident_of_the_area_votes_and_gets_a_receipt(process, projects, voter, now):
    receipt = cast(process, voter, pick(projects[0]), now)
    assert len(receipt) == 19 and receipt.count("-") == 3
    ballot = Ballot.objects.get(process=process)
    assert ballot.receipt_code == receipt and ballot.position == 1 and ballot.channel == "online"
    assert ballot.choice == pick(projects[0])
    row = VoterRegister.objects.get(process=process)
    # days, not times: the register's timing cannot be lined up with the box's positions
    assert row.first_voted_on == row.last_changed_on == timezone.localdate(now)
    assert isinstance(row.pk, uuid.UUID)


def test_a_resident_of_an_area_inside_the_process_area_may_vote(
    municipality, town, district, projects, make_voter, now
):
    from medborger.budgeting.models import BudgetProcess

    BudgetProcess.objects.filter(pk=projects[0].process_id).update(area=town)
    cast(projects[0].process, make_voter(area=district), pick(projects[0]), now)
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("unverified", "Log in with MitID or BankID to vote."),
        ("low_level", "not secure enough"),
        ("too_young", "You must turn 10 this year or be older to vote."),
        ("other_municipality", "Only residents of"),
        ("sibling_area", "Only residents of Sorgenfri can vote."),
    ],
)
def test_who_may_not_vote_is_told_why(
    kind, message, process, projects, make_voter, sibling_district, other_area, now
):  # type: ignore[no-untyped-def]
    user = {
        "unverified": lambda: make_voter(verified=False),
        "low_level": lambda: make_voter(level=1),
        "too_young": lambda: make_voter(birth=date(now.year - 9, 1, 1)),
        "other_municipality": lambda: make_voter(area=other_area),
        "sibling_area": lambda: make_voter(area=sibling_district),
    }[kind]()
    with pytest.raises(BudgetError, match=message):
        cast(process, user, pick(projects[0]), now)
    assert not Ballot.objects.exists() and not VoterRegister.objects.exists()


def test_age_counts_by_birth_year(process, projects, make_voter, now):
    """Turning 10 on New Year's Eve of the voting year is old enough."""
    cast(process, make_voter(birth=date(now.year - 10, 12, 31)), pick(projects[0]), now)


def test_min_age_comes_from_the_municipality_unless_set(
    municipality, process, projects, make_voter, now
):
    assert process.effective_min_age == municipality.min_age_budget == 10
    process.min_age = 18
    process.save()
    with pytest.raises(BudgetError, match="turn 18"):
        cast(process, make_voter(birth=date(now.year - 17, 1, 1)), pick(projects[0]), now)


# --- phase --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (OPENS - timedelta(seconds=1), "Voting has not opened yet."),
        (CLOSES, "Voting has closed."),
        (CLOSES + timedelta(days=1), "Voting has closed."),
    ],
)
def test_votes_outside_the_window_are_refused(when, message, process, projects, voter):  # type: ignore[no-untyped-def]
    with pytest.raises(BudgetError, match=message):
        cast(process, voter, pick(projects[0]), when)
    assert not Ballot.objects.exists()


def test_the_first_and_last_moment_are_inside(process, projects, make_voter):
    cast(process, make_voter(), pick(projects[0]), OPENS)
    cast(process, make_voter(), pick(projects[0]), CLOSES - timedelta(microseconds=1))
    assert Ballot.objects.count() == 2


# --- valid ballots ------------------------------------------------------------------------------


def test_over_budget_is_refused_with_the_amounts(process, projects, voter, now):
    with pytest.raises(BudgetError) as caught:
        cast(process, voter, pick(projects[0], projects[1]), now)
    assert str(caught.value) == "Your choice costs 210.000 kr, but the pool is 200.000 kr."
    assert not VoterRegister.objects.exists()


def test_too_many_projects_are_refused(process, projects, voter, now):
    process.max_projects = 1
    process.save()
    with pytest.raises(BudgetError) as caught:
        cast(process, voter, pick(projects[1], projects[2]), now)
    assert str(caught.value) == "Choose at most 1 project. You chose 2."


def test_too_few_projects_are_refused(process, projects, voter, now):
    process.min_projects = 2
    process.save()
    with pytest.raises(BudgetError) as caught:
        cast(process, voter, pick(projects[2]), now)
    assert str(caught.value) == "Choose at least 2 projects. You chose 1."


def test_an_empty_ballot_and_a_project_not_on_the_ballot_are_refused(process, projects, voter, now):
    with pytest.raises(BudgetError, match=r"Choose at least one project\."):
        cast(process, voter, {}, now)
    infeasible = process.projects.get(status="infeasible")
    with pytest.raises(BudgetError, match="not on the ballot"):
        cast(process, voter, pick(infeasible), now)
    with pytest.raises(BudgetError, match="Tick each project"):
        cast(process, voter, pick(projects[0], points=3), now)


def test_several_pools_each_must_fit(process, pool, projects, voter, now):
    from medborger.budgeting.models import BudgetProject, Pool

    green = Pool.objects.create(process=process, name="Grønt", amount=50_000)
    park = BudgetProject.objects.create(
        process=process, pool=green, title="Park", cost=60_000, status="feasible"
    )
    with pytest.raises(BudgetError) as caught:
        cast(process, voter, pick(park), now)
    assert str(caught.value) == "Your choice in Grønt costs 60.000 kr, but the pool is 50.000 kr."


def test_cumulative_points(municipality, district, now, make_voter):
    from medborger.budgeting.models import BudgetProject, Pool

    process = make_process(
        municipality,
        district,
        slug="point",
        ballot_type="cumulative",
        total_points=5,
        max_points_per_project=3,
        counting_rule="mes",
    )
    pool = Pool.objects.create(process=process, name="Alt", amount=100)
    a, b = (
        BudgetProject.objects.create(
            process=process, pool=pool, title=t, cost=60, status="feasible"
        )
        for t in "AB"
    )
    with pytest.raises(BudgetError, match="at most 3 points to one project"):
        cast(process, make_voter(), {str(a.pk): 4}, now)
    with pytest.raises(BudgetError, match=r"You have 5 points to spread, but you gave 6\."):
        cast(process, make_voter(), {str(a.pk): 3, str(b.pk): 3}, now)
    cast(process, make_voter(), {str(a.pk): 3, str(b.pk): 2}, now)
    cast(process, make_voter(), {str(a.pk): 1, str(b.pk): 3}, now)
    result = tally(process=process)
    assert result.points == {str(a.pk): 4, str(b.pk): 5}
    assert len(result.selected) == 1


# --- one ballot per person, and changing it ------------------------------------------------------


def test_one_ballot_per_person(process, projects, voter, now):
    cast(process, voter, pick(projects[0]), now)
    with pytest.raises(BudgetError) as caught:
        cast(process, voter, pick(projects[1]), now)
    assert str(caught.value) == "You have already voted. Use your receipt to change your vote."
    assert Ballot.objects.count() == VoterRegister.objects.count() == 1


def test_changing_with_the_receipt_supersedes_the_old_ballot(process, projects, voter, now):
    first = cast(process, voter, pick(projects[0]), now)
    later = now + timedelta(days=1)
    second = cast(process, voter, pick(projects[1]), later, replaces_receipt=first.lower())
    third = cast(process, voter, pick(projects[2]), later, replaces_receipt=second)
    ballots = list(Ballot.objects.order_by("position"))
    assert [b.receipt_code for b in ballots] == [first, second, third]
    assert [b.superseded for b in ballots] == [True, True, False]
    assert [b.replaces_receipt for b in ballots] == ["", first, second]
    row = VoterRegister.objects.get()
    assert row.first_voted_on == timezone.localdate(now)
    assert row.last_changed_on == timezone.localdate(later)
    assert tally(process=process).points == {str(projects[2].pk): 1}
    with pytest.raises(BudgetError, match="does not belong to your current vote"):
        cast(process, voter, pick(projects[0]), later, replaces_receipt=first)


def test_a_wrong_or_someone_elses_receipt_is_refused(process, projects, make_voter, now):
    anna, bo = make_voter(), make_voter()
    annas = cast(process, anna, pick(projects[0]), now)
    cast(process, bo, pick(projects[1]), now)
    with pytest.raises(BudgetError, match="does not belong to your current vote"):
        cast(process, bo, pick(projects[2]), now, replaces_receipt=annas)
    with pytest.raises(BudgetError, match="does not belong to your current vote"):
        cast(process, bo, pick(projects[2]), now, replaces_receipt="AAAA-BBBB-CCCC-DDDD")
    with pytest.raises(BudgetError, match="not voted yet"):
        cast(process, make_voter(), pick(projects[2]), now, replaces_receipt=annas)
    assert not Ballot.objects.filter(superseded=True).exists()
    assert Ballot.objects.count() == 2


# --- paper ----------------------------------------------------------------------------------------


def enter(process, clerk, now, choice, name="Per Papir", birth=date(1970, 2, 3)):  # type: ignore[no-untyped-def]
    return paper_sheet_enter(
        process_id=process.pk, staff=clerk, name=name, birth_date=birth, choice=choice, now=now
    )


def test_paper_needs_two_different_staff_members(process, projects, clerks, now):
    first, second = clerks
    sheet = enter(process, first, now, pick(projects[0]))
    assert sheet.state == "pending" and not Ballot.objects.exists()
    with pytest.raises(BudgetError, match="Another staff member must confirm"):
        paper_sheet_confirm(sheet_id=sheet.pk, staff=first, now=now)
    receipt = paper_sheet_confirm(sheet_id=sheet.pk, staff=second, now=now)
    ballot = Ballot.objects.get()
    assert ballot.receipt_code == receipt and ballot.channel == "paper"
    assert VoterRegister.objects.get().channel == "paper"
    sheet.refresh_from_db()
    assert sheet.state == "confirmed" and sheet.confirmed_by == second
    assert sheet.choice == {}, "the confirmed sheet no longer says what the ballot says"
    with pytest.raises(BudgetError, match="already been confirmed"):
        paper_sheet_confirm(sheet_id=sheet.pk, staff=second, now=now)


def test_residents_and_moderators_cannot_enter_paper(process, projects, voter, moderator, now):
    for user in (voter, moderator):
        with pytest.raises(BudgetError, match="role does not allow"):
            enter(process, user, now, pick(projects[0]))


def test_a_paper_ballot_is_validated_when_entered(process, projects, clerks, now):
    with pytest.raises(BudgetError, match=r"210\.000 kr"):
        enter(process, clerks[0], now, pick(projects[0], projects[1]))


def test_paper_then_online_is_refused(process, projects, clerks, make_voter, now):
    sheet = enter(
        process, clerks[0], now, pick(projects[0]), name="Eva Ensom", birth=date(1980, 5, 17)
    )
    paper_sheet_confirm(sheet_id=sheet.pk, staff=clerks[1], now=now)
    eva = make_voter(name="Eva Ensom", birth=date(1980, 5, 17))
    with pytest.raises(BudgetError, match="You have already voted"):
        cast(process, eva, pick(projects[1]), now)
    assert Ballot.objects.count() == VoterRegister.objects.count() == 1


def test_online_then_paper_is_refused(process, projects, clerks, make_voter, now):
    eva = make_voter(name="Eva Ensom", birth=date(1980, 5, 17))
    cast(process, eva, pick(projects[1]), now)
    sheet = enter(
        process, clerks[0], now, pick(projects[0]), name="eva  ensom", birth=date(1980, 5, 17)
    )
    with pytest.raises(BudgetError, match="already voted, online or on paper"):
        paper_sheet_confirm(sheet_id=sheet.pk, staff=clerks[1], now=now)
    sheet.refresh_from_db()
    assert sheet.state == "pending"
    assert Ballot.objects.count() == VoterRegister.objects.count() == 1


def test_the_same_paper_voter_twice_is_refused(process, projects, clerks, now):
    for _i in range(2):
        sheet = enter(process, clerks[0], now, pick(projects[0]))
    paper_sheet_confirm(
        sheet_id=PaperBallotSheet.objects.order_by("pk").first().pk, staff=clerks[1], now=now
    )
    with pytest.raises(BudgetError, match="already voted"):
        paper_sheet_confirm(sheet_id=sheet.pk, staff=clerks[1], now=now)


# --- the wall between the register and the box -----------------------------------------------------


def test_register_and_box_share_no_field():
    register = {f.name for f in VoterRegister._meta.get_fields()}
    box = {f.name for f in Ballot._meta.get_fields()}
    assert register & box == {"id", "process", "channel"}
    for field in Ballot._meta.get_fields():
        if isinstance(field, models.ForeignKey):
            assert field.related_model is not VoterRegister
        assert "person" not in field.name and "user" not in field.name and "mac" not in field.name
    for field in VoterRegister._meta.get_fields():
        if isinstance(field, models.ForeignKey):
            assert field.related_model is not Ballot
        assert "choice" not in field.name and "receipt_code" not in field.name


def test_the_register_does_not_hold_the_receipt(process, projects, voter, now):
    receipt = cast(process, voter, pick(projects[0]), now)
    values = VoterRegister.objects.values().get()
    assert receipt not in {str(v) for v in values.values()}


def test_the_export_says_that_a_person_voted_but_not_what(process, projects, voter, clerks, now):
    first = cast(process, voter, pick(projects[0]), now)
    cast(process, voter, pick(projects[2]), now + timedelta(hours=1), replaces_receipt=first)
    data = budgeting_export(voter)
    assert data["voted"] == [
        {
            "process": "Sorgenfri bestemmer",
            "channel": "online",
            "first_voted_on": timezone.localdate(now).isoformat(),
            "last_changed_on": timezone.localdate(now + timedelta(hours=1)).isoformat(),
        }
    ]
    text = str(export_all(voter))
    for project in projects:
        assert str(project.pk) not in str(data) or project.title not in text
        assert project.title not in text
    assert "choice" not in text and first not in text
    staff = budgeting_export(clerks[0])
    assert staff == {"voted": [], "paper_ballots_handled": [], "ideas": [], "ideas_reviewed": []}


def test_a_staff_members_export_lists_the_sheets_without_choices(process, projects, clerks, now):
    sheet = enter(process, clerks[0], now, pick(projects[0]))
    paper_sheet_confirm(sheet_id=sheet.pk, staff=clerks[1], now=now)
    handled = budgeting_export(clerks[1])["paper_ballots_handled"]
    assert handled == [
        {
            "process": "Sorgenfri bestemmer",
            "entered_by_you": False,
            "confirmed_by_you": True,
            "state": "confirmed",
            "entered_at": now.isoformat(),
        }
    ]


def test_a_platform_admin_may_confirm(process, projects, clerks, now):
    admin = grant(UserFactory(), "platform_admin", None)
    sheet = enter(process, clerks[0], now, pick(projects[0]))
    paper_sheet_confirm(sheet_id=sheet.pk, staff=admin, now=now)


def test_a_receipt_typed_with_lookalike_digits_is_understood():
    from medborger.budgeting.services import normalise_receipt

    assert normalise_receipt("l4oo 1b8x-2345 67ab") == "L4OO-IBBX-2345-67AB"
    assert normalise_receipt("L400-IBBX-2345-67AB") == "L4OO-IBBX-2345-67AB"


# --- pools per area ----------------------------------------------------------------------------


@pytest.fixture
def area_pools(municipality, town, district, sibling_district):  # type: ignore[no-untyped-def]
    """A town-wide budget with one pool for everyone and one for Virum's residents only."""
    from medborger.budgeting.models import BudgetProject, Pool

    process = make_process(municipality, town, slug="omraader", max_projects=None)
    everyone = Pool.objects.create(process=process, name="Hele byen", amount=100_000)
    virum = Pool.objects.create(
        process=process, name="Virums pulje", amount=50_000, area=sibling_district
    )
    made = {
        title: BudgetProject.objects.create(
            process=process, pool=pool, title=title, cost=cost, status="feasible"
        )
        for title, pool, cost in (
            ("Bibliotek", everyone, 60_000),
            ("Virum Skov", virum, 30_000),
            ("Virum Sø", virum, 30_000),
        )
    }
    return process, made


def test_a_pool_of_an_area_is_voted_on_by_its_residents_only(
    area_pools, make_voter, district, sibling_district, now
):
    process, made = area_pools
    sorgenfri = make_voter(area=district)
    with pytest.raises(BudgetError, match="Only residents of Virum vote on the projects in Virums"):
        cast(process, sorgenfri, pick(made["Bibliotek"], made["Virum Skov"]), now)
    assert not Ballot.objects.filter(process=process).exists()
    cast(process, sorgenfri, pick(made["Bibliotek"]), now)
    cast(process, make_voter(area=sibling_district), pick(made["Virum Skov"]), now)
    cast(process, make_voter(area=sibling_district), pick(made["Virum Sø"], made["Bibliotek"]), now)


def test_an_area_pool_shares_its_money_among_those_who_voted_in_it(
    area_pools, make_voter, district, sibling_district, now
):
    """Equal shares per pool: Virum's 50.000 kr is split among Virum's two voters only, so each
    holds 25.000 kr and one 30.000 kr project cannot be bought; counting the two Sorgenfri voters
    with no say in that pool would have thinned the shares further."""
    process, made = area_pools
    process.counting_rule = "mes"
    process.ballot_type = "approval"
    process.save()
    for _ in range(2):
        cast(process, make_voter(area=district), pick(made["Bibliotek"]), now)
    cast(
        process, make_voter(area=sibling_district), pick(made["Virum Skov"], made["Virum Sø"]), now
    )
    cast(process, make_voter(area=sibling_district), pick(made["Virum Skov"]), now)
    selected = set(tally(process=process).selected)
    assert str(made["Bibliotek"].pk) in selected
    assert str(made["Virum Skov"].pk) in selected  # 2 × 25.000 kr ≥ 30.000 kr
    assert str(made["Virum Sø"].pk) not in selected
