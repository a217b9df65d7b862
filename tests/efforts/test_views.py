"""Effort pages through the test client: the list with its filter, an effort's and a plan's page
with the financing table and warnings, 404 for another municipality's effort, 400 for a bad
filter, and a query count that does not grow with the rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from medborger.efforts import selectors, services
from medborger.efforts.models import FinancingLine
from medborger.goals.models import Goal
from tests.efforts.conftest import NOW, cash_line, hours_line
from tests.factories import AreaFactory, OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


@pytest.fixture
def plan(make_effort, orgs, staff):  # type: ignore[no-untyped-def]
    plan = make_effort(
        "Helhedsplan for Engparken",
        kind="plan",
        target_group=None,
        partners=(orgs["kommune"], orgs["forening"]),
    )
    child = make_effort("Lektiecafé", plan=plan, status="running")
    services.financing_line_add(
        actor=staff, effort=child, data=cash_line(750_000, fund="Landsbyggefonden"), now=NOW
    )
    services.financing_line_add(
        actor=staff, effort=child, data=cash_line(150_000, party=orgs["kommune"]), now=NOW
    )
    services.financing_line_add(
        actor=staff,
        effort=child,
        data=hours_line(orgs["bolig"], hours="5", rate="200", weeks="100"),
        now=NOW,
    )
    services.responsibility_add(
        actor=staff,
        effort=child,
        organisation=orgs["forening"],
        task="Frivillige lektiehjælpere to dage om ugen.",
        interface="Mødes med boligsociale medarbejdere hver måned.",
        now=NOW,
    )
    return plan


def test_the_list_shows_plans_and_efforts_with_warnings(
    plan, make_effort, municipality, client_for
):
    make_effort("Ekstra lektiehjælp")  # same group, area and time as Lektiecafé
    page = html(client_for(municipality, language="en").get("/indsatser/"))
    assert "Helhedsplan for Engparken" in page and "Lektiecafé" in page
    assert "“Lektiecafé” targets the same group in the same area" in page
    assert "Fewer than two parties finance this" in page  # Ekstra lektiehjælp has no lines


def test_the_effort_page_shows_the_financing_and_who_does_what(plan, municipality, client_for):
    child = plan.children.get()
    page = html(client_for(municipality, language="en").get(f"/indsatser/{child.pk}/"))
    assert "In total 1.000.000 kr. Funds pay 750.000 kr (75\u00a0%)." in page
    assert "The local parties pay 250.000 kr (25\u00a0%)." in page
    assert "Landsbyggefonden" in page and "150.000 kr" in page and "100.000 kr" in page
    assert "5 hours a week × 200 kr × 100 weeks" in page
    assert "Frivillige lektiehjælpere" in page and "Mødes med boligsociale" in page
    assert "Warnings" not in page
    assert f'href="/indsatser/{plan.pk}/"' in page


def test_the_plan_page_sums_its_efforts(plan, municipality, client_for):
    page = html(client_for(municipality, language="da").get(f"/indsatser/{plan.pk}/"))
    assert "1.000.000 kr" in page and "75\u00a0%" in page and "Lektiecafé" in page
    assert "Kirkeby IF" in page and "Lyngholt Kommune" in page


def test_the_filter_narrows_and_a_bad_value_is_a_400(
    plan, make_effort, municipality, client_for, staff, other_municipality
):
    strand = AreaFactory(municipality=municipality, name="Strandvig", slug="strandvig")
    make_effort("Strandrydning", area=strand, target_group=None)
    client = client_for(municipality, language="en")
    page = html(client.get(f"/indsatser/?omraade={strand.pk}"))
    assert "Strandrydning" in page and "Lektiecafé" not in page

    foreign = AreaFactory(municipality=other_municipality)
    for query in (f"omraade={foreign.pk}", "omraade=abc", "maalgruppe=999999"):
        response = client.get(f"/indsatser/?{query}")
        assert response.status_code == 400
        assert "Choose one of the" in html(response)


def test_another_municipalitys_effort_is_404(plan, client_for, other_municipality):
    response = client_for(other_municipality).get(f"/indsatser/{plan.pk}/")
    assert response.status_code == 404
    assert client_for(other_municipality).get("/indsatser/999999/").status_code == 404


def test_post_is_refused(plan, municipality, client_for):
    assert client_for(municipality).post("/indsatser/").status_code == 405


def test_goals_show_on_the_effort_page(plan, municipality, client_for):
    goal = Goal.objects.create(municipality=municipality, title="Flere unge i uddannelse")
    plan.goals.add(goal)
    page = html(client_for(municipality, language="en").get(f"/indsatser/{plan.pk}/"))
    assert "Flere unge i uddannelse" in page


def test_the_serving_partial_lists_what_serves_a_goal(plan, municipality, staff):
    goal = Goal.objects.create(municipality=municipality, title="Mål")
    plan.goals.add(goal)
    text = render_to_string("efforts/partials/serving.html", {"serving": selectors.serving(goal)})
    assert f'href="/indsatser/{plan.pk}/"' in text and "Helhedsplan for Engparken" in text
    empty = Goal.objects.create(municipality=municipality, title="Tomt")
    assert "Nothing is linked" in render_to_string(
        "efforts/partials/serving.html", {"serving": selectors.serving(empty)}
    )


def test_pages_cost_the_same_queries_however_many_efforts(
    plan, make_effort, municipality, client_for, staff, django_assert_max_num_queries
):
    client = client_for(municipality)
    client.get("/indsatser/")  # warm the session and caches

    def add(n: int) -> None:
        for i in range(n):
            org = OrganisationFactory(municipality=municipality)
            effort = make_effort(f"Indsats {i}", plan=plan, start=date(2026, 1, 1), partners=(org,))
            services.financing_line_add(
                actor=staff, effort=effort, data=cash_line(1000, party=org), now=NOW
            )

    add(1)
    with django_assert_max_num_queries(30) as few:
        client.get("/indsatser/")
        client.get(f"/indsatser/{plan.pk}/")
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/indsatser/")
        client.get(f"/indsatser/{plan.pk}/")


def test_staff_edit_in_the_admin_with_the_same_line_rules(
    plan, municipality, other_municipality, client_for
):
    admin = grant(UserFactory(is_staff=True), "municipal_admin", municipality)
    client = client_for(municipality, admin, language="en")
    assert client.get("/admin/efforts/effort/").status_code == 200
    page = client.get(f"/admin/efforts/effort/{plan.pk}/change/")
    assert page.status_code == 200 and 'value="Landsbyggefonden"' not in html(page)
    child = plan.children.get()
    page = client.get(f"/admin/efforts/effort/{child.pk}/change/")
    assert 'value="Landsbyggefonden"' in html(page)
    foreign = OrganisationFactory(municipality=other_municipality, name="Fremmed Forening")
    assert "Fremmed Forening" not in html(page)
    line = FinancingLine(
        effort=child,
        party=foreign,
        form="meeting_hours",
        start=date(2026, 1, 1),
        end=date(2027, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        line.clean()
    assert "hours_per_week" in error.value.message_dict


def test_the_goal_page_shows_what_serves_it(municipality, make_effort, client_for):
    from medborger.goals.models import Goal

    goal = Goal.objects.create(municipality=municipality, title="Flere elever trives")
    effort = make_effort("Lektiecafé i Beboerhuset")
    effort.goals.add(goal)
    html = client_for(municipality, language="en").get(f"/maal/{goal.pk}/").content.decode()
    assert "What serves this goal" in html and "Lektiecafé i Beboerhuset" in html
