"""Each permission for every role, in this municipality and another."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from medborger.implementation.views import FundedProject
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

STAFF_ROLES = {"case_officer", "municipal_admin"}


@pytest.mark.parametrize(
    "role",
    [
        None,
        "resident",
        "moderator",
        "case_officer",
        "committee_secretary",
        "politician",
        "municipal_admin",
    ],
)
def test_each_role(role, municipality, other_municipality, project):
    user = UserFactory()
    if role:
        grant(user, role, municipality)
    target = FundedProject(municipality=municipality, project=project)
    assert user.has_perm("implementation.view_list", municipality)
    assert user.has_perm("implementation.view", target)
    expected = role in STAFF_ROLES
    assert user.has_perm("implementation.staff", municipality) is expected
    assert user.has_perm("implementation.manage", target) is expected
    # A role here is nothing in another municipality.
    elsewhere = FundedProject(municipality=other_municipality, project=project)
    assert user.has_perm("implementation.manage", elsewhere) is False


def test_anonymous_reads_only(municipality, project):
    anonymous = AnonymousUser()
    target = FundedProject(municipality=municipality, project=project)
    assert anonymous.has_perm("implementation.view", target)
    assert not anonymous.has_perm("implementation.manage", target)


def test_platform_admin_may_manage_anywhere(municipality, project):
    admin = grant(UserFactory(), "platform_admin", None)
    assert admin.has_perm(
        "implementation.manage", FundedProject(municipality=municipality, project=project)
    )
