"""The process row lock serialises appends to the ballot log, so every ballot waits for it: what
needs no lock (the voter's identity, the pools and projects on the ballot) is read before it is
taken, and the locked part is only the checks, the register row and the append (bench/http.py
measures ballots per second; this keeps the lock short)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborger.budgeting.models import Ballot, Pool
from medborger.budgeting.services import BudgetError, ballot_cast, ballots_verify
from tests.budgeting.conftest import pick

pytestmark = pytest.mark.django_db


def _reads(table: str, sql: str) -> bool:
    """The statement reads the table (the ORM quotes names; ballot_box's SQL does not)."""
    return re.search(rf'\bFROM "?{table}"?(\s|$)', sql) is not None


def _after_lock(queries: list[dict[str, str]]) -> list[str]:
    """The statements after the process row is locked (SQLite has no FOR UPDATE: there the
    locking read is the service's only read of the process)."""
    sqls = [q["sql"] for q in queries]
    locked = next(
        i
        for i, sql in enumerate(sqls)
        if "FOR UPDATE" in sql or _reads("budgeting_budgetprocess", sql)
    )
    return sqls[locked + 1 :]


def test_identity_pools_and_projects_are_read_before_the_lock(process, projects, voter, now):
    with CaptureQueriesContext(connection) as captured:
        receipt = ballot_cast(process_id=process.pk, user=voter, choice=pick(projects[0]), now=now)
    locked_part = _after_lock(captured.captured_queries)
    for table in ("accounts_identity", "budgeting_pool", "budgeting_budgetproject"):
        assert not any(_reads(table, sql) for sql in locked_part), table
    assert Ballot.objects.get(receipt_code=receipt).choice == pick(projects[0])
    assert ballots_verify(process=process).verdict.ok


def test_the_checks_still_run_on_what_was_read(process, projects, voter, now):
    not_on_ballot = process.projects.get(status="infeasible")
    with pytest.raises(BudgetError, match="not on the ballot"):
        ballot_cast(process_id=process.pk, user=voter, choice=pick(not_on_ballot), now=now)
    with pytest.raises(BudgetError):  # 120.000 + 90.000 kr is over the 200.000 kr pool
        ballot_cast(
            process_id=process.pk, user=voter, choice=pick(projects[0], projects[1]), now=now
        )
    assert not Ballot.objects.exists()


def test_a_pool_of_another_area_is_refused_from_the_sheet(
    process, pool, projects, make_voter, sibling_district, now
):
    pool.area = sibling_district
    pool.save()
    other = Pool.objects.create(process=process, name="Alle", amount=100_000)
    projects[2].pool = other
    projects[2].save()
    voter = make_voter()  # lives in the process's district, not in the sibling district
    with pytest.raises(BudgetError, match="Only residents of Virum"):
        ballot_cast(process_id=process.pk, user=voter, choice=pick(projects[0]), now=now)
    ballot_cast(process_id=process.pk, user=voter, choice=pick(projects[2]), now=now)
    assert Ballot.objects.count() == 1
