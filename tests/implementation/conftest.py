"""Funded participatory-budget projects to track, and the people who track and follow them.

Voting closed (the funding decision) on DECIDED; the three-month visible-result deadline is
VISIBLE_DUE and the one-year spending deadline SPEND_DUE. Time is a parameter: services get
`now` from the tests; views read the clock, which the tests move with time_machine."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
from tests.factories import UserFactory, grant

# 19:00 in Copenhagen on 2 March: the decision date is 2 March there too.
DECIDED = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
DECIDED_ON = date(2026, 3, 2)
VISIBLE_DUE = date(2026, 6, 2)
SPEND_DUE = date(2027, 3, 2)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def make_process(municipality: Any, *, slug: str = "lyngby-groen-2026", closes: datetime = DECIDED):
    return BudgetProcess.objects.create(
        municipality=municipality,
        title="Grønne lommer 2026",
        slug=slug,
        ballot_type="approval",
        counting_rule="greedy",
        voting_opens=closes - timedelta(days=21),
        voting_closes=closes,
    )


def make_project(
    process: BudgetProcess,
    *,
    title: str = "Blomstereng ved stationen",
    cost: int = 100_000,
    status: str = "funded",
) -> BudgetProject:
    pool = process.pools.first() or Pool.objects.create(
        process=process, name="Hele kommunen", amount=1_000_000
    )
    return BudgetProject.objects.create(
        process=process, pool=pool, title=title, cost=cost, status=status
    )


@pytest.fixture
def process(municipality):  # type: ignore[no-untyped-def]
    return make_process(municipality)


@pytest.fixture
def project(process):  # type: ignore[no-untyped-def]
    return make_project(process)


@pytest.fixture
def unfunded(process):  # type: ignore[no-untyped-def]
    return make_project(process, title="Svømmehal på taget", cost=900_000, status="not_funded")


@pytest.fixture
def officer(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Mette Sagsbehandler"), "case_officer", municipality)


@pytest.fixture
def follower(municipality):  # type: ignore[no-untyped-def]
    return grant(
        UserFactory(name="Frida Følger", notification_frequency="immediate"),
        "resident",
        municipality,
    )


@pytest.fixture
def delivery(project, officer):  # type: ignore[no-untyped-def]
    from medborger.implementation.services import delivery_start

    return delivery_start(project=project, actor=officer, now=at(DECIDED_ON, 20))


def photo_file(
    name: str = "eng.png", fmt: str = "PNG", size: tuple[int, int] = (40, 30)
) -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (80, 160, 60)).save(buffer, format=fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}.get(fmt, "")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


# The browser fixtures (Debian's Chromium through Playwright) for test_browser.py.
from tests.browser.conftest import browser, new_context  # noqa: E402, F401
