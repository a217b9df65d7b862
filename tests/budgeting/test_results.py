"""The public results page of a participatory budget once voting has closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from medborger.budgeting import services
from medborger.budgeting.models import BudgetProject, Pool
from medborger.budgeting.selectors import process_results
from tests.budgeting.conftest import CLOSES, NOW, make_process, pick

pytestmark = pytest.mark.django_db

AFTER = CLOSES + timedelta(days=1)


def url(process) -> str:  # type: ignore[no-untyped-def]
    return f"/borgerbudget/{process.pk}/resultat/"


@pytest.fixture
def voted(process, projects, make_voter):  # type: ignore[no-untyped-def]
    """Legeplads and Træer get two votes each, Bænke one."""
    legeplads, baenke, traeer = projects
    for choice in (pick(legeplads, traeer), pick(legeplads, traeer), pick(baenke)):
        services.ballot_cast(process_id=process.pk, user=make_voter(), choice=choice, now=NOW)
    return projects


def published(process):  # type: ignore[no-untyped-def]
    services.results_publish(process_id=process.pk, now=AFTER)
    process.refresh_from_db()
    return process_results(process)


def test_the_funded_set_is_the_count_of_the_services(process, voted):
    legeplads, baenke, traeer = voted
    results = published(process)
    funded = {str(row.project.pk) for row in results.rows if row.funded}
    assert funded == set(services.tally(process=process).selected)
    assert funded == {str(legeplads.pk), str(traeer.pk)}
    assert results.ballots == 3
    assert results.verifies
    assert [row.votes for row in results.rows] == [2, 2, 1]
    assert results.pools[0].used == 180_000
    assert results.rows[-1].project == baenke
    statuses = dict(BudgetProject.objects.values_list("title", "status"))
    assert statuses == {
        "Legeplads": "funded",
        "Træer": "funded",
        "Bænke": "not_funded",
        "Svømmehal": "infeasible",
    }


def test_the_count_is_stored_once_and_never_changes(process, voted, make_voter):
    first = services.results_publish(process_id=process.pk, now=AFTER)
    again = services.results_publish(process_id=process.pk, now=AFTER + timedelta(days=3))
    assert first == again
    process.refresh_from_db()
    assert process.counted_at == AFTER
    assert services.results_publish_due(now=AFTER) == []


def test_the_count_waits_for_the_close(process, voted):
    with pytest.raises(services.BudgetError, match="results come when voting closes"):
        services.results_publish(process_id=process.pk, now=NOW)


def test_the_cron_counts_closed_processes(process, voted):
    assert services.results_publish_due(now=NOW) == []
    assert services.results_publish_due(now=AFTER) == [process]
    process.refresh_from_db()
    assert process.result["ballots"] == 3 and process.result["verifies"]


def test_the_page_shows_votes_reasons_and_the_rule(municipality, process, voted, client_for):
    with time_machine.travel(AFTER, tick=False):
        client = client_for(municipality, language="en")
        page = client.get(url(process))
        detail = client.get(f"/borgerbudget/{process.pk}/").content.decode()
    html = page.content.decode()
    assert page.status_code == 200
    assert "<caption>" in html and 'scope="row"' in html and "<progress" in html
    assert "style=" not in html.split("<main", 1)[-1]
    assert "Most votes first" in html
    assert "Chosen by most votes first" in html
    assert "Did not fit in the remaining money" in html
    assert "3 ballots were counted." in html
    assert "180.000 kr of 200.000 kr is used." in html
    assert "The ballot log is whole" in html
    assert html.index("Legeplads") < html.index("Bænke")
    assert url(process) in detail


def test_before_voting_closes_the_page_says_when(municipality, process, voted, client_for):
    with time_machine.travel(NOW, tick=False):
        client = client_for(municipality, language="en")
        page = client.get(url(process))
        detail = client.get(f"/borgerbudget/{process.pk}/").content.decode()
    html = page.content.decode()
    assert page.status_code == 200
    assert "The results come when voting closes on" in html
    assert "Chosen by" not in html
    assert url(process) not in detail


def test_fewer_votes_is_the_reason_when_the_money_would_have_sufficed(
    municipality, district, make_voter
):
    process = make_process(municipality, district, slug="lige", counting_rule="mes")
    pool = Pool.objects.create(process=process, name="Alt", amount=100_000)
    first, second = (
        BudgetProject.objects.create(
            process=process, pool=pool, title=title, cost=cost, status="feasible"
        )
        for title, cost in (("A", 50_000), ("B", 40_000))
    )
    for choice in (pick(first), pick(first), pick(second)):
        services.ballot_cast(process_id=process.pk, user=make_voter(), choice=choice, now=NOW)
    results = published(process)
    rows = {row.title: row for row in results.rows}
    assert {str(r.project.pk) for r in results.rows if r.funded} == set(
        services.tally(process=process).selected
    )
    assert rows["A"].funded and not rows["B"].funded  # B's one voter holds a third: 33.333 kr
    # equal shares: A's two voters pay 25.000 kr each; B's voter has only 33.333,33 kr
    assert rows["A"].price_text == "25.000 kr"
    assert str(rows["A"].why) == "Bought by its supporters' equal shares at 25.000 kr each"
    assert str(rows["B"].why) == "Its supporters' shares could not pay for it"
    assert results.pools[0].share_text == "about 33.333 kr"


def test_another_municipalitys_process_is_not_found(other_municipality, process, voted, client_for):
    with time_machine.travel(AFTER, tick=False):
        page = client_for(other_municipality, language="en").get(url(process))
    assert page.status_code == 404


def test_followers_hear_whether_their_project_was_funded(process, voted, make_voter):
    from medborger.notifications.models import Notification
    from medborger.notifications.services import follow_add

    legeplads, baenke, _traeer = voted
    fan = make_voter()
    follow_add(user=fan, target=legeplads, now=NOW)
    follow_add(user=fan, target=baenke, now=NOW)
    services.results_publish(process_id=process.pk, now=AFTER)
    titles = sorted(Notification.objects.filter(recipient=fan).values_list("title", flat=True))
    assert titles == ["“Bænke” was not funded", "“Legeplads” is funded"]


def test_publishing_starts_tracking_each_funded_project(municipality, process, voted, client_for):
    from medborger.implementation.models import Delivery

    services.results_publish(process_id=process.pk, now=AFTER)
    tracked = set(Delivery.objects.values_list("project__title", flat=True))
    assert tracked == {"Legeplads", "Træer"}
    with time_machine.travel(AFTER, tick=False):
        html = client_for(municipality, language="en").get(url(process)).content.decode()
    assert "How the funded projects are coming along" in html
    assert f"/gennemfoerelse/{voted[0].pk}/" in html
