"""Who may do what with municipal premises. Times, hours, capacity and clashes are checked in the
services, which say why in the user's language.

A list and a detail page agree: `selectors.premises_visible_to` and `selectors.requests_visible_to`
filter the same way as `premises.view_premises` and `premises.view_request`."""

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


@rules.predicate
def is_requester(user: Any, booking_request: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and booking_request is not None
        and getattr(booking_request, "requester_id", None) == user.pk
    )


@rules.predicate
def is_published(user: Any, premises: Any) -> bool:
    return bool(getattr(premises, "published", False))


# The official who decides: a case officer of the municipality (or its admin).
is_official = has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin

rules.add_perm("premises.view_calendar", rules.always_allow)
rules.add_perm("premises.view_premises", is_published | is_staff_here)
rules.add_perm("premises.request", is_authenticated & is_published)
rules.add_perm("premises.view_own", is_authenticated)
rules.add_perm("premises.view_request", is_requester | is_staff_here)
rules.add_perm("premises.cancel", is_requester)
rules.add_perm("premises.staff", is_staff_here)
rules.add_perm("premises.decide", is_official)
