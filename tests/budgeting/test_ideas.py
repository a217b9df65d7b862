"""Ideas for a participatory budget: sending one in, the review with a public reason, merging
duplicates, the author's answer, and the pages for residents and staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from medborger.budgeting import ideas
from medborger.budgeting.models import BudgetProject
from medborger.budgeting.services import BudgetError
from medborger.core.models import AuditEntry
from medborger.notifications.models import Notification
from medborger.places.models import Organisation
from tests.budgeting.conftest import OPENS
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

IDEAS_OPEN = OPENS - timedelta(days=40)
IDEAS_CLOSE = OPENS - timedelta(days=14)
DURING = IDEAS_OPEN + timedelta(days=3)
REVIEW = IDEAS_CLOSE + timedelta(days=2)


@pytest.fixture
def idea_process(process, pool):  # type: ignore[no-untyped-def]
    process.ideas_open = IDEAS_OPEN
    process.ideas_close = IDEAS_CLOSE
    process.max_cost_share = 50  # at most 100.000 kr of the 200.000 kr pool
    process.save()
    return process


def submit(process, user, now=DURING, **kw):  # type: ignore[no-untyped-def]
    values = {
        "title": "Shelter ved søen",
        "description": "Et shelter til fem, som skoler og spejdere kan bruge.",
        "pool_id": process.pools.get().pk,
        "estimated_cost": 60_000,
        "area_id": None,
        "location": "Sorgenfri Sø",
        "organisation_id": None,
    }
    values.update(kw)
    return ideas.idea_submit(process_id=process.pk, user=user, now=now, **values)


# --- services ---------------------------------------------------------------------------------


def test_a_resident_sends_in_an_idea_in_the_idea_phase(idea_process, voter):
    project = submit(idea_process, voter)
    assert project.status == "submitted" and project.author == voter
    assert project.cost == project.estimated_cost == 60_000
    assert AuditEntry.objects.filter(action="budget.idea_submit").count() == 1


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (IDEAS_OPEN - timedelta(days=1), "cannot be sent in yet"),
        (REVIEW, "time for ideas has ended"),
    ],
)
def test_ideas_only_in_the_idea_phase(idea_process, voter, when, message):
    with pytest.raises(BudgetError, match=message):
        submit(idea_process, voter, now=when)
    assert not BudgetProject.objects.filter(author=voter).exists()


def test_a_process_without_an_idea_phase_takes_no_ideas(process, pool, voter):
    with pytest.raises(BudgetError, match="does not take ideas"):
        submit(process, voter)


def test_an_idea_needs_an_eligible_resident(idea_process, make_voter, other_area):
    outsider = make_voter(area=other_area)
    with pytest.raises(BudgetError, match="Only residents of"):
        submit(idea_process, outsider)
    unverified = make_voter(verified=False)
    with pytest.raises(BudgetError, match="MitID or BankID"):
        submit(idea_process, unverified)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Give the idea a title"),
        ({"description": ""}, "Describe the idea"),
        ({"estimated_cost": 0}, "whole kroner above 0"),
        ({"estimated_cost": 100_001}, "may cost at most 100.000 kr"),
        ({"pool_id": 999_999}, "Choose the pool"),
        ({"area_id": 999_999}, "Choose an area"),
        ({"organisation_id": 999_999}, "associations you are responsible for"),
    ],
)
def test_bad_ideas_are_refused_with_a_reason(idea_process, voter, changes, message):
    with pytest.raises(BudgetError, match=message):
        submit(idea_process, voter, **changes)
    assert not BudgetProject.objects.exists()


def test_an_association_proposes_through_its_responsible_person(idea_process, voter):
    club = Organisation.objects.create(
        municipality=idea_process.municipality,
        name="Sorgenfri Spejderne",
        kind="association",
        responsible_person=voter,
    )
    project = submit(idea_process, voter, organisation_id=club.pk)
    assert project.organisation == club


@pytest.fixture
def submitted(idea_process, voter):  # type: ignore[no-untyped-def]
    return submit(idea_process, voter)


def test_the_review_puts_an_idea_on_the_ballot_with_its_cost_and_tells_the_author(
    submitted, clerks, voter
):
    officer, _admin = clerks
    project = ideas.idea_review(
        project_id=submitted.pk,
        staff=officer,
        feasible=True,
        reason="Kan lade sig gøre; fundament skal med i prisen.",
        cost=75_000,
        now=REVIEW,
    )
    assert project.status == "feasible" and project.cost == 75_000
    assert project.estimated_cost == 60_000
    note = Notification.objects.get(recipient=voter)
    assert "on the ballot" in note.title and note.url == f"/borgerbudget/projekt/{project.pk}/"


def test_the_review_needs_a_public_reason_staff_and_the_cap(submitted, clerks, voter):
    officer, _admin = clerks
    with pytest.raises(BudgetError, match="Write the reason"):
        ideas.idea_review(
            project_id=submitted.pk,
            staff=officer,
            feasible=False,
            reason=" ",
            cost=None,
            now=REVIEW,
        )
    with pytest.raises(BudgetError, match="may cost at most"):
        ideas.idea_review(
            project_id=submitted.pk,
            staff=officer,
            feasible=True,
            reason="OK",
            cost=150_000,
            now=REVIEW,
        )
    with pytest.raises(BudgetError, match="role does not allow"):
        ideas.idea_review(
            project_id=submitted.pk, staff=voter, feasible=True, reason="OK", cost=1, now=REVIEW
        )
    with pytest.raises(BudgetError, match="Voting has opened"):
        ideas.idea_review(
            project_id=submitted.pk, staff=officer, feasible=True, reason="OK", cost=1, now=OPENS
        )
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and submitted.review_reason == ""


def test_duplicates_are_merged_and_the_author_told(idea_process, submitted, make_voter, clerks):
    officer, _admin = clerks
    other_author = make_voter()
    duplicate = submit(idea_process, other_author, title="Shelter i Sorgenfri")
    merged = ideas.idea_merge(
        project_id=duplicate.pk, into_id=submitted.pk, staff=officer, reason="", now=REVIEW
    )
    assert merged.status == "merged" and merged.merged_into == submitted
    assert "same idea" in merged.review_reason
    assert Notification.objects.filter(recipient=other_author).exists()
    with pytest.raises(BudgetError, match="cannot be merged with itself"):
        ideas.idea_merge(
            project_id=submitted.pk, into_id=submitted.pk, staff=officer, reason="", now=REVIEW
        )
    with pytest.raises(BudgetError, match="Other ideas are merged into this one"):
        third = submit(idea_process, other_author, title="Tredje", now=DURING)
        ideas.idea_merge(
            project_id=submitted.pk, into_id=third.pk, staff=officer, reason="", now=REVIEW
        )
    with pytest.raises(BudgetError, match="same budget that is not merged"):
        ideas.idea_merge(
            project_id=submitted.pk, into_id=duplicate.pk, staff=officer, reason="", now=REVIEW
        )


def test_the_author_answers_the_review_until_voting_opens(submitted, clerks, voter, make_voter):
    officer, _admin = clerks
    with pytest.raises(BudgetError, match="not been reviewed yet"):
        ideas.idea_reply(project_id=submitted.pk, user=voter, text="Hej", now=REVIEW)
    ideas.idea_review(
        project_id=submitted.pk,
        staff=officer,
        feasible=False,
        reason="Fredet område.",
        cost=None,
        now=REVIEW,
    )
    with pytest.raises(BudgetError, match="Only the person who sent in the idea"):
        ideas.idea_reply(project_id=submitted.pk, user=make_voter(), text="Hej", now=REVIEW)
    with pytest.raises(BudgetError, match="Write your answer"):
        ideas.idea_reply(project_id=submitted.pk, user=voter, text="  ", now=REVIEW)
    project = ideas.idea_reply(
        project_id=submitted.pk, user=voter, text="Kan det stå ved skolen i stedet?", now=REVIEW
    )
    assert project.author_reply.startswith("Kan det")
    with pytest.raises(BudgetError, match="Voting has opened"):
        ideas.idea_reply(project_id=submitted.pk, user=voter, text="Senere", now=OPENS)


# --- pages ------------------------------------------------------------------------------------


def test_the_idea_form_keeps_the_text_and_says_why_when_refused(
    municipality, idea_process, voter, client_for
):
    with time_machine.travel(DURING, tick=False):
        client = client_for(municipality, voter, language="en")
        page = client.get(f"/borgerbudget/{idea_process.pk}/ideer/ny/")
        assert page.status_code == 200
        refused = client.post(
            f"/borgerbudget/{idea_process.pk}/ideer/ny/",
            {
                "title": "Kæmpe legeplads",
                "description": "Med klatretårn og <script>alert(1)</script>",
                "pool": idea_process.pools.get().pk,
                "estimated_cost": "250000",
            },
        )
        html = refused.content.decode()
        assert refused.status_code == 400
        assert "may cost at most 100.000 kr" in html
        assert "Kæmpe legeplads" in html and "&lt;script&gt;" in html
        sent = client.post(
            f"/borgerbudget/{idea_process.pk}/ideer/ny/",
            {
                "title": "Legeplads",
                "description": "Med klatretårn.",
                "pool": idea_process.pools.get().pk,
                "estimated_cost": "80000",
            },
        )
        project = BudgetProject.objects.get(title="Legeplads", author=voter)
        assert (
            sent.status_code == 302 and sent["Location"] == f"/borgerbudget/projekt/{project.pk}/"
        )
        listing = client.get(f"/borgerbudget/{idea_process.pk}/ideer/").content.decode()
        assert "Legeplads" in listing


def test_the_idea_form_outside_the_phase_says_so(municipality, idea_process, voter, client_for):
    with time_machine.travel(REVIEW, tick=False):
        client = client_for(municipality, voter, language="en")
        page = client.post(
            f"/borgerbudget/{idea_process.pk}/ideer/ny/",
            {
                "title": "X",
                "description": "Y",
                "pool": idea_process.pools.get().pk,
                "estimated_cost": "1",
            },
        )
    assert page.status_code == 400 and "time for ideas has ended" in page.content.decode()
    assert not BudgetProject.objects.filter(title="X").exists()


def test_anonymous_visitors_are_sent_to_log_in(municipality, idea_process, client_for):
    page = client_for(municipality).get(f"/borgerbudget/{idea_process.pk}/ideer/ny/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_the_project_page_shows_the_review_and_the_answer(
    municipality, submitted, clerks, voter, client_for
):
    officer, _admin = clerks
    ideas.idea_review(
        project_id=submitted.pk,
        staff=officer,
        feasible=False,
        reason="Fredet område.",
        cost=None,
        now=REVIEW,
    )
    with time_machine.travel(REVIEW, tick=False):
        client = client_for(municipality, voter, language="en")
        bad = client.post(f"/borgerbudget/projekt/{submitted.pk}/svar/", {"reply": ""})
        assert bad.status_code == 400
        good = client.post(
            f"/borgerbudget/projekt/{submitted.pk}/svar/", {"reply": "Hvad med skolen?"}
        )
        assert good.status_code == 302
        html = (
            client_for(municipality, language="en")
            .get(f"/borgerbudget/projekt/{submitted.pk}/")
            .content.decode()
        )
    assert "Fredet område." in html and "Hvad med skolen?" in html
    assert "Publish your answer" not in html  # only the author sees the form


def test_another_municipalitys_project_is_not_found(other_municipality, submitted, client_for):
    page = client_for(other_municipality).get(f"/borgerbudget/projekt/{submitted.pk}/")
    assert page.status_code == 404


def test_staff_review_pages(municipality, submitted, clerks, voter, client_for):
    officer, _admin = clerks
    with time_machine.travel(REVIEW, tick=False):
        client = client_for(municipality, officer, language="en")
        home = client.get("/borgerbudget/personale/")
        assert home.status_code == 200 and "1 idea" in home.content.decode()
        queue = client.get(f"/borgerbudget/personale/{submitted.process_id}/ideer/")
        assert queue.status_code == 200 and submitted.title in queue.content.decode()
        prefix = f"r{submitted.pk}"
        refused = client.post(
            f"/borgerbudget/personale/projekt/{submitted.pk}/vurder/",
            {
                f"{prefix}-decision": "feasible",
                f"{prefix}-cost": "500000",
                f"{prefix}-reason": "Dyrt men godt",
            },
        )
        assert refused.status_code == 400
        assert "may cost at most" in refused.content.decode()
        assert "Dyrt men godt" in refused.content.decode()
        done = client.post(
            f"/borgerbudget/personale/projekt/{submitted.pk}/vurder/",
            {
                f"{prefix}-decision": "feasible",
                f"{prefix}-cost": "70000",
                f"{prefix}-reason": "Godt",
            },
        )
        assert done.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "feasible" and submitted.cost == 70_000


def test_residents_cannot_open_the_staff_pages(municipality, submitted, voter, client_for):
    client = client_for(municipality, voter)
    assert client.get("/borgerbudget/personale/").status_code == 403
    assert client.post(f"/borgerbudget/personale/projekt/{submitted.pk}/vurder/").status_code == 403


def test_staff_of_another_municipality_cannot_review(other_municipality, submitted, client_for):
    stranger = grant(UserFactory(), "case_officer", other_municipality)
    page = client_for(other_municipality, stranger).get(
        f"/borgerbudget/personale/{submitted.process_id}/ideer/"
    )
    assert page.status_code == 404


def test_the_data_download_lists_ones_ideas(submitted, voter):
    from medborger.budgeting.selectors import budgeting_export

    data = budgeting_export(voter)
    assert [idea["title"] for idea in data["ideas"]] == ["Shelter ved søen"]
    assert data["ideas"][0]["estimated_cost"] == 60_000


def test_an_idea_stays_when_its_author_deletes_the_account(submitted, voter):
    from medborger.accounts.services import account_delete

    account_delete(user=voter)
    submitted.refresh_from_db()
    assert submitted.author is None and submitted.title == "Shelter ved søen"


def test_the_admin_locks_the_rules_when_voting_opens(process, pool, municipal_admin, rf):
    from django.contrib.admin.sites import site

    from medborger.budgeting.admin import BudgetProcessAdmin

    admin = BudgetProcessAdmin(type(process), site)
    request = rf.get("/")
    request.user = municipal_admin
    with time_machine.travel(IDEAS_OPEN, tick=False):
        assert "counting_rule" not in admin.get_readonly_fields(request, process)
        assert admin.get_queryset(request).filter(pk=process.pk).exists()
    with time_machine.travel(OPENS + timedelta(minutes=1), tick=False):
        locked = admin.get_readonly_fields(request, process)
        assert {"counting_rule", "ballot_type", "voting_closes", "max_cost_share"} <= set(locked)
        pools = admin.get_inline_instances(request, process)[0]
        assert not pools.has_change_permission(request, process)
        assert not pools.has_add_permission(request, process)


def test_a_budget_with_ballots_cannot_be_deleted(process, projects, voter, municipal_admin, rf):
    from django.contrib.admin.sites import site

    from medborger.budgeting.admin import BudgetProcessAdmin
    from medborger.budgeting.services import ballot_cast
    from tests.budgeting.conftest import NOW, pick

    admin = BudgetProcessAdmin(type(process), site)
    request = rf.get("/")
    request.user = municipal_admin
    assert admin.has_delete_permission(request, process)
    ballot_cast(process_id=process.pk, user=voter, choice=pick(projects[0]), now=NOW)
    assert not admin.has_delete_permission(request, process)
