"""Who may do what with co-creation groups. Dates, order of the trail and the chair rules are
checked again in the services, which say why in the user's language.

A list and a detail page agree: `selectors.groups_visible_to` filters the same way as
`cocreation.view_group`: a public group is read by everybody, a closed one by its members and the
municipality's staff. Only members (and staff) work on the group's material; only staff record a
committee's decision."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from medborger.accounts.predicates import is_authenticated, is_staff_here


def group_of(obj: Any) -> Any:
    """The group behind a group, or behind anything that belongs to one (an output, a task)."""
    if obj is None:
        return None
    if hasattr(obj, "memberships"):
        return obj
    return getattr(obj, "group", None)


def is_member_of(user: Any, group: Any) -> bool:
    """A current member with an account: joined, and not left (as of today)."""
    if group is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = getattr(user, "_cocreation_groups", None)
    if cache is None:
        from medborger.cocreation.models import Membership

        today = timezone.localdate()
        cache = frozenset(
            Membership.objects.filter(user=user, joined_on__lte=today)
            .exclude(left_on__lte=today)
            .values_list("group_id", flat=True)
        )
        user._cocreation_groups = cache
    return group.pk in cache


def forget_memberships(user: Any) -> None:
    if hasattr(user, "_cocreation_groups"):
        del user._cocreation_groups


@rules.predicate
def is_group_member(user: Any, obj: Any) -> bool:
    return is_member_of(user, group_of(obj))


@rules.predicate
def is_public_group(user: Any, obj: Any) -> bool:
    group = group_of(obj)
    return bool(group is not None and group.is_public)


@rules.predicate
def is_staff_of_group(user: Any, obj: Any) -> bool:
    group = group_of(obj)
    return bool(is_staff_here(user, group if group is not None else obj))


can_edit = is_group_member | is_staff_of_group

rules.add_perm("cocreation.view_list", rules.always_allow)
rules.add_perm("cocreation.view_group", is_public_group | is_group_member | is_staff_of_group)
rules.add_perm("cocreation.edit_group", is_authenticated & can_edit)
rules.add_perm("cocreation.record_decision", is_authenticated & is_staff_of_group)
