"""What serves a goal, declared by staff: a funded budget project or an adopted proposal names the
goals it serves (the services' rules, the staff page's permissions and refusals), the project's
and the proposal's pages show those goals, and the goal page lists what serves it. The pages cost
the same number of queries however many goals are shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
from medborger.core.models import AuditEntry
from medborger.efforts import selectors, services
from medborger.efforts.models import GoalContribution
from medborger.goals.models import Goal
from medborger.proposals.models import Proposal
from tests.efforts.conftest import NOW
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

OPENS = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)
HOW = "Flere børn læser i fritiden."


def make_project(municipality: Any, *, status: str = "funded", title: str = "Bogbytteskab") -> Any:
    process = BudgetProcess.objects.filter(municipality=municipality).first()
    if process is None:
        process = BudgetProcess.objects.create(
            municipality=municipality,
            title="Borgerbudget 2025",
            slug=f"budget-{municipality.slug}",
            ballot_type="knapsack",
            min_projects=1,
            max_projects=2,
            counting_rule="greedy",
            voting_opens=OPENS,
            voting_closes=OPENS + timedelta(days=14),
        )
    pool = process.pools.first() or Pool.objects.create(
        process=process, name="Hele kommunen", amount=200_000
    )
    return BudgetProject.objects.create(
        process=process, pool=pool, title=title, cost=50_000, status=status
    )


def make_proposal(
    municipality: Any, *, decision: str = "adopted", title: str = "Udeskole ved skolen"
) -> Proposal:
    return Proposal.objects.create(
        municipality=municipality,
        title=title,
        summary="Kort.",
        body="Langt.",
        state="answered",
        decision=decision,
    )


@pytest.fixture
def goal(municipality):  # type: ignore[no-untyped-def]
    return Goal.objects.create(municipality=municipality, title="Flere elever trives i skolen")


@pytest.fixture
def foreign_goal(other_municipality):  # type: ignore[no-untyped-def]
    return Goal.objects.create(municipality=other_municipality, title="Andet mål")


@pytest.fixture
def project(municipality):  # type: ignore[no-untyped-def]
    return make_project(municipality)


@pytest.fixture
def proposal(municipality):  # type: ignore[no-untyped-def]
    return make_proposal(municipality)


def add(actor: Any, goal: Any, target: Any, how: str = HOW) -> GoalContribution:
    return services.contribution_add(actor=actor, goal=goal, target=target, how=how, now=NOW)


# --- services ------------------------------------------------------------------------------------


def test_a_funded_project_and_adopted_proposals_serve_a_goal(
    municipality, staff, goal, project, proposal
):
    partly = make_proposal(municipality, decision="partly_adopted", title="Delvist")
    made = add(staff, goal, project, how="  Flere   bøger  ")
    add(staff, goal, proposal)
    add(staff, goal, partly)
    assert made.how == "Flere bøger" and made.municipality == municipality
    assert GoalContribution.objects.filter(goal=goal).count() == 3
    entry = AuditEntry.objects.get(action="goalcontribution.created", target_id=str(made.pk))
    assert entry.actor == staff and entry.municipality == municipality
    assert entry.after["how"] == "Flere bøger"


def test_a_municipal_admin_may_declare_too(municipality, municipal_admin, goal, project):
    add(municipal_admin, goal, project)
    assert GoalContribution.objects.count() == 1


@pytest.mark.parametrize("status", ["submitted", "feasible", "infeasible", "not_funded"])
def test_a_project_that_is_not_funded_is_refused(municipality, staff, goal, status):
    with pytest.raises(services.EffortError, match="funded") as error:
        add(staff, goal, make_project(municipality, status=status))
    assert error.value.code == "not_eligible"
    assert not GoalContribution.objects.exists()


@pytest.mark.parametrize("decision", ["", "rejected", "other"])
def test_a_proposal_that_is_not_adopted_is_refused(municipality, staff, goal, decision):
    with pytest.raises(services.EffortError, match="adopted") as error:
        add(staff, goal, make_proposal(municipality, decision=decision))
    assert error.value.code == "not_eligible"


def test_a_goal_of_another_municipality_is_refused(staff, foreign_goal, project):
    with pytest.raises(services.EffortError, match="municipality's own goals") as error:
        add(staff, foreign_goal, project)
    assert (error.value.code, error.value.field) == ("other_municipality", "goal")


def test_the_same_goal_twice_is_refused(staff, goal, project):
    add(staff, goal, project)
    with pytest.raises(services.EffortError, match="already serves") as error:
        add(staff, goal, project)
    assert error.value.code == "duplicate"
    assert GoalContribution.objects.count() == 1
    assert AuditEntry.objects.filter(action="goalcontribution.created").count() == 1


def test_too_long_a_how_is_refused(staff, goal, project):
    with pytest.raises(services.EffortError, match="300") as error:
        add(staff, goal, project, how="x" * 301)
    assert error.value.field == "how"


@pytest.mark.parametrize("role", ["resident", "moderator", "politician", "committee_secretary"])
def test_only_the_goal_keepers_may_declare(municipality, goal, project, role):
    actor = grant(UserFactory(), role, municipality)
    with pytest.raises(services.EffortError, match="case officers") as error:
        add(actor, goal, project)
    assert error.value.code == "not_allowed"


def test_staff_of_another_municipality_may_not_declare(other_municipality, goal, project):
    stranger = grant(UserFactory(), "case_officer", other_municipality)
    with pytest.raises(services.EffortError) as error:
        add(stranger, goal, project)
    assert error.value.code == "not_allowed"


def test_removing_is_audited_and_only_for_the_goal_keepers(municipality, staff, goal, project):
    made = add(staff, goal, project)
    resident = grant(UserFactory(), "resident", municipality)
    with pytest.raises(services.EffortError):
        services.contribution_remove(actor=resident, contribution_id=made.pk, now=NOW)
    services.contribution_remove(actor=staff, contribution_id=made.pk, now=NOW)
    assert not GoalContribution.objects.exists()
    entry = AuditEntry.objects.get(action="goalcontribution.deleted")
    assert entry.before["goal"] == goal.pk and entry.municipality == municipality
    with pytest.raises(services.EffortError) as error:
        services.contribution_remove(actor=staff, contribution_id=made.pk, now=NOW)
    assert error.value.code == "gone"


def test_the_goal_lists_the_project_and_the_proposal(staff, goal, project, proposal):
    add(staff, goal, project, how="Bøger")
    add(staff, goal, proposal)
    items = selectors.serving(goal)
    assert [(i.kind, i.title, i.url, i.how) for i in items] == [
        ("Budget project", project.title, f"/borgerbudget/projekt/{project.pk}/", "Bøger"),
        ("Citizen proposal", proposal.title, f"/forslag/{proposal.pk}/", HOW),
    ]


# --- the staff page ------------------------------------------------------------------------------


def page_of(target: Any) -> str:
    kind = "projekt" if isinstance(target, BudgetProject) else "forslag"
    return f"/indsatser/tjener/{kind}/{target.pk}/"


def text(response: Any) -> str:
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(municipality, client_for, project):
    response = client_for(municipality).get(page_of(project))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client_for(municipality).post(page_of(project), {"goal": "1", "how": "x"})
    assert response.status_code == 302 and not GoalContribution.objects.exists()


@pytest.mark.parametrize("role", ["resident", "moderator", "politician"])
def test_residents_and_other_staff_get_403(municipality, client_for, project, goal, role):
    user = grant(UserFactory(), role, municipality)
    client = client_for(municipality, user)
    assert client.get(page_of(project)).status_code == 403
    response = client.post(page_of(project), {"goal": goal.pk, "how": HOW})
    assert response.status_code == 403 and not GoalContribution.objects.exists()


def test_staff_of_another_municipality_get_403(
    municipality, other_municipality, client_for, project
):
    stranger = grant(UserFactory(), "case_officer", other_municipality)
    assert client_for(municipality, stranger).get(page_of(project)).status_code == 403


def test_another_municipalitys_object_or_an_unknown_kind_is_404(
    municipality, other_municipality, client_for, staff, project
):
    client = client_for(municipality, staff)
    foreign = make_project(other_municipality, title="Fremmed")
    foreign_proposal = make_proposal(other_municipality)
    assert client.get(page_of(foreign)).status_code == 404
    assert client.get(page_of(foreign_proposal)).status_code == 404
    assert client.get(f"/indsatser/tjener/indsats/{project.pk}/").status_code == 404
    assert client.get(f"/indsatser/tjener/ukendt/{project.pk}/").status_code == 404
    assert client.get("/indsatser/tjener/projekt/999999/").status_code == 404
    # A proposal's id under the project kind is not found either.
    assert client.get(f"/indsatser/tjener/projekt/{foreign_proposal.pk + 1000}/").status_code == 404


@pytest.mark.parametrize("who", ["staff", "municipal_admin"])
def test_staff_add_a_goal(municipality, client_for, goal, project, who, request):
    user = request.getfixturevalue(who)
    client = client_for(municipality, user, language="en")
    page = client.get(page_of(project))
    assert page.status_code == 200
    assert goal.title in text(page) and "No goals are named yet." in text(page)
    response = client.post(page_of(project), {"goal": goal.pk, "how": HOW}, follow=True)
    assert response.redirect_chain[-1] == (page_of(project), 302)
    made = GoalContribution.objects.get()
    assert (made.goal, made.object_id, made.how) == (goal, project.pk, HOW)
    assert f"now serves “{goal.title}”" in text(response)
    assert f'href="/maal/{goal.pk}/"' in text(response)


def test_a_proposal_can_be_declared_too(municipality, client_for, staff, goal, proposal):
    client = client_for(municipality, staff, language="en")
    response = client.post(page_of(proposal), {"goal": goal.pk, "how": HOW})
    assert response.status_code == 302
    assert GoalContribution.objects.get().object_id == proposal.pk


def test_a_duplicate_is_409_and_keeps_the_text(municipality, client_for, staff, goal, project):
    add(staff, goal, project)
    client = client_for(municipality, staff, language="en")
    response = client.post(page_of(project), {"goal": goal.pk, "how": "Ny tekst om bøger"})
    assert response.status_code == 409
    assert "This already serves the goal." in text(response)
    assert "Ny tekst om bøger" in text(response)
    assert GoalContribution.objects.count() == 1


def test_a_project_not_funded_is_409_with_the_reason(municipality, client_for, staff, goal):
    waiting = make_project(municipality, status="feasible", title="Venter")
    client = client_for(municipality, staff, language="en")
    page = client.get(page_of(waiting))
    assert page.status_code == 200
    assert "Only a funded budget project can serve a goal." in text(page)
    assert 'id="add-contribution"' not in text(page)
    response = client.post(page_of(waiting), {"goal": goal.pk, "how": "Mit forsøg"})
    assert response.status_code == 409
    assert "Only a funded budget project can serve a goal." in text(response)
    assert "Mit forsøg" in text(response)
    assert not GoalContribution.objects.exists()


def test_a_proposal_not_adopted_is_409(municipality, client_for, staff, goal):
    rejected = make_proposal(municipality, decision="rejected")
    response = client_for(municipality, staff, language="en").post(
        page_of(rejected), {"goal": goal.pk, "how": HOW}
    )
    assert response.status_code == 409
    assert "Only an adopted or partly adopted proposal can serve a goal." in text(response)


def test_a_goal_of_another_municipality_is_400_and_keeps_the_text(
    municipality, client_for, staff, foreign_goal, project
):
    response = client_for(municipality, staff, language="en").post(
        page_of(project), {"goal": foreign_goal.pk, "how": "Min tekst"}
    )
    assert response.status_code == 400
    assert "Choose one of the municipality&#x27;s goals in the list." in text(response)
    assert "Min tekst" in text(response)
    assert not GoalContribution.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"how": "Kun tekst"}, "Choose a goal."),
        ({"goal": "abc", "how": "Kun tekst"}, "Choose one of the municipality"),
        ({"goal": "GOAL", "how": ""}, "Write how it serves the goal."),
        ({"goal": "GOAL", "how": "x" * 301}, "300"),
    ],
)
def test_bad_input_is_400_with_a_message(
    municipality, client_for, staff, goal, project, data, message
):
    data = {k: (goal.pk if v == "GOAL" else v) for k, v in data.items()}
    response = client_for(municipality, staff, language="en").post(page_of(project), data)
    assert response.status_code == 400
    assert message in text(response)
    if data.get("how"):
        assert str(data["how"])[:40] in text(response)
    assert not GoalContribution.objects.exists()


def test_staff_remove_a_goal_after_confirming(municipality, client_for, staff, goal, project):
    made = add(staff, goal, project)
    client = client_for(municipality, staff, language="en")
    page = client.get(page_of(project))
    remove = f"{page_of(project)}fjern/{made.pk}/"
    assert f'href="{remove}"' in text(page)
    confirm = client.get(remove)
    assert confirm.status_code == 200 and "Remove the goal?" in text(confirm)
    assert GoalContribution.objects.exists()
    response = client.post(remove, follow=True)
    assert response.redirect_chain[-1] == (page_of(project), 302)
    assert "no longer serves" in text(response)
    assert not GoalContribution.objects.exists()
    assert client.post(remove).status_code == 404  # already gone


def test_removing_needs_the_right_target_and_role(
    municipality, client_for, staff, goal, project, proposal
):
    made = add(staff, goal, project)
    client = client_for(municipality, staff)
    # The contribution belongs to the project, not to the proposal.
    assert client.post(f"{page_of(proposal)}fjern/{made.pk}/").status_code == 404
    resident = grant(UserFactory(), "resident", municipality)
    assert (
        client_for(municipality, resident).post(f"{page_of(project)}fjern/{made.pk}/").status_code
        == 403
    )
    assert client.put(page_of(project)).status_code == 405
    assert GoalContribution.objects.count() == 1


# --- the public pages ----------------------------------------------------------------------------


def test_the_project_page_shows_the_goals_it_serves(
    municipality, client_for, staff, resident, goal, project
):
    add(staff, goal, project)
    url = f"/borgerbudget/projekt/{project.pk}/"
    for user in (None, resident):
        page = text(client_for(municipality, user, language="en").get(url))
        assert "Goals this serves" in page
        assert f'href="/maal/{goal.pk}/"' in page and HOW in page
        assert "/indsatser/tjener/" not in page
    staff_page = text(client_for(municipality, staff, language="en").get(url))
    assert f'href="/indsatser/tjener/projekt/{project.pk}/"' in staff_page


def test_the_proposal_page_shows_the_goals_it_serves(
    municipality, client_for, staff, goal, proposal
):
    add(staff, goal, proposal)
    url = f"/forslag/{proposal.pk}/"
    page = text(client_for(municipality, language="en").get(url))
    assert "Goals this serves" in page
    assert f'href="/maal/{goal.pk}/"' in page and HOW in page
    assert "/indsatser/tjener/" not in page
    staff_page = text(client_for(municipality, staff, language="en").get(url))
    assert f'href="/indsatser/tjener/forslag/{proposal.pk}/"' in staff_page


def test_staff_see_the_link_on_an_eligible_page_without_goals(
    municipality, client_for, staff, project, proposal
):
    client = client_for(municipality, staff, language="en")
    page = text(client.get(f"/borgerbudget/projekt/{project.pk}/"))
    assert "No goals are named yet." in page and "/indsatser/tjener/projekt/" in page
    assert "Goals this serves" not in text(
        client_for(municipality, language="en").get(f"/borgerbudget/projekt/{project.pk}/")
    )
    waiting = make_project(municipality, status="feasible", title="Venter")
    assert "Goals this serves" not in text(client.get(f"/borgerbudget/projekt/{waiting.pk}/"))
    rejected = make_proposal(municipality, decision="rejected", title="Nej")
    assert "Goals this serves" not in text(client.get(f"/forslag/{rejected.pk}/"))


def test_the_goal_page_lists_the_project_and_the_proposal(
    municipality, client_for, staff, goal, project, proposal
):
    add(staff, goal, project, how="Bøger tæt på")
    add(staff, goal, proposal)
    page = text(client_for(municipality, language="en").get(f"/maal/{goal.pk}/"))
    assert f'href="/borgerbudget/projekt/{project.pk}/"' in page and "Bøger tæt på" in page
    assert f'href="/forslag/{proposal.pk}/"' in page and proposal.title in page


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_pages_cost_the_same_queries_however_many_goals(
    municipality, client_for, staff, project, proposal
):
    urls = [
        f"/borgerbudget/projekt/{project.pk}/",
        f"/forslag/{proposal.pk}/",
        page_of(project),
        page_of(proposal),
    ]
    clients = [client_for(municipality), client_for(municipality, staff)]

    def declare(start: int, count: int) -> None:
        for n in range(start, start + count):
            goal = Goal.objects.create(municipality=municipality, title=f"Mål {n}")
            add(staff, goal, project, how=f"Hvordan {n}")
            add(staff, goal, proposal, how=f"Hvordan {n}")

    declare(0, 1)
    for client in clients:
        for url in urls[:2]:
            client.get(url)  # warm the session and the content type cache
    few = [_queries(c, u) for c in clients for u in (urls if c is clients[1] else urls[:2])]
    declare(1, 5)
    many = [_queries(c, u) for c in clients for u in (urls if c is clients[1] else urls[:2])]
    assert many == few


# --- the demo ------------------------------------------------------------------------------------


def test_the_demo_declares_a_funded_project_and_adopted_proposals_through_the_service():
    from medborger.budgeting.demo import load_budgets
    from medborger.core import demo
    from medborger.efforts.demo import DECLARED, load_efforts
    from medborger.goals.demo import load_goals
    from medborger.proposals.demo import load_proposals

    context = demo.load_foundation()
    for loader in (load_proposals, load_budgets, load_goals):
        loader(context)
    summary = load_efforts(context)
    assert summary[0].endswith("; 3 goals served by budget projects and proposals.")
    declared = list(GoalContribution.objects.select_related("goal", "content_type"))
    assert {(c.content_type.model, c.goal.title) for c in declared} == {
        ("budgetproject", "Flere elever trives i skolen"),
        ("proposal", "Flere elever trives i skolen"),
        ("proposal", "Lyngholt holder sit CO2-budget"),
    }
    assert all(c.how for c in declared) and len(declared) == len(DECLARED)
    audited = AuditEntry.objects.filter(action="goalcontribution.created").count()
    assert audited == len(DECLARED)
    load_efforts(demo.load_foundation())
    assert GoalContribution.objects.count() == len(DECLARED)
    assert AuditEntry.objects.filter(action="goalcontribution.created").count() == audited
    goal = Goal.objects.get(title="Flere elever trives i skolen")
    kinds = [item.kind for item in selectors.serving(goal)]
    assert "Budget project" in kinds and "Citizen proposal" in kinds
