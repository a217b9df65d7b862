"""Shared fixtures for volunteer teams: a programme with a team in a town, its contact person, a
case officer, volunteers, and a weekly activity made through the services.

Time is a parameter: every service gets `now` from here, never the wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from medborger.volunteering import services
from medborger.volunteering.models import Membership, Programme, Team
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import AreaFactory, UserFactory, grant

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)  # a Monday; the clocks change on 30 March


@pytest.fixture
def programme(municipality):  # type: ignore[no-untyped-def]
    return Programme.objects.create(municipality=municipality, name="Grønne Hold i Lyngby")


@pytest.fixture
def make_team(programme):  # type: ignore[no-untyped-def]
    def make(name: str = "Grønne Hold Strandby", **fields: Any) -> Team:
        area = AreaFactory(municipality=programme.municipality)
        return Team.objects.create(
            programme=programme,
            municipality=programme.municipality,
            area=area,
            name=name,
            **fields,
        )

    return make


@pytest.fixture
def team(make_team):  # type: ignore[no-untyped-def]
    return make_team()


@pytest.fixture
def contact(team):  # type: ignore[no-untyped-def]
    user = grant(UserFactory(name="Kirsten Kontakt"), "resident", team.municipality)
    Membership.objects.create(team=team, user=user, role="contact", joined_at=T0)
    return user


@pytest.fixture
def official(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sara Sagsbehandler"), "case_officer", municipality)


@pytest.fixture
def make_volunteer(municipality):  # type: ignore[no-untyped-def]
    def make(name: str = "Vera Frivillig") -> Any:
        return grant(UserFactory(name=name), "resident", municipality)

    return make


@pytest.fixture
def volunteer(make_volunteer):  # type: ignore[no-untyped-def]
    return make_volunteer()


def series_data(**overrides: Any) -> services.SeriesData:
    values: dict[str, Any] = {
        "title": "Affaldsindsamling ved havnen",
        "place": "Havnekontoret",
        "frequency": "weekly",
        "start_date": date(2025, 3, 8),
        "start_time": time(10, 0),
        "duration_minutes": 120,
        "count": 6,
        "capacity": None,
    }
    values.update(overrides)
    return services.SeriesData(**values)


@pytest.fixture
def make_series(team, contact):  # type: ignore[no-untyped-def]
    def make(*, on: Any = None, at: datetime = T0, **overrides: Any) -> Any:
        return services.series_create(
            team=on or team, actor=contact, data=series_data(**overrides), now=at
        )

    return make


@pytest.fixture
def series(make_series):  # type: ignore[no-untyped-def]
    return make_series()


@pytest.fixture
def first_session(series):  # type: ignore[no-untyped-def]
    return series.sessions.order_by("starts_at").first()
