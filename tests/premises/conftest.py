"""Shared fixtures for municipal premises: the old school in a Danish town with bookable hours
every day 08:00-22:00 (Saturday and Sunday 10:00-16:00), a resident who asks on behalf of an
association, an entrepreneur, and a case officer who decides.

Time is a parameter: every service gets `now` from these fixtures, never the wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from medborger.places.models import Organisation
from medborger.premises import services
from medborger.premises.models import BookingRequest, OpeningHours, Premises
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import UserFactory, grant

CPH = ZoneInfo("Europe/Copenhagen")
# A Monday morning in June; "next week" is the week of 9 June.
T0 = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = CPH) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


NEXT_TUESDAY = date(2025, 6, 10)


def make_premises(municipality: Any, **overrides: Any) -> Premises:
    values: dict[str, Any] = {
        "municipality": municipality,
        "name": "Den gamle skole",
        "address": "Skolevej 2, Kirkeby",
        "capacity": 40,
        "conditions": "Gratis for foreninger. Nøgle hos rådhuset.",
        "published": True,
    }
    values.update(overrides)
    premises = Premises.objects.create(**values)
    for weekday in range(5):
        OpeningHours.objects.create(
            premises=premises, weekday=weekday, opens=time(8), closes=time(22)
        )
    for weekday in (5, 6):
        OpeningHours.objects.create(
            premises=premises, weekday=weekday, opens=time(10), closes=time(16)
        )
    return premises


@pytest.fixture
def t0() -> datetime:
    return T0


@pytest.fixture
def premises(municipality):  # type: ignore[no-untyped-def]
    return make_premises(municipality)


@pytest.fixture
def other_premises(other_municipality):  # type: ignore[no-untyped-def]
    return make_premises(other_municipality, name="Andet hus")


@pytest.fixture
def requester(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Karen Kor"), "resident", municipality)


@pytest.fixture
def entrepreneur(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Ali Jobcafé"), "resident", municipality)


@pytest.fixture
def choir(municipality, requester):  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        municipality=municipality,
        name="Kirkeby Kor",
        kind=Organisation.Kind.ASSOCIATION,
        responsible_person=requester,
    )


@pytest.fixture
def official(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sara Sagsbehandler"), "case_officer", municipality)


def request_data(**overrides: Any) -> services.RequestData:
    values: dict[str, Any] = {
        "title": "Korprøve",
        "purpose": "Kirkeby Kor øver til sommerkoncerten.",
        "participants": 25,
        "starts_at": at(NEXT_TUESDAY, 18),
        "ends_at": at(NEXT_TUESDAY, 20),
        "repeat_until": None,
        "requester_kind": "entrepreneur",
        "initiative_name": "Jobcaféen",
        "responsible_name": "Ali Jobcafé",
        "responsible_phone": "12 34 56 78",
        "responsible_email": "",
    }
    values.update(overrides)
    return services.RequestData(**values)


def form_data(**overrides: Any) -> dict[str, str]:
    values = {
        "title": "Jobcafé",
        "purpose": "Hjælp til CV og jobsøgning for nye borgere.",
        "participants": "15",
        "day": NEXT_TUESDAY.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "repeat_until": "",
        "requester_kind": "entrepreneur",
        "initiative_name": "Jobcaféen",
        "responsible_name": "Ali Jobcafé",
        "responsible_phone": "12 34 56 78",
        "responsible_email": "",
    }
    values.update(overrides)
    return values


@pytest.fixture
def ask(premises, entrepreneur):  # type: ignore[no-untyped-def]
    """Make a request at T0 (or `at`); keyword arguments change the request data."""

    def make(*, by: Any = None, when: datetime = T0, to: Any = None, **data: Any) -> BookingRequest:
        return services.request_submit(
            premises=to or premises,
            requester=by or entrepreneur,
            data=request_data(**data),
            now=when,
        )

    return make


@pytest.fixture
def approved(ask, official):  # type: ignore[no-untyped-def]
    def make(**data: Any) -> BookingRequest:
        booking_request = ask(**data)
        return services.request_approve(request_id=booking_request.pk, official=official, now=T0)

    return make
