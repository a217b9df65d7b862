"""Shared fixtures for goals: a school goal with a wellbeing indicator, two areas, a case
officer who imports measurements."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from medborger.goals.models import Goal, Indicator
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import AreaFactory, UserFactory, grant


@pytest.fixture
def north(municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, name="Nordby", slug="nordby")


@pytest.fixture
def south(municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, name="Sydby", slug="sydby")


@pytest.fixture
def goal(municipality):  # type: ignore[no-untyped-def]
    return Goal.objects.create(
        municipality=municipality, title="Flere børn trives i skolen", owner="Skoleafdelingen"
    )


@pytest.fixture
def wellbeing(goal):  # type: ignore[no-untyped-def]
    return Indicator.objects.create(
        goal=goal,
        name="Trivsel",
        unit="%",
        baseline_value=Decimal("80"),
        baseline_date=date(2020, 1, 1),
        target_value=Decimal("90"),
        target_date=date(2030, 1, 1),
        plausible_min=Decimal("0"),
        plausible_max=Decimal("100"),
    )


@pytest.fixture
def waiting(goal):  # type: ignore[no-untyped-def]
    return Indicator.objects.create(
        goal=goal,
        name="Ventetid",
        unit="dage",
        direction="lower",
        baseline_value=Decimal("60"),
        baseline_date=date(2020, 1, 1),
        target_value=Decimal("30"),
        target_date=date(2030, 1, 1),
    )


@pytest.fixture
def officer(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(), "case_officer", municipality)


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
