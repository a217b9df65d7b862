"""Shared fixtures for participatory budgets: an area tree, a knapsack process with one pool of
200.000 kr and three feasible projects, verified voters and staff.

Time is a parameter: every service gets `now` from these fixtures, never the wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
from medborger.places.models import AreaKind
from tests.factories import AreaFactory, UserFactory, grant, verify

OPENS = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)
CLOSES = OPENS + timedelta(days=14)
NOW = OPENS + timedelta(days=2)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def town(municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, name="Lyngby", slug="lyngby", kind=AreaKind.TOWN)


@pytest.fixture
def district(municipality, town):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, parent=town, name="Sorgenfri", slug="sorgenfri")


@pytest.fixture
def sibling_district(municipality, town):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, parent=town, name="Virum", slug="virum")


@pytest.fixture
def other_area(other_municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=other_municipality, name="Andeby", slug="andeby")


def make_process(municipality: Any, area: Any, **kw: Any) -> BudgetProcess:
    values: dict[str, Any] = {
        "municipality": municipality,
        "title": "Sorgenfri bestemmer",
        "slug": "sorgenfri-2025",
        "area": area,
        "ballot_type": "knapsack",
        "min_projects": 1,
        "max_projects": 2,
        "counting_rule": "greedy",
        "voting_opens": OPENS,
        "voting_closes": CLOSES,
    }
    values.update(kw)
    return BudgetProcess.objects.create(**values)


@pytest.fixture
def process(municipality, district):  # type: ignore[no-untyped-def]
    return make_process(municipality, district)


@pytest.fixture
def pool(process):  # type: ignore[no-untyped-def]
    return Pool.objects.create(process=process, name="Hele bydelen", amount=200_000)


@pytest.fixture
def projects(process, pool):  # type: ignore[no-untyped-def]
    """Three feasible projects (120.000, 90.000, 60.000 kr) and one that is not on the ballot."""
    made = [
        BudgetProject.objects.create(
            process=process, pool=pool, title=title, cost=cost, status="feasible"
        )
        for title, cost in (("Legeplads", 120_000), ("Bænke", 90_000), ("Træer", 60_000))
    ]
    BudgetProject.objects.create(
        process=process, pool=pool, title="Svømmehal", cost=150_000, status="infeasible"
    )
    return made


@pytest.fixture
def make_voter(municipality, district):  # type: ignore[no-untyped-def]
    """A verified resident (by default of the district, born 1980)."""

    def make(
        *,
        area: Any = district,
        birth: date = date(1980, 5, 17),
        name: str | None = None,
        verified: bool = True,
        level: int = 2,
    ):  # type: ignore[no-untyped-def]
        user = UserFactory(**({"name": name} if name else {}))
        grant(user, "resident", municipality)
        if verified:
            verify(user, area=area, birth=birth, level=level)
        return user

    return make


@pytest.fixture
def voter(make_voter):  # type: ignore[no-untyped-def]
    return make_voter(name="Vera Vælger")


@pytest.fixture
def clerks(municipality):  # type: ignore[no-untyped-def]
    """Two staff members who may enter and confirm paper ballots."""
    return (
        grant(UserFactory(name="Sagsbehandler Et"), "case_officer", municipality),
        grant(UserFactory(name="Admin To"), "municipal_admin", municipality),
    )


def pick(*projects: Any, points: int = 1) -> dict[str, int]:
    return {str(p.pk): points for p in projects}
