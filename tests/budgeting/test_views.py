"""Participatory budget pages through the test client: without JavaScript and with htmx."""

from __future__ import annotations

import pytest
import time_machine

from medborger.budgeting.models import Ballot
from tests.budgeting.conftest import CLOSES, NOW, make_process

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inside_the_voting_window():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def url(process, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/borgerbudget/{process.pk}/{tail}"


def test_pages_render_for_anonymous_and_signed_in(
    municipality, process, projects, voter, client_for
):
    for user in (None, voter):
        client = client_for(municipality, user, language="en")
        listing = client.get("/borgerbudget/")
        assert listing.status_code == 200
        assert process.title in listing.content.decode()
        page = client.get(url(process))
        html = page.content.decode()
        assert page.status_code == 200
        assert "Legeplads" in html and "120.000 kr" in html and "200.000 kr" in html
        assert "Svømmehal" not in html  # not feasible, not on the ballot
        assert "<fieldset" in html and "<legend" in html
    assert (
        "Sign in to vote"
        in client_for(municipality, language="en").get(url(process)).content.decode()
    )


def test_the_list_shows_open_processes_first_and_an_empty_state(
    municipality, other_municipality, district, client_for
):
    empty = client_for(municipality, language="en").get("/borgerbudget/")
    assert "There are no participatory budgets yet." in empty.content.decode()
    make_process(
        municipality,
        district,
        title="Gammel runde",
        slug="gammel",
        voting_opens=NOW.replace(year=2023),
        voting_closes=NOW.replace(year=2024),
    )
    make_process(municipality, district, title="Åben runde", slug="aaben")
    html = client_for(municipality, language="en").get("/borgerbudget/").content.decode()
    assert html.index("Åben runde") < html.index("Gammel runde")


def test_the_front_page_shows_open_budgets(municipality, process, client_for):
    html = client_for(municipality, language="en").get("/").content.decode()
    assert "Participatory budgets open for voting" in html and process.title in html


def test_another_municipalitys_process_is_404(other_municipality, process, projects, client_for):
    client = client_for(other_municipality)
    assert client.get(url(process)).status_code == 404
    assert client.post(url(process, "opsummering/")).status_code == 404


def test_vote_without_javascript_gives_a_receipt(
    municipality, process, projects, voter, client_for
):
    client = client_for(municipality, voter, language="en")
    response = client.post(url(process, "stem/"), {"project": [projects[0].pk, projects[2].pk]})
    assert response.status_code == 302 and response.url == url(process, "kvittering/")
    receipt = client.session["budget_receipts"][str(process.pk)]
    ballot = Ballot.objects.get()
    assert ballot.receipt_code == receipt
    assert ballot.choice == {str(projects[0].pk): 1, str(projects[2].pk): 1}
    html = client.get(response.url).content.decode()
    assert receipt in html
    assert "Keep this code. With it you can find your ballot in the published list" in html
    again = client.get(url(process)).content.decode()
    assert "You have already voted." in again and "Change my vote" in again


def test_a_refusal_keeps_the_ticks_and_says_why(municipality, process, projects, voter, client_for):
    client = client_for(municipality, voter, language="en")
    response = client.post(url(process, "stem/"), {"project": [projects[0].pk, projects[1].pk]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your choice costs 210.000 kr, but the pool is 200.000 kr." in html
    assert 'role="alert"' in html
    assert f'value="{projects[0].pk}" checked' in html
    assert f'value="{projects[1].pk}" checked' in html
    assert f'value="{projects[2].pk}" checked' not in html
    assert not Ballot.objects.exists()


def test_refusal_with_htmx_returns_the_ballot_only(
    municipality, process, projects, voter, client_for
):
    response = client_for(municipality, voter, language="en").post(
        url(process, "stem/"), {}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose at least one project." in html and "<html" not in html


def test_vote_with_htmx_returns_the_receipt_partial(
    municipality, process, projects, voter, client_for
):
    client = client_for(municipality, voter, language="en")
    response = client.post(
        url(process, "stem/"), {"project": [projects[1].pk]}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and client.session["budget_receipts"][str(process.pk)] in html


def test_htmx_summary_shows_what_is_left(municipality, process, projects, client_for):
    client = client_for(municipality, language="en")
    response = client.post(
        url(process, "opsummering/"), {"project": [projects[2].pk]}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "You have chosen 1 project." in html
    assert "You have 140.000 kr left of 200.000 kr." in html
    over = client.post(
        url(process, "opsummering/"),
        {"project": [projects[0].pk, projects[1].pk]},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "You are 10.000 kr over the budget of 200.000 kr." in over
    assert "Your choice costs" not in over  # the summary says it once
    assert 'id="ballot-error" hx-swap-oob="true"' in over  # an earlier refusal is cleared


def test_cumulative_ballot_keeps_typed_points(municipality, district, voter, client_for):
    from medborger.budgeting.models import BudgetProject, Pool

    process = make_process(
        municipality,
        district,
        slug="point",
        ballot_type="cumulative",
        total_points=5,
        max_projects=None,
    )
    pool = Pool.objects.create(process=process, name="Pulje", amount=100_000)
    a, b = (
        BudgetProject.objects.create(
            process=process, pool=pool, title=t, cost=10_000, status="feasible"
        )
        for t in ("A", "B")
    )
    client = client_for(municipality, voter, language="en")
    summary = client.post(url(process, "opsummering/"), {f"points-{a.pk}": "2"}).content.decode()
    assert "You have 3 of 5 points left." in summary
    refused = client.post(url(process, "stem/"), {f"points-{a.pk}": "4", f"points-{b.pk}": "3"})
    assert refused.status_code == 400
    assert "You have 5 points to spread, but you gave 7." in refused.content.decode()
    assert f'name="points-{b.pk}" value="3"' in refused.content.decode()
    ok = client.post(url(process, "stem/"), {f"points-{a.pk}": "4", f"points-{b.pk}": "1"})
    assert ok.status_code == 302
    assert Ballot.objects.get().choice == {str(a.pk): 4, str(b.pk): 1}


def test_changing_the_vote_uses_the_receipt_in_the_session(
    municipality, process, projects, voter, client_for
):
    client = client_for(municipality, voter, language="en")
    client.post(url(process, "stem/"), {"project": [projects[0].pk]})
    first = client.session["budget_receipts"][str(process.pk)]
    response = client.post(url(process, "stem/"), {"project": [projects[1].pk]})
    assert response.status_code == 302
    second = client.session["budget_receipts"][str(process.pk)]
    assert second != first
    old, new = Ballot.objects.order_by("position")
    assert old.superseded and not new.superseded and new.replaces_receipt == first


def test_without_the_session_receipt_the_voter_types_it(
    municipality, process, projects, voter, client_for
):
    client_for(municipality, voter).post(url(process, "stem/"), {"project": [projects[0].pk]})
    first = Ballot.objects.get().receipt_code
    other_device = client_for(municipality, voter, language="en")
    page = other_device.get(url(process)).content.decode()
    assert 'name="receipt"' in page
    refused = other_device.post(url(process, "stem/"), {"project": [projects[1].pk]})
    assert refused.status_code == 400
    assert (
        "You have already voted. Use your receipt to change your vote." in refused.content.decode()
    )
    ok = other_device.post(url(process, "stem/"), {"project": [projects[1].pk], "receipt": first})
    assert ok.status_code == 302


def test_anonymous_vote_goes_to_sign_in(municipality, process, projects, client_for):
    response = client_for(municipality).post(url(process, "stem/"), {"project": [projects[0].pk]})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Ballot.objects.exists()


def test_after_closing_the_ballot_is_not_offered(
    municipality, process, projects, voter, client_for
):
    with time_machine.travel(CLOSES, tick=False):
        client = client_for(municipality, voter, language="en")
        html = client.get(url(process)).content.decode()
        assert "Voting has closed." in html and 'name="project"' not in html
        refused = client.post(url(process, "stem/"), {"project": [projects[0].pk]})
        assert refused.status_code == 400 and "Voting has closed." in refused.content.decode()
