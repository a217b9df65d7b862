"""Each fast-track permission for every role, in each state of an application, and across two
municipalities. The list selector agrees with the detail rule."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from medborger.fasttrack.selectors import applications_visible_to
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "signed_in",
    "applicant",
    "resident",
    "moderator",
    "case_officer",
    "committee_secretary",
    "politician",
    "municipal_admin",
    "case_officer_elsewhere",
    "platform_admin",
]

# permission → roles that hold it (for an application in the given visibility)
ON_APPLICATION = {
    "fasttrack.report": {"applicant"},
    "fasttrack.staff": {
        "moderator",
        "case_officer",
        "committee_secretary",
        "municipal_admin",
        "platform_admin",
    },
    "fasttrack.decide": {"case_officer", "municipal_admin", "platform_admin"},
    "fasttrack.record_payout": {"case_officer", "municipal_admin", "platform_admin"},
}
STAFF = ON_APPLICATION["fasttrack.staff"]


@pytest.fixture
def people(municipality, other_municipality, applicant):  # type: ignore[no-untyped-def]
    made = {
        "anonymous": AnonymousUser(),
        "signed_in": UserFactory(),
        "applicant": applicant,
        "case_officer_elsewhere": grant(UserFactory(), "case_officer", other_municipality),
        "platform_admin": grant(UserFactory(), "platform_admin", None),
    }
    for role in (
        "resident",
        "moderator",
        "case_officer",
        "committee_secretary",
        "politician",
        "municipal_admin",
    ):
        made[role] = grant(UserFactory(), role, municipality)
    return made


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_pool_and_the_signed_in_apply(people, pool, role):
    user = people[role]
    assert user.has_perm("fasttrack.view_pool", pool)
    assert user.has_perm("fasttrack.apply", pool) is (role != "anonymous")
    assert user.has_perm("fasttrack.view_own", pool.municipality) is (role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["submitted", "approved", "rejected", "paid", "reported"])
def test_who_may_do_what_with_an_application(people, flow, municipality, role, state):
    application = getattr(flow, state)()
    user = people[role]
    for perm, holders in ON_APPLICATION.items():
        assert user.has_perm(perm, application) is (role in holders), (perm, role, state)
    sees = state != "submitted" or role in {"applicant"} | STAFF
    assert user.has_perm("fasttrack.view_application", application) is sees, (role, state)
    # The list agrees with the detail page.
    listed = applications_visible_to(user=user, municipality=municipality)
    assert listed.filter(pk=application.pk).exists() is sees, (role, state)
