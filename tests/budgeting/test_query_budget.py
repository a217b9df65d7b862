"""Queries are budgeted (DESIGN.md): the ballot page and the vote read the voter's identity, the
pools and the projects once each, however many projects and pools there are. bench/http.py
measures these two under load."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborger.budgeting.models import BudgetProject, Pool
from tests.budgeting.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inside_the_voting_window():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def reads(queries: CaptureQueriesContext, table: str) -> int:
    """Statements that read the table: the ORM's (quoted names) and ballot_box's (plain SQL)."""
    reading = re.compile(rf'\bFROM "?{table}"?(\s|$)')
    return sum(
        1
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith(("SELECT", "WITH")) and reading.search(q["sql"])
    )


def more_projects(process, pool) -> None:  # type: ignore[no-untyped-def]
    extra = Pool.objects.create(process=process, name="Ekstra", amount=50_000)
    for n in range(6):
        BudgetProject.objects.create(
            process=process,
            pool=pool if n % 2 else extra,
            title=f"P{n}",
            cost=1_000,
            status="feasible",
        )


def test_the_ballot_page_reads_each_thing_once(
    municipality, process, pool, projects, voter, client_for
):
    client = client_for(municipality, voter, language="en")
    page = f"/borgerbudget/{process.pk}/"
    client.get(page)
    with CaptureQueriesContext(connection) as few:
        assert client.get(page).status_code == 200
    for table in ("accounts_identity", "budgeting_pool", "budgeting_budgetproject"):
        assert reads(few, table) == 1, table
    more_projects(process, pool)
    with CaptureQueriesContext(connection) as many:
        assert client.get(page).status_code == 200
    assert len(many) == len(few)


def test_the_vote_reads_each_thing_once(municipality, process, pool, projects, voter, client_for):
    more_projects(process, pool)
    client = client_for(municipality, voter, language="en")
    client.get(f"/borgerbudget/{process.pk}/")
    with CaptureQueriesContext(connection) as vote:
        response = client.post(
            f"/borgerbudget/{process.pk}/stem/",
            {"project": [projects[0].pk]},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    for table in ("accounts_identity", "budgeting_pool", "budgeting_budgetproject"):
        assert reads(vote, table) == 1, table
    assert reads(vote, "budgeting_budgetprocess") == 2  # the page's 404 check, the service's lock


def test_a_voter_deep_in_the_area_tree_is_still_inside_the_process_area(
    municipality, make_voter, now
):
    """The voter's areas are read up the whole tree, however deep."""
    from medborger.budgeting.services import ballot_cast, voter_of
    from tests.budgeting.conftest import make_process
    from tests.factories import AreaFactory

    top = AreaFactory(municipality=municipality, slug="hele", name="Hele kommunen")
    chain = [top]
    for depth in range(4):
        chain.append(
            AreaFactory(municipality=municipality, parent=chain[-1], slug=f"niveau-{depth}")
        )
    for home, process_area in ((chain[2], top), (chain[4], top), (chain[4], chain[1])):
        voter = make_voter(area=home)
        assert voter_of(voter) is not None
        process = make_process(municipality, process_area, slug=f"dyb-{home.pk}-{process_area.pk}")
        pool = Pool.objects.create(process=process, name="Alle", amount=100_000)
        project = BudgetProject.objects.create(
            process=process, pool=pool, title="Bænk", cost=1_000, status="feasible"
        )
        ballot_cast(process_id=process.pk, user=voter, choice={str(project.pk): 1}, now=now)
