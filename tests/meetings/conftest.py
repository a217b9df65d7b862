"""Shared fixtures for meetings: a citizens' meeting with 3 seats, an open plenum, residents,
a committee secretary and a case officer. Time is a parameter: services get `now` from here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from medborger.meetings.models import Meeting, MeetingKind
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import AreaFactory, UserFactory, grant

# A Monday morning in June; the meetings are a fortnight later.
T0 = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
START = datetime(2025, 6, 16, 17, 0, tzinfo=UTC)  # 19:00 in Copenhagen


@pytest.fixture
def t0() -> datetime:
    return T0


@pytest.fixture
def area(municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, name="Bakkely", slug="bakkely")


def make_meeting(municipality: Any, **fields: Any) -> Meeting:
    values: dict[str, Any] = {
        "municipality": municipality,
        "kind": MeetingKind.CITIZENS,
        "title": "Borgermøde om den nye skolevej",
        "description": "Kom og hør om planerne.",
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "place_name": "Bakkely Forsamlingshus",
        "address": "Bygaden 14, 4000 Bakkely",
        "step_free": True,
        "hearing_loop": True,
    }
    values.update(fields)
    return Meeting.objects.create(**values)


@pytest.fixture
def meeting(municipality, area):  # type: ignore[no-untyped-def]
    return make_meeting(municipality, area=area, capacity=3)


@pytest.fixture
def plenum(municipality):  # type: ignore[no-untyped-def]
    return make_meeting(
        municipality,
        kind=MeetingKind.OPEN_PLENUM,
        title="Åben plenum i byrådssalen",
        accepts_slot_requests=True,
        place_name="Byrådssalen, Lyngholt Rådhus",
    )


@pytest.fixture
def other_meeting(other_municipality):  # type: ignore[no-untyped-def]
    return make_meeting(other_municipality, title="Andet møde", capacity=10)


@pytest.fixture
def make_resident(municipality):  # type: ignore[no-untyped-def]
    def make(**kwargs: Any) -> Any:
        return grant(UserFactory(**kwargs), "resident", municipality)

    return make


@pytest.fixture
def secretary(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sekretær Sara"), "committee_secretary", municipality)


@pytest.fixture
def officer(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sagsbehandler Sune"), "case_officer", municipality)
