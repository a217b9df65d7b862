"""Who may do what with meetings and the open plenum. Seats, windows and states are checked
again in the services, which say why in the user's language."""

from typing import Any

import rules

from medborger.accounts.models import Role
from medborger.accounts.predicates import (
    has_role,
    is_authenticated,
    is_municipal_admin,
    is_platform_admin,
    is_staff_here,
)


def _meeting_of(obj: Any) -> Any:
    return getattr(obj, "meeting", obj)


@rules.predicate
def running_order_published(user: Any, meeting: Any) -> bool:
    meeting = _meeting_of(meeting)
    return bool(meeting is not None and getattr(meeting, "running_order_published_at", None))


# Staff who run meetings: case officers, committee secretaries and the municipality's admins.
is_meeting_staff = (
    has_role(Role.CASE_OFFICER)
    | has_role(Role.COMMITTEE_SECRETARY)
    | is_municipal_admin
    | is_platform_admin
)
# The committee secretary allocates the open plenum's speaking slots.
can_allocate_slots = has_role(Role.COMMITTEE_SECRETARY) | is_municipal_admin | is_platform_admin

rules.add_perm("meetings.view", rules.always_allow)
rules.add_perm("meetings.register", is_authenticated)
rules.add_perm("meetings.view_own", is_authenticated)
rules.add_perm("meetings.request_slot", is_authenticated)
rules.add_perm("meetings.view_running_order", running_order_published | is_staff_here)
rules.add_perm("meetings.staff", is_staff_here)
rules.add_perm("meetings.manage", is_meeting_staff)
rules.add_perm("meetings.allocate_slots", can_allocate_slots)
