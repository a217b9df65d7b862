"""Shared fixtures for co-creation groups: a group for a committee whose chair is a member, the
other members in the order they joined, staff of the municipality, and a past citizens' meeting.

Time is a parameter: every service gets `now` from these fixtures, never the wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from medborger.cocreation import services
from medborger.cocreation.models import CoCreationGroup, CoCreationPolicy, Membership
from medborger.meetings.models import Meeting
from medborger.places.models import CommitteeMembership
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import CommitteeFactory, UserFactory, grant

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
D0 = date(2025, 3, 3)


def days(n: int) -> timedelta:
    return timedelta(days=n)


@pytest.fixture
def committee(municipality):  # type: ignore[no-untyped-def]
    return CommitteeFactory(municipality=municipality, name="Teknik- og Miljøudvalget")


@pytest.fixture
def committee_chair(municipality, committee):  # type: ignore[no-untyped-def]
    user = grant(UserFactory(name="Peter Munk"), "politician", municipality)
    CommitteeMembership.objects.create(
        committee=committee, user=user, role=CommitteeMembership.Role.CHAIR
    )
    return user


@pytest.fixture
def staff(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Rasmus Sekretær"), "committee_secretary", municipality)


@pytest.fixture
def other_staff(other_municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Otto Andetsteds"), "municipal_admin", other_municipality)


@pytest.fixture
def outsider(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Nina Naboby"), "resident", municipality)


@pytest.fixture
def group(municipality, committee, staff):  # type: ignore[no-untyped-def]
    return services.group_create(
        municipality=municipality,
        actor=staff,
        data=services.GroupData(
            name="Forstyrrelsesgruppen Strandvig",
            purpose="Havnen skal leve hele året.",
            mandate="Skriv en visionsplan inden for et halvt år.",
            starts_on=D0 - days(30),
            ends_on=D0 + days(150),
            status="active",
            committee=committee,
            chair_must_not_be_committee_chair=True,
        ),
        now=T0 - days(30),
    )


@pytest.fixture
def members(group, staff, committee_chair):  # type: ignore[no-untyped-def]
    """Peter (the committee chair), Mette (official), Signe (resident with an account) and a
    business without an account, in that order of joining."""

    def add(role: str, name: str, user: Any = None, joined: int = 30) -> Membership:
        return services.member_add(
            group=group,
            actor=staff,
            role=role,
            joined_on=D0 - days(joined),
            user=user,
            display_name=name,
            now=T0 - days(30),
        )

    return {
        "peter": add("politician", "Peter Munk", committee_chair, joined=30),
        "mette": add("official", "Mette Juhl", UserFactory(name="Mette Juhl"), joined=29),
        "signe": add("resident", "Signe Holm", UserFactory(name="Signe Holm"), joined=28),
        "kiosk": add("business", "Havnekiosken", None, joined=27),
    }


@pytest.fixture
def member_user(members):  # type: ignore[no-untyped-def]
    return members["signe"].user


@pytest.fixture
def open_group(group):  # type: ignore[no-untyped-def]
    """The same group, without the committee-chair rule (neither from the group nor the
    municipality)."""
    CoCreationGroup.objects.filter(pk=group.pk).update(chair_must_not_be_committee_chair=False)
    group.refresh_from_db()
    return group


@pytest.fixture
def citizens_meeting(municipality):  # type: ignore[no-untyped-def]
    return Meeting.objects.create(
        municipality=municipality,
        kind="citizens",
        title="Borgermøde i Strandvig",
        starts_at=T0 - days(10),
        ends_at=T0 - days(10) + timedelta(hours=2),
        place_name="Strandvig Forsamlingshus",
    )


@pytest.fixture
def policy(municipality):  # type: ignore[no-untyped-def]
    return CoCreationPolicy.objects.create(
        municipality=municipality, chair_must_not_be_committee_chair=True
    )
