"""Who may do what, for every kind of person: anonymous, a resident who is not a member, a
member, a member who left, the municipality's staff, and staff of another municipality."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from medborger.cocreation import services
from medborger.cocreation.models import CoCreationGroup
from medborger.cocreation.rules import forget_memberships
from tests.cocreation.conftest import D0, T0, days

pytestmark = pytest.mark.django_db


def test_a_public_group(group, members, staff, outsider, other_staff):
    member = members["signe"].user
    assert AnonymousUser().has_perm("cocreation.view_group", group)
    assert outsider.has_perm("cocreation.view_group", group)
    for who in (AnonymousUser(), outsider, other_staff):
        assert not who.has_perm("cocreation.edit_group", group)
        assert not who.has_perm("cocreation.record_decision", group)
    assert member.has_perm("cocreation.edit_group", group)
    assert not member.has_perm("cocreation.record_decision", group)
    assert staff.has_perm("cocreation.edit_group", group)
    assert staff.has_perm("cocreation.record_decision", group)


def test_a_closed_group(group, members, staff, outsider, other_staff):
    CoCreationGroup.objects.filter(pk=group.pk).update(is_public=False)
    group.refresh_from_db()
    assert not AnonymousUser().has_perm("cocreation.view_group", group)
    assert not outsider.has_perm("cocreation.view_group", group)
    assert not other_staff.has_perm("cocreation.view_group", group)
    assert members["signe"].user.has_perm("cocreation.view_group", group)
    assert staff.has_perm("cocreation.view_group", group)


def test_a_member_who_left_is_no_longer_an_editor(group, members, staff):
    signe = members["signe"]
    assert signe.user.has_perm("cocreation.edit_group", group)
    services.member_leave(member_id=signe.pk, actor=staff, left_on=D0 - days(1), now=T0)
    forget_memberships(signe.user)
    assert not signe.user.has_perm("cocreation.edit_group", group)


def test_politicians_are_not_staff_but_edit_as_members(group, members, municipality):
    peter = members["peter"].user
    assert peter.has_perm("cocreation.edit_group", group)
    assert not peter.has_perm("cocreation.record_decision", group)


def test_a_member_of_one_group_cannot_edit_another(group, members, staff, municipality):
    second = services.group_create(
        municipality=municipality,
        actor=staff,
        data=services.GroupData(name="Anden", purpose="x", mandate="y", starts_on=D0),
        now=T0,
    )
    assert not members["signe"].user.has_perm("cocreation.edit_group", second)
