"""Each premises permission for every role: anonymous, resident, requester, moderator, case
officer, municipal admin, and staff of another municipality."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(municipality, other_municipality, entrepreneur):  # type: ignore[no-untyped-def]
    return {
        "anonymous": AnonymousUser(),
        "resident": grant(UserFactory(), "resident", municipality),
        "requester": entrepreneur,
        "moderator": grant(UserFactory(), "moderator", municipality),
        "case_officer": grant(UserFactory(), "case_officer", municipality),
        "admin": grant(UserFactory(), "municipal_admin", municipality),
        "foreign_officer": grant(UserFactory(), "case_officer", other_municipality),
    }


EXPECTED = {
    # perm: who may (on a published premises / the request)
    "premises.view_calendar": {
        "anonymous",
        "resident",
        "requester",
        "moderator",
        "case_officer",
        "admin",
        "foreign_officer",
    },
    "premises.request": {
        "resident",
        "requester",
        "moderator",
        "case_officer",
        "admin",
        "foreign_officer",
    },
    "premises.view_request": {"requester", "moderator", "case_officer", "admin"},
    "premises.cancel": {"requester"},
    "premises.staff": {"moderator", "case_officer", "admin"},
    "premises.decide": {"case_officer", "admin"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_who_may(perm, people, premises, ask):
    booking_request = ask()
    target = (
        booking_request
        if perm in ("premises.view_request", "premises.cancel", "premises.decide")
        else premises
    )
    allowed = {who for who, user in people.items() if user.has_perm(perm, target)}
    assert allowed == EXPECTED[perm]


def test_unpublished_premises_are_for_staff_only(people, premises):
    premises.published = False
    allowed = {w for w, u in people.items() if u.has_perm("premises.view_premises", premises)}
    assert allowed == {"moderator", "case_officer", "admin"}
    assert not any(u.has_perm("premises.request", premises) for u in people.values())
