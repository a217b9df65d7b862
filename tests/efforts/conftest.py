"""Shared fixtures for efforts: a housing area, organisations, a target group, a staff member,
and a helper that makes an effort through the services. Time is a parameter (NOW)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from medborger.efforts import services
from medborger.efforts.models import Effort
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import AreaFactory, OrganisationFactory, UserFactory, grant

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
START, END = date(2026, 1, 1), date(2030, 1, 1)


@pytest.fixture
def staff(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sara Sagsbehandler"), "case_officer", municipality)


@pytest.fixture
def area(municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, name="Engparken", slug="engparken")


@pytest.fixture
def orgs(municipality):  # type: ignore[no-untyped-def]
    return {
        "bolig": OrganisationFactory(municipality=municipality, name="Boligselskabet Engparken"),
        "kommune": OrganisationFactory(municipality=municipality, name="Lyngholt Kommune"),
        "forening": OrganisationFactory(municipality=municipality, name="Kirkeby IF"),
    }


@pytest.fixture
def youth(municipality, staff):  # type: ignore[no-untyped-def]
    return services.target_group_get_or_create(
        actor=staff, municipality=municipality, name="Unge 15-25 år", now=NOW
    )


@pytest.fixture
def make_effort(municipality, staff, orgs, area, youth):  # type: ignore[no-untyped-def]
    def make(title: str = "Lektiecafé", *, actor: Any = None, **fields: Any) -> Effort:
        values: dict[str, Any] = {
            "title": title,
            "owner": orgs["bolig"],
            "start": START,
            "end": END,
            "area": area,
            "target_group": youth,
        }
        values.update(fields)
        return services.effort_create(
            actor=actor or staff,
            municipality=municipality,
            data=services.EffortData(**values),
            now=NOW,
        )

    return make


def cash_line(amount: int, *, party: Any = None, fund: str = "") -> services.LineData:
    return services.LineData(
        form="cash", start=START, end=END, party=party, fund=fund, amount=Decimal(amount)
    )


def hours_line(
    party: Any, *, hours: str, rate: str, weeks: str | None = None, form: str = "staff_hours"
) -> services.LineData:
    return services.LineData(
        form=form,
        start=START,
        end=END,
        party=party,
        hours_per_week=Decimal(hours),
        hourly_rate=Decimal(rate),
        weeks=Decimal(weeks) if weeks is not None else None,
    )
