"""Who may do what with hearings. Dates (open, closed) and organisations are checked again in
the services, which say why in the user's language.

A list and a detail page agree: `selectors.hearings_visible_to` filters the same way as
`hearings.view`."""

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
def is_published(user: Any, hearing: Any) -> bool:
    return bool(getattr(hearing, "is_published", False))


@rules.predicate
def is_response_author(user: Any, response: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and response is not None
        and getattr(response, "author_id", None) == user.pk
    )


# The administration: a case officer of the municipality (or its admin).
is_official = has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin

rules.add_perm("hearings.view_list", rules.always_allow)
rules.add_perm("hearings.view", is_published | is_staff_here)
rules.add_perm("hearings.respond", is_authenticated & (is_published | is_staff_here))
rules.add_perm("hearings.view_response_files", is_response_author | is_staff_here)
rules.add_perm("hearings.staff", is_staff_here)
rules.add_perm("hearings.reply", is_official)
